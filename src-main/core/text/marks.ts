// Arabic and Hebrew marks that "ignore marks" searches look through: the same word is printed with or without its
// vowels (harakat, niqqud), with or without cantillation, and stretched with tatweel, and an analyst searching for
// غزة or שלום means every one of those spellings. Only these marks are ignored; Latin diacritics are a separate
// matter (case and accent folding belong to the full-text tokenizer and the case option).
import { at } from '../../contract/must';

/**
 * Inclusive code-point ranges. The search-index migration (004) froze a copy of this list in its SQL; a test checks
 * that the two agree, so a change here must come with a migration that rebuilds the index.
 */
export const IGNORABLE_MARK_RANGES: readonly (readonly [number, number])[] = [
  // Arabic
  [0x0610, 0x061a], // honorific signs and small Quranic letters written above or below
  [0x0640, 0x0640], // tatweel (kashida), the stretching stroke: غــزة is غزة
  [0x064b, 0x065f], // harakat: tanwin, fatha, damma, kasra, shadda, sukun and the rarer vowel signs
  [0x0670, 0x0670], // superscript (dagger) alef
  [0x06d6, 0x06dc], // Quranic annotation signs
  [0x06df, 0x06e4],
  [0x06e7, 0x06e8],
  [0x06ea, 0x06ed],
  // Hebrew
  [0x0591, 0x05bd], // cantillation marks (te'amim) and vowel points (niqqud)
  [0x05bf, 0x05bf], // rafe
  [0x05c1, 0x05c2], // shin and sin dots
  [0x05c4, 0x05c5], // upper and lower dots
  [0x05c7, 0x05c7], // qamats qatan
];

/** Every BMP code unit, flagged when it is an ignorable mark (all of them are in the BMP). */
const IS_MARK = new Uint8Array(0x10000);
for (const [from, to] of IGNORABLE_MARK_RANGES) for (let c = from; c <= to; c++) IS_MARK[c] = 1;

export function isIgnorableMark(codeUnit: number): boolean {
  return codeUnit < 0x10000 && IS_MARK[codeUnit] === 1;
}

/** A text with the ignorable marks removed, and the way back to the original's UTF-16 offsets. */
export interface StrippedText {
  text: string;
  /** `toOriginal[i]` is the UTF-16 offset in the original of the stripped text's code unit i (length text.length + 1). */
  toOriginal: Int32Array;
  /** The original text. */
  original: string;
}

/** Removes the ignorable marks; when there are none, the text is returned as is with an identity map. */
export function stripMarks(original: string): StrippedText {
  const toOriginal = new Int32Array(original.length + 1);
  let out = '';
  let n = 0;
  let runStart = 0;
  for (let i = 0; i < original.length; i++) {
    if (IS_MARK[original.charCodeAt(i)] === 1) {
      out += original.slice(runStart, i);
      runStart = i + 1;
      continue;
    }
    toOriginal[n++] = i;
  }
  out += original.slice(runStart);
  toOriginal[n] = original.length;
  return { text: out, toOriginal: toOriginal.subarray(0, n + 1), original };
}

/**
 * Maps a UTF-16 range of the stripped text back to the original. The start is the original position of its first
 * character; the end takes in the marks that follow the last character, since a mark belongs to the letter before
 * it (a hit on كتب in كَتَبَ covers the final fatha too).
 */
export function mapStrippedRange(stripped: StrippedText, start: number, end: number): { start: number; end: number } {
  const originalStart = at(stripped.toOriginal, start);
  if (end <= start) return { start: originalStart, end: originalStart };
  let originalEnd = at(stripped.toOriginal, end - 1) + 1;
  while (originalEnd < stripped.original.length && IS_MARK[stripped.original.charCodeAt(originalEnd)] === 1) originalEnd++;
  return { start: originalStart, end: originalEnd };
}
