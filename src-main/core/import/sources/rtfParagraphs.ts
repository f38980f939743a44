// A minimal RTF reader for the news-database splitters: the readable paragraphs of an RTF file, in order, with
// whether each was centred (LexisNexis classic exports centre the outlet, date and copyright lines, which is how
// their header is told from the headline). It honours \uN with \ucN, \'hh in the document's code page (\ansicpgN)
// and skips destinations that are not text (font and colour tables, pictures, headers, footers, \* groups).
// The Word/PDF/RTF single-document reader (richdocs) may replace this adapter: the splitters only need
// `RtfParagraph[]`.
import iconv from 'iconv-lite';
import { must } from '../../../contract/must';

export interface RtfParagraph {
  text: string;
  centered: boolean;
}

/** Destinations whose content is not part of the document's text. */
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl',
  'footerr', 'footerf', 'object', 'fldinst', 'themedata', 'colorschememapping', 'latentstyles', 'datastore',
  'xmlnstbl', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'pgdsctbl', 'bkmkstart', 'bkmkend',
  'nonshppict', 'footnote', 'filetbl', 'revtbl', 'userprops', 'xe', 'tc', 'private',
]);

const SYMBOLS: Record<string, string> = {
  emdash: '\u2014', endash: '\u2013', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c', rdblquote: '\u201d',
  bullet: '\u2022', emspace: '\u2003', enspace: '\u2002', tab: '\t', line: '\n',
};

interface GroupState {
  skip: boolean;
  uc: number;
}

export function rtfParagraphs(bytes: Uint8Array): RtfParagraph[] {
  // RTF is 7-bit by definition; anything above is read as Latin-1 so no byte is lost before \'hh handling.
  const src = Buffer.from(bytes).toString('latin1');
  if (!src.startsWith('{\\rtf')) throw new Error('not an RTF file (it does not start with {\\rtf)');
  const out: RtfParagraph[] = [];
  let codePage = 'windows-1252';
  let text = '';
  let pendingBytes: number[] = [];
  let centered = false;
  let state: GroupState = { skip: false, uc: 1 };
  const stack: GroupState[] = [];
  let skipChars = 0;

  const flushBytes = () => {
    if (pendingBytes.length === 0) return;
    text += iconv.encodingExists(codePage) ? iconv.decode(Buffer.from(pendingBytes), codePage) : Buffer.from(pendingBytes).toString('latin1');
    pendingBytes = [];
  };
  const emit = (s: string) => {
    if (state.skip) return;
    if (skipChars > 0) {
      skipChars--;
      return;
    }
    flushBytes();
    text += s;
  };
  const endParagraph = () => {
    flushBytes();
    out.push({ text: text.replace(/[ \t]+$/gm, ''), centered });
    text = '';
  };

  let i = 0;
  let groupStart = false;
  while (i < src.length) {
    const c = src[i];
    if (c === undefined) break;
    if (c === '{') {
      stack.push(state);
      state = { ...state };
      groupStart = true;
      i++;
      continue;
    }
    if (c === '}') {
      flushBytes();
      state = stack.pop() ?? state;
      groupStart = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c !== '\\') {
      groupStart = false;
      emit(c);
      i++;
      continue;
    }
    // A control sequence.
    const next = src[i + 1];
    if (next === undefined) break;
    if (next === "'") {
      const hex = src.slice(i + 2, i + 4);
      i += 4;
      groupStart = false;
      if (state.skip) continue;
      if (skipChars > 0) {
        skipChars--;
        continue;
      }
      const byte = parseInt(hex, 16);
      if (!Number.isNaN(byte)) pendingBytes.push(byte);
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      i += 2;
      const wasGroupStart = groupStart;
      groupStart = false;
      if (next === '*') {
        if (wasGroupStart) state.skip = true;
      } else if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '~') emit('\u00a0');
      else if (next === '_') emit('\u2011');
      else if (next === '\n' || next === '\r') {
        if (!state.skip) endParagraph();
      }
      continue;
    }
    // `next` is a letter, so the control word matches.
    const [control, letters, digits] = must(/^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 48)) ?? undefined, 'an RTF control word');
    i += 1 + control.length;
    const word = must(letters, "an RTF control word's letters");
    const param = digits === undefined ? undefined : Number(digits);
    const wasGroupStart = groupStart;
    groupStart = false;
    if (wasGroupStart && SKIPPED_DESTINATIONS.has(word)) {
      state.skip = true;
      continue;
    }
    switch (word) {
      case 'ansicpg':
        if (param !== undefined) codePage = param === 65001 ? 'utf-8' : `cp${param}`;
        break;
      case 'uc':
        if (param !== undefined) state.uc = param;
        break;
      case 'u':
        if (param !== undefined) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          if (!state.skip) skipChars = state.uc;
        }
        break;
      case 'par':
      case 'row':
        if (!state.skip) endParagraph();
        break;
      case 'sect':
      case 'page':
        if (!state.skip) endParagraph();
        break;
      case 'cell':
        emit('\t');
        break;
      case 'pard':
        centered = false;
        break;
      case 'qc':
        centered = true;
        break;
      case 'ql':
      case 'qr':
      case 'qj':
        centered = false;
        break;
      default:
        // Own keys only: `\constructor` in a hostile file is not Object's.
        if (Object.hasOwn(SYMBOLS, word)) emit(must(SYMBOLS[word], 'an RTF symbol'));
    }
  }
  endParagraph();
  return out.map((p) => ({ text: p.text.replace(/\t+$/g, '').replace(/\u00a0/g, ' '), centered: p.centered }));
}
