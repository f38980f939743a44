// The files of a project's backups folder: where it is, what the backups are called, listing, pruning, cleaning up
// after an interrupted backup, and the copy kept before a schema upgrade. Nothing here needs an open Project, so
// Project itself can use it (backups.ts, which makes and restores backups of an open project, builds on this).
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GlossError } from '../../contract/errors';
import type { BackupInfo } from '../../contract/types';
import { APPLICATION_ID } from './database';
import { canonicalPath, isProcessAlive } from './projectLock';
import { checkDatabase } from './check';

export const DEFAULT_BACKUPS_TO_KEEP = 7;

export type BackupKind = BackupInfo['kind'];
const KINDS: BackupKind[] = ['daily', 'before-restore', 'before-upgrade'];

/** `daily-2025-01-31T10-22-33-123Z.gloss`: the kind and the UTC time, in a name every file system accepts. */
export const BACKUP_NAME = /^(daily|before-restore|before-upgrade)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.gloss$/;
/**
 * `<backup>.verified`, beside a backup: the project passed its check (quick_check and every article's fingerprint)
 * when the copy was made. Written after the backup is in place, so a crash in between leaves a backup that merely
 * does not claim to be verified.
 */
export const VERIFIED_SUFFIX = '.verified';
export const verifiedMarker = (folder: string, name: string) => join(folder, `${name}${VERIFIED_SUFFIX}`);

/** Records that the backup `name` passed the check when it was made (see VERIFIED_SUFFIX). */
export function writeVerifiedMarker(folder: string, name: string): void {
  const marker = verifiedMarker(folder, name);
  writeFileSync(marker, `${JSON.stringify({ checkedAt: new Date().toISOString(), checks: ['quick_check', 'article fingerprints', 'coding texts'] })}\n`);
  fsyncPath(marker);
  fsyncPath(folder);
}

/** A backup being written: `.<final name>.<pid>.tmp`, plus the journal files SQLite keeps beside it. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.tmp(-journal|-wal|-shm)?$/;

/** The folder a project's backups live in: `Thesis.gloss` → `Thesis.gloss-backups`, next to it. */
export function backupFolderFor(projectPath: string): string {
  const real = canonicalPath(projectPath);
  return join(dirname(real), `${basename(real).replace(/\.gloss$/i, '')}.gloss-backups`);
}

/** A name for a new backup of `kind` made at `at` that is not taken yet in `folder`. */
export function freeBackupName(folder: string, kind: BackupKind, at: Date): string {
  const name = (t: Date) => `${kind}-${t.toISOString().replace(/[:.]/g, '-')}.gloss`;
  let t = at;
  while (existsSync(join(folder, name(t)))) t = new Date(t.getTime() + 1);
  return name(t);
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

export function describe(folder: string, name: string): BackupInfo | undefined {
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
        verified: existsSync(verifiedMarker(folder, name)),
      };
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Keeps the newest `keep` backups of each kind and deletes the rest, except the newest verified backup (of any kind),
 * which is never deleted: however many unverified copies come after it, one good one stays. Returns the names deleted.
 */
export function pruneBackups(projectPath: string, keep = DEFAULT_BACKUPS_TO_KEEP): string[] {
  const folder = backupFolderFor(projectPath);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  const byTime = (a: string, b: string) => {
    const ta = BACKUP_NAME.exec(a)!.slice(2).join('');
    const tb = BACKUP_NAME.exec(b)!.slice(2).join('');
    return ta < tb ? 1 : ta > tb ? -1 : 0;
  };
  const newestVerified = names
    .filter((n) => BACKUP_NAME.test(n) && names.includes(`${n}${VERIFIED_SUFFIX}`))
    .sort(byTime)[0];
  for (const kind of KINDS) {
    const mine = names.filter((n) => BACKUP_NAME.exec(n)?.[1] === kind).sort().reverse(); // names sort by time
    for (const name of mine.slice(Math.max(1, keep))) {
      if (name === newestVerified) continue;
      rmSync(join(folder, name), { force: true });
      rmSync(verifiedMarker(folder, name), { force: true });
      removed.push(name);
    }
  }
  // A marker whose backup is gone (deleted by hand) marks nothing.
  for (const n of names) {
    if (n.endsWith(VERIFIED_SUFFIX) && BACKUP_NAME.test(n.slice(0, -VERIFIED_SUFFIX.length)) && !names.includes(n.slice(0, -VERIFIED_SUFFIX.length))) {
      rmSync(join(folder, n), { force: true });
    }
  }
  return removed;
}

/**
 * Keeps a copy of a project as it is before its schema is upgraded (a new version of Gloss opening an older project):
 * a migration that goes wrong must not cost the analyst months of work. Made with VACUUM INTO (a consistent copy in
 * one statement; the open happens before any other use of the connection), fsynced, then renamed into the backups
 * folder. If the copy cannot be made, the upgrade does not happen either.
 */
export function snapshotBeforeUpgrade(projectPath: string, db: Db, fromVersion: number, now = new Date()): BackupInfo {
  const folder = backupFolderFor(projectPath);
  let temp: string | undefined;
  try {
    mkdirSync(folder, { recursive: true });
    removeStaleTemps(folder);
    const name = freeBackupName(folder, 'before-upgrade', now);
    temp = join(folder, `.${name}.${process.pid}.tmp`);
    db.prepare('VACUUM INTO ?').run(temp);
    // Checked like every backup; never refused, though: a copy of a damaged project is still what it was before the
    // upgrade. It is marked verified only when it passes.
    const check = new Database(temp, { readonly: true, fileMustExist: true });
    let ok: boolean;
    try {
      ok = checkDatabase(check, { quick: true, maxFindings: 1 }).ok;
    } finally {
      check.close();
    }
    fsyncPath(temp);
    renameSync(temp, join(folder, name));
    fsyncPath(folder);
    if (ok) writeVerifiedMarker(folder, name);
    const info = describe(folder, name);
    if (!info) throw new Error('the copy does not open as a Gloss project');
    return info;
  } catch (err) {
    if (temp) removeTemp(temp);
    throw new GlossError(
      'project_error',
      `This version of Gloss upgrades the project's format (from version ${fromVersion}), and keeps a copy of it first, in ${folder}; that copy could not be made (${(err as Error).message}). Nothing was changed; free some space or make the folder writable, then open the project again.`,
    );
  }
}

/**
 * Removes what an interrupted backup left (its temporary file and journal). Only the process holding the project's
 * lock writes backups, so any temporary file of another, dead process is debris; a live process's stays.
 */
export function removeStaleTemps(folder: string): void {
  for (const name of readdirSync(folder)) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

export function removeTemp(temp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
}

/** fsync of a file or (best effort: not possible on Windows) a folder. */
export function fsyncPath(path: string): void {
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
