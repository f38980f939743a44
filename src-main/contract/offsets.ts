// The one place that converts between UTF-16 code units (what the DOM, Lexical and JS strings index by)
// and Unicode code points (what the store, the contract and every exported file use).
// Nothing else in Gloss does this arithmetic; everything that crosses the boundary goes through here.
import { at } from './must';

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low surrogate is one code point; lone surrogates count as one each.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The code-point slice [start, end) of `text`, as `[...text].slice(start, end).join('')` but without the array. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const index = new OffsetIndex(text);
  return text.slice(index.toUtf16(start), index.toUtf16(end));
}

/**
 * Converts offsets in one text in both directions in O(log n) after an O(n) scan.
 * Long articles are converted thousands of times when highlights are drawn, so the
 * astral positions are indexed once rather than re-scanned per call.
 */
export class OffsetIndex {
  /** UTF-16 index of every astral (surrogate-pair) code point, ascending. */
  private readonly astralUtf16: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astralUtf16.push(i);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astralUtf16.length;
  }

  /** Code-point offset → UTF-16 offset. Throws on offsets outside [0, length]. */
  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePointLength) {
      throw new RangeError(`code-point offset ${codePoint} outside 0..${this.codePointLength}`);
    }
    // Number of astral characters that start before the target: find the largest k such that
    // astral[k] (in UTF-16) corresponds to a code point < codePoint. astral[k] as a code point is astral[k] - k.
    let lo = 0;
    let hi = this.astralUtf16.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(this.astralUtf16, mid) - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }

  /**
   * UTF-16 offset → code-point offset. An offset that falls between the two halves of a surrogate pair
   * is snapped: `toward` 'start' rounds down, 'end' rounds up, so a selection never splits a character.
   */
  toCodePoint(utf16: number, toward: 'start' | 'end' = 'start'): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.utf16Length) {
      throw new RangeError(`UTF-16 offset ${utf16} outside 0..${this.utf16Length}`);
    }
    let lo = 0;
    let hi = this.astralUtf16.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(this.astralUtf16, mid) < utf16) lo = mid + 1;
      else hi = mid;
    }
    // lo astral characters start strictly before utf16.
    if (lo > 0 && at(this.astralUtf16, lo - 1) + 1 === utf16) {
      // Inside a pair.
      return toward === 'start' ? utf16 - lo : utf16 - lo + 1;
    }
    return utf16 - lo;
  }
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Widens a UTF-16 range so that neither edge falls inside a grapheme cluster
 * (an emoji with a skin tone, a flag, a ZWJ family, a letter with combining marks).
 * Only the neighbourhood of each edge is segmented, so this is cheap on long texts.
 */
export function snapToGraphemes(text: string, start: number, end: number): { start: number; end: number } {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return { start: graphemeStartAtOrBefore(text, start), end: graphemeEndAtOrAfter(text, end) };
}

// Grapheme clusters are short; 64 code units either side is far more than any real cluster needs
// (the longest ZWJ sequences are about 11 code points) while keeping the work constant.
const WINDOW = 64;

function boundariesAround(text: string, at: number): { from: number; boundaries: number[] } {
  const from = Math.max(0, at - WINDOW);
  const to = Math.min(text.length, at + WINDOW);
  const boundaries: number[] = [];
  for (const seg of segmenter!.segment(text.slice(from, to))) boundaries.push(from + seg.index);
  boundaries.push(to);
  return { from, boundaries };
}

function graphemeStartAtOrBefore(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  // The window's start is always a boundary considered (the segmenter starts a segment there).
  const { from, boundaries } = boundariesAround(text, at);
  let best = from;
  for (const b of boundaries) if (b <= at) best = b;
  return best;
}

function graphemeEndAtOrAfter(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  const { boundaries } = boundariesAround(text, at);
  for (const b of boundaries) if (b >= at) return b;
  return text.length;
}

/**
 * Code points of context on each side of an edge that give snapToGraphemes everything it looks at (its window is 64
 * UTF-16 units, and a code point is at least one unit), so snapping on a slice decides exactly as on the whole text.
 */
export const GRAPHEME_CONTEXT = WINDOW;

/**
 * The one rule for where a coding may begin and end, shared by the reader's selection and by the core for every
 * coding any host applies: a code-point span widened outward to whole grapheme clusters, so a flag, an emoji
 * sequence or a letter with its combining marks is never split. `around` is the text (or a slice of it starting at
 * code point `aroundStart` with GRAPHEME_CONTEXT code points of context around each edge, or to the text's ends).
 */
export function snapSpanToGraphemes(around: string, aroundStart: number, start: number, end: number): { start: number; end: number } {
  const index = new OffsetIndex(around);
  const snapped = snapToGraphemes(around, index.toUtf16(start - aroundStart), index.toUtf16(end - aroundStart));
  return { start: aroundStart + index.toCodePoint(snapped.start, 'start'), end: aroundStart + index.toCodePoint(snapped.end, 'end') };
}
