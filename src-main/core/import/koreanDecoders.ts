// The two Korean encodings iconv-lite and the WHATWG TextDecoder lack, decoded on top of the KS X 1001 table that
// iconv-lite's EUC-KR (CP949) decoder carries:
//   - Johab (KS X 1001:1992 annex 3, Windows code page 1361): Hangul syllables are composed from three 5-bit jamo
//     indexes, everything else (symbols, Hanja) is KS X 1001 re-packed into another byte range;
//   - ISO-2022-KR (RFC 1557): seven-bit text where SO/SI switch between ASCII and KS X 1001 bytes without their
//     high bit, after an `ESC $ ) C` designation.
// Both return U+FFFD for a byte sequence they do not define (decodeWith turns that into a refusal naming the byte);
// the mapping follows Python's CJKCodecs, the reference the tests compare against.
import iconv from 'iconv-lite';
import { at } from '../../contract/must';

const NONE = -1;
const FILL = -2;
const N = NONE;
const F = FILL;

/** Johab's 5-bit jamo codes → index in the Unicode syllable formula (or fill / invalid). */
const CHOSEONG_INDEX = [N, F, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, N, N, N, N, N, N, N, N, N, N, N];
const JUNGSEONG_INDEX = [N, N, F, 0, 1, 2, 3, 4, N, N, 5, 6, 7, 8, 9, 10, N, N, 11, 12, 13, 14, 15, 16, N, N, 17, 18, 19, 20, N, N];
const JONGSEONG_INDEX = [N, F, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, N, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, N, N];
/** A lone jamo (the other two parts are fill codes) → its Hangul Compatibility Jamo, U+3100 + value. */
const CHOSEONG_JAMO = [N, F, 0x31, 0x32, 0x34, 0x37, 0x38, 0x39, 0x41, 0x42, 0x43, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e];
const JUNGSEONG_JAMO = [N, N, F, 0x4f, 0x50, 0x51, 0x52, 0x53, N, N, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, N, N, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, N, N, 0x60, 0x61, 0x62, 0x63];
const JONGSEONG_JAMO = [N, F, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, N, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e];

let ksx1001: string[] | undefined;

/** KS X 1001 row/column (each 0x21–0x7E) → character, or '' where undefined; built once from EUC-KR. */
function ksx1001Char(row: number, col: number): string {
  if (!ksx1001) {
    ksx1001 = [];
    const pair = Buffer.alloc(2);
    for (let r = 0x21; r <= 0x7e; r++) {
      for (let c = 0x21; c <= 0x7e; c++) {
        pair[0] = r | 0x80;
        pair[1] = c | 0x80;
        const ch = iconv.decode(pair, 'cp949');
        ksx1001[(r - 0x21) * 94 + (c - 0x21)] = ch.length === 1 && ch !== '\uFFFD' ? ch : '';
      }
    }
  }
  if (row < 0x21 || row > 0x7e || col < 0x21 || col > 0x7e) return '';
  return ksx1001[(row - 0x21) * 94 + (col - 0x21)] ?? '';
}

function johabPair(c: number, c2: number): string {
  if (c < 0xd8) {
    const cho = (c >> 2) & 0x1f;
    const jung = ((c << 3) | (c2 >> 5)) & 0x1f;
    const jong = c2 & 0x1f;
    // Five-bit fields: always inside the 32-entry tables.
    const i = at(CHOSEONG_INDEX, cho);
    const m = at(JUNGSEONG_INDEX, jung);
    const f = at(JONGSEONG_INDEX, jong);
    if (i === NONE || m === NONE || f === NONE) return '';
    if (i === FILL) {
      if (m === FILL) return f === FILL ? '\u3000' : String.fromCharCode(0x3100 | at(JONGSEONG_JAMO, jong));
      return f === FILL ? String.fromCharCode(0x3100 | at(JUNGSEONG_JAMO, jung)) : '';
    }
    if (m === FILL) return f === FILL ? String.fromCharCode(0x3100 | at(CHOSEONG_JAMO, cho)) : '';
    return String.fromCharCode(0xac00 + i * 588 + m * 28 + (f === FILL ? 0 : f));
  }
  // Symbols and Hanja: KS X 1001 rows 0x21–0x2C and 0x4A–0x7D, two rows per lead byte.
  if (c === 0xd8 || c === 0xdf || c > 0xf9 || c2 < 0x31 || (c2 >= 0x80 && c2 < 0x91) || (c2 & 0x7f) === 0x7f) return '';
  if (c === 0xda && c2 >= 0xa1 && c2 <= 0xd3) return ''; // the jamo rows, which Johab encodes as Hangul
  let row = c < 0xe0 ? 2 * (c - 0xd9) : 2 * c - 0x197;
  let col = c2 < 0x91 ? c2 - 0x31 : c2 - 0x43;
  row = row + (col < 0x5e ? 0 : 1) + 0x21;
  col = (col < 0x5e ? col : col - 0x5e) + 0x21;
  return ksx1001Char(row, col);
}

export function decodeJohab(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = at(bytes, i);
    if (c < 0x80) {
      out.push(String.fromCharCode(c));
      continue;
    }
    if (i + 1 >= bytes.length) {
      out.push('\uFFFD');
      break;
    }
    const ch = johabPair(c, at(bytes, i + 1));
    if (ch) {
      out.push(ch);
      i++;
    } else out.push('\uFFFD');
  }
  return out.join('');
}

const ESC = 0x1b;
const SO = 0x0e;
const SI = 0x0f;
const DESIGNATION = [ESC, 0x24, 0x29, 0x43]; // ESC $ ) C

export function decodeIso2022Kr(bytes: Uint8Array): string {
  const out: string[] = [];
  let shifted = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = at(bytes, i);
    if (c === ESC) {
      if (DESIGNATION.every((b, k) => bytes[i + k] === b)) {
        i += DESIGNATION.length - 1;
        continue;
      }
      out.push('\uFFFD');
      continue;
    }
    if (c === SO) shifted = true;
    else if (c === SI) shifted = false;
    else if (c >= 0x80) out.push('\uFFFD');
    else if (shifted && c > 0x20 && c < 0x7f) {
      const ch = i + 1 < bytes.length ? ksx1001Char(c, at(bytes, i + 1)) : '';
      if (ch) {
        out.push(ch);
        i++;
      } else out.push('\uFFFD');
    } else {
      // Line ends return to ASCII (RFC 1557: every line starts in ASCII).
      if (c === 0x0a || c === 0x0d) shifted = false;
      out.push(String.fromCharCode(c));
    }
  }
  return out.join('');
}
