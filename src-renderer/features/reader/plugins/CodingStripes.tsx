import { useCallback, useEffect, useRef, useState } from 'react';
import { useReader, useSpanPreview } from '../ReaderContext';
import { codingsBetween } from '../codingSpans';
import { assignLanes } from '../stripeLanes';
import { FALLBACK_COLOR } from '../highlightStyles';
import { useTeam } from '../../team/useTeam';

interface Stripe {
  codingId: number;
  codeId: number;
  path: string;
  coder: string;
  color: string;
  excerpt: string;
  top: number;
  height: number;
  lane: number;
}

const LANE_WIDTH = 6;
const MIN_LANES = 3;

/**
 * The margin of coding stripes (as in MAXQDA): one thin bar per coding beside the lines it covers, in its code's
 * colour, with codings that share lines in separate lanes.
 *
 * Only codings near the viewport are measured (Range.getClientRects on the part of the coding in a window three
 * screens tall), so a 3,000-coding article costs a few dozen measurements per window, not 3,000. The window is
 * re-measured when scrolling leaves it, when the page is resized (lines re-wrap) and when the DOM or codings change.
 */
export function CodingStripes() {
  const { placed, codeById, positions, doc, domVersion, scroller, activeCodingId, openPopover, setActiveCodingId } = useReader();
  // With several coders each stripe carries its coder's colour as a thin mark beside it (the coder lane).
  const team = useTeam();
  const coderColour = (coder: string) => (team.coders.length > 1 ? team.colourOf(coder) : undefined);
  const spanPreview = useSpanPreview();
  const gutter = useRef<HTMLDivElement>(null);
  const [stripes, setStripes] = useState<Stripe[]>([]);
  const [laneCount, setLaneCount] = useState(MIN_LANES);
  const measured = useRef<{ from: number; to: number } | null>(null);

  const measure = useCallback(() => {
    const g = gutter.current;
    if (!g || !scroller || !positions.root || doc.lineCount === 0) return;
    const base = g.getBoundingClientRect().top;
    const viewTop = scroller.getBoundingClientRect().top - base;
    const viewHeight = scroller.clientHeight || window.innerHeight;
    const from = viewTop - viewHeight;
    const to = viewTop + 2 * viewHeight;
    measured.current = { from, to };

    // Paragraph tops increase down the page, so the window's first and last paragraphs are found by bisection.
    const top = (i: number) => (positions.paragraphElement(i)?.getBoundingClientRect().top ?? 0) - base;
    const bottom = (i: number) => (positions.paragraphElement(i)?.getBoundingClientRect().bottom ?? 0) - base;
    let lo = 0;
    let hi = doc.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bottom(mid) < from) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = doc.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (top(mid) > to) hi = mid - 1;
      else lo = mid;
    }
    const from16 = doc.lineStarts[first];
    const to16 = doc.lineEnd(lo);

    const found: Omit<Stripe, 'lane'>[] = [];
    for (const p of codingsBetween(placed, from16, to16 + 1)) {
      const preview = spanPreview?.codingId === p.coding.id ? spanPreview : null;
      const s = Math.max(preview ? preview.start16 : p.start16, from16);
      const e = Math.min(preview ? preview.end16 : p.end16, to16);
      if (e <= s) continue;
      const range = positions.range(s, e);
      if (!range) continue;
      let t = Infinity;
      let b = -Infinity;
      for (const r of range.getClientRects()) {
        if (r.height === 0) continue;
        t = Math.min(t, r.top);
        b = Math.max(b, r.bottom);
      }
      if (t === Infinity) continue;
      const code = codeById.get(p.coding.codeId);
      found.push({
        codingId: p.coding.id,
        codeId: p.coding.codeId,
        path: code?.path ?? p.coding.codePath,
        coder: p.coding.coder,
        color: code?.color ?? FALLBACK_COLOR,
        excerpt: p.coding.text.length > 80 ? `${p.coding.text.slice(0, 80)}…` : p.coding.text,
        top: t - base,
        height: b - t,
      });
    }
    const { lanes, laneCount: count } = assignLanes(found.map((f) => ({ top: f.top, bottom: f.top + f.height })));
    setStripes(found.map((f, i) => ({ ...f, lane: lanes[i] })));
    // The gutter only grows while reading, so the text does not shift sideways as lanes come and go.
    setLaneCount((c) => Math.max(c, count, MIN_LANES));
  }, [scroller, positions, doc, placed, codeById, spanPreview]);

  useEffect(() => measure(), [measure, domVersion]);

  useEffect(() => {
    if (!scroller) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const g = gutter.current;
        const m = measured.current;
        if (!g || !m) return measure();
        const viewTop = scroller.getBoundingClientRect().top - g.getBoundingClientRect().top;
        const margin = scroller.clientHeight / 2;
        if (viewTop - margin < m.from || viewTop + scroller.clientHeight + margin > m.to) measure();
      });
    };
    const resize = new ResizeObserver(() => measure());
    if (positions.root) resize.observe(positions.root);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [scroller, positions, measure, domVersion]);

  return (
    <div ref={gutter} className="coding-gutter" style={{ width: 6 + laneCount * LANE_WIDTH }} aria-label="Coding stripes">
      {stripes.map((s) => (
        <button
          key={s.codingId}
          type="button"
          tabIndex={-1}
          className={s.codingId === activeCodingId ? 'coding-stripe active' : 'coding-stripe'}
          data-testid="coding-stripe"
          data-coding-id={s.codingId}
          data-code-id={s.codeId}
          data-coder={s.coder}
          title={`${s.path} — ${s.coder}`}
          aria-label={`${s.path}: ${s.excerpt}`}
          data-coder-colour={coderColour(s.coder)}
          style={{
            top: s.top,
            height: s.height,
            left: 3 + s.lane * LANE_WIDTH,
            backgroundColor: s.color,
            ...(coderColour(s.coder) ? { boxShadow: `-2px 0 0 ${coderColour(s.coder)}` } : {}),
          }}
          onClick={(e) => {
            setActiveCodingId(s.codingId);
            openPopover([s.codingId], { x: e.clientX, y: e.clientY });
          }}
        />
      ))}
    </div>
  );
}
