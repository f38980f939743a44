import { calls, hostRefusal, isCallName } from '../contract/calls';
import { GlossError, toWireError, type WireError } from '../contract/errors';
import type { Session } from './session';
import { must } from '../contract/must';

export type WireResult = { ok: true; result: unknown } | { ok: false; error: WireError };

/**
 * The single entry point every transport uses (IPC, HTTP, tests): checks the call name, checks that the session's
 * host may make the call (the contract's `hosts` and `pathFields`: a browser never names a file on disk), validates
 * the payload against the contract, runs the handler, and turns every failure into a typed error. Nothing the
 * renderer sends reaches the core unvalidated. The host kind is the session's own, never something a caller sends.
 */
export async function dispatch(session: Session, name: unknown, payload: unknown, windowId?: string): Promise<WireResult> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `There is no call named ${JSON.stringify(String(name)).slice(0, 100)}.` } };
  }
  const refusal = hostRefusal(name, session.host.kind, payload);
  if (refusal) return { ok: false, error: { code: 'forbidden', message: refusal } };
  const parsed = calls[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    // A failed parse has at least one issue.
    const issue = must(parsed.error.issues[0], 'the first validation issue');
    const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
    // Plain words a person can act on: the call's internal name is for logs, not for the field the text was typed
    // in (the app shows this message beside it). The details name the field for a host that wants to place it.
    return {
      ok: false,
      error: { code: 'invalid_request', message: `${issue.message}${where}`, details: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String), message: i.message })) },
    };
  }
  try {
    const handler = session.handlers[name] as (req: unknown) => Promise<unknown>;
    // The window a call comes from has its own coder and blind mode (handlers/team.ts).
    const window = windowId !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(windowId) ? windowId : undefined;
    return { ok: true, result: await session.windows.run(window, () => handler(parsed.data)) };
  } catch (err) {
    if (!(err instanceof GlossError)) {
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) {
        return { ok: false, error: { code: 'conflict', message: (err as Error).message } };
      }
      if (code.startsWith('SQLITE_BUSY')) {
        return { ok: false, error: { code: 'project_error', message: 'The project is busy in another process; try again.' } };
      }
      if (['ENOENT', 'EACCES', 'EPERM', 'ENOSPC', 'EISDIR', 'EROFS', 'EEXIST'].includes(code)) {
        return { ok: false, error: { code: 'io_error', message: (err as Error).message } };
      }
      console.error(`[gloss] ${name} failed:`, err);
    }
    return { ok: false, error: toWireError(err) };
  }
}

