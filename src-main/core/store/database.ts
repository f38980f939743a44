import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
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

/** Opens a project file, checks it is ours, and brings its schema up to date. */
export function openProjectDatabase(file: string, options: OpenOptions = {}): Db {
  assertSqliteIsSafe();
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create, readonly: options.readOnly ?? false });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CANTOPEN') throw new GlossError('project_error', `Cannot open ${file}: no such project file.`);
    throw new GlossError('project_error', `Cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    let version: number;
    let appId: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      appId = db.pragma('application_id', { simple: true }) as number;
    } catch {
      throw new GlossError('project_error', `${file} is not a Gloss project (not an SQLite database).`);
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
      db.pragma('journal_mode = WAL');
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
    throw err;
  }
}

function migrate(db: Db, from: number): void {
  for (const m of migrations.slice(from)) {
    // Each step commits on its own with its version number, so an interrupted upgrade resumes where it stopped.
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
