import type { Coding } from '../../../src-main/contract/types';
import type { ArticleDoc } from './articleDoc';

/** A coding placed in the text, in the UTF-16 units the DOM uses. */
export interface PlacedCoding {
  coding: Coding;
  start16: number;
  end16: number;
}

/** Places codings in UTF-16, sorted by start then longest first, which is the order stripes and overlaps want. */
export function placeCodings(doc: ArticleDoc, codings: readonly Coding[]): PlacedCoding[] {
  const placed = codings.map((coding) => ({ coding, ...toUtf16(doc, coding) }));
  placed.sort((a, b) => a.start16 - b.start16 || b.end16 - a.end16 || a.coding.id - b.coding.id);
  return placed;
}

function toUtf16(doc: ArticleDoc, coding: Coding): { start16: number; end16: number } {
  const { start16, end16 } = doc.utf16Range(coding.start, coding.end);
  return { start16, end16 };
}

/** Codings whose span contains the UTF-16 offset (a click lands between characters, so both edges count as inside). */
export function codingsAt(placed: readonly PlacedCoding[], at16: number): Coding[] {
  const hits: PlacedCoding[] = [];
  for (const p of placed) {
    if (p.start16 > at16) break;
    if (p.end16 > at16 || (p.end16 === at16 && p.start16 < at16)) hits.push(p);
  }
  // Innermost first: the shortest coding under the pointer is the one the analyst most likely meant.
  hits.sort((a, b) => a.end16 - a.start16 - (b.end16 - b.start16));
  return hits.map((p) => p.coding);
}

/** Codings that intersect [from16, to16). */
export function codingsBetween(placed: readonly PlacedCoding[], from16: number, to16: number): PlacedCoding[] {
  const out: PlacedCoding[] = [];
  for (const p of placed) {
    if (p.start16 >= to16) break;
    if (p.end16 > from16) out.push(p);
  }
  return out;
}

/**
 * The stretches covered by at least two codings (depth 2) and by three or more (depth 3), by a sweep over the
 * coding edges. These get their own highlights so that stacked codings never read as one.
 */
export function overlapSegments(placed: readonly PlacedCoding[]): { double: [number, number][]; triple: [number, number][] } {
  const edges: [number, number][] = [];
  for (const p of placed) {
    if (p.end16 <= p.start16) continue;
    edges.push([p.start16, 1], [p.end16, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const double: [number, number][] = [];
  const triple: [number, number][] = [];
  let depth = 0;
  let doubleFrom = -1;
  let tripleFrom = -1;
  for (const [at, delta] of edges) {
    const before = depth;
    depth += delta;
    if (before < 2 && depth >= 2) doubleFrom = at;
    if (before >= 2 && depth < 2 && at > doubleFrom) double.push([doubleFrom, at]);
    if (before < 3 && depth >= 3) tripleFrom = at;
    if (before >= 3 && depth < 3 && at > tripleFrom) triple.push([tripleFrom, at]);
  }
  return { double, triple };
}
