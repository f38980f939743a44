// What the Word, PDF and RTF readers hand back: the readable text as blocks, and what was left out on the way.
// Each reader is a pure function of the file's bytes, so the importer, re-decoding and the news-database splitters
// can all call them.

/** One paragraph-like unit of a document, in reading order. */
export interface DocumentBlock {
  text: string;
  /** List items and table rows sit on consecutive lines; paragraphs are separated by a blank line. */
  kind: 'paragraph' | 'list-item' | 'table-row';
  /** Which list or table the block belongs to: two lists in a row are two units. */
  group?: string;
}

export interface ExtractedDocument {
  /** The blocks joined (see joinBlocks): LF line endings, not yet NFC-normalised. */
  text: string;
  /** Each block's text, in order (no empty ones). */
  paragraphs: string[];
  /** What did not make it into the text, or changed shape on the way, in words for the import report. */
  notes: string[];
}

/** A file of a supported type that holds nothing Gloss can code, or is not what its extension says. */
export class DocumentRefusal extends Error {}

/**
 * Joins blocks into the text Gloss stores: a blank line between paragraphs (as news text files have them), a single
 * line break between the items of one list or the rows of one table, so they read as one unit.
 */
export function joinBlocks(blocks: DocumentBlock[], notes: string[]): ExtractedDocument {
  const kept = blocks.map((b) => ({ ...b, text: tidyLine(b.text) })).filter((b) => b.text.length > 0);
  let text = '';
  kept.forEach((b, i) => {
    const prev = kept[i - 1];
    if (prev) text += b.kind !== 'paragraph' && prev.kind === b.kind && prev.group === b.group ? '\n' : '\n\n';
    text += b.text;
  });
  return { text, paragraphs: kept.map((b) => b.text), notes };
}

/** Line breaks inside a block stay; spaces at line ends and runs of blank lines inside a block do not. */
function tidyLine(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[\s]+$/, '')
    .replace(/^\n+|[ \n]+$/g, '');
}

/** "1 image", "3 images". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
