import { agreementReport } from '../team/agreementReport';
import type { Handlers, Session } from '../session';

export function teamHandlers(session: Session): Pick<Handlers, 'team.coders' | 'team.agreement'> {
  return {
    'team.coders': async () => ({ coders: session.requireProject().agreement.coders() }),
    'team.agreement': async (request) => agreementReport(session.requireProject(), request),
  };
}
