import { useLayoutEffect, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useLatest } from '../../../app/useLatest';
import { useReader, useSpanPreview } from '../ReaderContext';
import { FALLBACK_COLOR } from '../highlightStyles';

interface HandleBox {
  left: number;
  top: number;
  height: number;
}

type Edge = 'start' | 'end';

/**
 * Drag handles on the active coding's two edges. Dragging previews the new span live (highlight, stripe and
 * handles follow the pointer, snapped to grapheme clusters) and saves once on release, keeping code and memo.
 */
export function CodingEdgeHandles() {
  const { activeCodingId, placed, setSpanPreview, updateSpan, positions, doc, page, domVersion, codeById } = useReader();
  const spanPreview = useSpanPreview();
  const active = placed.find((p) => p.coding.id === activeCodingId) ?? null;
  const span = active && spanPreview?.codingId === active.coding.id ? spanPreview : active;
  const [boxes, setBoxes] = useState<{ start: HandleBox; end: HandleBox } | null>(null);
  const [dragging, setDragging] = useState<Edge | null>(null);
  const latestSpan = useLatest(span);

  const start16 = span?.start16 ?? -1;
  const end16 = span?.end16 ?? -1;

  // The handles are measured from the laid-out text before the browser paints, so they never show at old places.
  const shown = Boolean(page) && start16 >= 0;
  useLayoutEffect(() => {
    if (!page || start16 < 0) return;
    const place = () => {
      const base = page.getBoundingClientRect();
      const a = positions.caretRect(start16, 'start');
      const b = positions.caretRect(end16, 'end');
      if (!a || !b) return setBoxes(null);
      setBoxes({
        start: { left: a.left - base.left, top: a.top - base.top, height: a.height },
        end: { left: b.left - base.left, top: b.top - base.top, height: b.height },
      });
    };
    place();
    const resize = new ResizeObserver(place);
    if (positions.root) resize.observe(positions.root);
    return () => resize.disconnect();
  }, [page, positions, start16, end16, domVersion]);

  if (!active || !boxes || !shown) return null;
  const codingId = active.coding.id;
  const color = codeById.get(active.coding.codeId)?.color ?? FALLBACK_COLOR;

  const begin = (edge: Edge) => (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    // Cancelling pointerdown stops the browser from starting a text selection under the handle.
    event.preventDefault();
    setDragging(edge);
    const move = (e: PointerEvent) => {
      const current = latestSpan.current;
      const raw = positions.offsetAtPoint(e.clientX, e.clientY);
      if (!current || raw === null) return;
      const at = doc.snapCaret(raw);
      let { start16: s, end16: t } = current;
      if (edge === 'start') s = at < t ? at : doc.previousGrapheme(t);
      else t = at > s ? at : doc.nextGrapheme(s);
      if (s !== current.start16 || t !== current.end16) setSpanPreview({ codingId, start16: s, end16: t });
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      setDragging(null);
      const current = latestSpan.current;
      setSpanPreview(null);
      if (current && (current.start16 !== active.start16 || current.end16 !== active.end16)) {
        updateSpan(codingId, current.start16, current.end16);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };

  const startCp = active.coding.start;
  const endCp = active.coding.end;
  return (
    <div className={dragging ? 'coding-handles dragging' : 'coding-handles'}>
      {(['start', 'end'] as const).map((edge) => {
        const box = boxes[edge];
        return (
          <div
            key={edge}
            role="slider"
            tabIndex={-1}
            aria-label={edge === 'start' ? 'Start of the coding: drag to move' : 'End of the coding: drag to move'}
            aria-valuemin={0}
            aria-valuemax={doc.index.codePointLength}
            aria-valuenow={edge === 'start' ? startCp : endCp}
            data-testid={`coding-handle-${edge}`}
            className={`coding-handle coding-handle-${edge}`}
            style={{ left: box.left, top: box.top, height: box.height, color }}
            onPointerDown={begin(edge)}
          />
        );
      })}
    </div>
  );
}
