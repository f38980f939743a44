// A command is one kind of change to a project: what it is called, the rows it touches (its undo scope, derived
// from the request and the store, never written by a host), what it announces to every open window, and how it
// runs. Hosts never run a change themselves: dispatch finds the command, the runner records it in the history and
// announces it, so a new change gets undo, redo and live updates in every window without more code.
import type { CallName, CallResponse, ParsedRequest } from '../../contract/calls';
import type { ChangedEntity } from '../../contract/types';
import type { Scope } from '../history';
import type { Project } from '../store/Project';

export interface CommandContext {
  project: Project;
  /** Who makes the change (the coder recorded on codings). */
  coder: string;
}

/** What a change touched, for the renderers' query layer. */
export interface Change {
  entities: ChangedEntity[];
  articleIds?: number[];
  codeIds?: number[];
}

/**
 * The work a command plans before its transaction (reads, a search in a worker…). `skip` ends the command there
 * with that response and records nothing: a preview, or a batch with nothing to do, leaves no empty undo step.
 */
export type Planned<P, R> = { plan: P; skip?: undefined } | { skip: R; plan?: undefined };

export interface Command<N extends CallName, P = undefined> {
  name: N;
  /** The undo step's label, as the Edit menu shows it ("Undo Apply code"). */
  label(request: ParsedRequest<N>, plan: P): string;
  /** Optional planning outside the transaction; may refuse (not found…) before anything is written. */
  prepare?(ctx: CommandContext, request: ParsedRequest<N>): Planned<P, CallResponse<N>> | Promise<Planned<P, CallResponse<N>>>;
  /** The rows the change will touch, as they are before it runs. */
  scope(ctx: CommandContext, request: ParsedRequest<N>, plan: P): Scope;
  /** Rows the change created or newly named, read from its result (an id it inserted). */
  created?(ctx: CommandContext, request: ParsedRequest<N>, result: CallResponse<N>, plan: P): Scope;
  /** Runs inside the recorded transaction. */
  run(ctx: CommandContext, request: ParsedRequest<N>, plan: P): CallResponse<N>;
  /**
   * A key for changes that form one undo step when they follow each other quickly (a run of keyboard adjustments
   * of one coding): see History.record. Undefined: a step of its own.
   */
  burst?(request: ParsedRequest<N>, plan: P): string | undefined;
  /** What to tell every window once it has committed. */
  changes(request: ParsedRequest<N>, result: CallResponse<N>, plan: P): Change;
}

/** Identity helper that keeps each command's request and response types tied to its call name. */
export function command<N extends CallName, P = undefined>(definition: Command<N, P>): Command<N, P> {
  return definition;
}
