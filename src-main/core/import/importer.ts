import { open, readdir, realpath, stat, lstat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { constants } from 'node:fs';
import type { ImportPreview, ImportReport, NewsExportArticle, NewsExportReport } from '../../contract/types';
import type { Project } from '../store/Project';
import { inlineWriter, type ArticleWriter, type ReadyArticle } from './articleWriter';
import type { ImportedAttribute } from './sources/newsdb/attributes';
import { GLOSS_JSON_MAX_BYTES } from './glossJson';
import { HTML_EXTENSIONS } from './html';
import { contentFromFile, DOCUMENT_EXTENSIONS, GLOSS_JSON_EXTENSIONS, importKindOf, TEXT_EXTENSIONS, type SourceKind } from './textSource';
import { folderSkipReason, hiddenFolderReason, NEWS_XML_EXTENSIONS } from '../../contract/fileTypes';
import { readNewsExport, type NewsExportContent, type NewsFormat } from './sources/newsdb';
import { REFI_EXTENSIONS } from './textSource';
import { importRefiFile, plainRecorder, previewRecorder, type RefiRecorder } from '../refi/importRefi';
import { REFI_MAX_BYTES } from '../refi/parseRefi';

export { TEXT_EXTENSIONS };
/** Larger files are rejected rather than stored: nobody codes a 64 MB article, and it would stall every view. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * One thing to import: a file or folder on disk, contents the renderer sent, or an upload the web host kept in its
 * data folder (read from `path` only when its turn comes, reported under the `name` the browser gave it).
 */
export type ImportSource =
  | { kind: 'path'; path: string }
  | { kind: 'bytes'; name: string; bytes: Uint8Array }
  | { kind: 'upload'; name: string; path: string };

export interface ImportOptions {
  onProgress?: (done: number, total: number, current: string) => void;
  signal?: AbortSignal;
  /** Where articles are stored; by default on this thread and the project's connection. */
  writer?: ArticleWriter;
  /** Read every file as this news database's export (`gloss import --format`); by default detected by content. */
  format?: NewsFormat;
  /**
   * REFI-QDA files (.qdpx, .qdc): who codes selections whose creator the file does not name, and how each file's
   * changes are recorded (the session: one undo step per file; by default one transaction, no undo).
   */
  refi?: { coder: string; record?: RefiRecorder; preview?: boolean };
}

type CandidateKind = SourceKind | 'gloss-json' | 'news-xml' | 'refi';

interface Candidate {
  /** What the report calls it: the path given, or the uploaded name. */
  file: string;
  /** What the article records as its source. */
  sourceFile: string;
  /** Plain text, an HTML page, a Word, PDF or RTF document, a Gloss JSON export, or a Factiva XML export (by extension). */
  kind: CandidateKind;
  read: () => Promise<Uint8Array>;
  /** The folder it came from, relative to the imported folder ("business"); none for a file at its root or picked alone. */
  folder?: string;
}

interface Prepared {
  candidate: Candidate;
  result:
    | ({ ok: true; kind: 'article'; notes?: string[] } & Omit<ReadyArticle, 'file' | 'sourceFile'>)
    | { ok: true; kind: 'gloss-json' | 'refi'; bytes: Uint8Array }
    | ({ ok: true; kind: 'news' } & NewsExportContent)
    | { ok: false; reason: string };
}

/**
 * Imports files into the project. Every file ends up in exactly one list of the report; one bad file never stops
 * the others. Files are committed in batches, so a crash loses at most the uncommitted batch and never leaves half an
 * article; the next batch is read while the current one is written.
 */
export async function importSources(project: Project, sources: ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [], rejected: [], cancelled: false };
  const preview = options.refi?.preview === true;
  if (preview) report.preview = true;
  const expanded = await expand(sources, report);
  // A preview covers REFI-QDA files (what merging them would do); anything else waits for the real import.
  const candidates = preview ? expanded.filter((c) => c.kind === 'refi') : expanded;
  if (preview) {
    for (const c of expanded) if (c.kind !== 'refi') report.skipped.push({ file: c.file, reason: 'not part of a preview (it covers REFI-QDA files only)' });
  }
  const total = candidates.length;
  let done = 0;
  options.onProgress?.(0, total, '');

  // Large batches: each commit costs an fsync, and the per-article INSERT is atomic on its own (its FTS trigger runs
  // inside the same statement), so one failing file still cannot leave half an article behind. The first batches are
  // small and double in size: the writer stores a batch while the next one is read, so it starts after a few dozen
  // files instead of waiting idle for the reading of a thousand.
  const BATCH_FILES = 2000;
  const FIRST_BATCH_FILES = 64;
  const BATCH_BYTES = 32 * 1024 * 1024;
  const READ_CONCURRENCY = 16;
  let index = 0;
  let batchFiles = FIRST_BATCH_FILES;
  const nextBatch = async (): Promise<Prepared[]> => {
    const batch: Prepared[] = [];
    const limit = batchFiles;
    batchFiles = Math.min(batchFiles * 2, BATCH_FILES);
    let bytes = 0;
    while (index < candidates.length && batch.length < limit && bytes < BATCH_BYTES) {
      // Several reads in flight at once keep the disk and the thread pool busy while this thread decodes.
      const slice = candidates.slice(index, index + READ_CONCURRENCY);
      index += slice.length;
      for (const p of await Promise.all(slice.map((c) => prepare(c, options.format)))) {
        if (p.result.ok && p.result.kind === 'article') bytes += p.result.text.length * 2 + (p.result.source?.bytes.length ?? 0);
        else if (p.result.ok && p.result.kind === 'news') for (const a of p.result.articles) bytes += a.text.length * 2;
        else if (p.result.ok) bytes += p.result.bytes.length;
        batch.push(p);
      }
    }
    return batch;
  };

  const writer = options.writer ?? inlineWriter(project);
  let pending = nextBatch();
  for (;;) {
    const batch = await pending;
    if (batch.length === 0) break;
    if (options.signal?.aborted) {
      report.cancelled = true;
      break;
    }
    pending = nextBatch();
    const ready: ReadyArticle[] = [];
    // For each ready article from a news export, its line in that export's report (filled in once stored).
    const newsEntries: (NewsExportArticle & { export: NewsExportReport })[] = [];
    const notesOf = new Map<string, string[]>();
    const exports: { file: string; bytes: Uint8Array }[] = [];
    const refiFiles: { file: string; bytes: Uint8Array }[] = [];
    for (const { candidate, result } of batch) {
      if (!result.ok) report.rejected.push({ file: candidate.file, reason: result.reason });
      else if (result.kind === 'gloss-json') exports.push({ file: candidate.file, bytes: result.bytes });
      else if (result.kind === 'refi') refiFiles.push({ file: candidate.file, bytes: result.bytes });
      else if (result.kind === 'news') {
        const entry = newsExportEntry(candidate.file, result);
        (report.newsExports ??= []).push(entry);
        result.articles.forEach((a, i) => {
          const line: NewsExportArticle = {
            index: i + 1,
            position: a.source.position,
            title: a.title,
            fields: Object.fromEntries(a.attributes.map((x) => [x.name, x.value])),
            notes: a.source.notes,
          };
          entry.articles.push(line);
          newsEntries[ready.length] = Object.assign(line, { export: entry });
          ready.push({
            file: candidate.file,
            sourceFile: result.articles.length > 1 ? `${candidate.sourceFile} #${i + 1}` : candidate.sourceFile,
            text: a.text,
            title: a.title,
            hash: a.hash,
            encoding: result.encoding,
            encodingBasis: result.encodingBasis,
            encodingConfidence: result.encodingConfidence,
            hadBom: result.hadBom,
            originalLineEndings: result.originalLineEndings,
            normalizedToNfc: false,
            attributes: a.attributes,
          });
        });
      } else if (result.kind === 'article') {
        const { kind: _kind, ok: _ok, notes, ...article } = result;
        if (notes?.length) notesOf.set(candidate.file, notes);
        ready.push({ file: candidate.file, sourceFile: candidate.sourceFile, ...article });
      }
    }
    const outcomes = await writer.write(ready);
    outcomes.forEach((outcome, i) => {
      const news = newsEntries[i];
      if (!news) return;
      if (outcome.kind === 'imported') {
        news.articleId = outcome.articleId;
        news.export.imported++;
      } else if (outcome.kind === 'skipped') {
        news.duplicateOf = outcome.articleId;
        news.export.duplicates++;
      } else news.notes = [...news.notes, outcome.reason];
    });
    for (const e of newsEntries) if (e) delete (e as Partial<typeof e>).export;
    for (const outcome of outcomes) {
      if (outcome.kind === 'imported') {
        report.imported.push({
          file: outcome.file,
          articleId: outcome.articleId,
          title: outcome.title,
          encoding: outcome.encoding,
          ...(outcome.guessed ? { encodingGuessed: true } : {}),
          ...(notesOf.has(outcome.file) ? { notes: notesOf.get(outcome.file) } : {}),
          ...(outcome.guessed && outcome.runnerUp ? { encodingRunnerUp: outcome.runnerUp } : {}),
        });
      } else if (outcome.kind === 'skipped') report.skipped.push({ file: outcome.file, reason: outcome.reason, articleId: outcome.articleId });
      else report.rejected.push({ file: outcome.file, reason: outcome.reason });
    }
    // Exports are parsed, checked and applied by the writer (on its worker thread in the app), after the batch's
    // articles are committed, each in one transaction.
    for (const { file, bytes } of exports) {
      let outcome;
      try {
        outcome = await writer.importGlossJson(file, bytes);
      } catch (err) {
        outcome = { imported: [], skipped: [], rejected: [{ file, reason: `could not be imported: ${(err as Error).message}` }] };
      }
      report.imported.push(...outcome.imported);
      report.skipped.push(...outcome.skipped);
      report.rejected.push(...outcome.rejected);
      // The worker's connection changed the codebook; this connection's cached code paths are out of date.
      project.codes.invalidate();
    }
    // REFI-QDA files merge into the project on this connection, each as one transaction (one undo step in the app),
    // after the batch's articles are committed.
    for (const { file, bytes } of refiFiles) {
      let parsed;
      try {
        parsed = await writer.parseRefi(file, bytes);
      } catch (err) {
        parsed = { ok: false as const, reason: `could not be read: ${(err as Error).message}` };
      }
      const record = preview ? previewRecorder(project) : (options.refi?.record ?? plainRecorder(project));
      importRefiFile(project, file, parsed, options.refi?.coder ?? 'analyst', report, record);
    }
    done += batch.length;
    options.onProgress?.(done, total, batch.at(-1)?.candidate.file ?? '');
  }
  if (report.cancelled) {
    // Let the read-ahead finish so no file handle outlives the import.
    await pending.catch(() => undefined);
  }
  return report;
}

/**
 * What importSources would do with these files, storing nothing: each news-database export with its articles and
 * their fields (and which are already in the project, or repeat an earlier article of the same files), how many
 * other files would import as one article each, and which files would be rejected.
 */
export async function previewSources(project: Project, sources: ImportSource[], format?: NewsFormat): Promise<ImportPreview> {
  const scratch: ImportReport = { imported: [], skipped: [], rejected: [], cancelled: false };
  const candidates = await expand(sources, scratch);
  const preview: ImportPreview = { newsExports: [], otherFiles: 0, rejected: scratch.rejected };
  const seen = new Map<string, string>();
  for (const candidate of candidates) {
    const { result } = await prepare(candidate, format);
    if (!result.ok) preview.rejected.push({ file: candidate.file, reason: result.reason });
    else if (result.kind !== 'news') preview.otherFiles++;
    else {
      const entry = newsExportEntry(candidate.file, result);
      result.articles.forEach((a, i) => {
        const existing = project.articles.findByHash(a.hash);
        const earlier = seen.get(a.hash);
        const notes = [...a.source.notes];
        if (earlier && !existing) notes.push(`same text as ${earlier}`);
        if (existing || earlier) entry.duplicates++;
        else entry.imported++;
        seen.set(a.hash, `${candidate.file} #${i + 1}`);
        entry.articles.push({
          index: i + 1,
          position: a.source.position,
          title: a.title,
          fields: Object.fromEntries(a.attributes.map((x) => [x.name, x.value])),
          notes,
          ...(existing ? { duplicateOf: existing.id } : {}),
        });
      });
      preview.newsExports.push(entry);
    }
  }
  return preview;
}

async function prepare(candidate: Candidate, format: NewsFormat | undefined): Promise<Prepared> {
  let bytes: Uint8Array;
  try {
    bytes = await candidate.read();
  } catch (err) {
    return { candidate, result: { ok: false, reason: (err as Error).message } };
  }
  // Parsing a Gloss export waits for the writer: on this thread a large or hostile one would block the host.
  if (candidate.kind === 'gloss-json' || candidate.kind === 'refi') return { candidate, result: { ok: true, kind: candidate.kind, bytes } };
  // A news-database export becomes many articles, whatever its extension; any other file is one article.
  const news = readNewsExport(bytes, candidate.sourceFile, format);
  if (news) {
    if (news.ok && candidate.folder) for (const a of news.articles) a.attributes.push(folderAttribute(candidate.folder));
    return { candidate, result: news.ok ? { ...news, kind: 'news' } : news };
  }
  if (candidate.kind === 'news-xml') {
    return { candidate, result: { ok: false, reason: 'not a news-database export Gloss recognises' } };
  }
  const content = await contentFromFile(bytes, candidate.kind, candidate.sourceFile);
  if (!content.ok) return { candidate, result: content };
  // The original bytes go with the article, so it can later be re-decoded with an encoding chosen by hand; a
  // document's notes (what reading it left out) are kept with them.
  const source = { kind: candidate.kind, bytes, ...(content.notes?.length ? { notes: content.notes } : {}) };
  const attributes = candidate.folder ? [folderAttribute(candidate.folder)] : undefined;
  return { candidate, result: { ...content, kind: 'article', source, ...(attributes ? { attributes } : {}) } };
}

/** Turns paths and folders into a flat list of files, reporting what cannot be read as it goes. */
async function expand(sources: ImportSource[], report: ImportReport): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const source of sources) {
    if (source.kind === 'bytes') {
      const kind = importKindOf(source.name);
      if (!kind) {
        report.rejected.push({ file: source.name, reason: unsupportedReason(extname(source.name).toLowerCase()) });
        continue;
      }
      const bytes = source.bytes;
      out.push({ file: source.name, sourceFile: basename(source.name), kind, read: async () => checkSize(bytes, maxBytesFor(kind)), ...folderField(folderOfPickedName(source.name)) });
      continue;
    }
    if (source.kind === 'upload') {
      const kind = importKindOf(source.name);
      if (!kind) report.rejected.push({ file: source.name, reason: unsupportedReason(extname(source.name).toLowerCase()) });
      else
        out.push({
          file: source.name,
          sourceFile: basename(source.name),
          kind,
          read: () => readRegularFile(source.path, maxBytesFor(kind)),
          ...folderField(folderOfPickedName(source.name)),
        });
      continue;
    }
    const path = source.path;
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      let reason = `cannot be read (${code ?? (err as Error).message})`;
      if (code === 'ENOENT') {
        reason = (await lstat(path).then(() => true, () => false)) ? 'a link that points nowhere (dangling symbolic link)' : 'no such file or folder';
      } else if (code === 'ELOOP') reason = 'a symbolic link loop';
      report.rejected.push({ file: path, reason });
      continue;
    }
    if (info.isDirectory()) {
      await walk(path, path, out, report, new Set([await realpath(path)]));
    } else if (info.isFile()) {
      const kind = importKindOf(path);
      if (!kind) report.rejected.push({ file: path, reason: unsupportedReason(extname(path).toLowerCase()) });
      else out.push({ file: path, sourceFile: basename(path), kind, read: () => readRegularFile(path, maxBytesFor(kind)) });
    } else {
      report.rejected.push({ file: path, reason: 'not a regular file (a device, socket or named pipe)' });
    }
  }
  return out;
}

async function walk(root: string, dir: string, out: Candidate[], report: ImportReport, seen: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    report.rejected.push({ file: dir, reason: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const sourceFile = join(basename(root), relative(root, path));
    // The folder listing already says what a regular file or a folder is, so only a link (or an entry of a type the
    // file system did not report) costs a stat() to follow it: one round trip per file was a tenth of a large import.
    let info: { isFile(): boolean; isDirectory(): boolean };
    try {
      info = entry.isFile() || entry.isDirectory() ? entry : await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      report.rejected.push({
        file: path,
        reason: code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOENT' ? 'a link that points nowhere (dangling symbolic link)' : `cannot be read (${code})`,
      });
      continue;
    }
    if (info.isDirectory() && entry.name.startsWith('.')) {
      // A hidden folder (.git, .cache, .Trash) holds tool data, not articles, and listing each of its files would
      // drown the report; it is reported once, as a whole, so the analyst still sees that something was left out.
      report.skipped.push({ file: path, reason: hiddenFolderReason(entry.name) });
      continue;
    }
    if (info.isDirectory()) {
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) {
        report.rejected.push({ file: path, reason: 'a symbolic link loop (this folder was already visited)' });
        continue;
      }
      seen.add(real);
      await walk(root, path, out, report, seen);
      continue;
    }
    const kind = folderKindOf(entry.name);
    if (!kind) {
      // Every file a folder import leaves out is in the report, with why: nothing disappears silently.
      report.skipped.push({ file: path, reason: folderSkipReason(entry.name) });
      continue;
    }
    if (!info.isFile()) {
      report.rejected.push({ file: path, reason: 'not a regular file (a device, socket or named pipe)' });
      continue;
    }
    const folder = relative(root, dir).split(sep).join('/');
    out.push({ file: path, sourceFile, kind, read: () => readRegularFile(path, maxBytesFor(kind)), ...folderField(folder) });
  }
}

/** The article attribute that keeps the folder an imported file came from (issue 14: business/001.txt ≠ sport/001.txt). */
export const FOLDER_ATTRIBUTE = 'folder';

function folderAttribute(folder: string): ImportedAttribute {
  return { name: FOLDER_ATTRIBUTE, type: 'text', value: folder };
}

function folderField(folder: string): { folder?: string } {
  return folder ? { folder } : {};
}

/**
 * The folder of a file picked or dropped in a browser, from its relative name: the first part is the folder the
 * analyst picked ("coverage/business/001.txt" → "business"), so a file at its root, or a file picked alone, has none.
 */
export function folderOfPickedName(name: string): string {
  return name.split('/').slice(1, -1).join('/');
}

/**
 * Which files a folder import picks up: text, HTML, Word, PDF and RTF. A .json file is imported only when named on
 * its own, because folders of articles often hold JSON that is not a Gloss export (metadata, settings), and
 * rejecting each would drown the report.
 */
function folderKindOf(name: string): Exclude<CandidateKind, 'gloss-json' | 'news-xml' | 'refi'> | undefined {
  const kind = importKindOf(name);
  return kind === 'gloss-json' || kind === 'news-xml' || kind === 'refi' ? undefined : kind;
}

/** A Gloss export holds a whole project, so it may be larger than any one article file. */
function maxBytesFor(kind: CandidateKind): number {
  return kind === 'gloss-json' ? GLOSS_JSON_MAX_BYTES : kind === 'refi' ? REFI_MAX_BYTES : MAX_FILE_BYTES;
}

/** Opens without blocking and re-checks the type on the open handle, so a FIFO swapped in after stat() is never read. */
async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot be opened (${err.code ?? err.message})`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file (a device, socket or named pipe)');
    if (info.size > maxBytes) throw new Error(tooLarge(info.size, maxBytes));
    return checkSize(await handle.readFile(), maxBytes);
  } finally {
    await handle.close();
  }
}

function checkSize(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.length > maxBytes) throw new Error(tooLarge(bytes.length, maxBytes));
  return bytes;
}

function tooLarge(size: number, maxBytes: number): string {
  const what = maxBytes === MAX_FILE_BYTES ? 'text files' : maxBytes === REFI_MAX_BYTES ? 'REFI-QDA files' : 'Gloss exports';
  return `file too large (${(size / 1024 / 1024).toFixed(1)} MB; Gloss imports ${what} up to ${maxBytes / 1024 / 1024} MB)`;
}

function unsupportedReason(ext: string): string {
  const reads = [
    ...TEXT_EXTENSIONS,
    ...HTML_EXTENSIONS,
    ...DOCUMENT_EXTENSIONS,
    ...GLOSS_JSON_EXTENSIONS.map((e) => `${e} (a Gloss export)`),
    ...NEWS_XML_EXTENSIONS.map((e) => `${e} (a news-database export)`),
    ...REFI_EXTENSIONS.map((e) => `${e} (REFI-QDA ${e === '.qdc' ? 'codebook' : 'project'})`),
  ];
  return `not a text file type Gloss imports (${ext || 'no extension'}; it reads ${reads.join(', ')})`;
}

/** A news export's line in the import report (and in the preview), before any of its articles is stored. */
function newsExportEntry(file: string, result: NewsExportContent): NewsExportReport {
  return { file, database: result.database, format: result.format, found: result.articles.length, imported: 0, duplicates: 0, articles: [], notes: result.notes };
}
