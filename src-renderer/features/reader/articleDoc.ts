import { at } from '../../../src-main/contract/must';
import { OffsetIndex, snapToGraphemes } from '../../../src-main/contract/offsets';

/** A passage in the units the store speaks: code points, end exclusive, plus its exact text. */
export interface CodePointSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * The article's stored text seen the way the editor lays it out: one paragraph per line.
 * Everything the DOM reports is UTF-16; everything the store keeps is code points. This class is the
 * reader's single bridge between the two, and it delegates the arithmetic itself to the contract's offsets module.
 */
export class ArticleDoc {
  readonly index: OffsetIndex;
  /** UTF-16 offset at which each line (paragraph) starts. The LF before a line counts as one unit. */
  readonly lineStarts: number[];
  readonly lines: string[];

  constructor(readonly text: string) {
    this.index = new OffsetIndex(text);
    this.lines = text.split('\n');
    let next = 0;
    this.lineStarts = this.lines.map((line) => {
      const start = next;
      next += line.length + 1;
      return start;
    });
  }

  get length16(): number {
    return this.text.length;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** UTF-16 offset of a line's first character. */
  lineStart(line: number): number {
    return at(this.lineStarts, line);
  }

  /** UTF-16 offset just past the last character of a line (where its LF, if any, sits). */
  lineEnd(line: number): number {
    return at(this.lineStarts, line) + at(this.lines, line).length;
  }

  /** The line holding a UTF-16 offset; an offset on an LF belongs to the line the LF ends. */
  lineOf(utf16: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at(this.lineStarts, mid) <= utf16) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Line and offset in the line for a global UTF-16 offset. An offset on a line break is ambiguous (end of one
   * paragraph or start of the next); `bias` picks the side that keeps a range inside the text it covers: a range's
   * start moves to the next line, its end stays at the end of the previous one.
   */
  position(utf16: number, bias: 'start' | 'end'): { line: number; inLine: number } {
    const clamped = Math.max(0, Math.min(utf16, this.length16));
    let line = this.lineOf(clamped);
    let inLine = clamped - at(this.lineStarts, line);
    if (bias === 'start' && inLine === at(this.lines, line).length && line + 1 < this.lineCount) {
      line += 1;
      inLine = 0;
    } else if (bias === 'end' && inLine === 0 && line > 0) {
      line -= 1;
      inLine = at(this.lines, line).length;
    }
    return { line, inLine };
  }

  toUtf16(codePoint: number): number {
    return this.index.toUtf16(Math.max(0, Math.min(codePoint, this.index.codePointLength)));
  }

  /**
   * A UTF-16 range as the passage the store would record: widened to whole grapheme clusters
   * (so an emoji, a flag or a letter with its combining marks is never cut) and converted to code points.
   * Returns null for an empty range.
   */
  spanFromUtf16(start16: number, end16: number): CodePointSpan | null {
    const lo = Math.max(0, Math.min(start16, end16));
    const hi = Math.min(this.text.length, Math.max(start16, end16));
    if (lo === hi) return null;
    const snapped = snapToGraphemes(this.text, lo, hi);
    const start = this.index.toCodePoint(snapped.start, 'start');
    const end = this.index.toCodePoint(snapped.end, 'end');
    if (start >= end) return null;
    return { start, end, text: this.text.slice(this.index.toUtf16(start), this.index.toUtf16(end)) };
  }

  /** UTF-16 range of a code-point span, clamped to the text. */
  utf16Range(start: number, end: number): { start16: number; end16: number } {
    return { start16: this.toUtf16(start), end16: this.toUtf16(end) };
  }

  /** The code-point slice [start, end). */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }

  /** The grapheme boundary nearest a caret position, so a dragged edge never lands inside a cluster. */
  snapCaret(utf16: number): number {
    const { start, end } = snapToGraphemes(this.text, utf16, utf16);
    if (start === end) return start;
    return utf16 - start <= end - utf16 ? start : end;
  }

  /** The next grapheme boundary after a UTF-16 offset (or the end of the text). */
  nextGrapheme(utf16: number): number {
    if (utf16 >= this.text.length) return this.text.length;
    return snapToGraphemes(this.text, utf16 + 1, utf16 + 1).end;
  }

  /** The previous grapheme boundary before a UTF-16 offset (or 0). */
  previousGrapheme(utf16: number): number {
    if (utf16 <= 0) return 0;
    return snapToGraphemes(this.text, utf16 - 1, utf16 - 1).start;
  }
}
