// Which legacy encoding a file that is not UTF-8 is in. The statistical work is jschardet's (a port of chardet 7);
// the policy around it is ours, and it is deliberately conservative:
//   - an encoding the detector names is used only if every byte of the file decodes in it;
//   - the common encodings of news text (Windows-1252/Latin-1, Latin-2, the Cyrillic, Arabic and Hebrew code
//     pages, Shift_JIS) are taken on the detector's word;
//   - anything more exotic (DOS and Mac code pages, CJK, Greek…) needs strong evidence: a confident answer over
//     enough non-ASCII bytes. Without it Windows-1252 wins, because on a short Western text "MacRoman" or "IBM437"
//     is a far likelier mistake than a real old file;
//   - when the detector is unsure (score < 0.2) and Windows-1252 nearly ties its answer, or it names a non-Latin
//     script for accented letters that sit alone inside ASCII words, Windows-1252 wins too;
//   - a low confidence alone never rejects a file: when nothing fits better and the bytes decode as Windows-1252,
//     Windows-1252 it is, recorded as a guess, and the analyst can re-decode the article by hand;
//   - damaged UTF-8 is refused rather than read as a legacy encoding.
import { chardet } from 'jschardet';
import type { EncodingBasis } from '../../contract/types';
import { looksLikeBinaryText } from './binary';
import { decodeWith, findEncoding, firstInvalidUtf8, utf8Evidence, type EncodingEntry } from './encodings';

export type Detection =
  | { ok: true; text: string; encoding: string; basis: EncodingBasis; confidence: number | null }
  | { ok: false; reason: string };

/** jschardet's score for an answer read from markup (a meta charset, an XML declaration) or a structural rule. */
const DETERMINISTIC = 0.95;
/**
 * Scores at or above this, over at least `STRONG_HIGH_BYTES` non-ASCII bytes, let an exotic encoding win. Tuned on
 * the chardet test files (whole and cut short): over 16+ non-ASCII bytes the detector named no exotic encoding for
 * a Western file at any score, while below 16 its exotic answers for Western text (HP-Roman8 at 0.28…) were wrong.
 */
export const STRONG_CONFIDENCE = 0.2;
export const STRONG_HIGH_BYTES = 16;
/** Below this score a chosen encoding is recorded as a guess (jschardet's own reporting threshold). */
export const GUESS_BELOW = 0.2;

const WINDOWS_1252 = findEncoding('Windows-1252')!;

function highBytes(bytes: Uint8Array, limit = 1 << 20): number {
  let n = 0;
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) if (bytes[i] >= 0x80) n++;
  return n;
}

/**
 * Share of non-ASCII bytes that stand alone between ASCII bytes. Western European text has accented letters inside
 * ASCII words ("Genève"); Cyrillic, Greek, Arabic, Hebrew and CJK text, whatever its encoding, has runs of them.
 */
export function isolatedShare(bytes: Uint8Array, limit = 1 << 20): number {
  let high = 0;
  let isolated = 0;
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) {
    if (bytes[i] < 0x80) continue;
    high++;
    if ((i === 0 || bytes[i - 1] < 0x80) && (i + 1 >= end || bytes[i + 1] < 0x80)) isolated++;
  }
  return high === 0 ? 1 : isolated / high;
}

/** When the detector is unsure (below `GUESS_BELOW`), this share of lone non-ASCII bytes reads as Western text. */
export const ISOLATED_WESTERN = 0.8;

/**
 * An unsure answer that Windows-1252 (or its Latin-1/-9 twins) nearly ties: "Café crème" in a small HTML page
 * scores Windows-1250 0.010 against Windows-1252 0.009, and "crème" would become "crčme". When the detector
 * cannot tell them apart, the encoding most Western files are in wins.
 */
export const NEAR_TIE = 0.8;
const WESTERN_TWINS = new Set(['Windows-1252', 'ISO-8859-1', 'ISO-8859-15']);

function westernNearTie(results: { encoding: string | null; confidence: number }[], top: number): boolean {
  return results.some((r) => r.confidence >= top * NEAR_TIE && WESTERN_TWINS.has(findEncoding(r.encoding)?.name ?? ''));
}

/** Encodings of Latin-script languages, where accented letters inside ASCII words are normal. */
const LATIN_SCRIPT_GROUPS = new Set(['Western European', 'Central European', 'Turkish', 'Baltic', 'Vietnamese']);

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * Latin-1 and Windows-1252 differ only in 0x80–0x9F, where Latin-1 has invisible C1 controls and Windows-1252 has
 * curly quotes, dashes and €. Like browsers (the WHATWG encoding standard makes "iso-8859-1" a label of
 * windows-1252), Gloss reads and records a Latin-1 answer as Windows-1252: identical for every other byte, and what
 * such a file's 0x80–0x9F bytes really mean. Only when a byte Windows-1252 leaves undefined is present does Latin-1
 * stay.
 */
export function preferWindows1252OverLatin1(entry: EncodingEntry, bytes: Uint8Array): EncodingEntry {
  if (entry.name !== 'ISO-8859-1') return entry;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return entry;
  }
  return WINDOWS_1252;
}

/** Decodes `bytes` (known not to be valid UTF-8 and not to carry a BOM) by detection. */
export function detectLegacy(bytes: Uint8Array): Detection {
  // Damaged or mixed UTF-8 (mostly well-formed sequences, a few bad bytes): reading it as a legacy encoding would
  // turn every correct character into two or three wrong ones ("GrÃ¼ÃŸe"), so it is refused, saying where.
  const evidence = utf8Evidence(bytes);
  if (evidence.valid > 0 && evidence.valid >= 2 * evidence.invalid) {
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: `damaged UTF-8: mostly UTF-8, but byte ${hex(bytes[at])} at offset ${at} is not (the file mixes encodings or was cut short); repair it or re-save it as UTF-8`,
    };
  }

  const results = chardet.detectAll(bytes, { ignoreThreshold: true });
  const top = results[0];
  const confidence = top?.confidence ?? 0;
  const named = top?.encoding ?? null;
  const high = highBytes(bytes);

  let entry = findEncoding(named);
  // "UTF-8" with no well-formed sequence is no answer at all (strict decoding already failed).
  if (entry?.name === 'UTF-8') entry = undefined;
  if (entry) entry = preferWindows1252OverLatin1(entry, bytes);

  const decoded = entry ? decodeWith(bytes, entry) : undefined;
  const fits = entry && decoded?.ok && !looksLikeBinaryText(decoded.text) ? { entry, text: decoded.text } : undefined;

  if (fits) {
    const strong = confidence >= DETERMINISTIC || (confidence >= STRONG_CONFIDENCE && high >= STRONG_HIGH_BYTES);
    // An unsure pick of a non-Latin script for bytes that sit alone inside ASCII words is a Western text misread
    // (French "Ça coûte 5 € à Genève" scores as Windows-1256 at 0.08): Windows-1252 is the better guess.
    const westernLooking =
      confidence < GUESS_BELOW &&
      !WESTERN_TWINS.has(fits.entry.name) &&
      (westernNearTie(results, confidence) || (!LATIN_SCRIPT_GROUPS.has(fits.entry.group) && isolatedShare(bytes) >= ISOLATED_WESTERN));
    if ((fits.entry.common && !westernLooking) || strong) {
      return {
        ok: true,
        text: fits.text,
        encoding: fits.entry.name,
        basis: confidence < GUESS_BELOW ? 'guessed' : 'detected',
        confidence: round(confidence),
      };
    }
  }

  // Nothing common fits with confidence: Windows-1252, if every byte is defined there.
  const fallback = decodeWith(bytes, WINDOWS_1252);
  if (fallback.ok && !looksLikeBinaryText(fallback.text)) {
    const own = results.find((r) => WESTERN_TWINS.has(findEncoding(r.encoding)?.name ?? ''));
    return { ok: true, text: fallback.text, encoding: WINDOWS_1252.name, basis: 'guessed', confidence: own ? round(own.confidence) : null };
  }
  // Windows-1252 does not fit either: the detector's exotic answer is the best there is, still a guess.
  if (fits) return { ok: true, text: fits.text, encoding: fits.entry.name, basis: 'guessed', confidence: round(confidence) };

  if (named && !entry) {
    return {
      ok: false,
      reason: `not valid UTF-8, and it looks like ${named}, an encoding Gloss cannot read; re-save it as UTF-8`,
    };
  }
  if (fallback.ok || (decoded?.ok ?? false)) {
    return { ok: false, reason: 'binary file (decodes only to control characters, not text)' };
  }
  const at = firstInvalidUtf8(bytes);
  return {
    ok: false,
    reason: `not valid UTF-8 (byte ${hex(bytes[at])} at offset ${at}) and not in any encoding Gloss recognises${named ? ` (the best guess, ${named}, does not decode it either)` : ''}; re-save it as UTF-8`,
  };
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
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
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
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return undefined;
  const top = chardet.detect(bytes);
  if (!top.encoding || !/^iso-?2022/i.test(top.encoding)) return undefined;
  const entry = findEncoding(top.encoding);
  if (entry) {
    const decoded = decodeWith(bytes, entry);
    if (decoded.ok) return { ok: true, text: decoded.text, encoding: entry.name, basis: 'detected', confidence: round(top.confidence) };
  }
  return { ok: false, reason: `${top.encoding} text (7-bit with escape sequences), an encoding Gloss cannot read; re-save it as UTF-8` };
}
