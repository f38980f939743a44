import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { GlossError } from '../../contract/errors';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';

/** SQLite 3.51.3 fixed a WAL-reset bug that could corrupt databases; older libraries are refused. */
export const MIN_SQLITE_VERSION = '3.51.3';
export const APPLICATION_ID = 0x474c5353; // "GLSS": lets us tell a Gloss project from any other SQLite file.

export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function assertSqliteIsSafe(version = sqliteVersion()): void {
  // A version that does not parse compares as NaN, which is neither older nor newer: refuse it rather than pass it.
  if (!/^\d+\.\d+(\.\d+)*$/.test(version) || compareVersions(version, MIN_SQLITE_VERSION) < 0) {
    throw new GlossError(
      'project_error',
      `This build of Gloss uses SQLite ${version}, older than ${MIN_SQLITE_VERSION}, which can corrupt projects in WAL mode; update Gloss.`,
    );
  }
}

export interface OpenOptions {
  /** Create the file (and its schema) if it does not exist. */
  create?: boolean;
  readOnly?: boolean;
  /** Runs before an existing project's schema is upgraded (to keep a copy of it); throwing stops the upgrade. */
  beforeUpgrade?: (db: Db, fromVersion: number) => void;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

const notWritable = (err: unknown) => ['EACCES', 'EPERM', 'EROFS'].includes((err as { code?: string }).code ?? '');

/**
 * What can be told about a project file before SQLite opens it, said as what it is: missing, a folder, empty, not an
 * SQLite file, cut short, or in a folder (or itself) that cannot be written. Never lets an existing file that is not
 * a project through to be "created" over: only a file that does not exist is made into a new project.
 */
export function preflightProjectFile(file: string, options: { create?: boolean; readOnly?: boolean } = {}): void {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new GlossError('project_error', `Cannot open ${file}: it is a folder, not a Gloss project file.`);
    if (!st.isFile()) throw new GlossError('project_error', `Cannot open ${file}: it is not a regular file, so not a Gloss project.`);
    size = st.size;
  } catch (err) {
    if (err instanceof GlossError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' && options.create) {
      if (!options.readOnly) checkWritableFolder(file);
      return;
    }
    if (code === 'ENOENT') throw new GlossError('project_error', `Cannot open ${file}: no such project file.`);
    throw new GlossError('project_error', `Cannot open ${file}: ${(err as Error).message}`);
  }
  // Also when asked to create: an empty file where a project is expected is a project that was cut off, as often
  // as not, and only a file that does not exist yet is made into a new project.
  if (size === 0) {
    throw new GlossError(
      'project_error',
      `${file} is empty (0 bytes): it is not a Gloss project, or it was cut off. Gloss leaves it as it is rather than turn it into a new, empty project; restore it from a backup (its .gloss-backups folder) or create a new project under another name.`,
    );
  }
  const head = Buffer.alloc(100);
  let got: number;
  try {
    const fd = openSync(file, 'r');
    try {
      got = readSync(fd, head, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new GlossError('project_error', `Cannot read ${file}: ${(err as Error).message}`);
  }
  if (head.subarray(0, Math.min(got, 16)).toString('latin1') !== SQLITE_MAGIC.slice(0, Math.min(got, 16))) {
    throw new GlossError('project_error', `${file} is not a Gloss project (not an SQLite database).`);
  }
  if (got < 100) throw damagedFile(file, `it is only ${size} bytes long`);
  // The header's page count is trustworthy when its "valid for" counter matches the change counter (SQLite ≥ 3.7.0).
  // A file shorter than that was cut off — unless a WAL file holds pages not yet copied back.
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = head.readUInt32BE(28);
  const sizeValid = head.readUInt32BE(24) === head.readUInt32BE(92);
  let walBytes: number;
  try {
    walBytes = statSync(`${file}-wal`).size;
  } catch {
    walBytes = 0;
  }
  if (sizeValid && walBytes === 0 && pageSize >= 512 && pageCount > 0 && size < pageSize * pageCount) {
    throw damagedFile(file, `it is ${size} bytes long, but its header says ${pageSize * pageCount}`);
  }
  if (!options.readOnly) {
    checkWritableFolder(file);
    try {
      accessSync(file, constants.W_OK);
    } catch (err) {
      if (notWritable(err)) {
        throw new GlossError('project_error', `Cannot open ${file} for writing: the project file is read-only. Make it writable, or read it with gloss stats / gloss export.`);
      }
    }
  }
}

/** The project file's folder when it cannot be written to (SQLite keeps -wal and -shm beside the file), else undefined. */
function unwritableFolder(file: string): string | undefined {
  const folder = dirname(file);
  try {
    accessSync(folder, constants.W_OK);
  } catch (err) {
    if (notWritable(err)) return folder;
  }
  return undefined;
}

function checkWritableFolder(file: string): void {
  const folder = unwritableFolder(file);
  if (folder !== undefined) {
    throw new GlossError(
      'project_error',
      `Cannot open ${file} for writing: the folder ${folder} is read-only (Gloss keeps the project's working files, -wal and -shm, beside it). Copy the project to a folder you can write to, or read it with gloss stats / gloss export.`,
    );
  }
}

function damagedFile(file: string, why: string): GlossError {
  return new GlossError(
    'damaged',
    `${file} is damaged or truncated (${why}). Gloss does not open or change it; restore it from a backup (its .gloss-backups folder), and run gloss check on it to see what is wrong.`,
  );
}

/** Turns an SQLite error on a project's first reads into what it means for the analyst. */
function openError(file: string, err: unknown, readOnly: boolean): GlossError {
  if (err instanceof GlossError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return new GlossError('project_error', `${file} is not a Gloss project (not an SQLite database).`);
  if (code.startsWith('SQLITE_CORRUPT')) return damagedFile(file, (err as Error).message);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    const folder = unwritableFolder(file);
    if (folder !== undefined) {
      return new GlossError(
        'project_error',
        `Cannot open ${file}${readOnly ? '' : ' for writing'}: the folder ${folder} is read-only, and SQLite needs to keep the project's working files (-wal, -shm) beside it. Copy the project to a folder you can write to.`,
      );
    }
  }
  return new GlossError('project_error', `Cannot open ${file}: ${(err as Error).message}`);
}

/** Opens a project file, checks it is ours, and brings its schema up to date. */
export function openProjectDatabase(file: string, options: OpenOptions = {}): Db {
  assertSqliteIsSafe();
  preflightProjectFile(file, options);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create, readonly: options.readOnly ?? false });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CANTOPEN' && options.create !== true) throw openError(file, err, options.readOnly ?? false);
    throw new GlossError('project_error', `Cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    let version: number;
    let appId: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      appId = db.pragma('application_id', { simple: true }) as number;
    } catch (err) {
      throw openError(file, err, options.readOnly ?? false);
    }
    const hasTables = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0;
    if (appId !== APPLICATION_ID && (hasTables || version !== 0)) {
      throw new GlossError('project_error', `${file} is an SQLite database but not a Gloss project.`);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new GlossError(
        'project_error',
        `${file} was saved by a newer version of Gloss (project format ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update Gloss to open it.`,
      );
    }
    if (!options.readOnly) {
      try {
        db.pragma('journal_mode = WAL');
      } catch (err) {
        throw openError(file, err, false);
      }
      // FULL: a commit is durable once the call returns, which is what "every change is saved at once" promises.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (version < LATEST_SCHEMA_VERSION) {
      if (options.readOnly) {
        throw new GlossError('project_error', `${file} needs an upgrade to this version's format; open it for writing first.`);
      }
      if (version > 0) options.beforeUpgrade?.(db, version);
      migrate(db, version);
    }
    return db;
  } catch (err) {
    db.close();
    throw openError(file, err, options.readOnly ?? false);
  }
}

function migrate(db: Db, from: number): void {
  for (const m of migrations.filter((step) => step.version > from)) {
    // Each step commits on its own with its version number, so an interrupted upgrade resumes where it stopped.
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
