// Which files Gloss imports, shared by the core importer and the renderer's file pickers, so a browser pick, a drop
// and the desktop folder walk agree on what is picked up.

export const TEXT_EXTENSIONS = ['.txt', '.text', '.md'];
export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml'];
/** Word, PDF and RTF documents: their text is read by core/import/sources (docx, pdf, rtf). */
export const DOCUMENT_EXTENSIONS = ['.docx', '.pdf', '.rtf'];
/** A Gloss JSON export: imported only when named on its own, since article folders often hold unrelated JSON. */
export const GLOSS_JSON_EXTENSIONS = ['.json'];

/**
 * News-database exports in Word, RTF and XML (Nexis Uni, LexisNexis, APA, Factiva). News exports in text and HTML
 * come through TEXT_EXTENSIONS and HTML_EXTENSIONS and are recognised by content.
 */
export const NEWS_DOCUMENT_EXTENSIONS = ['.docx', '.rtf'];
/** Factiva XML: like JSON, imported only when named on its own, since folders often hold unrelated XML. */
export const NEWS_XML_EXTENSIONS = ['.xml'];
/** REFI-QDA exchange files: a whole project (.qdpx) or a codebook (.qdc). Imported only when named on their own. */
export const REFI_EXTENSIONS = ['.qdpx', '.qdc'];

/** What a folder import picks up. */
export const FOLDER_EXTENSIONS = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, ...DOCUMENT_EXTENSIONS];
/** What may be picked or named as a single file. */
export const FILE_EXTENSIONS = [...FOLDER_EXTENSIONS, ...GLOSS_JSON_EXTENSIONS, ...NEWS_XML_EXTENSIONS, ...REFI_EXTENSIONS];

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return dot > slash ? name.slice(dot).toLowerCase() : '';
}

/**
 * Why a file found in a folder was not imported, the same words wherever the folder was read (the core's folder walk,
 * a browser folder pick or drop): its type — the extension, lower-cased, "no extension", or the whole name of a
 * hidden file such as .DS_Store. A .json file gets the hint that a Gloss export is imported when named on its own.
 */
export function folderSkipReason(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const ext = extensionOf(base);
  if (GLOSS_JSON_EXTENSIONS.includes(ext)) return `not a type Gloss imports (${ext}) from a folder; name a Gloss JSON export on its own to import it`;
  const what = base.startsWith('.') && ext === base.toLowerCase() ? base : ext || 'no extension';
  return `not a type Gloss imports (${what})`;
}

/** Why a hidden folder (.git, .cache) inside an imported folder was left out, once for the whole folder. */
export function hiddenFolderReason(name: string): string {
  return `a hidden folder; Gloss does not look inside (${name})`;
}

/** The news databases whose exports `gloss import --format` can force (by default they are recognised by content). */
export const NEWS_FORMATS = ['lexisnexis', 'nexisuni', 'factiva', 'proquest', 'europresse'] as const;
export type NewsFormat = (typeof NEWS_FORMATS)[number];

/** The annotation formats Gloss reads (README, "Importing annotations"). */
export const ANNOTATION_IMPORT_FORMATS = ['doccano', 'labelstudio', 'brat', 'webannotation', 'spans', 'semeval'] as const;
export type AnnotationFormat = (typeof ANNOTATION_IMPORT_FORMATS)[number];
/** The annotation formats Gloss writes for NLP tools (README, "Export formats"). */
export const ANNOTATION_EXPORT_FORMATS = ['webannotation', 'doccano', 'labelstudio', 'brat'] as const;
export type AnnotationExportFormat = (typeof ANNOTATION_EXPORT_FORMATS)[number];
/** REFI-QDA exchange: a whole project (.qdpx) or a codebook alone (.qdc). */
export const REFI_FORMATS = ['qdpx', 'qdc'] as const;
export type RefiFormat = (typeof REFI_FORMATS)[number];
