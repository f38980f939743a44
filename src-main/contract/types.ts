// Shapes that cross the boundary between the renderer and the core. Offsets are always code points. Request shapes
// the contract validates are derived from its schemas (schemas.ts); the imports are types only, so the renderer,
// which imports this file, ships no zod.
import type { z } from 'zod';
import type * as schemas from './schemas';

export interface ProjectInfo {
  path: string;
  name: string;
  articles: number;
  codes: number;
  codings: number;
  readOnly: boolean;
}

/** A project in the web host's data folder, known to the browser by its file name only. */
export interface LibraryProject {
  name: string;
  size: number;
  modifiedAt: string;
  /** The project open in this web host. */
  open?: boolean;
}

/** A project moved to the web host's trash (inside its data folder); `id` restores it. */
export interface TrashedProject {
  id: string;
  name: string;
  deletedAt: string;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface ArticleSummary {
  id: number;
  title: string;
  sourceFile: string;
  importedAt: string;
  encoding: string;
  /** Length of the stored text in code points. */
  length: number;
  codingCount: number;
  /** The folder it was imported from, relative to the imported folder (its `folder` attribute); null when none. */
  folder: string | null;
  /** True when the article has a memo with some text. */
  hasMemo: boolean;
}

export interface Article extends ArticleSummary {
  text: string;
  contentHash: string;
  hadBom: boolean;
  /** Line endings of the source file before they were normalised to LF: 'LF', 'CRLF', 'CR', 'mixed' or 'none'. */
  originalLineEndings: string;
  /** True when Unicode NFC normalisation changed the decoded text. */
  normalizedToNfc: boolean;
  /** How `encoding` was decided; 'guessed' is worth showing, with the offer to re-decode by hand. */
  encodingBasis: EncodingBasis;
  /** The detector's score (0–1) when the encoding was detected or guessed; null otherwise. */
  encodingConfidence: number | null;
  /**
   * When the encoding was detected or guessed: the encoding that came second (the best other reading of the bytes,
   * giving a different text), offered first when re-decoding; null when there was none or the analyst has chosen.
   */
  encodingRunnerUp: string | null;
  /** True when the file's original bytes are kept, so the article can be re-decoded with another encoding. */
  hasSourceBytes: boolean;
  /** What the original file was read as, when its bytes are kept: Word, PDF and RTF documents have no encoding to re-choose (RTF's code page aside). */
  sourceKind?: 'text' | 'html' | 'docx' | 'pdf' | 'rtf';
  /** What reading a Word, PDF or RTF file left out or reshaped ("2 images left out", "1 table kept as text rows…"). */
  importNotes: string[];
}

/**
 * How an article's encoding was decided: a byte order mark; valid UTF-8; the charset an HTML page declares; the
 * detector, confidently; a guess (low confidence, or the Windows-1252 fallback); the analyst's choice; a Gloss JSON
 * export (which stores text, not bytes); or unknown (articles imported before Gloss recorded it).
 */
export type EncodingBasis = 'bom' | 'utf8' | 'declared' | 'detected' | 'guessed' | 'chosen' | 'export' | 'unknown';

/** An encoding the analyst can choose when re-decoding an article. */
export interface EncodingOption {
  /** The name calls take and articles record, e.g. "Windows-1252". */
  name: string;
  /** What a picker shows, e.g. "Western (Windows-1252)". */
  label: string;
  /** A heading to group options under, e.g. "Cyrillic". */
  group: string;
  /** One of the encodings news files usually come in; a picker may list these first. */
  common: boolean;
}

/** What `articles.redecode` did, or (without `confirm`) would do. */
export interface RedecodeResult {
  /** False when the stored text is identical under the new encoding: only the recorded encoding changes. */
  changed: boolean;
  /** True when the change was made; false for a preview that waits for `confirm: true`. */
  applied: boolean;
  encoding: string;
  /** Codings whose passage no longer matches the new text at their offsets: removed (or, in a preview, to be removed). */
  codingsAffected: number;
  /** Codings that keep their offsets because the new text has the same passage there. */
  codingsKept: number;
  /** The title after the change (a title the analyst set by hand is kept). */
  newTitle: string;
  /** The beginning of the new text, to judge the encoding by. */
  sample: string;
  /** Length of the new text in code points. */
  newLength: number;
}

export interface Code {
  id: number;
  parentId: number | null;
  name: string;
  /** Names from the root to this code joined with '/', e.g. "Frames/Humanitarian". */
  path: string;
  color: string;
  description: string;
  sortOrder: number;
  /** Codings of this code itself (not of its sub-codes). */
  codingCount: number;
  /** True when the code has a memo with some text (in the codebook list; absent otherwise). */
  hasMemo?: boolean;
}

/** A named group of codes across the tree (MAXQDA code sets, ATLAS.ti code groups, REFI-QDA <Set>). */
export interface CodeSet {
  id: number;
  /** Stable across exports (REFI-QDA). */
  guid: string;
  name: string;
  description: string;
  /** Member codes, by id. */
  codeIds: number[];
}

export interface Coding {
  id: number;
  articleId: number;
  codeId: number;
  codePath: string;
  start: number;
  end: number;
  text: string;
  memo: string;
  coder: string;
  createdAt: string;
  updatedAt: string;
}

export interface ImportedFile {
  file: string;
  articleId: number;
  title: string;
  encoding: string;
  /** Set when the encoding was a guess (see Article.encodingBasis): the import dialog can suggest a check. */
  encodingGuessed?: boolean;
  /** For Word, PDF and RTF files: what reading them left out or reshaped (images, tables as text rows, headers). */
  notes?: string[];
  /** With a guess: the encoding that came second (see Article.encodingRunnerUp). */
  encodingRunnerUp?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
  articleId?: number;
}

export interface RejectedFile {
  file: string;
  reason: string;
}

export interface ImportReport {
  imported: ImportedFile[];
  skipped: SkippedFile[];
  rejected: RejectedFile[];
  cancelled: boolean;
  /** One entry per news-database export (LexisNexis, Nexis Uni, Factiva, ProQuest, Europresse) split into articles. */
  newsExports?: NewsExportReport[];
  /** True for a preview: nothing was written; `imported` lists what would be (its article ids are not kept). */
  preview?: boolean;
  /** What came in from REFI-QDA files (.qdpx projects, .qdc codebooks), summed over every such file imported. */
  refi?: RefiReport;
}

/** One article found in a news-database export, with the fields read from it. */
export interface NewsExportArticle {
  /** 1-based, in the file's order. */
  index: number;
  /** Where it starts: "line 26", "paragraph 114", "item 2". */
  position: string;
  title: string;
  /** outlet, publication date, author, section, length, language, source_id (only those found). */
  fields: Record<string, string | number>;
  /** What was missing or left out for this article. */
  notes: string[];
  /** Set once stored; absent when it was a duplicate or could not be stored. */
  articleId?: number;
  /** The article it duplicates (same normalised text), when skipped. */
  duplicateOf?: number;
}

/** What an import would do, before anything is stored (the app's preview of news-database exports). */
export interface ImportPreview {
  /** News-database exports among the files, each with its articles; duplicateOf names an article already stored. */
  newsExports: NewsExportReport[];
  /** Other files, each of which would import as one article. */
  otherFiles: number;
  rejected: RejectedFile[];
}

export interface NewsExportReport {
  file: string;
  /** "LexisNexis", "Nexis Uni", "Factiva", "ProQuest", "Europresse", "APA-OnlineManager". */
  database: string;
  /** The database and the file's variant: "LexisNexis TXT", "Factiva HTML (indexing display)", "Nexis Uni DOCX". */
  format: string;
  found: number;
  imported: number;
  duplicates: number;
  articles: NewsExportArticle[];
  /** What was left out or not understood file-wide (cover pages, tables of contents), with where. */
  notes: { position: string; message: string }[];
}

/** One text source of a REFI-QDA project: which unit its positions were read in, and what could not be mapped. */
export interface RefiSourceReport {
  name: string;
  /** The article it became, or the article already holding the same text. */
  articleId: number;
  /** The unit the producer's positions were read in, e.g. "UTF-16 code units, CRLF as two". */
  unit: string;
  /** Why that unit: the quotes it reproduced, or the selections it put on word boundaries. */
  why: string;
  /** False when the unit did not clearly beat the next best one: check a few codings by eye. */
  confident: boolean;
  mapped: number;
  /** Mapped, but an edge fell inside a character or line break and was widened to include it whole. */
  widened: number;
  unmapped: { guid: string; reason: string }[];
}

export interface RefiReport {
  sources: RefiSourceReport[];
  /** Codes of the file, matched to existing codes (by GUID, then path) or created. */
  codes: number;
  /** Sets of codes imported as code sets (matched by GUID, then name; members added). */
  codeSets: number;
  coders: number;
  memos: number;
  /** Attribute values set (a case spanning several sources counts once per source). */
  attributes: number;
  /** Counts of what Gloss has no home for, and sources with no readable text (by name, with why). */
  notImported: {
    links: number;
    graphs: number;
    /** Sets of codes none of whose codes are in the file. */
    codeSets: number;
    /** Selections in pictures, audio, video, or PDF regions. */
    nonTextSelections: number;
    sources: { name: string; reason: string }[];
    /** Other things worth knowing (cases spanning sources, duplicate sibling codes merged, renamed codes). */
    notes: string[];
  };
}

/** What an annotation import did (README, "Importing annotations"). Offsets in the lists are stored code points. */
export interface AnnotationImportReport {
  format: string;
  /** Spans the files hold (one per label, one per brat fragment). */
  spans: number;
  /** Spans now coded in the project (new codings). */
  placed: number;
  /** Exact duplicates of codings the project already had (same article, code, start, end): skipped and counted. */
  duplicates: number;
  /** Placed at the position where their quote was found nearby instead of the given one. */
  reanchored: { where: string; from: [number, number] | null; to: [number, number] }[];
  /** Spans whose edge fell inside a character, a CRLF or a composed letter and was widened to it. */
  widened: number;
  /** Spans that could not be placed, each with its reason; the rest still imported. */
  unplaced: { where: string; reason: string }[];
  /** Articles created from text the files carry, and articles of the project the spans were matched to. */
  articlesCreated: { name: string; articleId: number; title: string }[];
  articlesMatched: { name: string; articleId: number; title: string }[];
  codesCreated: number;
  /** How each document's positions were read (unit, line breaks, BOM) and why; `confident` false deserves a look. */
  units: { document: string; unit: string; reason: string; confident: boolean }[];
  /** What the files hold that Gloss does not import (relations, predictions …), counted by kind. */
  notImported: Record<string, number>;
  /** Files (or entries) that could not be read at all. */
  rejected: RejectedFile[];
  cancelled: boolean;
}

export interface ExportResult {
  path: string;
  /** Web host only: where the browser downloads the file from. */
  downloadUrl?: string;
  articles: number;
  codings: number;
  /** A CSV only: text cells beginning with = + - @, tab or CR (see contract/exportNotes.ts). */
  formulaLikeCells?: number;
  /** A CSV written with the formula guard: the cells it prefixed. */
  guardedCells?: number;
}

export interface Settings {
  coderName: string;
  /** How many daily backups of a project to keep next to it (and as many "before restore" copies). */
  backupsToKeep: number;
}

/** A snapshot of a project, kept in the folder `<project name>.gloss-backups` next to the project file. */
export interface BackupInfo {
  /** The file's name inside that folder: what `backups.restore` takes. */
  file: string;
  /**
   * 'daily': made on the first open of a day; 'before-restore': the project as it was just before a restore;
   * 'before-upgrade': the project as it was before a newer Gloss upgraded its format.
   */
  kind: 'daily' | 'before-restore' | 'before-upgrade';
  /** When it was made (ISO 8601, UTC). */
  createdAt: string;
  sizeBytes: number;
  articles: number;
  codings: number;
  /** The project passed its check (SQLite's quick_check and every article's fingerprint) before this copy was kept. */
  verified: boolean;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'cli' | 'web';
  sqliteVersion: string;
  platform: string;
}

/** Events main pushes to the renderer outside request/response. */
/** The kinds of project data a change can touch; a renderer refetches what shows them. */
export type ChangedEntity = 'articles' | 'codes' | 'codings' | 'memos' | 'attributes' | 'searches' | 'history' | 'coders';

/** One thing `project.check` / `gloss check` found wrong with a project file. */
export interface CheckFinding {
  /**
   * 'integrity': SQLite's own check (integrity_check / quick_check) found the file's structure damaged, or a table could
   * not be read; 'foreign-key': a row points at one that does not exist; 'article-hash': an article's text no longer
   * matches the fingerprint stored at import; 'coding-text': a coding's stored text is not its slice of the article;
   * 'code-cycle': codes that are each other's parents.
   */
  kind: 'integrity' | 'foreign-key' | 'article-hash' | 'coding-text' | 'code-cycle';
  message: string;
  articleId?: number;
  codingId?: number;
  codeId?: number;
}

export interface CheckReport {
  ok: boolean;
  findings: CheckFinding[];
}

export type GlossEvent =
  | { type: 'job.progress'; jobId: string; kind: 'import' | 'export'; done: number; total: number; current: string }
  /**
   * After every change to the open project, in every window: what it touched. `own` is true in the window whose
   * call made the change (the host sets it per window from `origin`, the window id, which it never passes on), so
   * that window can keep what the call's answer already told it instead of reading it again (issue 16).
   */
  | { type: 'changed'; entities: ChangedEntity[]; articleIds?: number[]; codeIds?: number[]; origin?: string; own?: boolean }
  | { type: 'project.changed'; project: ProjectInfo | null }
  | { type: 'articles.changed' }
  | { type: 'import.finished'; report: ImportReport }
  | { type: 'menu.command'; command: MenuCommand }
  /** The daily backup was not made: the project failed its check (damaged) or the copy could not be written. */
  | { type: 'backup.failed'; message: string; damaged: boolean };

/** Menu items whose work happens in the renderer (dialogs it owns, such as export options). */
export type MenuCommand =
  | 'export.json'
  | 'export.csv'
  /** File ▸ Export ▸ REFI-QDA project / codebook: export.refi with a save dialog (a download in the web host). */
  | 'export.qdpx'
  | 'export.qdc'
  | 'project.new'
  | 'project.open'
  | 'import.files'
  | 'import.folder'
  /** File ▸ Import Annotations…: the renderer's dialog (format, unit, code prefix, files, preview). */
  | 'import.annotations'
  /** File ▸ Merge Teammate's Work…: the renderer's preview dialog (project.mergePreview, then project.merge). */
  | 'project.merge'
  /** File ▸ Export ▸ For a Coder…: the renderer's dialog (coder, articles), then export.forCoder. */
  | 'export.forCoder'
  /** File ▸ Restore from Backup…: the renderer lists `backups.list` and, once the analyst confirms, calls `backups.restore`. */
  | 'backups.restore'
  /** File ▸ Check Project…: the renderer calls `project.check` and shows the findings. */
  | 'project.check'
  /** Edit ▸ Undo / Redo: in a text field the field's own undo, elsewhere `history.undo` / `history.redo`. */
  | 'history.undo'
  | 'history.redo';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The analyst's toolkit: retrieval, search, memos, article attributes, counts. Offsets are code points, end exclusive.

/** An attribute's type. 'boolean' is shown as yes/no; 'date' values are ISO yyyy-mm-dd. */
export type AttributeType = z.output<typeof schemas.attributeType>;
/** A stored attribute value: a string for text and date, a number, or true/false for yes/no. */
export type AttributeValue = z.output<typeof schemas.attributeValue>;

export interface AttributeDefinition {
  id: number;
  name: string;
  type: AttributeType;
  /** outlet, publication date, author, country, language: always there, cannot be renamed or deleted. */
  builtIn: boolean;
  /** How many articles have a value. */
  articleCount: number;
}

export interface ArticleAttribute {
  name: string;
  type: AttributeType;
  /** null: the article has no value. */
  value: AttributeValue | null;
}

export type AttributeFilterOp = z.output<typeof schemas.attributeFilterOp>;

/**
 * One condition on an article attribute. `eq` compares exactly (text ignoring ASCII case); `contains` is for text;
 * `lt`/`gt` are strict and `between` is inclusive ([from, to]), for numbers, dates and text; `empty` selects
 * articles without a value (no `value`). Several filters must all hold.
 */
export type AttributeFilter = z.output<typeof schemas.attributeFilter>;

export interface AttributeImportRow {
  /** The record's line number in the CSV (the header is line 1). */
  row: number;
  /** The file name or title the row was matched by. */
  key: string;
  status: 'matched' | 'no match' | 'ambiguous';
  articleId: number | null;
  title: string | null;
  /** For 'ambiguous': how many articles the key fits. */
  candidates: number;
  /** Values that are (or, in a preview, would be) set; empty cells are skipped, never cleared. */
  values: { name: string; value: AttributeValue }[];
  /** Cells that do not fit their attribute's type; they are not set. */
  errors: { column: string; value: string; message: string }[];
}

export interface AttributeImportColumn {
  name: string;
  type: AttributeType;
  /** 'new': the attribute does not exist and is (or would be) defined, with a type inferred from the column. */
  status: 'existing' | 'new';
}

export interface AttributeImportReport {
  preview: boolean;
  /** True when the values were written (preview false, and at least one value or new attribute). */
  applied: boolean;
  matchBy: 'file' | 'title';
  /** The CSV column the rows were matched by. */
  keyColumn: string;
  columns: AttributeImportColumn[];
  rows: AttributeImportRow[];
  matched: number;
  unmatched: number;
  ambiguous: number;
  valuesSet: number;
  typeErrors: number;
}

export type RetrieveQuery = z.output<typeof schemas.retrieveQuery>;

export interface RetrievedPassage {
  codingId: number;
  articleId: number;
  articleTitle: string;
  codeId: number;
  codePath: string;
  codeColor: string;
  start: number;
  end: number;
  text: string;
  /** Up to `context` code points of the article before and after the passage. */
  before: string;
  after: string;
  memo: string;
  coder: string;
}

export type SearchMode = z.output<typeof schemas.searchMode>;

/**
 * What to search for. 'fts': words, "phrases", prefix*, AND / OR / NOT and parentheses, always ignoring case, Latin
 * accents and Arabic/Hebrew marks, matching whole words (caseSensitive, wholeWords and ignoreMarks do not apply).
 * 'regex': a JavaScript regular expression (u flag) over the stored text, with the three options.
 */
export type SearchSpec = z.output<typeof schemas.searchSpec>;

export interface SearchHit {
  articleId: number;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

export interface SearchArticleHits {
  articleId: number;
  title: string;
  /** Every hit in the article, even when `hits` holds fewer because the result was cut at `limit`. */
  hitCount: number;
  hits: SearchHit[];
}

export interface SearchResult {
  mode: SearchMode;
  totalHits: number;
  articleCount: number;
  /** True when fewer hits are listed than were found (the `limit`). */
  truncated: boolean;
  /** Articles in id order, each with its hits in text order. */
  articles: SearchArticleHits[];
  /** FTS mode: the expression sent to SQLite's FTS5, for the curious. */
  ftsExpression?: string;
  elapsedMs: number;
}

export interface SavedSearch extends Required<Omit<SearchSpec, 'timeLimitMs'>> {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface CodeHitsResult {
  /** New codings, in article then offset order. */
  created: number;
  /** Hits whose span (after widening) already had the code. */
  skipped: number;
  /** Hits that widened to the same span as another hit of this batch (coded once). */
  collapsed: number;
  /**
   * Hits that overlapped a coding of the code without lying inside it: that coding was extended to cover them
   * (rather than a second, overlapping coding of the same code being made).
   */
  merged: number;
  /** True for a preview (`preview: true`): the counts say what coding would do; nothing was written. */
  preview?: boolean;
  codingIds: number[];
  /** The undo label, e.g. "Code 37 search hits". */
  label: string;
}

export type MemoTarget = z.output<typeof schemas.memoTarget>;

export interface Memo {
  target: MemoTarget;
  /** Plain text: what search, the CSV and the JSON `memo` fields hold. */
  plain: string;
  /** The editor's state as JSON text, opaque to the core; null when the memo has no rich form. */
  rich: string | null;
  updatedAt: string | null;
  /** Who wrote it first and when (a coding's memo: the coding's coder and creation); null when not recorded. */
  coder?: string | null;
  createdAt?: string | null;
}

export interface MemoSearchHit {
  target: MemoTarget;
  /** What the memo belongs to: an article's title, a code's path, "Project", or a coding's code path and passage. */
  label: string;
  /** The article of an article or coding memo. */
  articleId: number | null;
  /** Code points into the memo's plain text. */
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

export type CountsGrouping = z.output<typeof schemas.countsGrouping>;

export interface CountGroup {
  /** null: the whole corpus (by 'none'), or the articles without a value (by 'attribute'). */
  key: string | null;
  label: string;
  articleId: number | null;
  /** Articles in the group and their words (whitespace-separated tokens). */
  articles: number;
  words: number;
}

export interface CodeCountRow {
  codeId: number;
  codePath: string;
  color: string;
  /** The group's key (see CountGroup.key). */
  group: string | null;
  /** Codings of the code (with rollUp, of the code and all its sub-codes). */
  codings: number;
  /** Articles of the group with at least one such coding. */
  articles: number;
  /** codings × 1000 / the group's words; null when the group has no words. */
  per1000Words: number | null;
}

export interface CodeCounts {
  rollUp: boolean;
  by: CountsGrouping;
  attribute: string | null;
  groups: CountGroup[];
  /** by 'none': every code; otherwise only code × group pairs with at least one coding. Codebook order within a group. */
  rows: CodeCountRow[];
}

export interface CoverageSeries {
  codeId: number;
  codePath: string;
  color: string;
  /** Codings per period, aligned with Coverage.periods. */
  counts: number[];
  /** Codings in articles without a date. */
  undated: number;
}

export interface Coverage {
  interval: 'day' | 'week' | 'month';
  dateAttribute: string;
  /** Every period from the first to the last dated coding: yyyy-mm-dd (day; week: its Monday) or yyyy-mm (month). */
  periods: string[];
  series: CoverageSeries[];
}

export type CooccurrenceUnit = z.output<typeof schemas.cooccurrenceUnit>;

export interface Cooccurrence {
  unit: CooccurrenceUnit;
  codes: { codeId: number; codePath: string; color: string }[];
  /**
   * matrix[i][j] (i ≠ j): 'overlap' — pairs of codings of codes i and j whose spans overlap; 'paragraph' /
   * 'article' — paragraphs / articles holding codings of both. The diagonal: codings of the code ('overlap'), or
   * paragraphs / articles holding it.
   */
  matrix: number[][];
}

export interface CooccurrencePassage {
  articleId: number;
  articleTitle: string;
  /** The unit: both codings' combined span ('overlap'), the paragraph, or the whole article. */
  start: number;
  end: number;
  /** The unit's text; empty for 'article' (the codings carry the passages). */
  text: string;
  codingsA: { codingId: number; start: number; end: number; text: string }[];
  codingsB: { codingId: number; start: number; end: number; text: string }[];
}

/** The 2×2 counts of two coders over code points, and the measures computed from them (null where undefined). */
export interface AgreementFigures {
  both: number;
  xOnly: number;
  yOnly: number;
  neither: number;
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
}

export interface AgreementRow extends AgreementFigures {
  code: string;
  articleId: number;
}

export interface AgreementCodeRow extends AgreementFigures {
  code: string;
  /** Krippendorff's unitizing α, the code's articles laid end to end. */
  alphaU: number | null;
  /** Share of X's codings that Y matched with at least the chosen overlap, and the reverse (MAXQDA-style). */
  matchedXY: { matched: number; total: number };
  matchedYX: { matched: number; total: number };
}

/**
 * Agreement of two coders (`gloss agree`, `team.agreement`). Units are the code points of each in-scope article:
 * articles both coders coded, or the ones asked for. Rows: every code × article where either coder applied the code.
 * `codes` pool each code over the in-scope articles; `overall` pools every code. With more than two coders,
 * `alphaAll` is Krippendorff's α over all of them (per code and overall).
 */
export interface AgreementReport {
  unit: 'codepoint';
  coders: string[];
  rollUp: boolean;
  overlapThreshold: number;
  articleIds: number[];
  rows: AgreementRow[];
  codes: (AgreementCodeRow & { alphaAll?: number | null })[];
  overall: AgreementFigures & { alphaU: number | null; alphaAll?: number | null };
}

// --- agree12 ---
/** A coding in a disagreement: whose it is (coder X, coder Y, or the consensus coder) and where. */
export interface DisagreementCoding {
  id: number;
  coder: 'x' | 'y' | 'consensus';
  codeId: number;
  codePath: string;
  start: number;
  end: number;
}

/**
 * One passage where two coders differ on a code: the codings of either coder that overlap one another, `start`–`end`
 * their combined span (code points, end exclusive), `runs` the maximal runs of code points where exactly one coder
 * has the code and which one. `decided` once the consensus coder has a coding of the code there.
 */
export interface Disagreement {
  articleId: number;
  articleTitle: string;
  start: number;
  end: number;
  text: string;
  /** Up to 80 code points of the article before and after the passage. */
  before: string;
  after: string;
  runs: { start: number; end: number; coder: 'x' | 'y' }[];
  codings: DisagreementCoding[];
  decided: boolean;
}

export interface DisagreementList {
  coderX: string;
  coderY: string;
  consensusCoder: string;
  code: string;
  codeId: number;
  rollUp: boolean;
  articleIds: number[];
  items: Disagreement[];
  total: number;
  decided: number;
  /** Groups of overlapping codings on which the two coders agree exactly (nothing to decide). */
  agreed: number;
}

export type DisagreementDecision = 'acceptX' | 'acceptY' | 'acceptBoth' | 'reject' | 'edit';
// --- end agree12 ---
// --- teamcore ---
/** A person who codes (migration 010): stable GUID, display name (unique ignoring case), colour. */
export interface Coder {
  id: number;
  guid: string;
  name: string;
  /** #RRGGBB. */
  colour: string;
  createdAt: string;
  /** How many codings and memos this coder made. */
  codings: number;
  memos: number;
}

/** A deletion a merge can see: a record of this kind with this GUID existed here and was deleted. */
export interface Tombstone {
  kind: 'article' | 'code' | 'coding' | 'memo' | 'coder';
  guid: string;
  deletedAt: string;
  /** Who deleted it, where known. */
  coder: string | null;
}

/**
 * Blind coding for this window: when `on`, the reads that show codings (the reader, counts, passages, search's code
 * marks, exports) show only `coder`'s codings and say so (`filteredToCoder`).
 */
export interface BlindState {
  on: boolean;
  /** This window's current coder (who codes, and whose codings a blind window shows). */
  coder: string;
  /** Whether this window chose blind mode itself; otherwise `on` follows `teamSetUp`. */
  explicit: boolean;
  /** The project has an agreement set up: two or more coders with codings, or the project setting `team.setup`. */
  teamSetUp: boolean;
  /** The project setting alone (`team.setup`). */
  setupSetting: boolean;
}

/**
 * The event as one window receives it: a change says whether that window's own call made it (`own`), and the id of
 * the window that made it (`origin`) stays in the host, so no page learns another window's id.
 */
export function eventForWindow(event: GlossEvent, windowId: string | undefined): GlossEvent {
  if (event.type !== 'changed' || (event.origin === undefined && event.own === undefined)) return event;
  const { origin, own: _own, ...change } = event;
  return origin !== undefined && origin === windowId ? { ...change, own: true } : change;
}
