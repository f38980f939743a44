// Read calls of team work that are not agreement figures: the disagreement worklist.
import type { Handlers, Session } from '../session';
import { disagreementList } from '../team/disagreements';

export function teamHandlers(session: Session): Pick<Handlers, 'team.disagreements'> {
  return {
    'team.disagreements': async (request) => disagreementList(session.requireProject(), request),
  };
}
