// The encodings Gloss reads: one registry that the detector's answers, an HTML page's declared charset and the
// analyst's "re-import with encoding…" choice are all resolved against, so a name means the same decoder everywhere.
// Unicode encodings are decoded strictly by decode.ts; most others go through iconv-lite, whose single-byte tables
// turn an undefined byte into U+FFFD, which is how `decodeWith` recognises "these bytes are not in X". Where
// iconv-lite lacks an encoding or maps it wrongly, another decoder stands in, named by a prefix of `decoder`:
//   - `whatwg:` the WHATWG TextDecoder (full ICU in Node 24): ISO-2022-JP, and Mac OS Roman, whose 0xDB is "€"
//     (Apple's mapping since Mac OS 8.5, 1998; iconv-lite's macintosh table still has the older "¤");
//   - `table:` a 256-character table of our own (ebcdicTables.ts): the EBCDIC code pages;
//   - `johab`, `iso-2022-kr`: koreanDecoders.ts.
import iconv from 'iconv-lite';
import type { EncodingOption } from '../../contract/types';
import { CP037, CP1026, CP1140, CP273, CP424, CP500, CP875 } from './ebcdicTables';
import { decodeIso2022Kr, decodeJohab } from './koreanDecoders';
import { at, must } from '../../contract/must';

export interface EncodingEntry extends EncodingOption {
  /** The name iconv-lite knows it by, or another decoder (see the top of this file). */
  decoder: string;
  /** Other spellings, as chardet, HTML pages and Python write them (compared after `normaliseName`). */
  aliases: string[];
}

/** One of `EncodingOption.group`, in the order a picker shows them. */
export const ENCODING_GROUPS = [
  'Unicode',
  'Western European',
  'Central European',
  'Cyrillic',
  'Arabic',
  'Hebrew',
  'Greek',
  'Turkish',
  'Baltic',
  'Japanese',
  'Chinese',
  'Korean',
  'Thai',
  'Vietnamese',
  'Other',
] as const;

type Group = (typeof ENCODING_GROUPS)[number];

function e(name: string, label: string, group: Group, decoder: string, aliases: string[] = [], common = false): EncodingEntry {
  return { name, label, group, decoder, aliases, common };
}

/**
 * `common` marks the encodings the detector may choose on thin evidence (the ones analysts' news files really come
 * in). Any other encoding the detector names must be backed by strong evidence, or Windows-1252 wins: on a short
 * Western text a detector's "MacRoman" or "IBM437" is far more often a wrong guess than a real old file.
 */
export const ENCODINGS: readonly EncodingEntry[] = [
  e('UTF-8', 'Unicode (UTF-8)', 'Unicode', 'utf8', ['utf8', 'utf8sig', 'unicode11utf8'], true),
  e('UTF-16LE', 'Unicode (UTF-16 little-endian)', 'Unicode', 'utf16le', ['utf16le', 'utf16', 'unicode'], true),
  e('UTF-16BE', 'Unicode (UTF-16 big-endian)', 'Unicode', 'utf16be', ['utf16be', 'unicodefffe'], true),
  e('UTF-32LE', 'Unicode (UTF-32 little-endian)', 'Unicode', 'utf32le', ['utf32le', 'utf32']),
  e('UTF-32BE', 'Unicode (UTF-32 big-endian)', 'Unicode', 'utf32be', ['utf32be']),

  e('Windows-1252', 'Western (Windows-1252)', 'Western European', 'windows1252', ['windows1252', 'cp1252', 'xcp1252', 'ansi'], true),
  e('ISO-8859-1', 'Western (ISO-8859-1, Latin-1)', 'Western European', 'iso88591', ['iso88591', 'latin1', 'l1', 'iso885911987', 'cp819', 'ibm819'], true),
  e('ISO-8859-15', 'Western (ISO-8859-15, Latin-9)', 'Western European', 'iso885915', ['iso885915', 'latin9', 'l9'], true),
  e('MacRoman', 'Western (Mac OS Roman)', 'Western European', 'whatwg:macintosh', ['macroman', 'macintosh', 'xmacroman', 'csmacintosh', 'mac']),
  e('IBM850', 'Western (DOS, IBM850)', 'Western European', 'cp850', ['cp850', 'ibm850', '850']),
  e('IBM858', 'Western (DOS with euro, IBM858)', 'Western European', 'cp858', ['cp858', 'ibm858', '858']),
  e('IBM437', 'US (DOS, IBM437)', 'Western European', 'cp437', ['cp437', 'ibm437', '437']),
  e('IBM860', 'Portuguese (DOS, IBM860)', 'Western European', 'cp860', ['cp860', 'ibm860']),
  e('IBM861', 'Icelandic (DOS, IBM861)', 'Western European', 'cp861', ['cp861', 'ibm861']),
  e('IBM863', 'French Canadian (DOS, IBM863)', 'Western European', 'cp863', ['cp863', 'ibm863']),
  e('IBM865', 'Nordic (DOS, IBM865)', 'Western European', 'cp865', ['cp865', 'ibm865']),
  e('MacIceland', 'Icelandic (Mac OS)', 'Western European', 'maciceland', ['maciceland', 'xmaciceland']),
  e('ISO-8859-14', 'Celtic (ISO-8859-14)', 'Western European', 'iso885914', ['iso885914', 'latin8']),
  e('ISO-8859-3', 'South European (ISO-8859-3)', 'Western European', 'iso88593', ['iso88593', 'latin3']),
  e('ISO-8859-10', 'Nordic (ISO-8859-10)', 'Western European', 'iso885910', ['iso885910', 'latin6']),
  e('HP-Roman8', 'Western (HP Roman-8)', 'Western European', 'hproman8', ['hproman8', 'roman8']),
  e('IBM037', 'Western (EBCDIC US/Canada, IBM037)', 'Western European', 'table:cp037', ['cp037', 'ibm037', 'ibm37', 'cp37', 'ebcdiccpus', 'ebcdiccpca', 'ebcdiccpnl', 'ebcdiccpwt', 'csibm037']),
  e('IBM1140', 'Western (EBCDIC US/Canada with euro, IBM1140)', 'Western European', 'table:cp1140', ['cp1140', 'ibm1140', 'ccsid01140']),
  e('IBM500', 'Western (EBCDIC International, IBM500)', 'Western European', 'table:cp500', ['cp500', 'ibm500', 'ebcdiccpbe', 'ebcdiccpch', 'csibm500']),
  e('IBM273', 'German (EBCDIC, IBM273)', 'Western European', 'table:cp273', ['cp273', 'ibm273', 'csibm273']),

  e('Windows-1250', 'Central European (Windows-1250)', 'Central European', 'windows1250', ['windows1250', 'cp1250', 'xcp1250'], true),
  e('ISO-8859-2', 'Central European (ISO-8859-2, Latin-2)', 'Central European', 'iso88592', ['iso88592', 'latin2', 'l2'], true),
  e('IBM852', 'Central European (DOS, IBM852)', 'Central European', 'cp852', ['cp852', 'ibm852']),
  e('ISO-8859-16', 'South-Eastern European (ISO-8859-16)', 'Central European', 'iso885916', ['iso885916', 'latin10']),
  e('MacCentralEurope', 'Central European (Mac OS)', 'Central European', 'maccenteuro', ['maccenteuro', 'maccentraleurope', 'xmaccentraleurope', 'maclatin2']),

  e('Windows-1251', 'Cyrillic (Windows-1251)', 'Cyrillic', 'windows1251', ['windows1251', 'cp1251', 'xcp1251'], true),
  e('KOI8-R', 'Cyrillic (KOI8-R)', 'Cyrillic', 'koi8r', ['koi8r', 'koi8'], true),
  e('ISO-8859-5', 'Cyrillic (ISO-8859-5)', 'Cyrillic', 'iso88595', ['iso88595', 'cyrillic'], true),
  e('IBM866', 'Cyrillic (DOS, IBM866)', 'Cyrillic', 'cp866', ['cp866', 'ibm866', '866'], true),
  e('KOI8-U', 'Ukrainian (KOI8-U)', 'Cyrillic', 'koi8u', ['koi8u']),
  e('KOI8-T', 'Tajik (KOI8-T)', 'Cyrillic', 'koi8t', ['koi8t']),
  e('MacCyrillic', 'Cyrillic (Mac OS)', 'Cyrillic', 'maccyrillic', ['maccyrillic', 'xmaccyrillic']),
  e('IBM855', 'Cyrillic (DOS, IBM855)', 'Cyrillic', 'cp855', ['cp855', 'ibm855']),
  e('CP1125', 'Ukrainian (DOS, CP1125)', 'Cyrillic', 'cp1125', ['cp1125', 'ibm1125']),
  e('KZ-1048', 'Kazakh (KZ-1048)', 'Cyrillic', 'rk1048', ['kz1048', 'rk1048', 'strk10482002', 'cskz1048']),
  e('PTCP154', 'Kazakh (PTCP154, Cyrillic Asian)', 'Cyrillic', 'pt154', ['ptcp154', 'pt154', 'cp154', 'cyrillicasian', 'csptcp154']),

  e('Windows-1256', 'Arabic (Windows-1256)', 'Arabic', 'windows1256', ['windows1256', 'cp1256', 'xcp1256'], true),
  e('ISO-8859-6', 'Arabic (ISO-8859-6)', 'Arabic', 'iso88596', ['iso88596', 'arabic', 'asmo708', 'iso88596e', 'iso88596i'], true),
  e('CP720', 'Arabic (DOS, CP720)', 'Arabic', 'cp720', ['cp720']),
  e('IBM864', 'Arabic (DOS, IBM864)', 'Arabic', 'cp864', ['cp864', 'ibm864']),

  e('Windows-1255', 'Hebrew (Windows-1255)', 'Hebrew', 'windows1255', ['windows1255', 'cp1255', 'xcp1255'], true),
  e('ISO-8859-8', 'Hebrew (ISO-8859-8)', 'Hebrew', 'iso88598', ['iso88598', 'hebrew', 'iso88598i', 'iso88598e', 'logical', 'visual'], true),
  e('IBM862', 'Hebrew (DOS, IBM862)', 'Hebrew', 'cp862', ['cp862', 'ibm862']),
  e('CP856', 'Hebrew (DOS, CP856)', 'Hebrew', 'cp856', ['cp856']),
  e('IBM424', 'Hebrew (EBCDIC, IBM424)', 'Hebrew', 'table:cp424', ['cp424', 'ibm424', 'ebcdiccphe', 'csibm424']),

  e('Windows-1253', 'Greek (Windows-1253)', 'Greek', 'windows1253', ['windows1253', 'cp1253']),
  e('ISO-8859-7', 'Greek (ISO-8859-7)', 'Greek', 'iso88597', ['iso88597', 'greek', 'greek8']),
  e('MacGreek', 'Greek (Mac OS)', 'Greek', 'macgreek', ['macgreek', 'xmacgreek']),
  e('IBM737', 'Greek (DOS, IBM737)', 'Greek', 'cp737', ['cp737', 'ibm737']),
  e('IBM869', 'Greek (DOS, IBM869)', 'Greek', 'cp869', ['cp869', 'ibm869']),
  e('IBM875', 'Greek (EBCDIC, IBM875)', 'Greek', 'table:cp875', ['cp875', 'ibm875']),

  e('Windows-1254', 'Turkish (Windows-1254)', 'Turkish', 'windows1254', ['windows1254', 'cp1254']),
  e('ISO-8859-9', 'Turkish (ISO-8859-9, Latin-5)', 'Turkish', 'iso88599', ['iso88599', 'latin5']),
  e('MacTurkish', 'Turkish (Mac OS)', 'Turkish', 'macturkish', ['macturkish', 'xmacturkish']),
  e('IBM857', 'Turkish (DOS, IBM857)', 'Turkish', 'cp857', ['cp857', 'ibm857']),
  e('IBM1026', 'Turkish (EBCDIC, IBM1026)', 'Turkish', 'table:cp1026', ['cp1026', 'ibm1026', 'csibm1026']),

  e('Windows-1257', 'Baltic (Windows-1257)', 'Baltic', 'windows1257', ['windows1257', 'cp1257']),
  e('ISO-8859-13', 'Baltic (ISO-8859-13)', 'Baltic', 'iso885913', ['iso885913', 'latin7']),
  e('ISO-8859-4', 'Baltic (ISO-8859-4)', 'Baltic', 'iso88594', ['iso88594', 'latin4']),
  e('IBM775', 'Baltic (DOS, IBM775)', 'Baltic', 'cp775', ['cp775', 'ibm775']),

  e('Shift_JIS', 'Japanese (Shift_JIS / Windows-31J)', 'Japanese', 'shiftjis', ['shiftjis', 'sjis', 'cp932', 'windows31j', 'mskanji', 'xsjis', 'shiftjis2004', 'shiftjisx0213', 'ms932'], true),
  e('EUC-JP', 'Japanese (EUC-JP)', 'Japanese', 'eucjp', ['eucjp', 'eucjis2004', 'eucjisx0213', 'xeucjp']),
  e('ISO-2022-JP', 'Japanese (ISO-2022-JP)', 'Japanese', 'whatwg:iso-2022-jp', ['iso2022jp', 'iso2022jp2', 'iso2022jpext', 'iso2022jp2004', 'csiso2022jp']),

  e('GB18030', 'Chinese Simplified (GB18030 / GBK / GB2312)', 'Chinese', 'gb18030', ['gb18030', 'gbk', 'gb2312', 'cp936', 'euccn', 'xgbk', 'hzgb2312']),
  e('Big5', 'Chinese Traditional (Big5 / Big5-HKSCS)', 'Chinese', 'big5hkscs', ['big5', 'big5hkscs', 'cp950', 'xxbig5', 'cnbig5']),

  e('EUC-KR', 'Korean (EUC-KR / Windows-949)', 'Korean', 'cp949', ['euckr', 'cp949', 'uhc', 'ksc56011987', 'windows949', 'ksc5601']),
  e('Johab', 'Korean (Johab)', 'Korean', 'johab', ['johab', 'cp1361', 'ms1361']),
  e('ISO-2022-KR', 'Korean (ISO-2022-KR)', 'Korean', 'iso-2022-kr', ['iso2022kr', 'csiso2022kr']),

  e('TIS-620', 'Thai (TIS-620)', 'Thai', 'tis620', ['tis620', 'iso885911', 'thai']),
  e('Windows-874', 'Thai (Windows-874)', 'Thai', 'windows874', ['windows874', 'cp874']),

  e('Windows-1258', 'Vietnamese (Windows-1258)', 'Vietnamese', 'windows1258', ['windows1258', 'cp1258']),
];

/** Lower case, letters and digits only: "ISO_8859-1", "iso8859-1" and "ISO-8859-1" all become "iso88591". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const byName = new Map<string, EncodingEntry>();
for (const entry of ENCODINGS) {
  for (const key of [entry.name, ...entry.aliases]) {
    const k = normaliseName(key);
    if (!byName.has(k)) byName.set(k, entry);
  }
}

/** The registry entry for any spelling of an encoding name, or undefined when Gloss cannot decode it. */
export function findEncoding(name: string | null | undefined): EncodingEntry | undefined {
  if (!name) return undefined;
  return byName.get(normaliseName(name));
}

export const UNICODE_ENCODINGS = new Set(['UTF-8', 'UTF-16LE', 'UTF-16BE', 'UTF-32LE', 'UTF-32BE']);

export type DecodeWithResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Decodes all of `bytes` as `entry`, refusing rather than substituting: a byte the encoding does not define (or an
 * invalid multi-byte sequence) makes the result an error naming its offset, so no text is ever stored with U+FFFD
 * standing in for something Gloss failed to read. A leading byte order mark of the same encoding is dropped.
 */
export function decodeWith(bytes: Uint8Array, entry: EncodingEntry, options: { locate?: boolean } = {}): DecodeWithResult {
  if (UNICODE_ENCODINGS.has(entry.name)) return decodeUnicode(bytes, entry.name);
  const text = decodeLoosely(bytes, entry);
  if (text.includes('\uFFFD')) {
    // Finding the byte takes a bisection; detection, trying many encodings, does not need it.
    if (options.locate === false) return { ok: false, reason: `the bytes are not all defined in ${entry.name}` };
    const offset = byteOffsetOfFirstUndefined(bytes, entry);
    const byte = offset === undefined ? undefined : bytes[offset];
    const where = byte === undefined ? '' : ` (byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} at offset ${offset})`;
    return { ok: false, reason: `the bytes are not all defined in ${entry.name}${where}` };
  }
  return { ok: true, text };
}

const TABLES: Record<string, string> = { cp037: CP037, cp1140: CP1140, cp273: CP273, cp500: CP500, cp1026: CP1026, cp875: CP875, cp424: CP424 };

/** Decodes with U+FFFD for every byte (or sequence) the encoding does not define. */
function decodeLoosely(bytes: Uint8Array, entry: EncodingEntry): string {
  const { decoder } = entry;
  if (decoder.startsWith('whatwg:')) return new TextDecoder(decoder.slice(7)).decode(bytes);
  if (decoder.startsWith('table:')) {
    const table = must(TABLES[decoder.slice(6)], `the decoding table ${decoder}`);
    const codes = new Uint16Array(bytes.length);
    for (const [i, b] of bytes.entries()) codes[i] = table.charCodeAt(b);
    return new TextDecoder('utf-16le').decode(codes);
  }
  if (decoder === 'johab') return decodeJohab(bytes);
  if (decoder === 'iso-2022-kr') return decodeIso2022Kr(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), decoder, { stripBOM: false });
}

/** Whether `entry` has a decoder here (every registry entry must). */
export function hasDecoder(entry: EncodingEntry): boolean {
  const { decoder } = entry;
  if (decoder.startsWith('whatwg:')) {
    try {
      new TextDecoder(decoder.slice(7));
      return true;
    } catch {
      return false;
    }
  }
  if (decoder.startsWith('table:')) return TABLES[decoder.slice(6)]?.length === 256;
  return decoder === 'johab' || decoder === 'iso-2022-kr' || iconv.encodingExists(decoder);
}

/** Finds the first byte a single-byte table leaves undefined; for multi-byte encodings, a bisection over prefixes. */
function byteOffsetOfFirstUndefined(bytes: Uint8Array, entry: EncodingEntry): number | undefined {
  const decodeHas = (end: number) => decodeLoosely(bytes.subarray(0, end), entry).includes('\uFFFD');
  // The shortest prefix whose decoding contains U+FFFD ends just after the offending byte (an incomplete
  // multi-byte sequence at the very end of a prefix also yields U+FFFD, so this lands on or near the culprit).
  let lo = 1;
  let hi = bytes.length;
  if (!decodeHas(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (decodeHas(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** Strict Unicode decoding (no BOM handling here: the caller knows whether one was present). */
export function decodeUnicode(bytes: Uint8Array, name: string): DecodeWithResult {
  switch (name) {
    case 'UTF-8':
      try {
        const body = startsWithBytes(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
        return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
      } catch {
        return { ok: false, reason: `the bytes are not valid UTF-8 (invalid byte at offset ${firstInvalidUtf8(bytes)})` };
      }
    case 'UTF-16LE':
    case 'UTF-16BE':
      return decodeUtf16(bytes, name === 'UTF-16LE');
    case 'UTF-32LE':
    case 'UTF-32BE':
      return decodeUtf32(bytes, name === 'UTF-32LE');
    default:
      return { ok: false, reason: `${name} is not a Unicode encoding` };
  }
}

export function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * UTF-16 without substitutions: an unpaired surrogate is an error naming its byte offset (a text with one would
 * not survive the trip through SQLite and JSON, and code-point offsets around it would be meaningless).
 */
export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): DecodeWithResult {
  const name = littleEndian ? 'UTF-16LE' : 'UTF-16BE';
  let start = 0;
  if (startsWithBytes(bytes, littleEndian ? [0xff, 0xfe] : [0xfe, 0xff])) start = 2;
  if ((bytes.length - start) % 2 !== 0) return { ok: false, reason: `invalid ${name} text: odd number of bytes (${bytes.length - start})` };
  // i + 1 is inside: the length past the BOM is even.
  const unit = (i: number) => (littleEndian ? at(bytes, i) | (at(bytes, i + 1) << 8) : (at(bytes, i) << 8) | at(bytes, i + 1));
  for (let i = start; i < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 2 < bytes.length ? unit(i + 2) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 2;
        continue;
      }
      return { ok: false, reason: `invalid ${name} text: unpaired high surrogate 0x${u.toString(16).toUpperCase()} at byte offset ${i}` };
    }
    if (u >= 0xdc00 && u <= 0xdfff) {
      return { ok: false, reason: `invalid ${name} text: unpaired low surrogate 0x${u.toString(16).toUpperCase()} at byte offset ${i}` };
    }
  }
  return { ok: true, text: new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes.subarray(start)) };
}

export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): DecodeWithResult {
  const name = littleEndian ? 'UTF-32LE' : 'UTF-32BE';
  let start = 0;
  if (startsWithBytes(bytes, littleEndian ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff])) start = 4;
  if ((bytes.length - start) % 4 !== 0) return { ok: false, reason: `invalid ${name} text: the length is not a multiple of 4 bytes` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = start; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return { ok: false, reason: `invalid ${name} text: 0x${cp.toString(16).toUpperCase()} at byte offset ${i} is not a Unicode scalar value` };
    }
    parts.push(String.fromCodePoint(cp));
  }
  return { ok: true, text: parts.join('') };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for a specific error message). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  while (i < bytes.length) {
    const b = at(bytes, i);
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (need > 0) {
      // The decoder is the authority on overlongs and surrogates; ask it about this one sequence.
      try {
        strict.decode(bytes.subarray(i, i + need + 1));
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/**
 * Non-ASCII evidence for and against UTF-8: how many well-formed multi-byte sequences, and how many bytes that
 * start none. A file that fails strict UTF-8 but has at least twice as many good sequences as bad bytes is damaged
 * UTF-8. In the chardet test set's 900+ legacy files, whole or cut to their first lines, the ratio reaches 1 on
 * short CJK excerpts (Big5, EUC-JP, CP932 bytes overlap UTF-8's ranges) but never 2; Windows-1252 text with a stray
 * byte (BBC sport/199.txt's 0xA3) has no good sequence at all, while "Grüße" plus one stray byte has 2 to 1.
 */
export function utf8Evidence(bytes: Uint8Array, limit = 1 << 20): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) {
    const b = at(bytes, i);
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) if ((at(bytes, i + k) & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need;
    } else invalid++;
  }
  return { valid, invalid };
}

/** What the analyst can choose from when re-decoding an article: every encoding Gloss can decode. */
export function encodingOptions(): EncodingOption[] {
  return ENCODINGS.map(({ name, label, group, common }) => ({ name, label, group, common }));
}
