import type { Handlers, Session } from '../session';

export function jobsHandlers(session: Session): Pick<Handlers, 'jobs.cancel'> {
  return {
    'jobs.cancel': async ({ jobId }) => ({ cancelled: session.jobs.cancel(jobId) }),
  };
}
