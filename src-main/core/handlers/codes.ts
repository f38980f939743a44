import type { Handlers, Session } from '../session';

/** The codebook's reads; its changes are commands (commands/projectCommands.ts). */
export function codesHandlers(session: Session): Pick<Handlers, 'codes.list' | 'codes.impact'> {
  return {
    'codes.list': async () => ({ codes: session.requireProject().codes.list() }),
    'codes.impact': async ({ id }) => session.requireProject().codes.impact(id),
  };
}
