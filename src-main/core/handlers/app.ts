import { sqliteVersion } from '../store/database';
import type { Handlers, Session } from '../session';

export function appHandlers(session: Session): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => ({
      version: session.host.version,
      host: session.host.kind,
      sqliteVersion: sqliteVersion(),
      platform: process.platform,
    }),
  };
}
