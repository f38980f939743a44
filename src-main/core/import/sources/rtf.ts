// RTF → text, by a reader of our own: the npm RTF parsers crash on real exports (rtf-parser 1.3.3 dies on APA's) or
// mis-decode the two ways RTF spells characters — `\'hh` bytes in the code page of the current font or of the
// document (`\ansicpg`), and `\uN` UTF-16 units followed by `\ucN` "fallback" characters that must be skipped.
//
// The reader is a single pass over the bytes with a stack of group states. What it keeps: text, `\par`/`\line`/
// `\page`/`\sect` as line breaks, `\tab`, table cells (`\cell`, joined by tabs) and rows (`\row`), field results
// (the visible text of a hyperlink or page number), list numbers (`\listtext`, `\pntext`), and the named special
// characters. What it skips: the font, colour and style tables (the font table is read for the code page of each
// font), document info, pictures and objects (counted), headers, footers, footnotes, annotations (counted),
// every `{\*\…}` destination it does not know, and `\bin` data.
import iconv from 'iconv-lite';
import { counted, DocumentRefusal, joinBlocks, type DocumentBlock, type ExtractedDocument } from './document';

export interface RtfDocument extends ExtractedDocument {
  /** The document's ANSI code page (`\ansicpg`, or what `\ansi`/`\mac`/`\pc` imply); 1252 when it names none. */
  codePage: number;
  /** True when the document named its code page with `\ansicpg` (or `\mac`/`\pc`/`\pca`). */
  codePageDeclared: boolean;
}

export interface RtfOptions {
  /**
   * Read the document's ANSI bytes with this iconv-lite decoder instead of its declared code page (re-decoding by
   * hand). Fonts that name a character set of their own keep it.
   */
  decoder?: string;
}

/** `\fcharsetN` → Windows code page (Microsoft's RTF specification 1.9.1, "Font table"). */
const CHARSET_CODE_PAGES: Record<number, number> = {
  77: 10000,
  128: 932,
  129: 949,
  130: 1361,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
  254: 437,
  255: 850,
};

/** The Symbol font's bullets and dashes as Word writes them in list numbers (`\'b7` is its bullet). */
const SYMBOL_FONT: Record<number, string> = { 0xb7: '•', 0xa7: '§', 0x2d: '−', 0xd8: '¬', 0xae: '→', 0xfc: '✓' };

/** Destinations whose text is not the document's running text. */
const SKIPPED_DESTINATIONS = new Set([
  'colortbl', 'stylesheet', 'info', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'xmlnstbl',
  'fldinst', 'datafield', 'themedata', 'colorschememapping', 'latentstyles', 'pgdsctbl', 'filetbl', 'fonttbl',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf',
  'footnote', 'annotation', 'atnid', 'atnauthor', 'atndate', 'pict', 'object', 'objdata', 'nonshppict', 'shpinst',
  'bkmkstart', 'bkmkend', 'txe', 'xe', 'tc', 'pn', 'template', 'userprops', 'docvar', 'mmathPr', 'wgrffmtfilter',
  'panose', 'falt', 'fname', 'passwordhash', 'protusertbl', 'operator', 'comment', 'title', 'subject', 'author',
  'keywords', 'doccomm', 'company', 'category', 'manager', 'hlinkbase', 'blipuid', 'picprop', 'sp', 'sn', 'sv',
]);

/** Destinations counted in the notes when they held something, by what they are (all, page header, left, right, first). */
const NOTED = new Map<string, string>([
  ['pict', 'image'],
  ['object', 'embedded object'],
  ['footnote', 'footnote'],
  ['annotation', 'comment'],
  ...['header', 'headerl', 'headerr', 'headerf'].map((word): [string, string] => [word, 'page header']),
  ...['footer', 'footerl', 'footerr', 'footerf'].map((word): [string, string] => [word, 'page footer']),
]);

const SPECIAL_CHARACTERS: Record<string, string> = {
  emdash: '—', endash: '–', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”',
  emspace: '\u2003', enspace: '\u2002', qmspace: '\u2005', zwj: '\u200d', zwnj: '\u200c', ltrmark: '\u200e', rtlmark: '\u200f',
};

interface GroupState {
  /** How many fallback characters follow each `\uN`. */
  uc: number;
  /** Inside a destination whose text is not kept. */
  skip: boolean;
  /** The current font, for its code page. */
  font: number | undefined;
  /** Inside the font table: the font being described. */
  fontTable: boolean;
  /** The font table's entry this group describes. */
  fontEntry: number | undefined;
  /** Inside a table cell (`\intbl`). */
  inTable: boolean;
  /** This group is a list number (`\listtext`, `\pntext`): the paragraph it starts is a list item. */
  listText: boolean;
  /** Inside something already counted in the notes (a header's logo is not counted again) or a duplicate fallback. */
  uncounted: boolean;
}

const MAX_DEPTH = 1000;
/** The code page marker for "the decoder the caller chose". */
const CHOSEN = -1;

/** Reads an RTF file's bytes as text. Throws DocumentRefusal when the bytes are not RTF. */
export function extractRtf(bytes: Uint8Array, options: RtfOptions = {}): RtfDocument {
  if (!startsWithRtf(bytes)) throw new DocumentRefusal('not an RTF file (it does not start with "{\\rtf")');
  const fonts = new Map<number, { charset?: number; codePage?: number }>();
  let codePage = 1252;
  let codePageDeclared = false;
  let defaultFont: number | undefined;
  // Keyed by the singular noun, so that the kinds of one thing (header, headerl, headerr…) are counted together.
  const counts = new Map<string, number>();
  let binarySkipped = 0;
  let tables = 0;

  const blocks: DocumentBlock[] = [];
  let line = '';
  let lineIsListItem = false;
  let lineInTable = false;
  let rowCells: string[] = [];
  /** `\'hh` bytes waiting to be decoded together (a double-byte code page needs both bytes). */
  let pendingBytes: number[] = [];
  let pendingCodePage = 0;
  /** `\uN` units waiting to be joined (a surrogate pair arrives as two). */
  let pendingUnits: number[] = [];

  const stack: GroupState[] = [];
  let state: GroupState = { uc: 1, skip: false, font: undefined, fontTable: false, fontEntry: undefined, inTable: false, listText: false, uncounted: false };
  /** Fallback characters still to skip after a `\uN`. */
  let skipFallback = 0;

  const codePageOfFont = (font: number | undefined): number => {
    const f = fonts.get(font ?? defaultFont ?? -1);
    if (f?.codePage) return f.codePage;
    if (f?.charset === 2) return -2; // Symbol
    const byCharset = f?.charset !== undefined ? CHARSET_CODE_PAGES[f.charset] : undefined;
    if (byCharset) return byCharset;
    if (options.decoder) return CHOSEN;
    // \fcharset0 is Western (Windows-1252) whatever the document's code page, as Word reads it.
    return f?.charset === 0 ? 1252 : codePage;
  };
  const flushBytes = () => {
    if (pendingBytes.length === 0) return;
    const cp = pendingCodePage;
    if (cp === -2) line += pendingBytes.map((b) => SYMBOL_FONT[b] ?? '').join('');
    else line += iconv.decode(Buffer.from(pendingBytes), cp === CHOSEN ? options.decoder! : (codePageDecoder(cp) ?? 'cp1252'));
    pendingBytes = [];
  };
  const flushUnits = () => {
    if (pendingUnits.length === 0) return;
    line += String.fromCharCode(...pendingUnits).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
    pendingUnits = [];
  };
  const flush = () => {
    flushBytes();
    flushUnits();
  };
  const emit = (s: string) => {
    if (state.skip) return;
    flush();
    line += s;
  };
  const emitByte = (b: number) => {
    if (state.skip) return;
    flushUnits();
    const cp = codePageOfFont(state.font);
    if (pendingBytes.length > 0 && pendingCodePage !== cp) flushBytes();
    pendingCodePage = cp;
    pendingBytes.push(b);
  };
  const endParagraph = (kind: 'par' | 'cell' | 'row') => {
    if (state.skip) return;
    flush();
    if (kind === 'cell') {
      // One cell, one piece of the row's line: its own line breaks and tabs become spaces.
      rowCells.push(line.replace(/\s+/g, ' ').trim());
      line = '';
      return;
    }
    if (kind === 'row') {
      if (line.trim()) rowCells.push(line.replace(/\s+/g, ' ').trim());
      if (rowCells.some((c) => c.length > 0)) {
        if (blocks.at(-1)?.kind !== 'table-row' || !lineInTable) tables++;
        blocks.push({ kind: 'table-row', text: rowCells.join('\t'), group: `table:${tables}` });
      }
      rowCells = [];
      line = '';
      lineInTable = true;
      return;
    }
    if (state.inTable) {
      // A paragraph inside a cell: the cell's text goes on one line.
      line += ' ';
      return;
    }
    blocks.push({ kind: lineIsListItem ? 'list-item' : 'paragraph', text: line });
    line = '';
    lineIsListItem = false;
    lineInTable = false;
  };

  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i];
    if (c === undefined) break;
    if (c === 0x7b /* { */) {
      flush();
      if (stack.length >= MAX_DEPTH) throw new DocumentRefusal(`the RTF nests groups more than ${MAX_DEPTH} deep`);
      stack.push(state);
      state = { ...state, listText: false, fontEntry: undefined };
      skipFallback = 0;
      i++;
      continue;
    }
    if (c === 0x7d /* } */) {
      flush();
      if (state.listText) lineIsListItem = true;
      state = stack.pop() ?? state;
      skipFallback = 0;
      i++;
      continue;
    }
    if (c === 0x0d || c === 0x0a) {
      i++;
      continue;
    }
    if (c !== 0x5c /* \ */) {
      if (skipFallback === 0 && c < 0x80 && (state.skip || state.fontTable || c >= 0x20)) {
        // A run of plain characters (or of skipped data, such as a picture's hex) is taken at once.
        let end = i + 1;
        while (end < n) {
          const d = bytes[end];
          if (d === undefined || d === 0x5c || d === 0x7b || d === 0x7d || d === 0x0d || d === 0x0a || d >= 0x80 || (d < 0x20 && !state.skip && !state.fontTable)) break;
          end++;
        }
        if (!state.skip && !state.fontTable) emit(Buffer.from(bytes.buffer, bytes.byteOffset + i, end - i).toString('latin1'));
        i = end;
        continue;
      }
      if (skipFallback > 0) {
        skipFallback--;
        i++;
        continue;
      }
      if (state.fontTable) {
        i++;
        continue;
      }
      if (c < 0x80) emit(String.fromCharCode(c));
      else emitByte(c);
      i++;
      continue;
    }

    // A control symbol or control word.
    i++;
    const s = bytes[i];
    if (s === undefined) break;
    if (!isLetter(s)) {
      i++;
      if (s === 0x27 /* ' */) {
        const hex = String.fromCharCode(bytes[i] ?? 0, bytes[i + 1] ?? 0);
        i += 2;
        if (skipFallback > 0) {
          skipFallback--;
          continue;
        }
        const value = parseInt(hex, 16);
        if (!Number.isNaN(value) && !state.fontTable) emitByte(value);
        continue;
      }
      if (skipFallback > 0) {
        skipFallback--;
        continue;
      }
      if (s === 0x2a /* * */) {
        // `{\*\name …}`: an optional destination. Kept only when it is one whose text shows (a field result).
        const name = peekWord(bytes, i);
        if (name !== 'fldrslt') state.skip = true;
        continue;
      }
      if (s === 0x5c || s === 0x7b || s === 0x7d) emit(String.fromCharCode(s));
      else if (s === 0x7e /* ~ */) emit('\u00a0');
      else if (s === 0x5f /* _ */) emit('-'); // a non-breaking hyphen reads, and is searched, as a hyphen
      else if (s === 0x2d /* - */) {
        /* optional hyphen: not shown unless the line breaks there */
      } else if (s === 0x0d || s === 0x0a) endParagraph('par');
      else if (s === 0x7c || s === 0x3a) {
        /* formula and index sub-entry marks */
      }
      continue;
    }
    let end = i;
    while (end < n && isLetter(bytes[end]) && end - i < 32) end++;
    const word = String.fromCharCode(...bytes.subarray(i, end));
    i = end;
    let param: number | undefined;
    if (i < n && (bytes[i] === 0x2d || isDigit(bytes[i]))) {
      let j = i + (bytes[i] === 0x2d ? 1 : 0);
      while (j < n && isDigit(bytes[j]) && j - i < 11) j++;
      param = Number(String.fromCharCode(...bytes.subarray(i, j)));
      if (Number.isNaN(param)) param = undefined;
      i = j;
    }
    if (i < n && bytes[i] === 0x20) i++;

    if (word === 'bin') {
      // Binary data of `param` bytes: never text.
      const length = Math.max(0, param ?? 0);
      i += length;
      if (!state.skip) binarySkipped++;
      continue;
    }
    if (skipFallback > 0) {
      skipFallback--;
      continue;
    }
    if (word === 'u' && param !== undefined) {
      if (!state.skip && !state.fontTable) {
        flushBytes();
        pendingUnits.push(param < 0 ? param + 65536 : param);
      }
      skipFallback = state.uc;
      continue;
    }
    switch (word) {
      case 'uc':
        state.uc = Math.max(0, param ?? 1);
        continue;
      case 'ansicpg':
        if (param && param > 0) {
          codePage = param;
          codePageDeclared = true;
        }
        continue;
      case 'ansi':
        continue;
      case 'mac':
        codePage = 10000;
        codePageDeclared = true;
        continue;
      case 'pc':
        codePage = 437;
        codePageDeclared = true;
        continue;
      case 'pca':
        codePage = 850;
        codePageDeclared = true;
        continue;
      case 'deff':
        defaultFont = param;
        continue;
      case 'fonttbl':
        state.fontTable = true;
        state.skip = true;
        continue;
      case 'f':
        if (state.fontTable) {
          state.fontEntry = param;
          if (param !== undefined && !fonts.has(param)) fonts.set(param, {});
        } else {
          flushBytes();
          state.font = param;
        }
        continue;
      case 'fcharset':
        if (state.fontTable && state.fontEntry !== undefined) fonts.get(state.fontEntry)!.charset = param;
        continue;
      case 'cpg':
        if (state.fontTable && state.fontEntry !== undefined && param) fonts.get(state.fontEntry)!.codePage = param;
        continue;
      case 'plain':
        continue;
      case 'intbl':
        state.inTable = true;
        continue;
      case 'pard':
        state.inTable = false;
        continue;
      case 'listtext':
      case 'pntext':
        state.listText = true;
        continue;
      case 'par':
        endParagraph('par');
        continue;
      case 'line':
        emit('\n');
        continue;
      case 'page':
      case 'sect':
        if (line.trim()) endParagraph('par');
        continue;
      case 'tab':
        // After a list number a tab only lines the text up: a space reads the same.
        emit(state.listText ? ' ' : '\t');
        continue;
      case 'cell':
      case 'nestcell':
        endParagraph('cell');
        continue;
      case 'row':
      case 'nestrow':
        endParagraph('row');
        continue;
    }
    // Own keys only: `\constructor` in a hostile file is not Object's.
    const special = Object.hasOwn(SPECIAL_CHARACTERS, word) ? SPECIAL_CHARACTERS[word] : undefined;
    if (special !== undefined) {
      emit(special);
      continue;
    }
    if (SKIPPED_DESTINATIONS.has(word) || word === 'shppict') {
      const noun = NOTED.get(word);
      // `{\*\shppict {\pict …}}` is Word's picture and `{\*\nonshppict {\pict …}}` the same picture again for
      // older readers: only the first is counted.
      if (word === 'nonshppict') state.uncounted = true;
      else if (noun && !state.uncounted && !state.fontTable && groupHasContent(bytes, i)) {
        counts.set(noun, (counts.get(noun) ?? 0) + 1);
        state.uncounted = true;
      }
      state.skip = true;
    }
  }
  flush();
  if (rowCells.length > 0) endParagraph('row');
  if (line.trim()) blocks.push({ kind: lineIsListItem ? 'list-item' : 'paragraph', text: line });

  const notes: string[] = [];
  for (const [noun, count] of counts) notes.push(`${counted(count, noun)} left out`);
  if (binarySkipped > 0) notes.push(`${counted(binarySkipped, 'block')} of binary data left out`);
  if (tables > 0) notes.push(`${counted(tables, 'table')} kept as text rows (cells separated by tabs)`);
  return { ...joinBlocks(blocks, notes), codePage, codePageDeclared };
}

export function startsWithRtf(bytes: Uint8Array): boolean {
  let i = 0;
  // A UTF-8 byte order mark or leading white space is tolerated.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0d || bytes[i] === 0x0a || bytes[i] === 0x09)) i++;
  return String.fromCharCode(...bytes.subarray(i, i + 5)) === '{\\rtf';
}

/** The iconv-lite decoder for a Windows code page number, or undefined when iconv-lite has none. */
export function codePageDecoder(codePage: number): string | undefined {
  const names = codePage === 10000 ? ['macintosh'] : codePage === 1361 ? ['johab', 'cp1361'] : [`cp${codePage}`, `windows${codePage}`];
  return names.find((name) => iconv.encodingExists(name));
}

/** Whether the group starting after a destination word holds anything but white space before it closes. */
function groupHasContent(bytes: Uint8Array, from: number): boolean {
  let depth = 0;
  for (const c of bytes.subarray(from)) {
    if (c === 0x7b) depth++;
    else if (c === 0x7d) {
      if (depth === 0) return false;
      depth--;
    } else if (c !== 0x20 && c !== 0x0d && c !== 0x0a && c !== 0x09) return true;
  }
  return false;
}

function peekWord(bytes: Uint8Array, i: number): string {
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0d || bytes[i] === 0x0a)) i++;
  if (bytes[i] !== 0x5c) return '';
  let end = i + 1;
  while (end < bytes.length && isLetter(bytes[end])) end++;
  return String.fromCharCode(...bytes.subarray(i + 1, end));
}

const isLetter = (c: number | undefined) => c !== undefined && ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a));
// `undefined` is the end of the bytes: neither a letter nor a digit.
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
