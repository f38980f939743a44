import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { CallName, CallResponse, ParsedRequest } from '../contract/calls';
import { GlossError } from '../contract/errors';
import type { ExportResult, GlossEvent, ImportReport } from '../contract/types';
import { AppState } from './appState';
import { History, type Scope } from './history';
import { applyAttributeImport, planAttributeImport } from './analysis/attributeImport';
import { codeCounts, cooccurrence, cooccurrencePassages, coverage, exportCountsCsv } from './analysis/counts';
import { exportRetrievedCsv, retrievePassages } from './analysis/retrieve';
import { allHitSpans, applyCodeHits, codeHitsLabel, planCodeHits, runSearch, searchMemos } from './search/search';
import { runExport } from './export/exportJob';
import { importSources, type ImportSource } from './import/importer';
import { encodingOptions } from './import/encodings';
import { redecodeArticle } from './import/redecode';
import { workerWriter } from './import/articleWriter';
import { buildSampleProject } from './sample';
import { Project } from './store/Project';
import { sqliteVersion } from './store/database';
import { backupFolderFor, ensureDailyBackup, listBackups, restoreBackup, RestoreFailed } from './store/backups';
import { canonicalPath } from './store/projectLock';

/** What differs between hosts: how the user picks files (native dialogs, a data folder, argv). */
export interface HostAdapter {
  kind: 'electron' | 'web';
  version: string;
  /** Where a new project goes; `name` is what the user typed where the host has no save dialog. */
  chooseNewProjectPath(name?: string): Promise<string | null>;
  chooseProjectToOpen(): Promise<string | null>;
  chooseImportPaths(pick: 'files' | 'folder'): Promise<string[] | null>;
  chooseExportPath(format: 'json' | 'csv', suggestedName: string): Promise<string | null>;
  /** May refuse a path the renderer names (the web host limits itself to its data folder). */
  checkProjectPath?(path: string): void;
  /** Lets the web host turn a written file into a download. */
  afterExport?(result: ExportResult): ExportResult;
  sampleDir: string;
  sampleProjectPath: string;
  /** The built import-writer worker (out/main/importWriter.js); without it imports write on the host's thread. */
  importWriterFile?: string;
  /** The built export worker (out/main/exportWorker.js); without it exports run on the host's thread. */
  exportWorkerFile?: string;
}

export type Handlers = { [N in CallName]: (request: ParsedRequest<N>) => Promise<CallResponse<N>> };

/**
 * The state one window works with (the open project, running jobs) and the implementation of every contract call.
 * Hosts construct one, validate payloads against the contract, and call `handlers[name]`.
 */
export class Session {
  private project: Project | null = null;
  private history: History | null = null;
  private readonly jobs = new Map<string, AbortController>();
  private readonly listeners = new Set<(event: GlossEvent) => void>();
  /** The daily backup being written, if any (it runs after the project opens, off the open call's path). */
  private backupTask: Promise<void> | null = null;
  private restoring = false;

  constructor(
    readonly appState: AppState,
    readonly host: HostAdapter,
  ) {}

  onEvent(listener: (event: GlossEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: GlossEvent): void {
    for (const l of this.listeners) l(event);
  }

  get currentProject(): Project | null {
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

  openProject(path: string, create = false, name?: string): Project {
    if (this.restoring) throw new GlossError('conflict', 'A backup is being restored; wait for it to finish.');
    // Open the new file before closing the current project: a file that cannot be opened (not a project, a newer
    // format, locked, a folder that does not exist) must leave the open project as it was, not close it behind the
    // renderer's back. Only reopening the same file closes it first, since a process holds one lock per project.
    if (this.project && canonicalPath(this.project.path) === canonicalPath(path)) this.closeProject(false);
    const next = create ? Project.create(path, name, this.lockHolder()) : Project.open(path, { holder: this.lockHolder() });
    this.closeProject(false);
    this.project = next;
    this.history = new History(this.project);
    this.appState.noteOpened(path, this.project.name);
    this.emit({ type: 'project.changed', project: this.project.info() });
    this.startDailyBackup(next);
    return this.project;
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
        if (!project.isClosed) console.error(`[gloss] the daily backup failed: ${(err as Error).message}`);
      },
    );
    this.backupTask = task;
    void task.finally(() => {
      if (this.backupTask === task) this.backupTask = null;
    });
  }

  /** Resolves once no background backup is running (for hosts and tests that need a quiet project). */
  async backupsSettled(): Promise<void> {
    while (this.backupTask) await this.backupTask;
  }

  closeProject(notify = true): boolean {
    for (const job of this.jobs.values()) job.abort();
    if (!this.project) return false;
    this.project.close();
    this.project = null;
    this.history = null;
    if (notify) this.emit({ type: 'project.changed', project: null });
    return true;
  }

  /** Runs long work with a cancel handle the renderer can reach through `jobs.cancel`. */
  private async job<T>(jobId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const controller = new AbortController();
    this.jobs.set(id, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.jobs.delete(id);
    }
  }

  async importSources(sources: ImportSource[], jobId?: string): Promise<ImportReport> {
    const project = this.requireWritable();
    const id = jobId ?? `import-${Date.now()}`;
    const writer = this.host.importWriterFile ? workerWriter(this.host.importWriterFile, project.path) : undefined;
    const report = await this.job(id, (signal) =>
      importSources(project, sources, {
        signal,
        writer,
        onProgress: (done, total, current) => this.emit({ type: 'job.progress', jobId: id, kind: 'import', done, total, current }),
      }),
    ).finally(() => writer?.close());
    this.emit({ type: 'import.finished', report });
    this.emit({ type: 'articles.changed' });
    return report;
  }

  private lockHolder(): string {
    return this.host.kind === 'electron' ? 'the Gloss app' : 'the Gloss web host';
  }

  /** The project's undo history; every change the renderer asks for is recorded through it. */
  private recorder(): History {
    this.requireWritable();
    return this.history!;
  }

  private runExportJob(project: Project, job: { format: 'json' | 'csv'; target: string; rawCells?: boolean }, jobId?: string) {
    const id = jobId ?? `export-${Date.now()}`;
    return this.job(id, (signal) =>
      runExport(project, job, {
        signal,
        workerFile: this.host.exportWorkerFile,
        onProgress: (done, total) => this.emit({ type: 'job.progress', jobId: id, kind: 'export', done, total, current: job.target }),
      }),
    );
  }

  private coder(): string {
    return this.appState.settings().coderName;
  }

  /** A file name for a table export: "<project>-<what>.csv". */
  private suggestedTableName(what: string): string {
    return this.suggestedExportName('csv').replace(/-codings\.csv$/, `-${what}.csv`);
  }

  private suggestedExportName(format: string): string {
    const base = this.project ? this.project.name.replace(/[\\/:*?"<>|]+/g, '_') : 'gloss';
    return `${base}-codings.${format}`;
  }

  readonly handlers: Handlers = {
    'app.info': async () => ({
      version: this.host.version,
      host: this.host.kind,
      sqliteVersion: sqliteVersion(),
      platform: process.platform,
    }),

    'project.current': async () => this.project?.info() ?? null,
    'project.create': async ({ path, name }) => {
      const target = path ?? (await this.host.chooseNewProjectPath(name));
      if (!target) return null;
      this.host.checkProjectPath?.(target);
      if (existsSync(target)) {
        throw new GlossError('conflict', `${basename(target)} already exists; open it, or choose another name.`);
      }
      return this.openProject(target, true, name ?? basename(target).replace(/\.gloss$/i, '')).info();
    },
    'project.open': async ({ path }) => {
      const target = path ?? (await this.host.chooseProjectToOpen());
      if (!target) return null;
      this.host.checkProjectPath?.(target);
      return this.openProject(target).info();
    },
    'project.openSample': async () => {
      const target = this.host.sampleProjectPath;
      if (!existsSync(target)) {
        this.closeProject(false);
        await buildSampleProject(target, this.host.sampleDir, this.coder());
      }
      return this.openProject(target).info();
    },
    'project.recent': async () => ({ items: this.appState.recent() }),
    'project.close': async () => ({ closed: this.closeProject() }),

    'articles.list': async ({ attributes, ...req }) => {
      const project = this.requireProject();
      return project.articles.list({ ...req, conditions: attributes ? project.attributes.filterConditions(attributes) : undefined });
    },
    'articles.get': async ({ id }) => this.requireProject().articles.get(id),
    'articles.rename': async ({ id, title }) => {
      const project = this.requireWritable();
      const summary = this.recorder().record('Rename article', { articles: [id] }, () => project.articles.rename(id, title));
      this.emit({ type: 'articles.changed' });
      return summary;
    },
    'articles.delete': async ({ id }) => {
      const project = this.requireWritable();
      const deletedCodings = this.recorder().record('Delete article', { articles: [id], codingsOfArticles: [id] }, () =>
        project.articles.delete(id),
      );
      this.emit({ type: 'articles.changed' });
      return { deletedCodings };
    },
    'articles.encodings': async () => ({ encodings: encodingOptions() }),
    'articles.redecode': async ({ id, encoding, confirm }) => {
      const project = this.requireWritable();
      const result = redecodeArticle(project, id, encoding, confirm);
      if (result.applied && result.changed && this.history) {
        // Recorded steps hold rows of the old text (codings at old offsets, the old content hash); replaying them
        // against the new text would fail or corrupt it, so the history starts afresh, as the contract says.
        this.history = new History(project);
      }
      if (result.applied) this.emit({ type: 'articles.changed' });
      return result;
    },
    'articles.importPaths': async ({ paths, pick, jobId }) => {
      this.requireWritable();
      const chosen = paths ?? (await this.host.chooseImportPaths(pick ?? 'files'));
      if (!chosen || chosen.length === 0) return null;
      return this.importSources(
        chosen.map((path) => ({ kind: 'path', path })),
        jobId,
      );
    },
    'articles.importFiles': async ({ files, jobId }) => {
      this.requireWritable();
      const sources: ImportSource[] = files.map((f) => ({ kind: 'bytes', name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
      return this.importSources(sources, jobId);
    },
    'jobs.cancel': async ({ jobId }) => {
      const job = this.jobs.get(jobId);
      job?.abort();
      return { cancelled: Boolean(job) };
    },

    'codes.list': async () => ({ codes: this.requireProject().codes.list() }),
    'codes.create': async (req) => {
      const project = this.requireWritable();
      return this.recorder().record('Create code', {}, () => project.codes.create(req), (code) => ({ codes: [code.id] }));
    },
    'codes.update': async ({ id, ...changes }) => {
      const project = this.requireWritable();
      return this.recorder().record('Edit code', { codes: [id] }, () => project.codes.update(id, changes));
    },
    'codes.move': async ({ id, parentId, index }) => {
      const project = this.requireWritable();
      this.recorder().record('Move code', { codes: 'all' }, () => project.codes.move(id, parentId, index));
      return { codes: project.codes.list() };
    },
    'codes.merge': async ({ sourceId, targetId }) => {
      const project = this.requireWritable();
      return this.recorder().record('Merge codes', { codes: 'all', codingsOfCodes: [sourceId, targetId] }, () =>
        project.codes.merge(sourceId, targetId),
      );
    },
    'codes.impact': async ({ id }) => this.requireProject().codes.impact(id),
    'codes.delete': async ({ id }) => {
      const project = this.requireWritable();
      const subtree = [id, ...project.codes.descendants(id)];
      return this.recorder().record('Delete code', { codes: 'all', codingsOfCodes: subtree }, () => project.codes.delete(id));
    },

    'codings.listForArticle': async ({ articleId }) => {
      const project = this.requireProject();
      project.articles.summary(articleId);
      return { codings: project.codings.listForArticle(articleId) };
    },
    'codings.apply': async (req) => {
      const project = this.requireWritable();
      return this.recorder().record(
        'Apply code',
        {},
        () => project.codings.apply({ ...req, coder: this.coder() }),
        (coding) => ({ codings: [coding.id] }),
      );
    },
    'codings.update': async ({ id, ...changes }) => {
      const project = this.requireWritable();
      const label = changes.memo !== undefined && changes.start === undefined && changes.end === undefined && changes.codeId === undefined ? 'Edit memo' : changes.codeId !== undefined ? 'Change code' : 'Adjust coding';
      return this.recorder().record(label, { codings: [id] }, () => project.codings.update(id, changes));
    },
    'codings.remove': async ({ id }) => {
      const project = this.requireWritable();
      const removed = this.recorder().record('Remove coding', { codings: [id] }, () => project.codings.remove(id));
      if (!removed) throw new GlossError('not_found', `There is no coding ${id} in this project.`);
      return { removed };
    },

    'export.json': async ({ path, jobId }) => {
      const project = this.requireProject();
      const target = path ?? (await this.host.chooseExportPath('json', this.suggestedExportName('json')));
      if (!target) return null;
      const result = await this.runExportJob(project, { format: 'json', target }, jobId);
      return this.host.afterExport ? this.host.afterExport(result) : result;
    },
    'export.csv': async ({ path, rawCells, jobId }) => {
      const project = this.requireProject();
      const target = path ?? (await this.host.chooseExportPath('csv', this.suggestedExportName('csv')));
      if (!target) return null;
      const result = await this.runExportJob(project, { format: 'csv', target, rawCells }, jobId);
      return this.host.afterExport ? this.host.afterExport(result) : result;
    },

    'retrieve.passages': async ({ offset, limit, context, ...query }) => retrievePassages(this.requireProject(), query, { offset, limit, context }),
    'retrieve.exportCsv': async ({ path, rawCells, context, ...query }) => {
      const project = this.requireProject();
      const target = path ?? (await this.host.chooseExportPath('csv', this.suggestedTableName('passages')));
      if (!target) return null;
      const result = await exportRetrievedCsv(project, query, target, { rawCells, context });
      return this.host.afterExport ? this.host.afterExport(result) : result;
    },

    'search.run': async ({ limit, context, ...spec }) => runSearch(this.requireProject(), spec, { limit, context }),
    'search.codeHits': async ({ search, hits, codeId, widen }) => {
      const project = this.requireWritable();
      project.codes.get(codeId);
      const spans = hits ?? (await allHitSpans(project, search!));
      const plan = planCodeHits(project, spans, codeId, widen);
      const label = codeHitsLabel(plan.spans.length);
      // Nothing to create, nothing to undo: no empty step on the undo stack.
      const codingIds = plan.spans.length
        ? this.recorder().record(label, {}, () => applyCodeHits(project, plan, codeId, this.coder()), (ids) => ({ codings: ids }))
        : [];
      if (codingIds.length) this.emit({ type: 'articles.changed' });
      return { created: codingIds.length, skipped: plan.skipped, collapsed: plan.collapsed, codingIds, label };
    },
    'search.saved.list': async () => ({ items: this.requireProject().search.listSaved() }),
    'search.saved.save': async ({ name, ...spec }) => this.requireWritable().search.save(name, spec),
    'search.saved.delete': async ({ id }) => ({ deleted: this.requireWritable().search.deleteSaved(id) }),

    'memos.get': async ({ target }) => this.requireProject().memos.get(target),
    'memos.set': async ({ target, plain, rich }) => {
      const project = this.requireWritable();
      // A coding's memo lives in its codings row; the others in `memos`, whose row may be created or removed.
      const memoRows = (): Scope => {
        const id = project.memos.rowId(target);
        return target.kind === 'coding' ? { codings: [target.id] } : { memos: id === undefined ? [] : [id] };
      };
      return this.recorder().record('Edit memo', memoRows(), () => project.memos.set(target, plain, rich), memoRows);
    },
    'memos.search': async ({ limit, mode, ...spec }) => searchMemos(this.requireProject(), { ...spec, mode: mode ?? 'text' }, { limit }),

    'attributes.list': async () => ({ attributes: this.requireProject().attributes.list() }),
    'attributes.define': async ({ name, type }) => {
      const project = this.requireWritable();
      return this.recorder().record('Define attribute', {}, () => project.attributes.define(name, type), (d) => ({ attributes: [d.id] }));
    },
    'attributes.rename': async ({ name, newName }) => {
      const project = this.requireWritable();
      const { id } = project.attributes.get(name);
      const renamed = this.recorder().record('Rename attribute', { attributes: [id] }, () => project.attributes.rename(name, newName));
      this.emit({ type: 'articles.changed' });
      return renamed;
    },
    'attributes.delete': async ({ name }) => {
      const project = this.requireWritable();
      const { id } = project.attributes.get(name);
      const result = this.recorder().record('Delete attribute', { attributes: [id] }, () => project.attributes.delete(name));
      this.emit({ type: 'articles.changed' });
      return result;
    },
    'attributes.set': async ({ articleId, name, value }) => {
      const project = this.requireWritable();
      const values = (): Scope => ({ attributeValues: project.attributes.valueIds([articleId]) });
      const result = this.recorder().record('Set attribute', values(), () => project.attributes.set(articleId, name, value), values);
      this.emit({ type: 'articles.changed' });
      return result;
    },
    'attributes.importCsv': async ({ csvText, matchBy, preview }) => {
      const project = preview ? this.requireProject() : this.requireWritable();
      const plan = planAttributeImport(project, csvText, matchBy);
      if (preview || (plan.writes.length === 0 && plan.newAttributes.length === 0)) return { ...plan.report, preview };
      const articleIds = [...new Set(plan.writes.map((w) => w.articleId))];
      const values = (): Scope => ({ attributeValues: project.attributes.valueIds(articleIds) });
      this.recorder().record('Import attributes from CSV', values(), () => applyAttributeImport(project, plan), (r) => ({
        ...values(),
        attributes: r.attributeIds,
      }));
      this.emit({ type: 'articles.changed' });
      return { ...plan.report, preview: false, applied: true };
    },
    'articles.attributes': async ({ articleId }) => ({ articleId, attributes: this.requireProject().attributes.forArticle(articleId) }),

    'counts.codes': async ({ rollUp, by, attribute }) => codeCounts(this.requireProject(), { rollUp, by, attribute }),
    'counts.exportCsv': async ({ path, rawCells, ...request }) => {
      const project = this.requireProject();
      const counts = codeCounts(project, request);
      const target = path ?? (await this.host.chooseExportPath('csv', this.suggestedTableName('code-counts')));
      if (!target) return null;
      const result = await exportCountsCsv(project, counts, target, { rawCells });
      return this.host.afterExport ? this.host.afterExport(result) : result;
    },
    'counts.coverage': async (request) => coverage(this.requireProject(), request),
    'counts.cooccurrence': async (request) => cooccurrence(this.requireProject(), request),
    'counts.cooccurrencePassages': async (request) => cooccurrencePassages(this.requireProject(), request),

    'history.state': async () => this.recorder().state(),
    'history.undo': async () => {
      const label = this.recorder().undo();
      if (label) this.emit({ type: 'articles.changed' });
      return { ...this.recorder().state(), label };
    },
    'history.redo': async () => {
      const label = this.recorder().redo();
      if (label) this.emit({ type: 'articles.changed' });
      return { ...this.recorder().state(), label };
    },

    'backups.list': async () => {
      const project = this.requireProject();
      await this.backupsSettled();
      return { items: listBackups(project.path), folder: backupFolderFor(project.path) };
    },
    'backups.restore': async ({ file }) => {
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
          // While the file is being rewritten there is no open project: calls get no_project, not a closed connection.
          ({ project: reopened } = await restoreBackup(project, file, {
            keep: this.appState.settings().backupsToKeep,
            onClosed: () => {
              this.project = null;
              this.history = null;
            },
          }));
        } catch (err) {
          if (err instanceof RestoreFailed) {
            this.project = err.project;
            this.history = new History(err.project);
            this.emit({ type: 'project.changed', project: err.project.info() });
          } else if (project.isClosed && this.project === null) {
            this.emit({ type: 'project.changed', project: null });
          }
          throw err;
        }
        this.project = reopened;
        this.history = new History(reopened);
        this.emit({ type: 'project.changed', project: reopened.info() });
        this.emit({ type: 'articles.changed' });
        return reopened.info();
      } finally {
        this.restoring = false;
      }
    },

    'settings.get': async () => this.appState.settings(),
    'settings.update': async (changes) => this.appState.updateSettings(changes),
  };
}
