import type { ProjectInfo } from '../contract/types';
import { GlossError } from '../contract/errors';
import type { AppState } from './appState';
import type { EventBus } from './events';
import { History } from './history';
import type { JobRegistry } from './jobs';
import type { HostAdapter } from './session';
import { Project } from './store/Project';
import { ensureDailyBackup, restoreBackup, RestoreFailed } from './store/backups';
import { canonicalPath } from './store/projectLock';

/**
 * The open project and its undo history: opening (with the daily backup behind it), closing, and restoring a backup.
 * A session has one; everything that needs "the project" asks it.
 */
export class ProjectLifecycle {
  private project: Project | null = null;
  private undoHistory: History | null = null;
  /** The daily backup being written, if any (it runs after the project opens, off the open call's path). */
  private backupTask: Promise<void> | null = null;
  private restoring = false;

  constructor(
    private readonly appState: AppState,
    private readonly host: Pick<HostAdapter, 'kind' | 'dailyBackups'>,
    private readonly events: EventBus,
    private readonly jobs: JobRegistry,
    /** The windows' team state: told when another project opens; who is coding (for the history's tombstones). */
    private readonly team: { projectChanged(): void; coder: () => string },
  ) {}

  get current(): Project | null {
    return this.project;
  }

  requireProject(): Project {
    if (!this.project) throw new GlossError('no_project', 'No project is open. Create or open a project first.');
    return this.project;
  }

  requireWritable(): Project {
    const p = this.requireProject();
    if (p.readOnly) throw new GlossError('forbidden', 'This project is open read-only.');
    return p;
  }

  /** The project's undo history; every change the renderer asks for is recorded through it. */
  history(): History {
    const project = this.requireWritable();
    // A writable open project always has a history (see open and restore); only a reader has none.
    if (!this.undoHistory) throw new GlossError('internal', `${project.name} is open without an undo history.`);
    return this.undoHistory;
  }

  /** Starts the history afresh (after a change the recorded steps cannot be replayed over, such as a re-decode). */
  resetHistory(): void {
    if (this.project && !this.project.readOnly) this.undoHistory = new History(this.project, this.team.coder);
  }

  open(path: string, create = false, name?: string, readOnly = false): Project {
    if (this.restoring) throw new GlossError('conflict', 'A backup is being restored; wait for it to finish.');
    if (readOnly) {
      // A reader beside the writer (the CLI's stats and exports): no lock, no history, no daily backup.
      const reader = Project.open(path, { readOnly: true });
      this.close(false);
      this.project = reader;
      this.undoHistory = null;
      this.announceProject(reader.info());
      return reader;
    }
    // Open the new file before closing the current project: a file that cannot be opened (not a project, a newer
    // format, locked, a folder that does not exist) must leave the open project as it was, not close it behind the
    // renderer's back. Only reopening the same file closes it first, since a process holds one lock per project.
    if (this.project && canonicalPath(this.project.path) === canonicalPath(path)) this.close(false);
    const next = create ? Project.create(path, name, this.lockHolder()) : Project.open(path, { holder: this.lockHolder() });
    this.close(false);
    this.project = next;
    this.team.projectChanged();
    this.undoHistory = new History(next, this.team.coder);
    this.appState.noteOpened(path, next.name);
    this.announceProject(next.info());
    if (this.host.dailyBackups !== false) this.startDailyBackup(next);
    return next;
  }

  close(notify = true): boolean {
    this.jobs.cancelAll();
    if (!this.project) return false;
    this.project.close();
    this.project = null;
    this.undoHistory = null;
    if (notify) this.announceProject(null);
    return true;
  }

  /** Resolves once no background backup is running (for hosts and tests that need a quiet project). */
  async backupsSettled(): Promise<void> {
    while (this.backupTask) await this.backupTask;
  }

  /**
   * Replaces the open project's file with one of its backups (see store/backups.ts) and reopens it. Refused while a
   * job runs; while the file is rewritten there is no open project, so calls get no_project, not a closed connection.
   */
  async restore(file: string): Promise<ProjectInfo> {
    const project = this.requireWritable();
    if (this.jobs.size > 0 || this.restoring) {
      throw new GlossError('conflict', 'Wait for the running import, export or restore to finish (or cancel it) before restoring a backup.');
    }
    this.restoring = true;
    try {
      await this.backupsSettled();
      if (this.project !== project) throw new GlossError('conflict', 'The project was closed meanwhile; nothing was restored.');
      let reopened: Project;
      try {
        ({ project: reopened } = await restoreBackup(project, file, {
          keep: this.appState.settings().backupsToKeep,
          onClosed: () => {
            this.project = null;
            this.undoHistory = null;
          },
        }));
      } catch (err) {
        if (err instanceof RestoreFailed) {
          this.project = err.project;
          this.undoHistory = new History(err.project, this.team.coder);
          this.announceProject(err.project.info());
        } else if (project.isClosed && this.project === null) {
          this.announceProject(null);
        }
        throw err;
      }
      this.project = reopened;
      this.undoHistory = new History(reopened, this.team.coder);
      this.announceProject(reopened.info());
      this.events.emit({ type: 'articles.changed' });
      return reopened.info();
    } finally {
      this.restoring = false;
    }
  }

  private announceProject(project: ProjectInfo | null): void {
    this.events.emit({ type: 'project.changed', project });
  }

  private lockHolder(): string {
    return this.host.kind === 'electron' ? 'the Gloss app' : this.host.kind === 'cli' ? 'gloss CLI' : 'the Gloss web host';
  }

  /**
   * The first open of a day snapshots the project into its backups folder (see store/backups.ts). It runs in the
   * background; `backups.list` and `backups.restore` wait for it. Closing the project interrupts it harmlessly (the
   * unfinished copy is removed, or cleared by the next backup).
   */
  private startDailyBackup(project: Project): void {
    const task = ensureDailyBackup(project, { keep: this.appState.settings().backupsToKeep }).then(
      () => undefined,
      (err: unknown) => {
        if (project.isClosed) return;
        // Logged for whoever reads the host's output, and told to the app, which offers the check and a restore.
        const message = err instanceof Error ? err.message : String(err);
        console.error(`[gloss] the daily backup failed: ${message}`);
        this.events.emit({ type: 'backup.failed', message, damaged: err instanceof GlossError && err.code === 'damaged' });
      },
    );
    this.backupTask = task;
    void task.finally(() => {
      if (this.backupTask === task) this.backupTask = null;
    });
  }
}
