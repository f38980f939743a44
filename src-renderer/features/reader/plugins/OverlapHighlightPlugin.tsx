import { useEffect, useMemo, useRef } from 'react';
import { useLatest } from '../../../app/useLatest';
import { useReader, useSpanPreview } from '../ReaderContext';
import { overlapSegments, type PlacedCoding } from '../codingSpans';
import type { TextPositions } from '../textPositions';

const DOUBLE = 'gloss-overlap';
const TRIPLE = 'gloss-overlap-3';

/** One overlap highlight as painted: its Highlight and the range painted for each segment ("start:end", UTF-16). */
interface Layer {
  highlight: Highlight;
  ranges: Map<string, StaticRange | null>;
}
type Shown = { double: Layer; triple: Layer };

/**
 * Blended fills alone can make two codes on one passage look like a third colour; an underline on every stretch
 * covered by two codings (double underline from three) says "more than one code here" unambiguously.
 */
export function OverlapHighlightPlugin() {
  const { placed: stored, positions, onDomChange, doc, onCodingAdded } = useReader();
  const spanPreview = useSpanPreview();
  // While an edge is dragged the overlaps follow the preview, as the fills do.
  const placed = useMemo(
    () =>
      spanPreview
        ? stored.map((p) => (p.coding.id === spanPreview.codingId ? { ...p, start16: spanPreview.start16, end16: spanPreview.end16 } : p))
        : stored,
    [stored, spanPreview],
  );
  const latest = useLatest({ placed, positions });
  const shown = useRef<Shown | null>(null);

  useEffect(() => {
    shown.current = paint(placed, positions, shown.current);
  }, [placed, positions]);
  useEffect(
    () =>
      onDomChange(() => {
        shown.current = paint(latest.current.placed, latest.current.positions, null);
      }),
    [latest, onDomChange],
  );
  // A coding just applied gets its underlines in the same frame as its fill, not a frame later with the list.
  useEffect(
    () =>
      onCodingAdded((coding) => {
        const { placed: now, positions: pos } = latest.current;
        if (now.some((p) => p.coding.id === coding.id)) return;
        const { start16, end16 } = doc.utf16Range(coding.start, coding.end);
        shown.current = paint([...now, { coding, start16, end16 }], pos, shown.current);
      }),
    [latest, onCodingAdded, doc],
  );
  useEffect(
    () => () => {
      CSS.highlights.delete(DOUBLE);
      CSS.highlights.delete(TRIPLE);
    },
    [],
  );
  return null;
}

/**
 * Brings the two overlap highlights up to date by segment: a segment that stays keeps its range, a new one gets a
 * range, a gone one loses its range. One coding applied thus costs a few ranges, not a rebuild of every overlap in
 * the article (hundreds of StaticRanges in the key's task, issue 16). `previous` null (first paint, or Lexical
 * rewrote the text and the old ranges point at detached nodes) paints everything afresh.
 */
function paint(placed: PlacedCoding[], positions: TextPositions, previous: Shown | null): Shown | null {
  if (!positions.root) return previous;
  const { double, triple } = overlapSegments(placed);
  return { double: update(DOUBLE, 1, double, positions, previous?.double), triple: update(TRIPLE, 2, triple, positions, previous?.triple) };
}

function update(name: string, priority: number, segments: [number, number][], positions: TextPositions, previous: Layer | undefined): Layer {
  let layer = previous;
  if (!layer) {
    const highlight = new Highlight();
    highlight.priority = priority;
    CSS.highlights.set(name, highlight);
    layer = { highlight, ranges: new Map() };
  }
  const old = layer.ranges;
  const ranges = new Map<string, StaticRange | null>();
  for (const [a, b] of segments) {
    const key = `${a}:${b}`;
    if (ranges.has(key)) continue;
    const kept = old.get(key);
    if (kept !== undefined) {
      ranges.set(key, kept);
      old.delete(key);
      continue;
    }
    const range = positions.staticRange(a, b);
    if (range) layer.highlight.add(range);
    ranges.set(key, range);
  }
  for (const range of old.values()) if (range) layer.highlight.delete(range);
  return { highlight: layer.highlight, ranges };
}
