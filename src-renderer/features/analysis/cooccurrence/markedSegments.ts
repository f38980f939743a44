export interface Span {
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  inA: boolean;
  inB: boolean;
}

/**
 * Cuts a unit's text (starting at code point `unitStart` of its article) into runs inside codings of A, of B, of
 * both or of neither. Offsets are code points, as everywhere in Gloss, so the text is split by code point.
 */
export function markedSegments(text: string, unitStart: number, a: Span[], b: Span[]): Segment[] {
  const chars = Array.from(text);
  const inside = (spans: Span[], i: number) => spans.some((s) => i >= s.start - unitStart && i < s.end - unitStart);
  const out: Segment[] = [];
  for (const [i, char] of chars.entries()) {
    const inA = inside(a, i);
    const inB = inside(b, i);
    const last = out.at(-1);
    if (last && last.inA === inA && last.inB === inB) last.text += char;
    else out.push({ text: char, inA, inB });
  }
  return out;
}
