// PDF → text with pdfjs-dist (Mozilla's PDF.js: the most complete and best-kept PDF reader in JavaScript, with the
// fonts, encodings and CMaps that turn glyphs into characters). PDF.js gives positioned pieces of text; what an
// analyst reads is built from them here:
//   - lines: pieces on one baseline, split where a gap is wider than a column gutter;
//   - reading order: a page's columns are found from the vertical gutters its lines leave free, and read one after
//     the other; a line across the gutter (a headline, a footer) ends that band of columns;
//   - page furniture: the first or last two lines of a page, in its top or bottom 10%, that repeat on half the pages
//     (or three pages of a long document; digits ignored, so "Page 3 of 9" repeats) are running headers, footers and
//     page numbers, and go;
//   - paragraphs: a line gap wider than the page's usual spacing, or a short line ending a sentence, ends one; lines
//     inside one join with a space, and a word hyphenated across a line break is joined (the hyphen stays when the
//     next part starts with a capital: "Anglo-Saxon");
//   - a PDF with no text on any page is refused: it is a scan, and needs OCR first.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { at } from '../../../contract/must';
import { counted, DocumentRefusal, joinBlocks, type DocumentBlock, type ExtractedDocument } from './document';

export const NO_TEXT_LAYER = 'no text layer: run OCR first';
const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const STRONG_LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;

export interface Piece {
  text: string;
  /** Right-to-left text (Arabic, Hebrew): PDF.js gives each piece in reading order, the pieces sit right to left. */
  rtl: boolean;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Segment extends Piece {
  /** Column index, or -1 for a line across the gutter. */
  column: number;
}

export interface PageLines {
  height: number;
  segments: Segment[];
  columnRights: number[];
  textRight: number;
  columns: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;

/** PDF.js is an ES module: loaded once, on first use (the legacy build runs in Node without DOM globals). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

/** Where PDF.js's character maps are (CJK fonts need them to give text); undefined when they cannot be found. */
function cMapDirectory(): string | undefined {
  try {
    const require = createRequire(__filename);
    return join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps') + '/';
  } catch {
    return undefined;
  }
}

/** Reads a PDF's text layer. Throws DocumentRefusal for scans, password-protected and unreadable files. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (!isPdf(bytes)) throw new DocumentRefusal('not a PDF file (it does not start with "%PDF-")');
  const pdfjs = await loadPdfJs();
  const cMapUrl = cMapDirectory();
  // PDF.js takes ownership of (detaches) the buffer it is given, and refuses a Node Buffer: it gets a plain copy, so
  // the original bytes (kept with the article) stay intact.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      const e = err as Error;
      if (e.name === 'PasswordException') throw new DocumentRefusal('a password-protected PDF: open it, save or print it to a PDF without a password, and import that');
      throw new DocumentRefusal(`not a readable PDF (${e.message})`);
    }
    const pages: PageLines[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      // Positions are taken in the page as shown (rotation and a media box that does not start at 0 applied), with
      // y measured up from the bottom edge.
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, x, yDown] = affine(pdfjs.Util.transform(viewport.transform, item.transform as number[]) as number[]);
        const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
        pieces.push({ text: item.str, x0: x, x1: x + item.width, y: viewport.height - yDown, size, rtl: item.dir === 'rtl' || (STRONG_RTL.test(item.str) && !STRONG_LTR.test(item.str)) });
      }
      pages.push(layoutPage(pieces, viewport.height));
      page.cleanup();
    }

    const textPages = pages.filter((p) => p.segments.length > 0).length;
    const characters = pages.reduce((n, p) => n + p.segments.reduce((m, seg) => m + seg.text.replace(/\s/g, '').length, 0), 0);
    // A scan with a stamped page number or file name has a few characters of text: still a scan.
    if (textPages > 0 && characters < 10 * doc.numPages && (await countImagePages(doc, pdfjs, Math.min(doc.numPages, 5))) > 0) {
      throw new DocumentRefusal(`${NO_TEXT_LAYER} (the PDF is images with only ${counted(characters, 'character')} of text on ${counted(doc.numPages, 'page')}: a scan)`);
    }
    if (textPages === 0) {
      const images = await countImagePages(doc, pdfjs, Math.min(doc.numPages, 5));
      throw new DocumentRefusal(
        images > 0
          ? `${NO_TEXT_LAYER} (${doc.numPages === 1 ? "the PDF's page holds" : `the PDF's ${counted(doc.numPages, 'page')} hold`} only images: a scan)`
          : `${NO_TEXT_LAYER} (the PDF has ${counted(doc.numPages, 'page')} and no text on any of them)`,
      );
    }
    return toDocument(pages);
  } finally {
    await task.destroy();
  }
}

/** pdf.js's transforms are always the six numbers [a b c d e f] of an affine matrix; any other length is a pdf.js change. */
function affine(m: number[]): [number, number, number, number, number, number] {
  const [a, b, c, d, e, f] = m;
  if (m.length !== 6 || a === undefined || b === undefined || c === undefined || d === undefined || e === undefined || f === undefined) {
    throw new Error(`Internal error: a PDF text transform has ${m.length} numbers, not 6.`);
  }
  return [a, b, c, d, e, f];
}

export function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk (some writers put a BOM or a line before it); readers look in the first 1 KB.
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

async function countImagePages(doc: { getPage(n: number): Promise<{ getOperatorList(): Promise<{ fnArray: number[] }> }> }, pdfjs: PdfJs, upTo: number): Promise<number> {
  const imageOps = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject]);
  let n = 0;
  for (let p = 1; p <= upTo; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    if (ops.fnArray.some((f) => imageOps.has(f))) n++;
  }
  return n;
}

/** Pieces → lines on one baseline → segments (split at wide gaps) with their column, in reading order. */
export function layoutPage(pieces: Piece[], height: number): PageLines {
  pieces.sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Piece[][] = [];
  for (const piece of pieces) {
    const line = lines[lines.length - 1];
    const head = line?.[0];
    // Half the font size: a superscript note number stays on its line, the next line (at 1.2× or more) does not.
    if (line && head && Math.abs(head.y - piece.y) <= 0.5 * Math.max(head.size, piece.size)) line.push(piece);
    else lines.push([piece]);
  }
  const segments: Piece[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x0 - b.x0);
    // Pieces close enough to be one run of text; a wider gap starts another segment (the next column).
    const groups: Piece[][] = [];
    for (const piece of line) {
      const group = groups[groups.length - 1];
      const last = group?.[group.length - 1];
      if (last && piece.x0 - Math.max(...group.map((g) => g.x1)) <= 1.2 * Math.max(last.size, piece.size)) group.push(piece);
      else groups.push([piece]);
    }
    for (const group of groups) {
      // Arabic and Hebrew runs read from the right: their pieces are joined right to left.
      const rtl = group.filter((g) => g.rtl).length * 2 > group.length;
      const ordered = rtl ? [...group].reverse() : group;
      let text = at(ordered, 0).text;
      for (let i = 1; i < ordered.length; i++) {
        const previous = at(ordered, i - 1);
        const current = at(ordered, i);
        const [a, b] = rtl ? [current, previous] : [previous, current];
        const gap = b.x0 - a.x1;
        const spaced = gap > 0.15 * Math.min(a.size, b.size) && !/\s$/.test(text) && !/^\s/.test(current.text);
        text += (spaced ? ' ' : '') + current.text;
      }
      const head = at(group, 0);
      segments.push({ text, x0: head.x0, x1: Math.max(...group.map((g) => g.x1)), y: head.y, size: Math.max(...group.map((g) => g.size)), rtl });
    }
  }
  for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
  if (segments.length === 0) return { height, segments: [], columnRights: [], textRight: 0, columns: 0 };

  const left = Math.min(...segments.map((s) => s.x0));
  const right = Math.max(...segments.map((s) => s.x1));
  const sizes = segments.map((s) => s.size).sort((a, b) => a - b);
  const typicalSize = at(sizes, Math.floor(sizes.length / 2));
  const gutters = findGutters(segments, left, right, typicalSize, height);
  const columnOf = (s: Piece): number => {
    if (gutters.some((g) => s.x0 < g.from && s.x1 > g.to)) return -1;
    return gutters.filter((g) => s.x0 >= g.to).length;
  };
  const placed: Segment[] = segments.map((s) => ({ ...s, column: columnOf(s) }));

  const rtlPage = segments.filter((seg) => seg.rtl).length * 2 > segments.length;
  // Reading order: bands of columns between lines that cross a gutter.
  placed.sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const ordered: Segment[] = [];
  let band: Segment[][] = [];
  const flush = () => {
    // A right-to-left page reads its right column first.
    for (const column of rtlPage ? [...band].reverse() : band) if (column) ordered.push(...column);
    band = [];
  };
  for (const s of placed) {
    if (s.column < 0) {
      flush();
      ordered.push(s);
    } else (band[s.column] ??= []).push(s);
  }
  flush();
  const columnRights: number[] = [];
  for (const s of placed) if (s.column >= 0) columnRights[s.column] = Math.max(columnRights[s.column] ?? -Infinity, s.x1);
  return { height, segments: ordered, columnRights, textRight: right, columns: gutters.length + 1 };
}

/**
 * Vertical strips no narrow line covers, with enough lines on both sides to be columns. Lines wider than 60% of the
 * text width (headlines, footers) are left out of the search: they cross the gutter by design.
 */
function findGutters(segments: Piece[], left: number, right: number, typicalSize: number, height: number): { from: number; to: number }[] {
  const width = right - left;
  if (width <= 0) return [];
  // Lines in the page's top and bottom 8% (running heads, centred page numbers) often sit across the gutter.
  const narrow = segments.filter((s) => s.x1 - s.x0 < 0.6 * width && s.y < height * 0.92 && s.y > height * 0.08);
  if (narrow.length < 6) return [];
  const cells = Math.ceil(width);
  const covered = new Uint32Array(cells + 1);
  for (const s of narrow) for (let x = Math.floor(s.x0 - left); x < Math.ceil(s.x1 - left); x++) {
    const cell = Math.max(0, Math.min(cells, x));
    covered[cell] = at(covered, cell) + 1;
  }
  // A few lines may cross a gutter (the short last line of a paragraph set across the page above the columns):
  // one in twenty narrow lines is tolerated, and those lines then read as crossing it.
  const tolerated = Math.floor(narrow.length / 20);
  const gutters: { from: number; to: number }[] = [];
  let start = -1;
  for (let x = 0; x <= cells; x++) {
    const free = at(covered, x) <= tolerated;
    if (free && start < 0) start = x;
    if ((!free || x === cells) && start >= 0) {
      const from = left + start;
      const to = left + x;
      if (start > 0 && x < cells && to - from >= 0.8 * typicalSize) {
        // Columns of text on both sides: enough lines, and lines of a column's width — not a margin of labels
        // ("[Function]", line numbers) beside one column of text.
        const before = narrow.filter((s) => s.x1 <= from + 0.5);
        const after = narrow.filter((s) => s.x0 >= to - 0.5);
        const enough = (side: Piece[]) => side.length >= Math.max(3, 0.15 * narrow.length) && median(side.map((s) => s.x1 - s.x0)) >= 0.2 * width;
        if (enough(before) && enough(after)) gutters.push({ from, to });
      }
      start = -1;
    }
  }
  return gutters;
}

/** Digits masked and case folded: "Page 3 of 9" and "Page 4 of 9" are one running line. */
const furnitureKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
const PAGE_NUMBER = /^(?:(?:page|p\.|seite|s\.|pagina|página|blz\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|von|sur|de|van|\/)\s*\d{1,4})?$/i;

export function toDocument(pages: PageLines[]): ExtractedDocument {
  // Running headers and footers: among the two top or two bottom lines of a page, in its top or bottom 10%, and
  // repeating on half the pages or more.
  const edges = new Map<PageLines, { top: number; bottom: number }>();
  for (const page of pages) {
    const baselines = [...new Set(page.segments.map((s) => Math.round(s.y)))].sort((a, b) => b - a);
    edges.set(page, { top: baselines[Math.min(1, baselines.length - 1)] ?? 0, bottom: baselines[Math.max(0, baselines.length - 2)] ?? 0 });
  }
  const bandOf = (s: Segment, page: PageLines) => {
    const edge = edges.get(page)!;
    if (s.y >= page.height * 0.9 && Math.round(s.y) >= edge.top) return 'top';
    if (s.y <= page.height * 0.1 && Math.round(s.y) <= edge.bottom) return 'bottom';
    return undefined;
  };
  const seen = new Map<string, number>();
  for (const page of pages) {
    const keys = new Set<string>();
    for (const s of page.segments) {
      const band = bandOf(s, page);
      if (band) keys.add(`${band}|${furnitureKey(s.text)}`);
    }
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const textPages = pages.filter((p) => p.segments.length > 0).length;
  // On half the pages of a short document (an article's), on three pages of a long one (a book's chapter heads).
  const repeatsEnough = (k: string) => textPages >= 2 && (seen.get(k) ?? 0) >= Math.max(2, Math.min(3, Math.ceil(textPages / 2)));
  let furniture = 0;
  const furniturePages = new Set<number>();

  const blocks: DocumentBlock[] = [];
  let paragraph = '';
  let hyphensJoined = 0;
  let previous: { s: Segment; page: PageLines; lineGap: number; atEdge: boolean } | undefined;
  const endParagraph = () => {
    if (paragraph.trim()) blocks.push({ kind: 'paragraph', text: paragraph });
    paragraph = '';
  };

  pages.forEach((page, pageIndex) => {
    const kept = page.segments.filter((s) => {
      const band = bandOf(s, page);
      if (!band) return true;
      if (repeatsEnough(`${band}|${furnitureKey(s.text)}`) || (textPages >= 2 && PAGE_NUMBER.test(s.text))) {
        furniture++;
        furniturePages.add(pageIndex);
        return false;
      }
      return true;
    });
    const lineGap = usualLineGap(kept);
    // A line at the page's top or bottom edge set apart from the body (a header that did not repeat, a chapter
    // title) shares no paragraph; a body line that merely sits low on the page is at the usual spacing and does.
    const apart = 1.6 * (lineGap || 12);
    // With one line only, there is no second and no line before the last: nothing is set apart.
    const [first, second] = kept;
    const last = kept.at(-1);
    const beforeLast = kept.at(-2);
    const isolated = new Set<Segment>();
    if (first && second && bandOf(first, page) === 'top' && first.y - second.y > apart) isolated.add(first);
    if (last && beforeLast && bandOf(last, page) === 'bottom' && beforeLast.y - last.y > apart) isolated.add(last);
    for (const s of kept) {
      const atEdge = isolated.has(s);
      if (previous && (atEdge || previous.atEdge || !continuesParagraph(previous.s, previous.page, s, page, previous.lineGap))) endParagraph();
      if (!paragraph) paragraph = s.text;
      else {
        const hyphen = /(\p{L})[-\u00ad\u2010]$/u.exec(paragraph);
        if (hyphen && /^\p{L}/u.test(s.text)) {
          hyphensJoined++;
          const soft = paragraph.endsWith('\u00ad');
          paragraph = /^\p{Lu}/u.test(s.text) && !soft ? paragraph + s.text : paragraph.slice(0, -1) + s.text;
        } else paragraph += ` ${s.text}`;
      }
      previous = { s, page, lineGap, atEdge };
    }
  });
  endParagraph();

  const notes: string[] = [];
  const multiColumn = pages.filter((p) => p.columns > 1).length;
  if (multiColumn) notes.push(`read in columns on ${counted(multiColumn, 'page')}`);
  if (furniture) notes.push(`${counted(furniture, 'running header, footer or page number line')} removed on ${counted(furniturePages.size, 'page')}`);
  if (hyphensJoined) notes.push(`${counted(hyphensJoined, 'word')} hyphenated across a line break joined`);
  const empty = pages.length - textPages;
  if (empty) notes.push(`${counted(empty, 'page')} without text (scanned?) left out: run OCR for ${empty === 1 ? 'it' : 'them'}`);
  return joinBlocks(blocks, notes);
}

/** The median baseline distance between consecutive lines of one column: what "no paragraph break" looks like. */
function usualLineGap(segments: Segment[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < segments.length; i++) {
    const a = at(segments, i - 1);
    const b = at(segments, i);
    if (a.column === b.column && a.y > b.y) gaps.push(a.y - b.y);
  }
  if (gaps.length === 0) return 0;
  gaps.sort((x, y) => x - y);
  return at(gaps, Math.floor(gaps.length / 2));
}

function continuesParagraph(prev: Segment, prevPage: PageLines, cur: Segment, page: PageLines, prevLineGap: number): boolean {
  // A line across the gutter (a headline) and a column line never share a paragraph.
  if ((prev.column < 0) !== (cur.column < 0)) return false;
  if (Math.abs(prev.size - cur.size) > 0.15 * Math.max(prev.size, cur.size)) return false;
  const right = prev.column < 0 ? prevPage.textRight : (prevPage.columnRights[prev.column] ?? prevPage.textRight);
  const shortLine = prev.x1 < right - 2 * prev.size;
  if (shortLine && /[.!?:"”»’)]$/.test(prev.text)) return false;
  const sameFlow = prevPage === page && prev.column === cur.column && prev.y > cur.y;
  // The next column or page continues the paragraph unless the line before ended one (checked above).
  if (!sameFlow) return true;
  const gap = prev.y - cur.y;
  // Leading beyond twice the font size is a gap, whatever the page's median says (a page of scattered lines).
  const usual = prevLineGap > 0 ? Math.min(prevLineGap, 2 * prev.size) : 1.2 * prev.size;
  return gap <= 1.3 * usual;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
