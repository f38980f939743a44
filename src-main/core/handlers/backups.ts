import { backupFolderFor, listBackups } from '../store/backups';
import type { Handlers, Session } from '../session';

export function backupsHandlers(session: Session): Pick<Handlers, 'backups.list' | 'backups.restore'> {
  return {
    'backups.list': async () => {
      const project = session.requireProject();
      await session.backupsSettled();
      return { items: listBackups(project.path), folder: backupFolderFor(project.path) };
    },
    'backups.restore': async ({ file }) => session.lifecycle.restore(file),
  };
}
