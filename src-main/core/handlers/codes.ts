import type { Handlers, Session } from '../session';
import { readCoder } from './team';

/** The codebook's reads; its changes are commands (commands/projectCommands.ts). */
export function codesHandlers(session: Session): Pick<Handlers, 'codes.list' | 'codes.impact' | 'codes.sets.list'> {
  return {
    'codes.list': async ({ coder: asked }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, asked);
      if (coder === undefined) return { codes: project.codes.list() };
      const counts = project.coders.codingCountsByCode(coder);
      return { codes: project.codes.list().map((c) => ({ ...c, codingCount: counts.get(c.id) ?? 0 })), ...filtered };
    },
    'codes.sets.list': async () => ({ codeSets: session.requireProject().codeSets.list() }),
    'codes.impact': async ({ id }) => session.requireProject().codes.impact(id),
  };
}
