// Shapes that cross the boundary between the renderer and the core. Offsets are always code points.

export interface ProjectInfo {
  path: string;
  name: string;
  articles: number;
  codes: number;
  codings: number;
  readOnly: boolean;
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
  /** True when the file's original bytes are kept, so the article can be re-decoded with another encoding. */
  hasSourceBytes: boolean;
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
  codingCount: number;
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
}

export interface ExportResult {
  path: string;
  /** Web host only: where the browser downloads the file from. */
  downloadUrl?: string;
  articles: number;
  codings: number;
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
  /** 'daily': made on the first open of a day; 'before-restore': the project as it was just before a restore. */
  kind: 'daily' | 'before-restore';
  /** When it was made (ISO 8601, UTC). */
  createdAt: string;
  sizeBytes: number;
  articles: number;
  codings: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  sqliteVersion: string;
  platform: string;
}

/** Events main pushes to the renderer outside request/response. */
export type GlossEvent =
  | { type: 'job.progress'; jobId: string; kind: 'import' | 'export'; done: number; total: number; current: string }
  | { type: 'project.changed'; project: ProjectInfo | null }
  | { type: 'articles.changed' }
  | { type: 'import.finished'; report: ImportReport }
  | { type: 'menu.command'; command: MenuCommand };

/** Menu items whose work happens in the renderer (dialogs it owns, such as export options). */
export type MenuCommand =
  | 'export.json'
  | 'export.csv'
  | 'project.new'
  | 'project.open'
  | 'import.files'
  | 'import.folder'
  /** File ▸ Restore from Backup…: the renderer lists `backups.list` and, once the analyst confirms, calls `backups.restore`. */
  | 'backups.restore';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}
