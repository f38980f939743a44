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
export type MenuCommand = 'export.json' | 'export.csv' | 'project.new' | 'project.open' | 'import.files' | 'import.folder';

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}
