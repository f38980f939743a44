// Annotation import: read every file in its format, find or create each document's article, place its spans on
// the stored text (place.ts), and write codes and codings in one transaction per batch — on the import writer's
// worker thread in the app — with progress and cancel between batches. Nothing is written for a document whose
// article cannot be found; its spans are reported as unplaced, and everything else still imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { AnnotationImportReport } from '../../../contract/types';
import { OffsetIndex } from '../../../contract/offsets';
import { joinCodePath, splitCodePath } from '../../../contract/codePath';
import { decodeAs } from '../../import/decode';
import { inlineWriter, type ArticleWriter, type ReadyArticle } from '../../import/articleWriter';
import { MAX_FILE_BYTES } from '../../import/importer';
import { normalise, titleFrom } from '../../import/normalise';
import { contentFromBytes } from '../../import/textSource';
import type { Project } from '../../store/Project';
import { describeForm, TextOffsetMap } from '../../text/offsetMap';
import { readBrat } from './brat';
import { readDoccano } from './doccano';
import { readLabelStudio } from './labelStudio';
import type { AnnotationFormat, AnnotationInput, CompanionLookup, ForeignDocument, ReadOutcome } from './model';
import { placeDocument, type UnitOption } from './place';
import { readSemEval, readSpansCsv } from './spansCsv';
import { readWebAnnotation } from './webAnnotation';
import type { AnnotationBatch, AnnotationBatchResult } from './writeBatch';

export interface AnnotationImportOptions {
  format: AnnotationFormat;
  unit?: UnitOption;
  /** Codes are created at `codePrefix/label`. */
  codePrefix?: string;
  /** The coder of spans whose file names none. */
  coder: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, current: string) => void;
  writer?: ArticleWriter;
  /** Spans per transaction. */
  batchSpans?: number;
  /**
   * Read and place everything, write nothing: the report counts the spans that would be coded (`placed`; exact
   * duplicates are not told apart) and lists the articles that would be created with articleId 0.
   */
  preview?: boolean;
}

export function readAnnotationFiles(format: AnnotationFormat, inputs: AnnotationInput[], companion: CompanionLookup): ReadOutcome {
  const all: ReadOutcome = { documents: [], notImported: {}, rejected: [], unreadable: [] };
  for (const input of inputs) {
    const one =
      format === 'doccano'
        ? readDoccano(input)
        : format === 'labelstudio'
          ? readLabelStudio(input)
          : format === 'brat'
            ? readBrat(input, companion)
            : format === 'webannotation'
              ? readWebAnnotation(input)
              : format === 'semeval'
                ? readSemEval(input, companion)
                : readSpansCsv(input);
    all.documents.push(...one.documents);
    all.rejected.push(...one.rejected);
    all.unreadable.push(...one.unreadable);
    for (const [k, n] of Object.entries(one.notImported)) all.notImported[k] = (all.notImported[k] ?? 0) + n;
  }
  return all;
}

/** Companion files: among the inputs by name first, then next to the input on disk, then in folders beside it. */
export function companionFinder(inputs: AnnotationInput[]): CompanionLookup {
  const byName = new Map(inputs.map((i) => [basename(i.name), i]));
  const folders = new Map<string, string[]>();
  return (from, fileName) => {
    const given = byName.get(fileName);
    if (given) return given;
    if (!from.path) return undefined;
    const dir = dirname(from.path);
    let subdirs = folders.get(dir);
    if (!subdirs) {
      try {
        subdirs = readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(dir, d.name));
      } catch {
        subdirs = [];
      }
      folders.set(dir, subdirs);
    }
    for (const folder of [dir, ...subdirs]) {
      const path = join(folder, fileName);
      try {
        const info = statSync(path);
        if (!info.isFile() || info.size > MAX_FILE_BYTES) continue;
        return { name: fileName, path, bytes: readFileSync(path) };
      } catch {
        // not in this folder
      }
    }
    return undefined;
  };
}

interface ResolvedArticle {
  /** The text the producer counted on; for a matched article also the stored text when it differs (placeDocument). */
  maps: TextOffsetMap[];
  existingId?: number;
  title: string;
  create?: ReadyArticle;
}

/** The project's articles by id, source-file base name and title, read once per import. */
class ArticleFinder {
  private byFile?: Map<string, number[]>;
  private byTitle?: Map<string, number[]>;
  private ids?: Set<number>;
  constructor(private readonly project: Project) {}
  private load(): void {
    if (this.byFile) return;
    this.byFile = new Map();
    this.byTitle = new Map();
    this.ids = new Set();
    for (const [id, a] of this.project.articles.titlesById()) {
      this.ids.add(id);
      const file = basename(a.sourceFile.replace(/\\/g, '/'));
      this.byFile.set(file, [...(this.byFile.get(file) ?? []), id]);
      this.byTitle.set(a.title, [...(this.byTitle.get(a.title) ?? []), id]);
    }
  }
  find(ref: NonNullable<ForeignDocument['article']>): { id: number } | { reason: string } {
    this.load();
    const candidates: [string, number[] | undefined][] = [
      ['file name', ref.fileName !== undefined ? this.byFile!.get(ref.fileName) : undefined],
      ['title', ref.title !== undefined ? this.byTitle!.get(ref.title) : undefined],
    ];
    for (const [what, ids] of candidates) {
      if (ids && ids.length === 1) return { id: ids[0]! };
      if (ids && ids.length > 1) return { reason: `${ids.length} articles have the ${what} "${ref.label}" (articles ${ids.slice(0, 5).join(', ')}); it is ambiguous` };
    }
    if (ref.id !== undefined && this.ids!.has(ref.id)) return { id: ref.id };
    return { reason: `no article in the project matches "${ref.label}" (by ${[ref.fileName !== undefined && 'file name', ref.title !== undefined && 'title', ref.id !== undefined && 'id'].filter(Boolean).join(', ')})` };
  }
}

/** The text an article's offsets were counted on: its source file decoded as imported, else the stored text. */
function originalOf(project: Project, id: number): { maps: TextOffsetMap[]; title: string } {
  const article = project.articles.get(id);
  const stored = new TextOffsetMap(article.text, false);
  const source = project.sources.get(id);
  if (source && source.kind === 'text') {
    const d = decodeAs(source.bytes, source.importEncoding);
    if (d.ok && (d.hadBom || d.text !== article.text)) {
      const map = new TextOffsetMap(d.text, d.hadBom);
      if (map.stored === article.text) return { maps: [map, stored], title: article.title };
    }
  }
  return { maps: [stored], title: article.title };
}

function resolve(project: Project, finder: ArticleFinder, doc: ForeignDocument): ResolvedArticle | { reason: string } {
  if (doc.text) {
    const map = new TextOffsetMap(doc.text.original, doc.text.hadBom);
    if (map.stored.trim().length === 0) return { reason: 'its text is empty' };
    if (map.stored.includes('\u0000')) return { reason: 'its text contains NUL characters (U+0000), which Gloss cannot store' };
    const hash = createHash('sha256').update(map.stored, 'utf8').digest('hex');
    const existing = project.articles.findByHash(hash);
    if (existing) return { maps: [map], existingId: existing.id, title: existing.title };
    const fromFile = doc.text.bytes ? contentFromBytes(doc.text.bytes, 'text', doc.text.sourceFile) : undefined;
    if (fromFile?.ok && fromFile.hash === hash) {
      const { ok: _ok, ...content } = fromFile;
      return {
        maps: [map],
        title: content.title,
        create: { ...content, file: doc.name, sourceFile: doc.text.sourceFile, source: { kind: 'text', bytes: doc.text.bytes! } },
      };
    }
    const n = normalise(doc.text.original);
    const title = doc.text.title ?? titleFrom(map.stored, doc.name);
    return {
      maps: [map],
      title,
      create: {
        file: doc.name,
        sourceFile: doc.text.sourceFile,
        text: map.stored,
        title,
        encoding: doc.text.encoding,
        encodingBasis: 'export',
        encodingConfidence: null,
        hadBom: doc.text.hadBom,
        originalLineEndings: n.originalLineEndings,
        normalizedToNfc: n.normalizedToNfc,
        hash,
      },
    };
  }
  if (!doc.article) return { reason: 'the file names no article' };
  const found = finder.find(doc.article);
  if ('reason' in found) return found;
  const { maps, title } = originalOf(project, found.id);
  return { maps, existingId: found.id, title };
}

export function emptyAnnotationReport(format: string): AnnotationImportReport {
  return { format, spans: 0, placed: 0, duplicates: 0, reanchored: [], widened: 0, unplaced: [], articlesCreated: [], articlesMatched: [], codesCreated: 0, units: [], notImported: {}, rejected: [], cancelled: false };
}

export async function importAnnotations(project: Project, inputs: AnnotationInput[], options: AnnotationImportOptions): Promise<AnnotationImportReport> {
  const report = emptyAnnotationReport(options.format);
  const read = readAnnotationFiles(options.format, inputs, companionFinder(inputs));
  report.rejected.push(...read.rejected);
  report.unplaced.push(...read.unreadable);
  report.notImported = read.notImported;
  report.spans = read.documents.reduce((n, d) => n + d.annotations.length, 0) + read.unreadable.length;
  const prefix = options.codePrefix === undefined ? undefined : joinCodePath(splitCodePath(options.codePrefix).filter(Boolean));
  const writer = options.writer ?? inlineWriter(project);
  const finder = new ArticleFinder(project);
  const batchSpans = options.batchSpans ?? 5000;
  let done = 0;
  options.onProgress?.(0, report.spans, '');

  let batch: AnnotationBatch = { documents: [], createdAt: new Date().toISOString() };
  let batchSize = 0;
  // One batch is written (on the worker, in the app) while the next is placed here; results are taken in order.
  let inFlight: { batch: AnnotationBatch; size: number; result: Promise<AnnotationBatchResult> } | null = null;
  const drain = async () => {
    if (!inFlight) return;
    const { batch: sent, size, result: pending } = inFlight;
    inFlight = null;
    const result = await pending;
    report.placed += result.inserted;
    report.duplicates += result.duplicates;
    report.codesCreated += result.codesCreated;
    result.articles.forEach((a, k) => {
      const entry = { name: sent.documents[k]!.name, articleId: a.articleId, title: a.title };
      (a.created ? report.articlesCreated : report.articlesMatched).push(entry);
    });
    done += size;
    options.onProgress?.(done, report.spans, sent.documents.at(-1)!.name);
  };
  const flush = async () => {
    await drain();
    // A cancel seen while the previous batch was written stops here: this batch is never sent.
    if (options.signal?.aborted || batch.documents.length === 0) return;
    const sent = batch;
    inFlight = { batch: sent, size: batchSize, result: options.preview ? Promise.resolve(previewOf(sent)) : writer.writeAnnotations(sent) };
    batch = { documents: [], createdAt: new Date().toISOString() };
    batchSize = 0;
  };

  for (const doc of read.documents) {
    if (options.signal?.aborted) {
      report.cancelled = true;
      break;
    }
    const resolved = resolve(project, finder, doc);
    if ('reason' in resolved) {
      for (const a of doc.annotations) report.unplaced.push({ where: a.where, reason: resolved.reason });
      done += doc.annotations.length;
      continue;
    }
    const placement = placeDocument(resolved.maps, doc, options.unit ?? 'auto');
    const stored = resolved.maps[0]!.stored;
    report.unplaced.push(...placement.unplaced);
    report.reanchored.push(...placement.reanchored);
    report.widened += placement.widened;
    report.units.push({ document: doc.name, unit: describeForm(placement.form), reason: placement.unitReason, confident: placement.confident });
    const index = new OffsetIndex(stored);
    batch.documents.push({
      name: doc.name,
      existingId: resolved.existingId,
      create: resolved.create,
      codings: placement.placed.map((p) => ({
        codePath: prefix ? `${prefix}/${p.label}` : p.label,
        start: p.start,
        end: p.end,
        text: stored.slice(index.toUtf16(p.start), index.toUtf16(p.end)),
        memo: p.memo ?? '',
        coder: p.coder ?? options.coder,
      })),
    });
    batchSize += doc.annotations.length;
    if (batchSize >= batchSpans) await flush();
  }
  // A cancelled import keeps the batches already committed and drops the one being gathered.
  if (!report.cancelled && !options.signal?.aborted) await flush();
  await drain();
  if (options.signal?.aborted) report.cancelled = true;
  return report;
}

function previewOf(batch: AnnotationBatch): AnnotationBatchResult {
  return {
    inserted: batch.documents.reduce((n, d) => n + d.codings.length, 0),
    duplicates: 0,
    codesCreated: 0,
    articles: batch.documents.map((d) => ({ articleId: d.existingId ?? 0, title: d.create?.title ?? '', created: d.existingId === undefined })),
  };
}

const FORMAT_EXTENSIONS: Record<AnnotationFormat, RegExp> = {
  doccano: /\.(jsonl|json)$/i,
  labelstudio: /\.json$/i,
  brat: /\.ann$/i,
  webannotation: /\.(json|jsonld)$/i,
  spans: /\.(csv|tsv)$/i,
  semeval: /\.(labels|tsv)$/i,
};

/**
 * Files named on disk → inputs. A folder contributes its files of the format's extensions (brat: each .ann, whose
 * .txt is found beside it; spans: .csv/.tsv; SemEval: .labels/.tsv, so its article .txt files are not read as
 * labels), recursively; a file named directly is read whatever its extension; a file over the importer's size limit
 * is rejected, not read.
 */
export function annotationInputsFromPaths(paths: string[], format: AnnotationFormat): { inputs: AnnotationInput[]; rejected: { file: string; reason: string }[] } {
  const inputs: AnnotationInput[] = [];
  const rejected: { file: string; reason: string }[] = [];
  const add = (path: string, fromFolder: boolean) => {
    let info;
    try {
      info = statSync(path);
    } catch (err) {
      rejected.push({ file: path, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      return;
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(path).sort()) add(join(path, entry), true);
      return;
    }
    if (fromFolder && !FORMAT_EXTENSIONS[format].test(path)) return;
    if (info.size > MAX_FILE_BYTES) {
      rejected.push({ file: path, reason: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
      return;
    }
    inputs.push({ name: fromFolder ? path : basename(path), path, bytes: readFileSync(path) });
  };
  for (const p of paths) add(p, false);
  return { inputs, rejected };
}
