import { useEffect, useMemo, useRef } from 'react';
import { useReader } from '../ReaderContext';
import { overlapSegments, type PlacedCoding } from '../codingSpans';
import type { TextPositions } from '../textPositions';

const DOUBLE = 'gloss-overlap';
const TRIPLE = 'gloss-overlap-3';

/**
 * Blended fills alone can make two codes on one passage look like a third colour; an underline on every stretch
 * covered by two codings (double underline from three) says "more than one code here" unambiguously.
 */
export function OverlapHighlightPlugin() {
  const { placed: stored, positions, onDomChange, spanPreview } = useReader();
  // While an edge is dragged the overlaps follow the preview, as the fills do.
  const placed = useMemo(
    () =>
      spanPreview
        ? stored.map((p) => (p.coding.id === spanPreview.codingId ? { ...p, start16: spanPreview.start16, end16: spanPreview.end16 } : p))
        : stored,
    [stored, spanPreview],
  );
  const latest = useRef({ placed, positions });
  latest.current = { placed, positions };

  useEffect(() => paint(placed, positions), [placed, positions]);
  useEffect(() => onDomChange(() => paint(latest.current.placed, latest.current.positions)), [onDomChange]);
  useEffect(
    () => () => {
      CSS.highlights.delete(DOUBLE);
      CSS.highlights.delete(TRIPLE);
    },
    [],
  );
  return null;
}

function paint(placed: PlacedCoding[], positions: TextPositions): void {
  if (!positions.root) return;
  const { double, triple } = overlapSegments(placed);
  const toHighlight = (segments: [number, number][], priority: number) => {
    const h = new Highlight();
    for (const [a, b] of segments) {
      const r = positions.staticRange(a, b);
      if (r) h.add(r);
    }
    h.priority = priority;
    return h;
  };
  CSS.highlights.set(DOUBLE, toHighlight(double, 1));
  CSS.highlights.set(TRIPLE, toHighlight(triple, 2));
}
