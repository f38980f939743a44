// Which files Gloss imports, shared by the core importer and the renderer's file pickers, so a browser pick, a drop
// and the desktop folder walk agree on what is picked up.

export const TEXT_EXTENSIONS = ['.txt', '.text', '.md'];
export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'];
/** A Gloss JSON export: imported only when named on its own, since article folders often hold unrelated JSON. */
export const GLOSS_JSON_EXTENSIONS = ['.json'];

/** REFI-QDA exchange files: a whole project (.qdpx) or a codebook (.qdc). Imported only when named on their own. */
export const REFI_EXTENSIONS = ['.qdpx', '.qdc'];

/** What a folder import picks up. */
export const FOLDER_EXTENSIONS = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS];
/** What may be picked or named as a single file. */
export const FILE_EXTENSIONS = [...FOLDER_EXTENSIONS, ...GLOSS_JSON_EXTENSIONS, ...REFI_EXTENSIONS];

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return dot > slash ? name.slice(dot).toLowerCase() : '';
}
