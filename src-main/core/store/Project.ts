import { basename } from 'node:path';
import { cleanText } from '../../contract/text';
import type { Database } from 'better-sqlite3';
import type { ProjectInfo } from '../../contract/types';
import { ArticleStore } from './ArticleStore';
import { ArticleSourceStore } from './ArticleSourceStore';
import { CodeStore } from './CodeStore';
import { CodingStore } from './CodingStore';
import { CoderStore } from './CoderStore';
import { AttributeStore } from './AttributeStore';
import { MemoStore } from './MemoStore';
import { SearchStore } from './SearchStore';
import { AnalysisQueries } from './AnalysisQueries';
import { AgreementQueries } from './AgreementQueries';
import { openProjectDatabase, preflightProjectFile, type OpenOptions } from './database';
import { snapshotBeforeUpgrade } from './backupFiles';
import { ProjectLock } from './projectLock';

/** One open project file and its stores. Everything that reads or writes a project goes through here. */
export class Project {
  readonly articles: ArticleStore;
  readonly codes: CodeStore;
  readonly codings: CodingStore;
  /** The people who code (migration 010). */
  readonly coders: CoderStore;
  /** The analyst's toolkit: typed article attributes, memos, search, and the queries behind retrieval and counts. */
  readonly attributes: AttributeStore;
  readonly memos: MemoStore;
  readonly search: SearchStore;
  readonly analysis: AnalysisQueries;
  /** Who coded what, for inter-coder agreement. */
  readonly agreement: AgreementQueries;
  /** Original bytes of imported files, and re-decoding them. */
  readonly sources: ArticleSourceStore;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly db: Database,
    readonly readOnly: boolean,
    private readonly lock: ProjectLock | null,
  ) {
    this.articles = new ArticleStore(db);
    this.codes = new CodeStore(db);
    this.codings = new CodingStore(db, (codeId) => this.codes.pathOf(codeId));
    this.coders = new CoderStore(db);
    this.attributes = new AttributeStore(db);
    this.memos = new MemoStore(db, (codeId) => this.codes.pathOf(codeId));
    this.search = new SearchStore(db);
    this.analysis = new AnalysisQueries(db, readOnly);
    this.agreement = new AgreementQueries(db);
    this.sources = new ArticleSourceStore(db);
  }

  /**
   * Opens for writing (taking the one-writer lock) unless `readOnly`, which any number of readers may do. `lock`
   * reopens with a lock kept by `closeKeepingLock` (it is released if the open fails).
   */
  static open(path: string, options: OpenOptions & { holder?: string; lock?: ProjectLock } = {}): Project {
    const readOnly = options.readOnly ?? false;
    // Say what is wrong with the file (missing, empty, cut short, read-only folder) before the lock is taken beside it.
    if (!options.lock) preflightProjectFile(path, options);
    const lock = readOnly ? null : (options.lock ?? ProjectLock.acquire(path, options.holder ?? 'Gloss'));
    try {
      // An older project is copied into its backups folder before a new version of Gloss upgrades its format.
      const beforeUpgrade = options.beforeUpgrade ?? ((db: Database, from: number) => void snapshotBeforeUpgrade(path, db, from));
      const db = openProjectDatabase(path, { ...options, beforeUpgrade });
      try {
        // A project just created had no inode to lock by until SQLite made the file.
        lock?.bindIdentity(options.holder ?? 'Gloss');
      } catch (err) {
        db.close();
        throw err;
      }
      return new Project(path, db, readOnly, lock);
    } catch (err) {
      lock?.release();
      throw err;
    }
  }

  /**
   * A second connection to a project this process already holds (a worker thread's), without taking the lock:
   * the lock belongs to the host that started the worker, and SQLite's WAL lets both connections work safely.
   */
  static attach(path: string): Project {
    return new Project(path, openProjectDatabase(path), false, null);
  }

  static create(path: string, name?: string, holder?: string): Project {
    const project = Project.open(path, { create: true, holder });
    if (name) project.setName(name);
    return project;
  }

  get name(): string {
    const row = this.db.prepare("SELECT value FROM project_meta WHERE key = 'name'").get() as { value: string } | undefined;
    return row?.value ?? basename(this.path).replace(/\.gloss$/i, '');
  }

  setName(name: string): void {
    this.db.prepare("INSERT INTO project_meta (key, value) VALUES ('name', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(cleanText(name));
  }

  info(): ProjectInfo {
    return {
      path: this.path,
      name: this.name,
      articles: this.articles.count(),
      codes: this.codes.count(),
      codings: this.codings.count(),
      readOnly: this.readOnly,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closeConnection();
    this.lock?.release();
  }

  /**
   * Closes the connection but keeps the one-writer lock, for work on the file itself (restoring a backup into it)
   * that no other window or process may start in between; reopen with `Project.open(path, { lock })`. A later
   * `close()` of this object does nothing (the lock is no longer its to release).
   */
  closeKeepingLock(): ProjectLock {
    if (!this.lock || this.closed) throw new Error('closeKeepingLock needs a project open for writing');
    this.closeConnection();
    return this.lock;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private closeConnection(): void {
    this.closed = true;
    if (!this.readOnly) {
      // Fold the WAL back into the main file so the project is one self-contained file when the app is closed.
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A checkpoint is an optimisation; the WAL stays valid if it cannot run now.
      }
    }
    this.db.close();
  }
}
