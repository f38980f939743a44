import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { CallName, CallResponse, HostKind, ParsedRequest } from '../contract/calls';
import { GlossError } from '../contract/errors';
import type { ExportResult, GlossEvent, ImportReport } from '../contract/types';
import { AppState } from './appState';
import { History } from './history';
import { codeCounts, frequencyTable, cooccurrence, cooccurrencePassages, coverage, exportCountsCsv } from './analysis/counts';
import { exportRetrievedCsv, retrievePassages } from './analysis/retrieve';
import { runSearch, searchMemos } from './search/search';
import { runExport } from './export/exportJob';
import { exportRefi } from './refi/exportRefi';
import { agreementReport } from './team/agreementReport';
import { agreementHandlers } from './handlers/agreement';
import type { Change, Command } from './commands/command';
import { projectCommands } from './commands/projectCommands';
import { mergeHandlers } from './handlers/merge';
import { importSources, previewSources, type ImportSource } from './import/importer';
import type { NewsFormat } from '../contract/fileTypes';
import { encodingOptions } from './import/encodings';
import { redecodeArticle } from './import/redecode';
import { workerWriter } from './import/articleWriter';
import { readFile } from 'node:fs/promises';
import type { AnnotationImportReport } from '../contract/types';
import { annotationInputsFromPaths, importAnnotations } from './exchange/annotations/importAnnotations';
import type { AnnotationInput } from './exchange/annotations/model';
import { exportAnnotations } from './exchange/annotations/exportAnnotations';
import { buildSampleProject } from './sample';
import { Project } from './store/Project';
import { sqliteVersion } from './store/database';
import { backupFolderFor, ensureDailyBackup, listBackups, restoreBackup, RestoreFailed } from './store/backups';
import { canonicalPath } from './store/projectLock';
import { checkProjectFile } from './store/check';
import { readCoder, teamHandlers, TeamWindows, windowCoderName, type TeamWindowState } from './handlers/team';
import type { ProjectLibrary } from './projectLibrary';
import { projectLibraryHandlers } from './handlers/projectLibrary';

/** What differs between hosts: how the user picks files (native dialogs, a data folder, argv). */
export interface HostAdapter {
  /** Decides which calls and path fields the dispatcher accepts (the contract's `hosts` and `pathFields`). */
  kind: HostKind;
  /** Who is coding, where the host knows better than the settings (the CLI's --coder). */
  coderName?(): string | undefined;
  /** False where a project is open for one command only (the CLI): the daily backup is the app's and web host's. */
  dailyBackups?: boolean;
  version: string;
  /** Where a new project goes; `name` is what the user typed where the host has no save dialog. */
  chooseNewProjectPath(name?: string): Promise<string | null>;
  chooseProjectToOpen(): Promise<string | null>;
  chooseImportPaths(pick: 'files' | 'folder'): Promise<string[] | null>;
  chooseExportPath(format: 'json' | 'csv' | 'xlsx' | 'qdpx' | 'qdc' | 'gloss', suggestedName: string): Promise<string | null>;
  /** May refuse a path the renderer names (the web host limits itself to its data folder). */
  checkProjectPath?(path: string): void;
  /** Lets the web host turn a written file into a download. */
  afterExport?(result: ExportResult): ExportResult;
  /**
   * Web host: hands over files the browser uploaded, each once (for `articles.importUploads`); `release` discards
   * them once the import is done. Throws not_found for an id it does not hold.
   */
  claimUploads?(ids: string[]): { sources: ImportSource[]; release(): void };
  /** Web host: deletes uploads it holds (ids it does not hold are ignored); how many it deleted. */
  discardUploads?(ids: string[]): number;
  /** The uploads' files, still held (for a preview before they are imported or discarded). */
  peekUploads?(ids: string[]): ImportSource[];
  sampleDir: string;
  sampleProjectPath: string;
  /** The built import-writer worker (out/main/importWriter.js); without it imports write on the host's thread. */
  importWriterFile?: string;
  /** The built export worker (out/main/exportWorker.js); without it exports run on the host's thread. */
  exportWorkerFile?: string;
  /** Web host: the projects of its data folder, by name (the `projects.*` calls). */
  projectLibrary?: ProjectLibrary;
}

/** An undo or redo may touch any kind of row. */
const EVERYTHING: Change = { entities: ['articles', 'codes', 'codings', 'memos', 'attributes', 'searches', 'history'] };

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
  /** Each window's current coder and blind-coding choice (handlers/team.ts); `teamWindow` is the calling window's. */
  readonly windows = new TeamWindows();
  get teamWindow(): TeamWindowState {
    return this.windows.current();
  }

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

  openProject(path: string, create = false, name?: string, readOnly = false): Project {
    if (this.restoring) throw new GlossError('conflict', 'A backup is being restored; wait for it to finish.');
    if (readOnly) {
      // A reader beside the writer (the CLI's stats and exports): no lock, no history, no daily backup.
      const reader = Project.open(path, { readOnly: true });
      this.closeProject(false);
      this.project = reader;
      this.history = null;
      this.emit({ type: 'project.changed', project: reader.info() });
      return reader;
    }
    // Open the new file before closing the current project: a file that cannot be opened (not a project, a newer
    // format, locked, a folder that does not exist) must leave the open project as it was, not close it behind the
    // renderer's back. Only reopening the same file closes it first, since a process holds one lock per project.
    if (this.project && canonicalPath(this.project.path) === canonicalPath(path)) this.closeProject(false);
    const next = create ? Project.create(path, name, this.lockHolder()) : Project.open(path, { holder: this.lockHolder() });
    this.closeProject(false);
    this.project = next;
    // Blind mode is chosen per project: another project starts from its own default.
    this.windows.projectChanged();
    this.history = new History(this.project, () => this.coder());
    this.appState.noteOpened(path, this.project.name);
    this.emit({ type: 'project.changed', project: this.project.info() });
    if (this.host.dailyBackups !== false) this.startDailyBackup(next);
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
        if (project.isClosed) return;
        // Logged for whoever reads the host's output, and told to the app, which offers the check and a restore.
        const message = (err as Error).message;
        console.error(`[gloss] the daily backup failed: ${message}`);
        this.emit({ type: 'backup.failed', message, damaged: err instanceof GlossError && err.code === 'damaged' });
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
    const id = jobId ?? `job-${randomUUID()}`;
    const controller = new AbortController();
    this.jobs.set(id, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.jobs.delete(id);
    }
  }

  async importSources(sources: ImportSource[], jobId?: string, options: { format?: NewsFormat; preview?: boolean } = {}): Promise<ImportReport> {
    const { format, preview = false } = options;
    const project = this.requireWritable();
    const id = jobId ?? `import-${randomUUID()}`;
    const writer = this.host.importWriterFile ? workerWriter(this.host.importWriterFile, project.path) : undefined;
    const report = await this.job(id, (signal) =>
      importSources(project, sources, {
        signal,
        writer,
        format,
        // Each REFI-QDA file is one undo step ("Import study.qdpx"), announced like any command.
        refi: {
          coder: this.coder(),
          preview,
          record: (label, scope, change, after) => {
            const applied = this.recorder().record(label, scope, change, after);
            this.announce(EVERYTHING);
            return applied;
          },
        },
        onProgress: (done, total, current) => this.emit({ type: 'job.progress', jobId: id, kind: 'import', done, total, current }),
      }),
    ).finally(() => writer?.close());
    this.emit({ type: 'import.finished', report });
    // An import may add articles, attributes, codes, codings and memos (a Gloss JSON file) and a history step.
    if (!preview) this.announce({ entities: ['articles', 'attributes', 'codes', 'codings', 'memos', 'history'] });
    return report;
  }

  /** Annotation import as a job: reading and placing on this thread, writing on the import worker (app, web host). */
  async importAnnotationInputs(
    inputs: AnnotationInput[],
    request: Omit<ParsedRequest<'annotations.importUploads'>, 'uploads'>,
    rejected: { file: string; reason: string }[] = [],
  ): Promise<AnnotationImportReport> {
    const project = this.requireWritable();
    const id = request.jobId ?? `import-${Date.now()}`;
    const writer = this.host.importWriterFile ? workerWriter(this.host.importWriterFile, project.path) : undefined;
    const report = await this.job(id, (signal) =>
      importAnnotations(project, inputs, {
        format: request.format,
        unit: request.unit,
        codePrefix: request.codePrefix,
        coder: request.coder ?? this.coder(),
        preview: request.preview,
        signal,
        writer,
        onProgress: (done, total, current) => this.emit({ type: 'job.progress', jobId: id, kind: 'import', done, total, current }),
      }),
    ).finally(() => writer?.close());
    report.rejected.unshift(...rejected);
    if (request.preview) return report;
    project.codes.invalidate();
    this.announce({ entities: ['articles', 'codes', 'codings'] });
    return report;
  }

  private lockHolder(): string {
    return this.host.kind === 'electron' ? 'the Gloss app' : this.host.kind === 'cli' ? 'gloss CLI' : 'the Gloss web host';
  }

  /** The project's undo history; every change the renderer asks for is recorded through it. */
  private recorder(): History {
    this.requireWritable();
    return this.history!;
  }

  private runExportJob(project: Project, job: { format: 'json' | 'csv' | 'xlsx'; target: string; formulaGuard?: boolean; coder?: string }, jobId?: string) {
    const id = jobId ?? `export-${randomUUID()}`;
    return this.job(id, (signal) =>
      runExport(project, job, {
        signal,
        workerFile: this.host.exportWorkerFile,
        // The file's name, not where the host writes it (the web host's events reach a browser).
        onProgress: (done, total) => this.emit({ type: 'job.progress', jobId: id, kind: 'export', done, total, current: basename(job.target) }),
      }),
    );
  }

  /** Who is coding in this window: the host's (the CLI's --coder), the window's chosen coder, else the settings'. */
  coder(): string {
    return this.host.coderName?.() ?? windowCoderName(this) ?? this.appState.settings().coderName;
  }

  /**
   * Runs a command: plans it, records it as one undo step over the rows it declares, commits, and announces what
   * changed to every window. The one path every project change takes, whatever the host.
   */
  async execute<N extends CallName, P>(command: Command<N, P>, request: ParsedRequest<N>): Promise<CallResponse<N>> {
    // A command that turns out to write nothing (a preview) may run on a project open read-only.
    const project = command.prepare ? this.requireProject() : this.requireWritable();
    const ctx = { project, coder: this.coder() };
    const prepared = command.prepare ? await command.prepare(ctx, request) : { plan: undefined as P };
    if (prepared.skip !== undefined) return prepared.skip;
    this.requireWritable();
    const plan = prepared.plan as P;
    const result = this.recorder().record(
      command.label(request, plan),
      () => command.scope(ctx, request, plan),
      () => command.run(ctx, request, plan),
      command.created ? (r) => command.created!(ctx, request, r, plan) : undefined,
      command.burst?.(request, plan),
    );
    this.announce(command.changes(request, result, plan));
    return result;
  }

  /** Tells every window what a change touched. */
  announce(change: Change): void {
    this.emit({ type: 'changed', ...change });
    // The article list and an open article's codings were refreshed by this event before the query layer; it stays
    // until every view reads through the query layer.
    const severalArticles = change.entities.includes('codings') && (change.articleIds === undefined || change.articleIds.length > 1);
    if (change.entities.includes('articles') || change.entities.includes('attributes') || severalArticles) this.emit({ type: 'articles.changed' });
  }

  private commandHandlers(): Pick<Handlers, keyof typeof projectCommands> {
    const out: Partial<Record<CallName, (request: never) => Promise<unknown>>> = {};
    for (const [name, command] of Object.entries(projectCommands)) {
      out[name as CallName] = (request: never) => this.execute(command as unknown as Command<CallName, unknown>, request);
    }
    return out as Pick<Handlers, keyof typeof projectCommands>;
  }

  /** A file name for a table export: "<project>-<what>.csv" (or .xlsx). */
  private suggestedTableName(what: string, format: 'csv' | 'xlsx' = 'csv'): string {
    return this.suggestedExportName(format).replace(/-codings\.(csv|xlsx)$/, `-${what}.${format}`);
  }

  private suggestedExportName(format: string): string {
    const base = this.project ? this.project.name.replace(/[\\/:*?"<>|]+/g, '_') : 'gloss';
    return `${base}-codings.${format}`;
  }

  /** Every call: the commands (project changes) run through `execute`, the rest answer directly below. */
  readonly handlers: Handlers = {
    ...this.commandHandlers(),
    ...teamHandlers(this),
    ...mergeHandlers(this),
    ...projectLibraryHandlers(this),
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
    'project.open': async ({ path, readOnly }) => {
      const target = path ?? (await this.host.chooseProjectToOpen());
      if (!target) return null;
      this.host.checkProjectPath?.(target);
      return this.openProject(target, false, undefined, readOnly ?? false).info();
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

    'articles.list': async ({ attributes, coder: asked, ...req }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, asked);
      return { ...project.articles.list({ ...req, coder, conditions: attributes ? project.attributes.filterConditions(attributes) : undefined }), ...filtered };
    },
    'articles.get': async ({ id }) => this.requireProject().articles.get(id),
    'articles.encodings': async () => ({ encodings: encodingOptions() }),
    'articles.redecode': async ({ id, encoding, confirm }) => {
      const project = this.requireWritable();
      const result = redecodeArticle(project, id, encoding, confirm);
      if (result.applied && result.changed && this.history) {
        // Recorded steps hold rows of the old text (codings at old offsets, the old content hash); replaying them
        // against the new text would fail or corrupt it, so the history starts afresh, as the contract says.
        this.history = new History(project, () => this.coder());
      }
      if (result.applied) this.announce({ entities: ['articles', 'codings', 'memos', 'history'], articleIds: [id] });
      return result;
    },
    'articles.importPaths': async ({ paths, pick, format, jobId, preview }) => {
      this.requireWritable();
      const chosen = paths ?? (await this.host.chooseImportPaths(pick ?? 'files'));
      if (!chosen || chosen.length === 0) return null;
      return this.importSources(
        chosen.map((path) => ({ kind: 'path', path })),
        jobId,
        { format, preview },
      );
    },
    'articles.importFiles': async ({ files, jobId, preview }) => {
      this.requireWritable();
      const sources: ImportSource[] = files.map((f) => ({ kind: 'bytes', name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
      return this.importSources(sources, jobId, { preview });
    },
    'articles.importUploads': async ({ uploads, jobId }) => {
      this.requireWritable();
      if (!this.host.claimUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      const claimed = this.host.claimUploads(uploads);
      try {
        return await this.importSources(claimed.sources, jobId);
      } finally {
        claimed.release();
      }
    },
    'articles.previewUploads': async ({ uploads }) => {
      const project = this.requireWritable();
      if (!this.host.peekUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      return previewSources(project, this.host.peekUploads(uploads));
    },
    'articles.discardUploads': async ({ uploads }) => {
      if (!this.host.discardUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      return { discarded: this.host.discardUploads(uploads) };
    },
    'articles.previewFiles': async ({ files }) => {
      const project = this.requireWritable();
      const sources: ImportSource[] = files.map((f) => ({ kind: 'bytes', name: f.name, bytes: Buffer.from(f.base64, 'base64') }));
      return previewSources(project, sources);
    },
    'annotations.importPaths': async ({ paths, ...request }) => {
      this.requireWritable();
      const chosen = paths ?? (await this.host.chooseImportPaths('files'));
      if (!chosen || chosen.length === 0) return null;
      const { inputs, rejected } = annotationInputsFromPaths(chosen, request.format);
      return this.importAnnotationInputs(inputs, request, rejected);
    },
    'annotations.importUploads': async ({ uploads, ...request }) => {
      this.requireWritable();
      if (!this.host.claimUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      const claimed = this.host.claimUploads(uploads);
      try {
        // Uploads carry no place on disk: companion files are looked for among the uploads only.
        const inputs: AnnotationInput[] = [];
        for (const source of claimed.sources) {
          if (source.kind === 'bytes') inputs.push({ name: source.name, bytes: source.bytes });
          else inputs.push({ name: source.kind === 'upload' ? source.name : basename(source.path), bytes: await readFile(source.path) });
        }
        return await this.importAnnotationInputs(inputs, request);
      } finally {
        claimed.release();
      }
    },
    'jobs.cancel': async ({ jobId }) => {
      const job = this.jobs.get(jobId);
      job?.abort();
      return { cancelled: Boolean(job) };
    },

    'codes.list': async ({ coder: asked }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, asked);
      if (coder === undefined) return { codes: project.codes.list() };
      const counts = project.coders.codingCountsByCode(coder);
      return { codes: project.codes.list().map((c) => ({ ...c, codingCount: counts.get(c.id) ?? 0 })), ...filtered };
    },
    'codeSets.list': async () => ({ codeSets: this.requireProject().codeSets.list() }),
    'codes.impact': async ({ id }) => this.requireProject().codes.impact(id),
    'codings.listForArticle': async ({ articleId, coder: asked }) => {
      const project = this.requireProject();
      project.articles.summary(articleId);
      const { coder, filtered } = readCoder(this, asked);
      return { codings: project.codings.listForArticle(articleId, coder), ...filtered };
    },
    'export.json': async ({ path, jobId, coder: asked }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, asked);
      const target = path ?? (await this.host.chooseExportPath('json', this.suggestedExportName('json')));
      if (!target) return null;
      const result = await this.runExportJob(project, { format: 'json', target, coder }, jobId);
      return { ...(this.host.afterExport ? this.host.afterExport(result) : result), ...filtered };
    },
    'export.refi': async ({ format, path, jobId }) => {
      const project = this.requireProject();
      const base = this.project ? this.project.name.replace(/[\\/:*?"<>|]+/g, '_') : 'gloss';
      const target = path ?? (await this.host.chooseExportPath(format, format === 'qdc' ? `${base}-codebook.qdc` : `${base}.qdpx`));
      if (!target) return null;
      const result = await this.job(jobId, () => exportRefi(project, format, target, `Gloss ${this.host.version}`));
      return this.host.afterExport ? this.host.afterExport(result) : result;
    },
    'export.csv': async ({ path, format, formulaGuard, jobId, coder: asked }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, asked);
      const ext = format ?? 'csv';
      const target = path ?? (await this.host.chooseExportPath(ext, this.suggestedExportName(ext)));
      if (!target) return null;
      const result = await this.runExportJob(project, { format: ext, target, formulaGuard, coder }, jobId);
      return { ...(this.host.afterExport ? this.host.afterExport(result) : result), ...filtered };
    },

    'export.annotations': async ({ format, path, jobId, coder: asked }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, asked);
      if (format === 'brat' && path === undefined && this.host.kind === 'web') {
        throw new GlossError('invalid_request', 'brat standoff is a folder of files, which a browser cannot download; export it with the app or `gloss export --format brat`.');
      }
      // brat standoff is a folder: its suggested name has no extension.
      const suffix = format === 'brat' ? '-brat' : format === 'doccano' ? '-doccano.jsonl' : `-${format}.json`;
      const target = path ?? (await this.host.chooseExportPath('json', this.suggestedExportName('json').replace(/\.json$/, suffix)));
      if (!target) return null;
      const id = jobId ?? `export-${Date.now()}`;
      const result = await this.job(id, (signal) =>
        exportAnnotations(project, format, target, {
          signal,
          coder,
          onProgress: (done, total) => this.emit({ type: 'job.progress', jobId: id, kind: 'export', done, total, current: basename(target) }),
        }),
      );
      return { ...(this.host.afterExport ? this.host.afterExport(result) : result), ...filtered };
    },
    'retrieve.passages': async ({ offset, limit, context, ...query }) => {
      const { coder, filtered } = readCoder(this, query.coder);
      return { ...retrievePassages(this.requireProject(), { ...query, coder }, { offset, limit, context }), ...filtered };
    },
    'retrieve.exportCsv': async ({ path, format, formulaGuard, context, ...query }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, query.coder);
      const target = path ?? (await this.host.chooseExportPath(format ?? 'csv', this.suggestedTableName('passages', format)));
      if (!target) return null;
      const result = await exportRetrievedCsv(project, { ...query, coder }, target, { format, formulaGuard, context });
      return { ...(this.host.afterExport ? this.host.afterExport(result) : result), ...filtered };
    },

    'search.run': async ({ limit, context, ...spec }) => runSearch(this.requireProject(), spec, { limit, context }),
    'search.saved.list': async () => ({ items: this.requireProject().search.listSaved() }),
    'memos.get': async ({ target }) => this.requireProject().memos.get(target),
    'memos.search': async ({ limit, mode, ...spec }) => {
      const { coder, filtered } = readCoder(this, undefined);
      return { ...(await searchMemos(this.requireProject(), { ...spec, mode: mode ?? 'text' }, { limit, coder })), ...filtered };
    },

    'attributes.list': async () => ({ attributes: this.requireProject().attributes.list() }),
    'articles.attributes': async ({ articleId }) => ({ articleId, attributes: this.requireProject().attributes.forArticle(articleId) }),

    'counts.codes': async ({ rollUp, by, attribute, coder: asked }) => {
      const { coder, filtered } = readCoder(this, asked);
      return { ...codeCounts(this.requireProject(), { rollUp, by, attribute, coder }), ...filtered };
    },
    'counts.exportCsv': async ({ path, format, formulaGuard, coder: asked, ...request }) => {
      const project = this.requireProject();
      const { coder, filtered } = readCoder(this, asked);
      const counts = codeCounts(project, { ...request, coder });
      const target = path ?? (await this.host.chooseExportPath(format ?? 'csv', this.suggestedTableName('code-counts', format)));
      if (!target) return null;
      const result = await exportCountsCsv(project, counts, target, { format, formulaGuard });
      return { ...(this.host.afterExport ? this.host.afterExport(result) : result), ...filtered };
    },
    'counts.table': async ({ by, rollUp, coder: asked }) => {
      const { coder, filtered } = readCoder(this, asked);
      return { rows: frequencyTable(this.requireProject(), by, rollUp ?? false, coder), ...filtered };
    },
    'counts.coverage': async (request) => {
      const { coder, filtered } = readCoder(this, undefined);
      return { ...coverage(this.requireProject(), { ...request, coder }), ...filtered };
    },
    'counts.cooccurrence': async (request) => {
      const { coder, filtered } = readCoder(this, undefined);
      return { ...cooccurrence(this.requireProject(), { ...request, coder }), ...filtered };
    },
    'counts.cooccurrencePassages': async (request) => {
      const { coder, filtered } = readCoder(this, undefined);
      return { ...cooccurrencePassages(this.requireProject(), { ...request, coder }), ...filtered };
    },
    'team.coders': async () => ({ coders: this.requireProject().agreement.coders() }),
    'team.agreement': async (request) => agreementReport(this.requireProject(), request),
    ...agreementHandlers(this),
    'history.state': async () => this.recorder().state(),
    'history.undo': async () => {
      const label = this.recorder().undo();
      if (label) this.announce(EVERYTHING);
      return { ...this.recorder().state(), label };
    },
    'history.redo': async () => {
      const label = this.recorder().redo();
      if (label) this.announce(EVERYTHING);
      return { ...this.recorder().state(), label };
    },

    'project.check': async ({ path }) => {
      // A fresh read-only connection, so the check sees the file (not this connection's cache) and works on damage.
      return checkProjectFile(path ?? this.requireProject().path);
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
            this.history = new History(err.project, () => this.coder());
            this.emit({ type: 'project.changed', project: err.project.info() });
          } else if (project.isClosed && this.project === null) {
            this.emit({ type: 'project.changed', project: null });
          }
          throw err;
        }
        this.project = reopened;
        this.history = new History(reopened, () => this.coder());
        this.emit({ type: 'project.changed', project: reopened.info() });
        this.emit({ type: 'articles.changed' });
        return reopened.info();
      } finally {
        this.restoring = false;
      }
    },

    'settings.get': async () => this.appState.settings(),
    'settings.update': async (changes) => {
      // The coder named in the settings is who this window codes as from now on (coders.setCurrent is the call that
      // also adds the coder to the project).
      if (changes.coderName !== undefined && this.teamWindow.coder !== null) Object.assign(this.teamWindow, { coder: changes.coderName, coderId: null });
      return this.appState.updateSettings(changes);
    },
  };
}
