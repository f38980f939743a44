// Automatic backups: a snapshot of the project on the first open of each day, kept in `<name>.gloss-backups/` next
// to the project file, the last few of them, and a way back to any of them.
//
// Snapshots are made by SQLite's backup API from the open connection, never by copying the file: a copy of a live
// WAL database can be torn (the main file and its -wal from different moments). Restoring goes the same way in the
// other direction: the backup is written *into* the project through SQLite, in one write transaction on the project
// file, so a crash mid-restore leaves the project as it was, and no stale -wal can ever be replayed onto new pages.
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GlossError } from '../../contract/errors';
import type { BackupInfo } from '../../contract/types';
import { APPLICATION_ID } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { Project } from './Project';
import { canonicalPath, isProcessAlive } from './projectLock';

export const DEFAULT_BACKUPS_TO_KEEP = 7;

export type BackupKind = BackupInfo['kind'];

/** `daily-2025-01-31T10-22-33-123Z.gloss`: the kind and the UTC time, in a name every file system accepts. */
const BACKUP_NAME = /^(daily|before-restore)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.gloss$/;
/** A backup being written: `.<final name>.<pid>.tmp`, plus the journal files SQLite keeps beside it. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.tmp(-journal|-wal|-shm)?$/;

/** The folder a project's backups live in: `Thesis.gloss` → `Thesis.gloss-backups`, next to it. */
export function backupFolderFor(projectPath: string): string {
  const real = canonicalPath(projectPath);
  return join(dirname(real), `${basename(real).replace(/\.gloss$/i, '')}.gloss-backups`);
}

function backupName(kind: BackupKind, at: Date): string {
  return `${kind}-${at.toISOString().replace(/[:.]/g, '-')}.gloss`;
}

/** Every backup of the project that opens as a Gloss project, newest first. Damaged or foreign files are left out. */
export function listBackups(projectPath: string): BackupInfo[] {
  const folder = backupFolderFor(projectPath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((name) => describe(folder, name))
    .filter((b): b is BackupInfo => b !== undefined)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.file < b.file ? 1 : -1));
}

function describe(folder: string, name: string): BackupInfo | undefined {
  const m = BACKUP_NAME.exec(name);
  if (!m) return undefined;
  const path = join(folder, name);
  try {
    const sizeBytes = statSync(path).size;
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return undefined;
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      return {
        file: name,
        kind: m[1] as BackupKind,
        createdAt: `${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z`,
        sizeBytes,
        articles: count('articles'),
        codings: count('codings'),
      };
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Writes a snapshot of the open project into its backups folder and returns it. The snapshot is written under a
 * temporary name, turned into a self-contained rollback-journal file, flushed, and only then given its final name:
 * a backup that is listed is always complete.
 */
export async function createBackup(project: Project, kind: BackupKind, now = new Date()): Promise<BackupInfo> {
  const folder = backupFolderFor(project.path);
  let temp: string | undefined;
  try {
    mkdirSync(folder, { recursive: true });
    removeStaleTemps(folder);
    let at = now;
    while (existsSync(join(folder, backupName(kind, at)))) at = new Date(at.getTime() + 1);
    const name = backupName(kind, at);
    temp = join(folder, `.${name}.${process.pid}.tmp`);
    await project.db.backup(temp);
    // The copy keeps the project's WAL mode. A backup is a file at rest: make it a plain rollback-journal database,
    // so listing or restoring it creates no -wal/-shm files beside it.
    const db = new Database(temp, { fileMustExist: true });
    try {
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    fsyncPath(temp);
    renameSync(temp, join(folder, name));
    fsyncPath(folder);
    const info = describe(folder, name);
    if (!info) throw new Error('the new backup does not open as a Gloss project');
    return info;
  } catch (err) {
    if (temp) removeTemp(temp);
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

/** Keeps the newest `keep` backups of each kind and deletes the rest; returns the names deleted. */
export function pruneBackups(projectPath: string, keep = DEFAULT_BACKUPS_TO_KEEP): string[] {
  const folder = backupFolderFor(projectPath);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const kind of ['daily', 'before-restore'] as const) {
    const mine = names.filter((n) => BACKUP_NAME.exec(n)?.[1] === kind).sort().reverse(); // names sort by time
    for (const name of mine.slice(Math.max(1, keep))) {
      rmSync(join(folder, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
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
  const beforeRestore = await createBackup(project, 'before-restore');
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

/**
 * Removes what an interrupted backup left (its temporary file and journal). Only the process holding the project's
 * lock writes backups, so any temporary file of another, dead process is debris; a live process's stays.
 */
function removeStaleTemps(folder: string): void {
  for (const name of readdirSync(folder)) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

function removeTemp(temp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
}

/** fsync of a file or (best effort: not possible on Windows) a folder. */
function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (err) {
    if (statSync(path).isFile()) throw err;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
