// The CLI as a host: one Session per command, driven through dispatch like the app's windows, so a fix or a rule
// (validation, grapheme snapping, the coder, undo scopes) is made once for every host.
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { CallName, CallRequest, CallResponse } from '../../contract/calls';
import { GlossError } from '../../contract/errors';
import type { GlossEvent } from '../../contract/types';
import { dispatch, MemoryAppState, Session, type HostAdapter } from '../../core/app';
import { packageVersion, sampleDir } from '../shared/paths';

function osUser(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

export class CliSession {
  readonly session: Session;

  /** `coder`: who is recorded on codings (--coder), by default the user's login name. */
  constructor(coder?: string) {
    const host: HostAdapter = {
      kind: 'cli',
      version: packageVersion(),
      sampleDir: sampleDir(),
      sampleProjectPath: join(sampleDir(), 'unused.gloss'),
      // A command names every file it uses; nothing is ever picked in a dialog.
      chooseNewProjectPath: async () => null,
      chooseProjectToOpen: async () => null,
      chooseImportPaths: async () => null,
      chooseExportPath: async () => null,
      coderName: () => coder ?? osUser(),
      dailyBackups: false,
    };
    // Settings and the recent list stay in memory: a pipeline must not rewrite the app's own.
    this.session = new Session(new MemoryAppState({ coderName: coder ?? osUser() }), host);
  }

  /** Dispatches a contract call and returns its result; a refusal becomes the GlossError the user sees. */
  async call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>> {
    const reply = await dispatch(this.session, name, request);
    // The call's name is for developers; the CLI's user typed a command, so the message starts with what is wrong.
    if (!reply.ok) throw new GlossError(reply.error.code, reply.error.message.replace(`${name}: `, ''));
    return reply.result as CallResponse<N>;
  }

  onEvent(listener: (event: GlossEvent) => void): () => void {
    return this.session.onEvent(listener);
  }

  /** Opens a project for the command: for writing (one writer per file), or read-only beside a writer. */
  async open(path: string, mode: 'write' | 'read'): Promise<void> {
    await this.call('project.open', { path, readOnly: mode === 'read' });
  }

  close(): void {
    this.session.closeProject(false);
  }
}

/** Runs `work` with a session on the project and always closes it (releasing the lock). */
export async function withProject<T>(path: string, mode: 'write' | 'read', work: (cli: CliSession) => Promise<T>, coder?: string): Promise<T> {
  const cli = new CliSession(coder);
  try {
    await cli.open(path, mode);
    return await work(cli);
  } finally {
    cli.close();
  }
}
