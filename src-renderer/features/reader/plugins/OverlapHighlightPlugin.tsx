import { useEffect, useMemo, useRef } from 'react';
import { useLatest } from '../../../app/useLatest';
import { useReader, useSpanPreview } from '../ReaderContext';
import { overlapSegments, type PlacedCoding } from '../codingSpans';
import type { TextPositions } from '../textPositions';
import { at } from '../../../../src-main/contract/must';

const DOUBLE = 'gloss-overlap';
const TRIPLE = 'gloss-overlap-3';

type Segments = [number, number][];

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
  const shown = useRef<{ double: Segments; triple: Segments } | null>(null);

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

function same(a: Segments, b: Segments): boolean {
  return (
    a.length === b.length &&
    a.every(([s, e], i) => {
      const [bs, be] = at(b, i);
      return s === bs && e === be;
    })
  );
}

/** Repaints only the highlight whose segments changed: every Highlight replaced costs the browser a repaint pass. */
function paint(placed: PlacedCoding[], positions: TextPositions, previous: { double: Segments; triple: Segments } | null) {
  if (!positions.root) return previous;
  const { double, triple } = overlapSegments(placed);
  const toHighlight = (segments: Segments, priority: number) => {
    const h = new Highlight();
    for (const [a, b] of segments) {
      const r = positions.staticRange(a, b);
      if (r) h.add(r);
    }
    h.priority = priority;
    return h;
  };
  if (!previous || !same(previous.double, double)) CSS.highlights.set(DOUBLE, toHighlight(double, 1));
  if (!previous || !same(previous.triple, triple)) CSS.highlights.set(TRIPLE, toHighlight(triple, 2));
  return { double, triple };
}
