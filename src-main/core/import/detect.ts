// Which legacy encoding a file that is not UTF-8 is in. The statistical work is jschardet's (a port of chardet 7):
// it ranks candidate encodings and names each one's likely language. The policy around it is ours:
//   - a candidate counts only if every byte of the file decodes in it (and the result is not control characters);
//   - EBCDIC code pages are candidates only when the bytes look like EBCDIC (0x40 spaces, no ASCII spaces);
//   - candidates are compared by the detector's score (plus a small prior for the common encodings of news text)
//     less a weight on how unnatural their text looks
//     (plausibility.ts: letter case inside words, symbols between letters, mixed scripts, letters the named
//     language does not use); ties go to an encoding made for the text's language, then to the reading with more
//     letters inside words ("één" over "‚‚n"), then to Windows-1252;
//   - of candidates that give the very same text, Windows-1252 is named if it is one of them (the encoding most
//     Western files are in), else the detector's favourite;
//   - a close call is recorded as a guess, with the runner-up (the best candidate giving a different text) kept so
//     the analyst can switch to it in one click; a score below 0.2 is a guess too;
//   - damaged UTF-8 is refused rather than read as a legacy encoding.
import { chardet } from 'jschardet';
import type { EncodingBasis } from '../../contract/types';
import { looksLikeBinaryText } from './binary';
import { decodeWith, findEncoding, firstInvalidUtf8, utf8Evidence, type EncodingEntry } from './encodings';
import { plausibility, type Plausibility } from './plausibility';
import { at } from '../../contract/must';

export type Detection =
  | { ok: true; text: string; encoding: string; basis: EncodingBasis; confidence: number | null; runnerUp?: string }
  | { ok: false; reason: string };

/** Below this score a chosen encoding is recorded as a guess (jschardet's own reporting threshold). */
export const GUESS_BELOW = 0.2;
/** Below this many bytes the detector's language is not used (on a few words it is a guess). */
const LANGUAGE_MIN_BYTES = 300;
/** How many of the detector's answers are decoded and compared. */
const MAX_CANDIDATES = 14;

const WINDOWS_1252 = findEncoding('Windows-1252')!;

/**
 * Latin-1 and Windows-1252 differ only in 0x80–0x9F, where Latin-1 has invisible C1 controls and Windows-1252 has
 * curly quotes, dashes and €. Like browsers (the WHATWG encoding standard makes "iso-8859-1" a label of
 * windows-1252), Gloss reads and records a Latin-1 answer as Windows-1252: identical for every other byte, and what
 * such a file's 0x80–0x9F bytes really mean. Only when a byte Windows-1252 leaves undefined is present does Latin-1
 * stay. The same holds for the other ISO encodings whose Windows twin fills 0x80–0x9F (WHATWG does the same for
 * TIS-620 → Windows-874 and ISO-8859-9 → Windows-1254) when the ISO one cannot decode the file.
 */
export function preferWindows1252OverLatin1(entry: EncodingEntry, bytes: Uint8Array): EncodingEntry {
  if (entry.name !== 'ISO-8859-1') return entry;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return entry;
  }
  return WINDOWS_1252;
}

/** The Windows code page that extends an ISO one over 0x80–0x9F, tried when the ISO one leaves a byte undefined. */
export const WINDOWS_SUPERSET: Record<string, string> = {
  'ISO-8859-1': 'Windows-1252',
  'TIS-620': 'Windows-874',
  'ISO-8859-9': 'Windows-1254',
  'ISO-8859-8': 'Windows-1255',
  'ISO-8859-13': 'Windows-1257',
};

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * EBCDIC text (IBM mainframes) has its space at 0x40; ASCII text has it at 0x20. Only a file where 0x40 is frequent
 * and the ASCII space (nearly) absent may be EBCDIC; its EBCDIC readings then compete with the others (Shift_JIS
 * text without ASCII spaces can have many 0x40 trail bytes, and its own reading wins on plausibility).
 */
export function looksLikeEbcdic(bytes: Uint8Array, limit = 1 << 16): boolean {
  const end = Math.min(bytes.length, limit);
  if (end < 16) return false;
  let at = 0;
  let space = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x40) at++;
    else if (b === 0x20) space++;
  }
  return at >= end * 0.06 && space <= end * 0.005;
}

const isEbcdic = (entry: EncodingEntry) => entry.decoder.startsWith('table:');

interface Candidate {
  entry: EncodingEntry;
  confidence: number;
  text: string;
  score: Plausibility;
}

/**
 * The encodings made for a language, preferred when the evidence ties: Romanian text reads the same bytes as "ș" in
 * ISO-8859-16 and as "ş" (the old stand-in) in ISO-8859-2 and Windows-1250; ISO-8859-16 is Romania's standard.
 */
const MADE_FOR: Record<string, string[]> = {
  ro: ['ISO-8859-16'],
  cy: ['ISO-8859-14'],
  ga: ['ISO-8859-14'],
  gd: ['ISO-8859-14'],
  br: ['ISO-8859-14'],
  mt: ['ISO-8859-3'],
  eo: ['ISO-8859-3'],
  tr: ['Windows-1254', 'ISO-8859-9'],
  vi: ['Windows-1258'],
  kk: ['KZ-1048', 'PTCP154'],
  th: ['TIS-620', 'Windows-874'],
};

/**
 * How much an anomaly per non-ASCII character weighs against the detector's score. A wrong single-byte reading
 * has anomalies in a fifth to all of its non-ASCII characters; a right one in almost none. Between two readings
 * that both look natural (two CJK encodings, two Cyrillic ones) the detector's statistics decide.
 */
const ANOMALY_WEIGHT = 2;
/** Keys closer than this are a tie, broken by language, in-word letters and Windows-1252 (see `compare`). */
const TIE = 0.01;
/** A runner-up whose key is this close makes the choice a guess. */
const CLOSE = 0.1;
/** A runner-up this close is recorded and offered (an anomaly in every fourth non-ASCII character is not). */
const OFFER = 0.5;

/**
 * What an encoding is worth before any evidence: the ones news files come in, and those made for the text's
 * language, a little more. On a short text the detector's scores are a few hundredths, and "naïve" is far likelier
 * Windows-1252 than ISO-8859-4 ("naīve").
 */
function priorOf(entry: EncodingEntry, language: string | null): number {
  if (entry === WINDOWS_1252) return 0.03;
  return entry.common || (MADE_FOR[language ?? '']?.includes(entry.name) ?? false) ? 0.02 : 0;
}

/** Lower is better: the anomaly rate, weighted, minus the detector's score and the prior. */
function keyOf(c: Candidate, language: string | null): number {
  return (ANOMALY_WEIGHT * c.score.anomalies) / Math.max(1, c.score.nonAscii) - c.confidence - priorOf(c.entry, language);
}

/**
 * Best first: by key, then an encoding made for the text's language, then more in-word letters, then
 * Windows-1252, then the detector's order.
 */
function compare(a: Candidate, b: Candidate, language: string | null): number {
  const key = keyOf(a, language) - keyOf(b, language);
  if (Math.abs(key) > TIE) return key;
  const native = MADE_FOR[language ?? ''] ?? [];
  const aNative = native.includes(a.entry.name);
  if (aNative !== native.includes(b.entry.name)) return aNative ? -1 : 1;
  if (a.score.good !== b.score.good) return b.score.good - a.score.good;
  if (a.entry === WINDOWS_1252 || b.entry === WINDOWS_1252) return a.entry === WINDOWS_1252 ? -1 : 1;
  return b.confidence - a.confidence;
}

/** Decodes `bytes` (known not to be valid UTF-8 and not to carry a BOM) by detection. */
export function detectLegacy(bytes: Uint8Array): Detection {
  // Damaged or mixed UTF-8 (mostly well-formed sequences, a few bad bytes): reading it as a legacy encoding would
  // turn every correct character into two or three wrong ones ("GrÃ¼ÃŸe"), so it is refused, saying where.
  // (EBCDIC letters happen to pair up as UTF-8 sequences, "He" is C8 85, so EBCDIC is exempt.)
  const ebcdic = looksLikeEbcdic(bytes);
  const evidence = utf8Evidence(bytes);
  if (!ebcdic && evidence.valid > 0 && evidence.valid >= 2 * evidence.invalid) {
    const offset = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: `damaged UTF-8: mostly UTF-8, but byte ${hex(at(bytes, offset))} at offset ${offset} is not (the file mixes encodings or was cut short); repair it or re-save it as UTF-8`,
    };
  }

  const results = chardet.detectAll(bytes, { ignoreThreshold: true });
  const named = results[0]?.encoding ?? null;
  // The language of the detector's favourite reading, once there is enough text to tell ("naïve" alone is "lv").
  const language = bytes.length >= LANGUAGE_MIN_BYTES ? (results.find((r) => r.language)?.language ?? null) : null;

  // The detector's answers as registry entries, best score kept; then the fallbacks it may not have named.
  const wanted = new Map<string, { entry: EncodingEntry; confidence: number }>();
  const want = (entry: EncodingEntry | undefined, confidence: number) => {
    if (!entry || entry.group === 'Unicode' || (isEbcdic(entry) && !ebcdic)) return;
    const seen = wanted.get(entry.name);
    if (!seen || seen.confidence < confidence) wanted.set(entry.name, { entry, confidence });
  };
  for (const r of results.slice(0, MAX_CANDIDATES)) {
    const entry = findEncoding(r.encoding);
    want(entry && preferWindows1252OverLatin1(entry, bytes), r.confidence);
  }
  if (ebcdic) for (const name of ['IBM037', 'IBM500']) want(findEncoding(name), 0);
  else want(WINDOWS_1252, 0);

  // Candidates are compared on the first megabyte (cut at a space or line break, which no multi-byte encoding uses
  // inside a character); only the winner is then decoded whole. A 60 MB file is not decoded fourteen times.
  const sample = sampleOf(bytes);
  const candidates: Candidate[] = [];
  const tried = new Set<string>();
  const consider = (entry: EncodingEntry, confidence: number) => {
    if (tried.has(entry.name)) return;
    tried.add(entry.name);
    const decoded = decodeWith(sample, entry, { locate: false });
    if (!decoded.ok) {
      const superset = findEncoding(WINDOWS_SUPERSET[entry.name]);
      if (superset) consider(superset, confidence);
      return;
    }
    if (looksLikeBinaryText(decoded.text)) return;
    candidates.push({ entry, confidence, text: decoded.text, score: plausibility(decoded.text, language) });
  };
  for (const { entry, confidence } of wanted.values()) consider(entry, confidence);
  candidates.sort((a, b) => compare(a, b, language));

  const whole = (c: Candidate): string | undefined => {
    if (sample.length === bytes.length) return c.text;
    const decoded = decodeWith(bytes, c.entry, { locate: false });
    return decoded.ok && !looksLikeBinaryText(decoded.text) ? decoded.text : undefined;
  };
  let best: Candidate | undefined;
  let text: string | undefined;
  for (const c of candidates) {
    text = whole(c);
    if (text !== undefined) {
      best = c;
      break;
    }
  }
  if (!best || text === undefined) {
    const entry = findEncoding(named);
    if (named && (!entry || (isEbcdic(entry) && !ebcdic)) && !/^utf/i.test(named)) {
      return { ok: false, reason: `not valid UTF-8, and it looks like ${named}, an encoding Gloss cannot read; re-save it as UTF-8` };
    }
    if (decodeWith(bytes, WINDOWS_1252).ok) return { ok: false, reason: 'binary file (decodes only to control characters, not text)' };
    const offset = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: `not valid UTF-8 (byte ${hex(at(bytes, offset))} at offset ${offset}) and not in any encoding Gloss recognises${named ? ` (the best guess, ${named}, does not decode it either)` : ''}; re-save it as UTF-8`,
    };
  }

  // The same text under several names: Windows-1252 if it is one of them.
  const chosen = best;
  const twin = candidates.find((c) => c.entry === WINDOWS_1252 && c !== chosen && c.text === chosen.text);
  if (twin && whole(twin) === text) best = twin;
  // The best other reading, worth offering only if it is itself plausible (not "Caf? r?sum?" in Mac Greek).
  const winner = best;
  const second = candidates.find((c) => c.text !== winner.text);
  const gap = second === undefined ? Infinity : keyOf(second, language) - keyOf(winner, language);
  const runnerUp = gap < OFFER ? second : undefined;
  const close = gap < CLOSE;
  return {
    ok: true,
    text,
    encoding: winner.entry.name,
    basis: winner.confidence < GUESS_BELOW || close ? 'guessed' : 'detected',
    confidence: round(winner.confidence),
    ...(runnerUp ? { runnerUp: runnerUp.entry.name } : {}),
  };
}

/** How much of a file candidates are compared on. */
const SAMPLE_BYTES = 1 << 20;

/** The file's first `SAMPLE_BYTES`, ending after a line break or space (or an EBCDIC space) where there is one. */
function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  const floor = SAMPLE_BYTES - (1 << 16);
  for (const stops of [[0x0a, 0x20], [0x40]]) {
    for (let i = SAMPLE_BYTES - 1; i >= floor; i--) if (stops.includes(at(bytes, i))) return bytes.subarray(0, i + 1);
  }
  return bytes.subarray(0, SAMPLE_BYTES);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * For a file with NUL bytes: BOM-less UTF-16/32 as identified by the detector (which checks the
 * byte pattern), accepted only if it decodes strictly and reads as text. Anything else with NUL bytes is binary.
 */
export function detectBomlessUnicode(bytes: Uint8Array): Detection | undefined {
  const top = chardet.detect(bytes);
  const entry = findEncoding(top.encoding);
  if (!entry || !/^UTF-(16|32)/.test(entry.name) || !/^utf-?(16|32)-?(le|be)$/i.test(top.encoding ?? '')) return undefined;
  if (asciiWithStrayNuls(bytes)) return undefined;
  const decoded = decodeWith(bytes, entry);
  if (!decoded.ok || looksLikeBinaryText(decoded.text)) return undefined;
  return { ok: true, text: decoded.text, encoding: entry.name, basis: 'detected', confidence: round(top.confidence) };
}

/**
 * ASCII text with NUL bytes scattered in it (a NUL-separated list, a damaged file) can pass the detector as BOM-less
 * UTF-16 and decode to CJK nonsense ("Ceasefire\0talks\0…" → "敃獡晥物…"). UTF-16 or UTF-32 whose bytes are all
 * printable ASCII or NUL is ASCII text, which has a NUL in at least every other byte; anything thinner is not it.
 */
function asciiWithStrayNuls(bytes: Uint8Array): boolean {
  let nuls = 0;
  for (const b of bytes) {
    if (b === 0) nuls++;
    else if (b !== 0x09 && b !== 0x0a && b !== 0x0d && (b < 0x20 || b > 0x7e)) return false;
  }
  return nuls < bytes.length * 0.4;
}

/**
 * Seven-bit files that are valid UTF-8 but really ISO-2022 (escape sequences switch character sets): ISO-2022-JP
 * is decoded; other ISO-2022 variants are refused rather than stored as text full of escape codes.
 */
export function detectIso2022(bytes: Uint8Array): Detection | undefined {
  if (!bytes.includes(0x1b)) return undefined;
  for (const b of bytes) if (b >= 0x80) return undefined;
  const top = chardet.detect(bytes);
  if (!top.encoding || !/^iso-?2022/i.test(top.encoding)) return undefined;
  const entry = findEncoding(top.encoding);
  if (entry) {
    const decoded = decodeWith(bytes, entry);
    if (decoded.ok) return { ok: true, text: decoded.text, encoding: entry.name, basis: 'detected', confidence: round(top.confidence) };
  }
  return { ok: false, reason: `${top.encoding} text (7-bit with escape sequences), an encoding Gloss cannot read; re-save it as UTF-8` };
}
