import type { CallName } from '../../contract/calls';
import type { Command } from '../commands/command';
import { projectCommands } from '../commands/projectCommands';
import type { Handlers, Session } from '../session';

/** The project changes: each call's command, run by the session (recorded for undo and announced). */
export function commandHandlers(session: Session): Pick<Handlers, keyof typeof projectCommands> {
  const out: Partial<Record<CallName, (request: never) => Promise<unknown>>> = {};
  for (const [name, command] of Object.entries(projectCommands)) {
    out[name as CallName] = (request: never) => session.execute(command as unknown as Command<CallName, unknown>, request);
  }
  return out as Pick<Handlers, keyof typeof projectCommands>;
}
