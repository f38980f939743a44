// The one contract between the renderer and main: every call's name, its request schema (validated at
// runtime in main, whatever the transport) and its response type. Preload, the web client, the IPC and HTTP
// handlers and the CLI all derive from this table, so a call cannot exist on one side only.
import { z } from 'zod';
import { cleanRichText } from './text';
import type { MergePreview, MergeReport } from './merge';
import { callNames, type CallName } from './callNames';
import {
  id,
  offset,
  path,
  jobId,
  color,
  typed,
  codeName,
  memo,
  codePath,
  empty,
  uploadId,
  attributeName,
  attributeType,
  attributeValue,
  attributeFilters,
  retrieveQuery,
  timeLimit,
  searchSpec,
  memoTarget,
  countsRequest,
  cooccurrenceUnit,
  coderFilter,
} from './schemas';
import { ANNOTATION_EXPORT_FORMATS, ANNOTATION_IMPORT_FORMATS, NEWS_FORMATS, REFI_FORMATS } from './fileTypes';
import type {
  AgreementReport,
  AppInfo,
  BlindState,
  Coder,
  Tombstone,
  Article,
  BackupInfo,
  CheckReport,
  ArticleSummary,
  Code,
  CodeSet,
  Coding,
  EncodingOption,
  ExportResult,
  HistoryState,
  ImportReport,
  ImportPreview,
  LibraryProject,
  ProjectInfo,
  TrashedProject,
  RecentProject,
  RedecodeResult,
  Settings,
  ArticleAttribute,
  AttributeDefinition,
  AttributeImportReport,
  AnnotationImportReport,
  CodeCounts,
  CodeHitsResult,
  Cooccurrence,
  CooccurrencePassage,
  Coverage,
  Memo,
  MemoSearchHit,
  RetrievedPassage,
  SavedSearch,
  SearchResult,
} from './types';
import type { DisagreementList } from './types'; // agree12

/**
 * How a table export (codings, passages, counts) is written: `format` CSV (the default; every cell exact) or XLSX
 * (the same columns; text cells are strings, never formulas); `formulaGuard` prefixes a CSV's formula-like cells
 * (= + - @, tab, CR) with an apostrophe. The result counts those cells (ExportResult.formulaLikeCells/guardedCells).
 */
const tableExport = { format: z.enum(['csv', 'xlsx']).optional(), formulaGuard: z.boolean().optional() };
const codeSetName = typed().trim().min(1, 'a code set needs a name').max(200);
const coderName = typed().trim().min(1, 'a coder needs a name').max(200);
/**
 * One disagreement's scope as team.disagreements lists it and team.decide settles it: the two coders, the one code
 * (by codeId or by codePath, with its sub-codes when `rollUp`) and the consensus coder whose codings settle it.
 */
const coderNamed = z.string().trim().min(1).max(200);
const disagreementScope = {
  coderX: coderNamed,
  coderY: coderNamed,
  codeId: id.optional(),
  codePath: z.string().trim().min(1).max(10_000).optional(),
  rollUp: z.boolean().optional(),
  consensusCoder: coderNamed.optional(),
};
const namesOneCode = (r: { codeId?: unknown; codePath?: unknown }) => (r.codeId === undefined) !== (r.codePath === undefined);
const NAME_ONE_CODE = 'name the code by codeId or by codePath (one of them)';
/** A project of the web host's data folder, by its file name (no folder, not hidden, ending in .gloss). */
const libraryName = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
  .refine((n) => /^[^/\\\u0000-\u001f\u007f]+\.gloss$/i.test(n) && !n.startsWith('.'), 'a project is named by its file name in the data folder, as projects.list gives it');

const annotationImportFields = {
  format: z.enum(ANNOTATION_IMPORT_FORMATS),
  unit: z.enum(['auto', 'codepoint', 'utf16', 'utf8']).optional(),
  codePrefix: codePath.optional(),
  coder: z.string().trim().min(1).max(1000).optional(),
  /** Read and place, write nothing: what the import would do, for the app's preview. */
  preview: z.boolean().optional(),
  jobId: jobId.optional(),
};

/** How conflicting codes are settled in a merge (merge12). */
const mergeDecision = z.enum(['ours', 'theirs', 'both']);
const mergeChoices = {
  decisions: z.record(z.string().min(1).max(10_000), mergeDecision).optional(),
  defaultDecision: mergeDecision.optional(),
};

/** Who makes calls: the desktop window, the `gloss` command line, a browser through the loopback web host. */
export type HostKind = 'electron' | 'cli' | 'web';
/** Hosts whose user may name files on disk. A browser never does: it uploads and downloads instead. */
const LOCAL_HOSTS = ['electron', 'cli'] as const satisfies readonly HostKind[];
const WEB_HOST = ['web'] as const satisfies readonly HostKind[];

/**
 * One call of the contract. `hosts`: who may make it (every host when absent), checked by the dispatcher before
 * anything else. `pathFields`: request fields that name a file on disk, and what the web host does with them —
 * 'local': refused from the web host (only Electron and the CLI may name such a file); 'confined': accepted, and the
 * web host limits it to its data folder (and the project given with `--project`). Every field that names a file
 * must be listed (tests/security checks this against every schema).
 */
export interface CallSpec {
  request: z.ZodType;
  response: unknown;
  hosts?: readonly HostKind[];
  pathFields?: Readonly<Record<string, 'local' | 'confined'>>;
}

export const calls = {
  'app.info': { request: empty, response: {} as AppInfo },

  'project.current': { request: empty, response: {} as ProjectInfo | null },
  /** Without a path the host asks where (a save dialog in the app; a name in the web host's data folder). */
  'project.create': {
    request: z.strictObject({ path: path.optional(), name: typed().trim().min(1).max(200).optional() }),
    response: {} as ProjectInfo | null,
    pathFields: { path: 'confined' },
  },
  /** Opens a project for writing (one writer per file), or `readOnly` beside a writer (the CLI's stats and exports). */
  'project.open': {
    request: z.strictObject({ path: path.optional(), readOnly: z.boolean().optional() }),
    response: {} as ProjectInfo | null,
    pathFields: { path: 'confined' },
  },
  'project.openSample': { request: empty, response: {} as ProjectInfo },
  'project.recent': { request: empty, response: {} as { items: RecentProject[] } },
  'project.close': { request: empty, response: {} as { closed: boolean } },

  'articles.list': {
    request: z.strictObject({
      filter: z.string().max(1000).optional(),
      sort: z.enum(['title', 'imported', 'codings', 'length']).optional(),
      descending: z.boolean().optional(),
      offset: z.int().min(0).max(10_000_000).optional(),
      limit: z.int().min(1).max(100_000).optional(),
      /** Only articles whose attributes pass every filter. */
      attributes: attributeFilters.optional(),
      /** Count only this coder's codings (a blind window always counts its own coder's). */
      coder: coderFilter.optional(),
    }),
    response: {} as { total: number; items: ArticleSummary[]; filteredToCoder?: string },
  },
  'articles.get': { request: z.strictObject({ id }), response: {} as Article },
  'articles.rename': {
    request: z.strictObject({ id, title: typed().trim().min(1, 'a title cannot be empty').max(1000) }),
    response: {} as ArticleSummary,
  },
  'articles.delete': { request: z.strictObject({ id }), response: {} as { deletedCodings: number } },
  /** The encodings an article can be re-decoded with (every one Gloss can decode), for a picker. */
  'articles.encodings': { request: empty, response: {} as { encodings: EncodingOption[] } },
  /**
   * Re-decodes the article's original bytes with `encoding`. Same text: only the recorded encoding changes. New
   * text and the article has codings: without `confirm` nothing changes and the result is a preview (applied:
   * false) saying how many codings would be removed; with `confirm: true` the text is replaced and codings whose
   * passage no longer matches are removed. A text change cannot be undone with Undo (the undo history is cleared);
   * re-decoding with the previous encoding brings the text back, not the removed codings.
   */
  'articles.redecode': {
    request: z.strictObject({ id, encoding: z.string().trim().min(1).max(64), confirm: z.boolean().optional() }),
    response: {} as RedecodeResult,
  },
  /** Import files or folders from disk. Without paths the app shows an open dialog (files, or a folder). */
  'articles.importPaths': {
    request: z.strictObject({
      paths: z.array(path).max(100_000).optional(),
      pick: z.enum(['files', 'folder']).optional(),
      /** Read every file as this database's export (by default news exports are recognised by content). */
      format: z.enum(NEWS_FORMATS).optional(),
      jobId: jobId.optional(),
      /** REFI-QDA files only: report what merging them would do, and change nothing (other files are skipped). */
      preview: z.boolean().optional(),
    }),
    response: {} as ImportReport | null,
    hosts: LOCAL_HOSTS,
    pathFields: { paths: 'local' },
  },
  /**
   * Web host: imports files the browser uploaded (POST /api/upload, one file per request, its bytes streamed to the
   * host), in the order given; each upload is imported once and then discarded.
   */
  'articles.importUploads': {
    request: z.strictObject({ uploads: z.array(uploadId).min(1).max(100_000), jobId: jobId.optional() }),
    response: {} as ImportReport,
    hosts: WEB_HOST,
  },
  /** Web host: what importing these uploads would do (news exports found, duplicates), storing nothing. */
  'articles.previewUploads': {
    request: z.strictObject({ uploads: z.array(uploadId).min(1).max(10_000) }),
    response: {} as ImportPreview,
    hosts: WEB_HOST,
  },
  /** Web host: deletes uploads that will not be imported after all (an import cancelled while uploading). */
  'articles.discardUploads': {
    request: z.strictObject({ uploads: z.array(uploadId).min(1).max(100_000) }),
    response: {} as { discarded: number },
    hosts: WEB_HOST,
  },
  /** Import file contents sent by the renderer (browser file input or drop in the web host). */
  'articles.importFiles': {
    request: z.strictObject({
      files: z
        .array(z.strictObject({ name: z.string().min(1).max(1024), base64: z.string().max(400_000_000) }))
        .min(1)
        .max(10_000),
      jobId: jobId.optional(),
      /** As for articles.importPaths. */
      preview: z.boolean().optional(),
    }),
    response: {} as ImportReport,
  },
  /** Reads the files as articles.importFiles would, and says what it would import, storing nothing. */
  'articles.previewFiles': {
    request: z.strictObject({
      files: z
        .array(z.strictObject({ name: z.string().min(1).max(1024), base64: z.string().max(400_000_000) }))
        .min(1)
        .max(10_000),
    }),
    response: {} as ImportPreview,
  },
  /**
   * Imports span annotations from other tools (README, "Importing annotations"): their articles when the file carries
   * the text, else matched to the project's articles; codes at `codePrefix/label`. Without paths the app shows an
   * open dialog. `unit` is how positions are counted; `auto` (the default) picks the one the file's quotes agree with.
   */
  'annotations.importPaths': {
    request: z.strictObject({ paths: z.array(path).min(1).max(100_000).optional(), ...annotationImportFields }),
    response: {} as AnnotationImportReport | null,
    hosts: LOCAL_HOSTS,
    pathFields: { paths: 'local' },
  },
  /** Web host: the same from files the browser uploaded (brat's .txt and .ann, SemEval's article files among them). */
  'annotations.importUploads': {
    request: z.strictObject({ uploads: z.array(uploadId).min(1).max(100_000), ...annotationImportFields }),
    response: {} as AnnotationImportReport,
    hosts: WEB_HOST,
  },
  'jobs.cancel': { request: z.strictObject({ jobId }), response: {} as { cancelled: boolean } },

  /** The codebook; each code's codingCount counts only `coder`'s codings when filtered (or blind). */
  'codes.list': { request: z.strictObject({ coder: coderFilter.optional() }), response: {} as { codes: Code[]; filteredToCoder?: string } },
  /**
   * Creates a code named by `name` (taken whole, "/" and all) or by `codePath` ("Frames/Humanitarian": missing
   * parents are created too, in the same undo step), at the top level or under `parentId`.
   */
  'codes.create': {
    request: z
      .strictObject({
        name: codeName.optional(),
        codePath: codePath.optional(),
        parentId: id.nullable().optional(),
        color: color.optional(),
        description: typed().max(100_000).optional(),
      })
      .refine((r) => (r.name === undefined) !== (r.codePath === undefined), { message: 'name the new code by name or by codePath', path: ['name'] }),
    response: {} as Code,
  },
  'codes.update': {
    request: z.strictObject({
      id,
      name: codeName.optional(),
      color: color.optional(),
      description: typed().max(100_000).optional(),
    }),
    response: {} as Code,
  },
  /** Re-parent and/or reorder: the code goes to `index` among the children of `parentId` (null: top level). */
  'codes.move': {
    request: z.strictObject({ id, parentId: id.nullable(), index: z.int().min(0).max(1_000_000) }),
    response: {} as { codes: Code[] },
  },
  /** Every coding of the source moves to the target (exact duplicates collapse), its sub-codes move under the target, and the source is deleted. */
  'codes.merge': {
    request: z.strictObject({ sourceId: id, targetId: id }),
    response: {} as { movedCodings: number; droppedDuplicates: number },
  },
  /** What deleting a code would take with it, for the confirmation. */
  'codes.impact': { request: z.strictObject({ id }), response: {} as { codings: number; descendants: number } },
  'codes.delete': { request: z.strictObject({ id }), response: {} as { deletedCodings: number; deletedCodes: number } },

  // --- refi11: code sets ---
  /** Named groups of codes across the tree; the codebook panel filters by one. */
  'codes.sets.list': { request: empty, response: {} as { codeSets: CodeSet[] } },
  'codes.sets.create': {
    request: z.strictObject({ name: codeSetName, description: typed().max(100_000).optional(), codeIds: z.array(id).max(100_000).optional() }),
    response: {} as CodeSet,
  },
  /** Renames, re-describes, and/or replaces the members (`codeIds` is the whole new membership). */
  'codes.sets.update': {
    request: z.strictObject({ id, name: codeSetName.optional(), description: typed().max(100_000).optional(), codeIds: z.array(id).max(100_000).optional() }),
    response: {} as CodeSet,
  },
  /** Adds codes to a set (codes already in it stay once). */
  'codes.sets.addCodes': { request: z.strictObject({ id, codeIds: z.array(id).min(1).max(100_000) }), response: {} as CodeSet },
  /** Removes the set; its codes stay. */
  'codes.sets.delete': { request: z.strictObject({ id }), response: {} as { removed: boolean } },
  // --- end refi11 ---

  'codings.listForArticle': {
    request: z.strictObject({ articleId: id, coder: coderFilter.optional() }),
    response: {} as { codings: Coding[]; filteredToCoder?: string },
  },
  /**
   * Codes a passage with a code, named by id or by path (`Frames/Humanitarian`, missing levels created). A span whose
   * start or end falls inside a grapheme cluster (a flag, an emoji sequence, a letter and its marks) is widened
   * outward to whole clusters, by the rule the reader's selection follows (offsets.ts snapSpanToGraphemes); the
   * returned coding says where it was stored. codings.update does the same.
   */
  'codings.apply': {
    request: z
      .strictObject({ articleId: id, codeId: id.optional(), codePath: codePath.optional(), start: offset, end: offset, memo: memo.optional() })
      .refine((r) => r.start < r.end, { message: 'start must be before end', path: ['end'] })
      .refine((r) => (r.codeId === undefined) !== (r.codePath === undefined), { message: 'name the code by codeId or by codePath', path: ['codeId'] }),
    response: {} as Coding,
  },
  'codings.update': {
    request: z
      .strictObject({ id, codeId: id.optional(), start: offset.optional(), end: offset.optional(), memo: memo.optional() })
      .refine((r) => r.start === undefined || r.end === undefined || r.start < r.end, {
        message: 'start must be before end',
        path: ['end'],
      }),
    response: {} as Coding,
  },
  'codings.remove': { request: z.strictObject({ id }), response: {} as { removed: boolean } },

  /**
   * Without a path the app shows a save dialog, and the web host offers the file as a download (`downloadUrl`).
   * `jobId` names the export for progress events and `jobs.cancel`.
   */
  'export.json': {
    request: z.strictObject({ path: path.optional(), jobId: jobId.optional(), coder: coderFilter.optional() }),
    response: {} as (ExportResult & { filteredToCoder?: string }) | null,
    pathFields: { path: 'local' },
  },
  'export.csv': {
    request: z.strictObject({ path: path.optional(), ...tableExport, jobId: jobId.optional(), coder: coderFilter.optional() }),
    response: {} as (ExportResult & { filteredToCoder?: string }) | null,
    pathFields: { path: 'local' },
  },
  /** Codings for NLP tools: W3C Web Annotation, doccano JSONL, Label Studio JSON, or brat standoff (a folder). */
  'export.annotations': {
    request: z.strictObject({
      format: z.enum(ANNOTATION_EXPORT_FORMATS),
      path: path.optional(),
      jobId: jobId.optional(),
      coder: coderFilter.optional(),
    }),
    response: {} as (ExportResult & { filteredToCoder?: string }) | null,
    pathFields: { path: 'local' },
  },

  /**
   * REFI-QDA exchange: the whole project as a `.qdpx` (project.qde valid against Project.xsd, one UTF-8 text per
   * article under sources/, positions in code points) or the codebook alone as a `.qdc`. GUIDs are stored, so every
   * export names things the same way. Without a path the app shows a save dialog, and the web host offers a download.
   * (A .qdpx or .qdc is imported like any file: articles.importPaths / importFiles / importUploads.)
   */
  'export.refi': {
    request: z.strictObject({ format: z.enum(REFI_FORMATS), path: path.optional(), jobId: jobId.optional() }),
    response: {} as ExportResult | null,
    pathFields: { path: 'local' },
  },

  // ---- The analyst's toolkit: retrieval, search, memos, article attributes, counts -------------------------------

  /** Coded passages of some codes, in article then offset order, one page at a time, with a little context. */
  'retrieve.passages': {
    request: retrieveQuery.extend({
      offset: z.int().min(0).max(10_000_000).optional(),
      limit: z.int().min(1).max(10_000).optional(),
      /** Code points of context on each side (default 80). */
      context: z.int().min(0).max(1000).optional(),
    }),
    response: {} as { total: number; items: RetrievedPassage[]; filteredToCoder?: string },
  },
  /** The same passages as CSV or XLSX (all of them). Without a path the app shows a save dialog. */
  'retrieve.exportCsv': {
    request: retrieveQuery.extend({ path: path.optional(), ...tableExport, context: z.int().min(0).max(1000).optional() }),
    response: {} as (ExportResult & { filteredToCoder?: string }) | null,
    pathFields: { path: 'local' },
  },

  /** Searches every article; hits in context, grouped by article. A regex that runs too long fails with 'timeout'. */
  'search.run': {
    request: searchSpec.extend({
      /** Hits listed at most (default 1,000); hitCount and totalHits still count them all. */
      limit: z.int().min(1).max(100_000).optional(),
      context: z.int().min(0).max(1000).optional(),
    }),
    response: {} as SearchResult,
  },
  /**
   * Codes the hits of a search (all of them, or the `hits` given) with one code, in one transaction and one undo
   * step ("Code 37 search hits"). `widen` extends each hit to its sentence or paragraph first. A span inside a
   * coding of the code is skipped, one overlapping such a coding is merged into it (the coding is extended), and
   * hits that widen onto the same span are coded once. `preview: true` only counts (for the dialog): nothing is
   * written and nothing is recorded.
   */
  'search.codeHits': {
    request: z
      .strictObject({
        search: searchSpec.optional(),
        hits: z.array(z.strictObject({ articleId: id, start: offset, end: offset })).min(1).max(100_000).optional(),
        codeId: id.optional(),
        codePath: codePath.optional(),
        widen: z.enum(['none', 'sentence', 'paragraph']).optional(),
        preview: z.boolean().optional(),
      })
      .refine((r) => (r.search === undefined) !== (r.hits === undefined), { message: 'give either the search (to code all its hits) or the hits to code' })
      .refine((r) => (r.codeId === undefined) !== (r.codePath === undefined), { message: 'name the code by codeId or by codePath', path: ['codeId'] }),
    response: {} as CodeHitsResult,
  },
  'search.saved.list': { request: empty, response: {} as { items: SavedSearch[] } },
  /** Saves a search under a name; a saved search with the same name (ignoring case) is replaced. */
  'search.saved.save': {
    request: searchSpec.omit({ timeLimitMs: true }).extend({ name: typed().trim().min(1).max(200) }),
    response: {} as SavedSearch,
  },
  'search.saved.delete': { request: z.strictObject({ id }), response: {} as { deleted: boolean } },

  'memos.get': { request: z.strictObject({ target: memoTarget }), response: {} as Memo },
  /** Sets a memo (undoable); plain '' with rich null removes it. `rich` is the editor's state as JSON text. */
  'memos.set': {
    request: z.strictObject({ target: memoTarget, plain: memo, rich: z.string().max(5_000_000).overwrite(cleanRichText).nullable() }),
    response: {} as Memo,
  },
  /** Searches the plain text of every memo: 'text' as typed, or a regular expression. */
  'memos.search': {
    request: z.strictObject({
      query: z.string().min(1).max(10_000),
      mode: z.enum(['text', 'regex']).optional(),
      caseSensitive: z.boolean().optional(),
      ignoreMarks: z.boolean().optional(),
      timeLimitMs: timeLimit.optional(),
      limit: z.int().min(1).max(10_000).optional(),
    }),
    /** A blind window finds only its own coder's coding memos (filteredToCoder says so). */
    response: {} as { total: number; hits: MemoSearchHit[]; filteredToCoder?: string },
  },

  'attributes.list': { request: empty, response: {} as { attributes: AttributeDefinition[] } },
  'attributes.define': { request: z.strictObject({ name: attributeName, type: attributeType }), response: {} as AttributeDefinition },
  'attributes.rename': { request: z.strictObject({ name: attributeName, newName: attributeName }), response: {} as AttributeDefinition },
  'attributes.delete': { request: z.strictObject({ name: attributeName }), response: {} as { deletedValues: number } },
  /** Sets one article's value (null or '' clears it), checked against the attribute's type; undoable. */
  'attributes.set': {
    request: z.strictObject({ articleId: id, name: attributeName, value: attributeValue.nullable() }),
    response: {} as ArticleAttribute,
  },
  /**
   * Reads attribute values from CSV text: a key column (file name or title) and one column per attribute; columns
   * naming no attribute define one (type inferred). `preview: true` reports per row what would happen and writes
   * nothing; `preview: false` applies the same plan as one undo step.
   */
  'attributes.importCsv': {
    request: z.strictObject({ csvText: z.string().min(1).max(50_000_000), matchBy: z.enum(['file', 'title']), preview: z.boolean() }),
    response: {} as AttributeImportReport,
  },
  'articles.attributes': { request: z.strictObject({ articleId: id }), response: {} as { articleId: number; attributes: ArticleAttribute[] } },

  /** Codings per code (rollUp: including sub-codes), per group of articles, with articles and per 1,000 words. */
  'counts.codes': { request: countsRequest, response: {} as CodeCounts & { filteredToCoder?: string } },
  /** The frequency table `gloss counts` prints: codings per code path, per article id, or per value of an attribute. */
  'counts.table': {
    request: z.strictObject({ by: z.string().trim().min(1).max(100), rollUp: z.boolean().optional(), coder: coderFilter.optional() }),
    response: {} as { rows: { key: string | number | null; count: number }[]; filteredToCoder?: string },
  },
  /** The frequency table of counts.codes as CSV or XLSX. Without a path the app shows a save dialog. */
  'counts.exportCsv': {
    request: countsRequest.extend({ path: path.optional(), ...tableExport }),
    response: {} as (ExportResult & { filteredToCoder?: string }) | null,
    pathFields: { path: 'local' },
  },
  /** Codings per day, week (from Monday) or month for each code, dated by a date attribute. */
  'counts.coverage': {
    request: z.strictObject({
      codeIds: z.array(id).min(1).max(100),
      interval: z.enum(['day', 'week', 'month']),
      dateAttribute: attributeName.optional(),
      rollUp: z.boolean().optional(),
    }),
    response: {} as Coverage,
  },
  /** How often codes overlap, share a paragraph or share an article (all codes unless codeIds). */
  'counts.cooccurrence': {
    request: z.strictObject({ codeIds: z.array(id).min(1).max(500).optional(), unit: cooccurrenceUnit, rollUp: z.boolean().optional() }),
    response: {} as Cooccurrence,
  },
  /** The passages behind one cell of the co-occurrence matrix. */
  'counts.cooccurrencePassages': {
    request: z.strictObject({
      codeA: id,
      codeB: id,
      unit: cooccurrenceUnit,
      rollUp: z.boolean().optional(),
      offset: z.int().min(0).max(10_000_000).optional(),
      limit: z.int().min(1).max(10_000).optional(),
    }),
    response: {} as { total: number; items: CooccurrencePassage[] },
  },

  /** Every coder with codings in the project, and how many. */
  'team.coders': { request: empty, response: {} as { coders: { coder: string; codings: number }[] } },
  /**
   * Inter-coder agreement over code points (percent, Cohen's κ, Krippendorff's α and αu, segment matches) of the
   * first two coders, per code × article, per code and overall; with more coders also α over all of them.
   */
  'team.agreement': {
    request: z.strictObject({
      coders: z.array(z.string().trim().min(1).max(200)).min(2).max(50),
      codePath: codePath.optional(),
      rollUp: z.boolean().optional(),
      articleIds: z.array(id).max(100_000).optional(),
      overlapThreshold: z.number().gt(0).max(1).optional(),
    }),
    response: {} as AgreementReport,
  },

  // --- agree12 ---
  /**
   * The disagreement worklist: every passage where coders X and Y differ on one code (with its sub-codes when
   * `rollUp`), in the articles both coded or the ones asked for, with the consensus coder's codings there.
   */
  'team.disagreements': {
    request: z.strictObject({ ...disagreementScope, articleIds: z.array(id).max(100_000).optional() }).refine(namesOneCode, NAME_ONE_CODE),
    response: {} as DisagreementList,
  },
  /**
   * Settles one disagreement as the consensus coder's coding(s), replacing that coder's codings of the code there:
   * acceptX / acceptY copy that coder's codings of the passage, acceptBoth both, reject writes none, edit writes
   * `start`–`end` (code points). One undo step.
   */
  'team.decide': {
    request: z
      .strictObject({
        ...disagreementScope,
        disagreement: z.strictObject({ articleId: id, start: z.int().min(0), end: z.int().min(1) }),
        decision: z.enum(['acceptX', 'acceptY', 'acceptBoth', 'reject', 'edit']),
        start: z.int().min(0).optional(),
        end: z.int().min(1).optional(),
      })
      .refine(namesOneCode, NAME_ONE_CODE)
      .refine((r) => r.decision !== 'edit' || (r.start !== undefined && r.end !== undefined && r.start < r.end), 'an edited decision needs start < end'),
    response: {} as { decision: string; written: Coding[]; removed: number },
  },
  /** The agreement table as CSV (the columns of `gloss agree --format csv`); without a path, a save dialog or download. */
  'team.exportAgreementCsv': {
    request: z.strictObject({
      coders: z.array(z.string().trim().min(1).max(200)).min(2).max(50),
      codePath: z.string().trim().min(1).max(10_000).optional(),
      rollUp: z.boolean().optional(),
      articleIds: z.array(id).max(100_000).optional(),
      overlapThreshold: z.number().gt(0).max(1).optional(),
      path: path.optional(),
      ...tableExport,
    }),
    response: {} as ExportResult | null,
    pathFields: { path: 'local' },
  },
  // --- end agree12 ---

  'history.state': { request: empty, response: {} as HistoryState },
  /** Undoes the last change of this session; `label` says what was undone (null: nothing to undo). */
  'history.undo': { request: empty, response: {} as HistoryState & { label: string | null } },
  'history.redo': { request: empty, response: {} as HistoryState & { label: string | null } },

  /**
   * Checks the open project's file without changing it: SQLite's integrity_check and foreign_key_check, every
   * article's text against its fingerprint, every coding's text against its article, the code tree for cycles
   * (what `gloss check` runs). `ok` is true when there is nothing to report.
   */
  /**
   * Checks the open project, or (the CLI, the desktop app) a project file named by `path` without opening it, so a
   * damaged file can be checked at all.
   */
  'project.check': { request: z.strictObject({ path: path.optional() }), response: {} as CheckReport, pathFields: { path: 'local' } },
  /** The open project's backups, newest first, and the folder they are kept in. */
  'backups.list': { request: empty, response: {} as { items: BackupInfo[]; folder: string } },
  /**
   * Replaces the open project's contents with a backup (a `file` from `backups.list`). The current contents are kept
   * first as a 'before-restore' backup; the project is closed, rewritten in one SQLite transaction, and reopened
   * (undo history starts afresh). Refused while an import or export runs.
   */
  'backups.restore': {
    request: z.strictObject({
      file: z
        .string()
        .min(1)
        .max(255)
        .refine((f) => !/[/\\]/.test(f) && !f.includes('\0') && f !== '.' && f !== '..', 'a backup is named by its file name alone, as backups.list gives it'),
    }),
    response: {} as ProjectInfo,
    pathFields: { file: 'confined' },
  },

  // --- teamcore ---
  /** The project's coders with how many codings and memos each made; `current` is this window's coder (null until chosen). */
  'coders.list': {
    request: empty,
    response: {} as { coders: Coder[]; current: string | null; remembered: string; blind: BlindState },
  },
  /** Adds a coder (a name not yet taken, ignoring case); the colour is the next of the palette unless given. */
  'coders.create': { request: z.strictObject({ name: coderName, colour: color.optional() }), response: {} as Coder },
  /** Renames and/or recolours a coder; a rename renames it on every coding and memo, as one undo step. */
  'coders.update': {
    request: z.strictObject({ id, name: coderName.optional(), colour: color.optional() }),
    response: {} as Coder,
  },
  /**
   * Makes a coder this window's current coder (by id, or by name — a new name creates the coder) and remembers it in
   * the app settings (`coderName`) for the next start. Every coding and memo made afterwards records this coder.
   */
  'coders.setCurrent': {
    request: z
      .strictObject({ id: id.optional(), name: coderName.optional() })
      .refine((r) => (r.id === undefined) !== (r.name === undefined), 'name the coder by id or by name'),
    response: {} as { current: Coder; blind: BlindState },
  },
  /** This window's blind-coding state. */
  'team.blind': { request: empty, response: {} as BlindState },
  /** Turns this window's "show only my codings" on or off. */
  'team.setBlind': { request: z.strictObject({ on: z.boolean() }), response: {} as BlindState },
  /** The project setting that says an agreement is set up (blind coding on by default in every window). */
  'team.setup': { request: z.strictObject({ on: z.boolean() }), response: {} as BlindState },
  /** Deletions a merge can see (GUIDs of deleted articles, codes, codings, memos and coders), newest first. */
  'team.tombstones': { request: empty, response: {} as { tombstones: Tombstone[] } },
  // --- end teamcore ---
  // --- ux14c --- (issue 14, item 12) The web host's project library: the .gloss files in its data folder, named by
  // file name only (never a path); `name` fields are names there, checked and confined by the host.
  /** The projects in the data folder and those in its trash. */
  'projects.list': { request: empty, response: {} as { items: LibraryProject[]; trash: TrashedProject[] }, hosts: WEB_HOST },
  /** Opens a project of the data folder (made in the browser, uploaded, or put there by the CLI). */
  'projects.open': { request: z.strictObject({ name: libraryName }), response: {} as ProjectInfo, hosts: WEB_HOST, pathFields: { name: 'confined' } },
  /** Open project…: a .gloss file the browser uploaded (POST /api/upload) joins the data folder and opens. */
  'projects.upload': { request: z.strictObject({ upload: uploadId }), response: {} as { name: string; project: ProjectInfo }, hosts: WEB_HOST },
  /** Renames a project of the data folder (the open one is closed, renamed and reopened). */
  'projects.rename': {
    request: z.strictObject({
      name: libraryName,
      newName: typed()
        .trim()
        .min(1, 'a project needs a name')
        .max(200)
        .refine((n) => !/[\\/:*?"<>|]/.test(n) && !n.startsWith('.'), 'a project name may not contain \\ / : * ? " < > | or begin with "."'),
    }),
    response: {} as { name: string; project: ProjectInfo | null },
    hosts: WEB_HOST,
    pathFields: { name: 'confined', newName: 'confined' },
  },
  /** Moves a project (never the open one) to the trash inside the data folder; `projects.restore` brings it back. */
  'projects.delete': { request: z.strictObject({ name: libraryName }), response: {} as TrashedProject, hosts: WEB_HOST, pathFields: { name: 'confined' } },
  'projects.restore': {
    request: z.strictObject({ id: z.string().regex(/^\d{1,16}-[0-9a-f]{8}$/, 'a trashed project is named by the id projects.delete gave') }),
    response: {} as { name: string },
    hosts: WEB_HOST,
  },
  // --- end ux14c ---

  'settings.get': { request: empty, response: {} as Settings },
  'settings.update': {
    request: z.strictObject({
      coderName: typed().trim().min(1).max(200).optional(),
      backupsToKeep: z.int().min(1).max(365).optional(),
    }),
    response: {} as Settings,
  },

  // --- merge12 ---
  /**
   * Merging a teammate's work (README, "Merging a teammate's work"): what merging another Gloss project, a Gloss JSON
   * export or a REFI-QDA .qdpx would do, writing nothing. The app and the CLI name the file (`path`; the app shows an
   * open dialog without one and returns the chosen `path`); the web host names an upload (`uploadId`, kept for the
   * merge). `decisions` (by the teammate's code path) settle conflicting codes; others take `defaultDecision` (ours).
   */
  'project.mergePreview': {
    request: z.strictObject({ path: path.optional(), uploadId: uploadId.optional(), ...mergeChoices }),
    response: {} as MergePreview | null,
    pathFields: { path: 'local' },
  },
  /** The merge itself: one undo step; nothing of the open project is lost. The upload (web host) is used up. */
  'project.merge': {
    request: z
      .strictObject({ path: path.optional(), uploadId: uploadId.optional(), ...mergeChoices })
      .refine((r) => (r.path === undefined) !== (r.uploadId === undefined), 'name the teammate\'s file by path or by uploadId (one of them)'),
    response: {} as MergeReport,
    pathFields: { path: 'local' },
  },
  /**
   * "Export for a coder": a new .gloss with the chosen articles (all without `articleIds`), the whole codebook with its
   * GUIDs, memos and attributes, and no codings but `coder`'s own. Without a path the app shows a save dialog and the
   * web host offers a download.
   */
  'export.forCoder': {
    request: z.strictObject({
      articleIds: z.array(id).min(1).max(1_000_000).optional(),
      coder: typed().trim().min(1).max(200).optional(),
      path: path.optional(),
      jobId: jobId.optional(),
    }),
    response: {} as ExportResult | null,
    pathFields: { path: 'local' },
  },
  // --- p16open ---
  /**
   * The article's codings as the reader needs them (issue 16): codings.listForArticle without each coding's passage
   * text, which the reader slices from the article text it already holds (offsets are code points into it). For 3,000
   * codings this is a third less to send, parse and keep. Same order, same coder filter, same not_found.
   */
  'codings.listForReader': {
    request: z.strictObject({ articleId: id, coder: coderFilter.optional() }),
    response: {} as { codings: Omit<Coding, 'text'>[]; filteredToCoder?: string },
  },
  // --- end p16open ---
} as const satisfies Record<CallName, CallSpec>;

export { callNames, type CallName };
export type CallRequest<N extends CallName> = z.input<(typeof calls)[N]['request']>;
export type ParsedRequest<N extends CallName> = z.output<(typeof calls)[N]['request']>;
export type CallResponse<N extends CallName> = (typeof calls)[N]['response'];

/** The API the renderer sees: one async function per call, named by the call. */
export type GlossApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
};

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/**
 * Whether `host` may make this call with this payload: null when it may, otherwise why not (a 'forbidden' error).
 * A browser never names a file on disk, so the web host may make no call marked for local hosts only and may not
 * fill a field marked 'local'.
 */
export function hostRefusal(name: CallName, host: HostKind, payload: unknown): string | null {
  const spec: CallSpec = calls[name];
  if (spec.hosts && !spec.hosts.includes(host)) {
    return host === 'web'
      ? `${name} names files on disk, which a browser may not do; the web host imports uploaded files and offers exports as downloads.`
      : `${name} is only available in the web host.`;
  }
  if (host === 'web' && spec.pathFields && payload !== null && typeof payload === 'object') {
    for (const [field, rule] of Object.entries(spec.pathFields)) {
      if (rule === 'local' && (payload as Record<string, unknown>)[field] !== undefined) {
        return `${name}: a browser may not name a file on disk (${field}); the web host offers the result as a download.`;
      }
    }
  }
  return null;
}
