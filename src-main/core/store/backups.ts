// Automatic backups: a snapshot of the project on the first open of each day, kept in `<name>.gloss-backups/` next
// to the project file, the last few of them, and a way back to any of them.
//
// Snapshots are made by SQLite's backup API from the open connection, never by copying the file: a copy of a live
// WAL database can be torn (the main file and its -wal from different moments). Restoring goes the same way in the
// other direction: the backup is written *into* the project through SQLite, in one write transaction on the project
// file, so a crash mid-restore leaves the project as it was, and no stale -wal can ever be replayed onto new pages.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GlossError } from '../../contract/errors';
import type { BackupInfo } from '../../contract/types';
import {
  BACKUP_NAME,
  backupFolderFor,
  DEFAULT_BACKUPS_TO_KEEP,
  describe,
  freeBackupName,
  fsyncPath,
  listBackups,
  pruneBackups,
  removeStaleTemps,
  removeTemp,
  writeVerifiedMarker,
  type BackupKind,
} from './backupFiles';
import { checkDatabase } from './check';
import { APPLICATION_ID } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { Project } from './Project';

export { backupFolderFor, DEFAULT_BACKUPS_TO_KEEP, listBackups, pruneBackups, type BackupKind } from './backupFiles';

/**
 * Writes a snapshot of the open project into its backups folder and returns it. The snapshot is written under a
 * temporary name, turned into a self-contained rollback-journal file, flushed, and only then given its final name:
 * a backup that is listed is always complete.
 *
 * The copy is checked before it is kept (SQLite's quick_check, every article's text against its fingerprint, every
 * coding's text against its article): the backup API copies pages as they are, so the copy is damaged exactly where
 * the project is. A copy that passes is marked verified. One that fails is thrown away and a 'damaged' error thrown
 * — unless `keepUnverified` (the before-restore copy, which must exist for a restore to be undone, damaged or not).
 */
export async function createBackup(project: Project, kind: BackupKind, now = new Date(), options: { keepUnverified?: boolean } = {}): Promise<BackupInfo> {
  const folder = backupFolderFor(project.path);
  let temp: string | undefined;
  try {
    mkdirSync(folder, { recursive: true });
    removeStaleTemps(folder);
    const name = freeBackupName(folder, kind, now);
    temp = join(folder, `.${name}.${process.pid}.tmp`);
    await project.db.backup(temp);
    // The copy keeps the project's WAL mode. A backup is a file at rest: make it a plain rollback-journal database,
    // so listing or restoring it creates no -wal/-shm files beside it.
    const db = new Database(temp, { fileMustExist: true });
    let report;
    try {
      db.pragma('journal_mode = DELETE');
      report = checkDatabase(db, { quick: true, maxFindings: 20 });
    } finally {
      db.close();
    }
    if (!report.ok && !options.keepUnverified) {
      const [first, ...rest] = report.findings;
      throw new GlossError(
        'damaged',
        `The project did not pass its check, so no backup was made and the existing backups were kept: ${first?.message ?? 'it reported a problem'}${rest.length ? ` (and ${rest.length} more finding${rest.length === 1 ? '' : 's'})` : ''} Run Check project… (or gloss check) and restore a good backup.`,
        { findings: report.findings },
      );
    }
    fsyncPath(temp);
    renameSync(temp, join(folder, name));
    fsyncPath(folder);
    if (report.ok) writeVerifiedMarker(folder, name);
    const info = describe(folder, name);
    if (!info) throw new Error('the new backup does not open as a Gloss project');
    return info;
  } catch (err) {
    if (temp) removeTemp(temp);
    if (err instanceof GlossError) throw err;
    throw new GlossError('io_error', `Could not back up the project into ${folder}: ${(err as Error).message}`);
  }
}

/**
 * The daily snapshot: made when the project has none from today (local time) and has something in it, then old
 * ones pruned. Returns the new backup, or null when none was needed.
 */
export async function ensureDailyBackup(project: Project, options: { keep?: number; now?: Date } = {}): Promise<BackupInfo | null> {
  const now = options.now ?? new Date();
  const today = now.toDateString();
  if (listBackups(project.path).some((b) => b.kind === 'daily' && new Date(b.createdAt).toDateString() === today)) return null;
  if (project.articles.count() === 0 && project.codes.count() === 0) return null;
  const info = await createBackup(project, 'daily', now);
  pruneBackups(project.path, options.keep ?? DEFAULT_BACKUPS_TO_KEEP);
  return info;
}

/** A restore that failed after the project was closed: the project is open again (unchanged) as `project`. */
export class RestoreFailed extends GlossError {
  constructor(
    readonly project: Project,
    message: string,
  ) {
    super('io_error', message);
  }
}

/**
 * Replaces the contents of `project` with the backup `file` (a name from `listBackups`). First the current contents
 * are kept as a 'before-restore' backup; then the connection is closed (the one-writer lock stays held, so no other
 * window can open the project meanwhile), the backup is written into the project file through SQLite's backup API,
 * and the project is opened again, which also upgrades a backup made by an older version of Gloss.
 *
 * `project` is closed when this returns or throws RestoreFailed; use the returned (or attached) project. Errors
 * thrown before the close (an unknown or damaged backup, no room for the before-restore copy) leave it open.
 */
export async function restoreBackup(
  project: Project,
  file: string,
  options: { keep?: number; onClosed?: () => void } = {},
): Promise<{ project: Project; beforeRestore: BackupInfo }> {
  if (project.readOnly) throw new GlossError('forbidden', 'This project is open read-only.');
  const folder = backupFolderFor(project.path);
  if (!BACKUP_NAME.test(file) || basename(file) !== file || !existsSync(join(folder, file))) {
    throw new GlossError('not_found', `There is no backup named ${JSON.stringify(file).slice(0, 300)} of this project.`);
  }
  const source = join(folder, file);
  checkBackup(source, file);
  const beforeRestore = await createBackup(project, 'before-restore', new Date(), { keepUnverified: true });
  const path = project.path;
  const lock = project.closeKeepingLock();
  options.onClosed?.();
  let failure: Error | undefined;
  try {
    const from = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await from.backup(path);
    } finally {
      from.close();
    }
  } catch (err) {
    failure = err as Error;
  }
  const reopened = Project.open(path, { lock });
  pruneBackups(path, options.keep ?? DEFAULT_BACKUPS_TO_KEEP);
  if (failure) {
    throw new RestoreFailed(
      reopened,
      `The backup ${file} could not be restored (${failure.message}); the project is unchanged, and its contents were also kept as ${beforeRestore.file}.`,
    );
  }
  return { project: reopened, beforeRestore };
}

/** Refuses a backup that is not a readable Gloss project of a version this build can open. */
function checkBackup(path: string, file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new GlossError('project_error', `The backup ${file} is not a Gloss project.`);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new GlossError('project_error', `The backup ${file} was made by a newer version of Gloss; update Gloss to restore it.`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new GlossError('project_error', `The backup ${file} is damaged (${String(check)}); choose another one.`);
  } catch (err) {
    if (err instanceof GlossError) throw err;
    throw new GlossError('project_error', `The backup ${file} cannot be read as a Gloss project (${(err as Error).message}); choose another one.`);
  } finally {
    db?.close();
  }
}
