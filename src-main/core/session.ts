import type { CallName, CallResponse, HostKind, ParsedRequest } from '../contract/calls';
import type { ExportResult, GlossEvent } from '../contract/types';
import type { AppState } from './appState';
import type { Change, Command } from './commands/command';
import { EventBus } from './events';
import type { History } from './history';
import type { ImportSource } from './import/importer';
import { JobRegistry } from './jobs';
import { ProjectLifecycle } from './projectLifecycle';
import type { Project } from './store/Project';
import { annotationsHandlers } from './handlers/annotations';
import { appHandlers } from './handlers/app';
import { articlesHandlers } from './handlers/articles';
import { attributesHandlers } from './handlers/attributes';
import { backupsHandlers } from './handlers/backups';
import { codesHandlers } from './handlers/codes';
import { codingsHandlers } from './handlers/codings';
import { commandHandlers } from './handlers/commands';
import { countsHandlers } from './handlers/counts';
import { exportHandlers } from './handlers/export';
import { historyHandlers } from './handlers/history';
import { jobsHandlers } from './handlers/jobs';
import { memosHandlers } from './handlers/memos';
import { projectHandlers } from './handlers/project';
import { retrieveHandlers } from './handlers/retrieve';
import { searchHandlers } from './handlers/search';
import { settingsHandlers } from './handlers/settings';
import { teamHandlers, TeamWindows, windowCoderName, type TeamWindowState } from './handlers/team';
import { agreementHandlers } from './handlers/agreement';
import { mergeHandlers } from './handlers/merge';
import type { ProjectLibrary } from './projectLibrary';
import { projectLibraryHandlers } from './handlers/projectLibrary';

/** What differs between hosts: how the user picks files (native dialogs, a data folder, argv). */
export interface HostAdapter {
  /** Decides which calls and path fields the dispatcher accepts (the contract's `hosts` and `pathFields`). */
  kind: HostKind;
  /** Who is coding, where the host knows better than the settings (the CLI's --coder). */
  coderName?(): string | undefined;
  /** False where a project is open for one command only (the CLI): the daily backup is the app's and web host's. */
  dailyBackups?: boolean;
  version: string;
  /** Where a new project goes; `name` is what the user typed where the host has no save dialog. */
  chooseNewProjectPath(name?: string): Promise<string | null>;
  chooseProjectToOpen(): Promise<string | null>;
  chooseImportPaths(pick: 'files' | 'folder'): Promise<string[] | null>;
  chooseExportPath(format: 'json' | 'csv' | 'xlsx' | 'qdpx' | 'qdc' | 'gloss', suggestedName: string): Promise<string | null>;
  /** May refuse a path the renderer names (the web host limits itself to its data folder). */
  checkProjectPath?(path: string): void;
  /** Lets the web host turn a written file into a download. */
  afterExport?(result: ExportResult): ExportResult;
  /**
   * Web host: hands over files the browser uploaded, each once (for `articles.importUploads`); `release` discards
   * them once the import is done. Throws not_found for an id it does not hold.
   */
  claimUploads?(ids: string[]): { sources: ImportSource[]; release(): void };
  /** Web host: deletes uploads it holds (ids it does not hold are ignored); how many it deleted. */
  discardUploads?(ids: string[]): number;
  /** The uploads' files, still held (for a preview before they are imported or discarded). */
  peekUploads?(ids: string[]): ImportSource[];
  sampleDir: string;
  sampleProjectPath: string;
  /** The built import-writer worker (out/main/importWriter.js); without it imports write on the host's thread. */
  importWriterFile?: string;
  /** The built export worker (out/main/exportWorker.js); without it exports run on the host's thread. */
  exportWorkerFile?: string;
  /** Web host: the projects of its data folder, by name (the `projects.*` calls). */
  projectLibrary?: ProjectLibrary;
}

export type Handlers = { [N in CallName]: (request: ParsedRequest<N>) => Promise<CallResponse<N>> };

/**
 * The state one window works with and the implementation of every contract call: the facade hosts construct (through
 * `core/app`) and dispatch to. The parts live beside it — the open project and its backups (ProjectLifecycle), running
 * jobs (JobRegistry), events (EventBus) — and each call namespace's handlers in `handlers/<namespace>.ts`.
 */
export class Session {
  readonly events = new EventBus();
  readonly jobs = new JobRegistry(this.events);
  readonly lifecycle: ProjectLifecycle;
  /** Each window's current coder and blind-coding choice (handlers/team.ts); `teamWindow` is the calling window's. */
  readonly windows = new TeamWindows();
  /** Every call: the commands (project changes) run through `execute`, the rest answer in their namespace's module. */
  readonly handlers: Handlers;

  constructor(
    readonly appState: AppState,
    readonly host: HostAdapter,
  ) {
    this.lifecycle = new ProjectLifecycle(appState, host, this.events, this.jobs, {
      // Blind mode is chosen per project: another project starts from its own default.
      projectChanged: () => this.windows.projectChanged(),
      coder: () => this.coder(),
    });
    this.handlers = {
      ...commandHandlers(this),
      ...appHandlers(this),
      ...projectHandlers(this),
      ...articlesHandlers(this),
      ...annotationsHandlers(this),
      ...jobsHandlers(this),
      ...codesHandlers(this),
      ...codingsHandlers(this),
      ...exportHandlers(this),
      ...retrieveHandlers(this),
      ...searchHandlers(this),
      ...memosHandlers(this),
      ...attributesHandlers(this),
      ...countsHandlers(this),
      ...teamHandlers(this),
      ...agreementHandlers(this),
      ...mergeHandlers(this),
      ...projectLibraryHandlers(this),
      ...historyHandlers(this),
      ...backupsHandlers(this),
      ...settingsHandlers(this),
    };
  }

  onEvent(listener: (event: GlossEvent) => void): () => void {
    return this.events.onEvent(listener);
  }

  emit(event: GlossEvent): void {
    this.events.emit(event);
  }

  /** Tells every window what a change touched. */
  announce(change: Change): void {
    this.events.announce(change, this.windows.currentId());
  }

  get teamWindow(): TeamWindowState {
    return this.windows.current();
  }

  get currentProject(): Project | null {
    return this.lifecycle.current;
  }

  requireProject(): Project {
    return this.lifecycle.requireProject();
  }

  requireWritable(): Project {
    return this.lifecycle.requireWritable();
  }

  /** The project's undo history; every change the renderer asks for is recorded through it. */
  recorder(): History {
    return this.lifecycle.history();
  }

  openProject(path: string, create = false, name?: string, readOnly = false): Project {
    return this.lifecycle.open(path, create, name, readOnly);
  }

  closeProject(notify = true): boolean {
    return this.lifecycle.close(notify);
  }

  /** Resolves once no background backup is running (for hosts and tests that need a quiet project). */
  backupsSettled(): Promise<void> {
    return this.lifecycle.backupsSettled();
  }

  /** Who is coding in this window: the host's (the CLI's --coder), the window's chosen coder, else the settings'. */
  coder(): string {
    return this.host.coderName?.() ?? windowCoderName(this) ?? this.appState.settings().coderName;
  }

  /**
   * Runs a command: plans it, records it as one undo step over the rows it declares, commits, and announces what
   * changed to every window. The one path every project change takes, whatever the host.
   */
  async execute<N extends CallName, P>(command: Command<N, P>, request: ParsedRequest<N>): Promise<CallResponse<N>> {
    // A command that turns out to write nothing (a preview) may run on a project open read-only.
    const project = command.prepare ? this.requireProject() : this.requireWritable();
    const ctx = { project, coder: this.coder() };
    const prepared = command.prepare ? await command.prepare(ctx, request) : { plan: undefined as P };
    if (prepared.skip !== undefined) return prepared.skip;
    this.requireWritable();
    const plan = prepared.plan as P;
    const created = command.created;
    const result = this.recorder().record(
      command.label(request, plan),
      () => command.scope(ctx, request, plan),
      () => command.run(ctx, request, plan),
      created ? (r) => created(ctx, request, r, plan) : undefined,
      command.burst?.(request, plan),
    );
    this.announce(command.changes(request, result, plan));
    return result;
  }
}
