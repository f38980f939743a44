import { useCallback, useEffect, useRef, useState } from 'react';
import { useReader, useSpanPreview } from '../ReaderContext';
import { codingsBetween } from '../codingSpans';
import { assignLanes } from '../stripeLanes';
import { FALLBACK_COLOR } from '../highlightStyles';
import { useTeam } from '../../team/useTeam';
import { at } from '../../../../src-main/contract/must';

interface Stripe {
  codingId: number;
  codeId: number;
  path: string;
  coder: string;
  color: string;
  excerpt: string;
  hasMemo: boolean;
  top: number;
  height: number;
  lane: number;
}

const LANE_WIDTH = 6;
const MIN_LANES = 3;
/** Room the code names take beside the stripes; below READING_MIN px left for the text, only stripes are shown. */
const LABELS_WIDTH = 132;
const READING_MIN = 560;

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
    const from16 = doc.lineStart(first);
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
        hasMemo: p.coding.memo.trim() !== '',
        top: t - base,
        height: b - t,
      });
    }
    const { lanes, laneCount: count } = assignLanes(found.map((f) => ({ top: f.top, bottom: f.top + f.height })));
    setStripes(found.map((f, i) => ({ ...f, lane: at(lanes, i) })));
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

  const roomForLabels = useRoomForLabels(scroller, 6 + laneCount * LANE_WIDTH);
  const labels = roomForLabels ? marginLabels(stripes) : [];

  return (
    <>
      {roomForLabels && (
        <div className="margin-labels" style={{ width: LABELS_WIDTH }} data-testid="margin-labels">
          {labels.map((l) => (
            <button
              key={l.key}
              type="button"
              tabIndex={-1}
              className={l.names.length > 0 ? 'margin-label' : 'margin-label crowded'}
              data-testid="margin-label"
              style={{ top: l.top }}
              title={l.tooltip}
              onClick={(e) => {
                setActiveCodingId(l.codingIds[0] ?? null);
                openPopover(l.codingIds, { x: e.clientX, y: e.clientY });
              }}
            >
              {l.names.length > 0 ? (
                l.names.map((n) => (
                  <span key={n.path} className="margin-label-name" style={{ borderInlineEndColor: n.color }}>
                    {n.name}
                  </span>
                ))
              ) : (
                <span className="margin-label-name">{`${l.codeCount} codes`}</span>
              )}
              {l.hasMemo && (
                <span className="margin-memo-marker" role="img" aria-label="has a memo" data-testid="margin-memo-marker">
                  ✎
                </span>
              )}
            </button>
          ))}
        </div>
      )}
      <div ref={gutter} className="coding-gutter" style={{ width: 6 + laneCount * LANE_WIDTH }} role="group" aria-label="Coding stripes">
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
    </>
  );
}

/** Whether the reading column keeps at least READING_MIN px with the labels beside it. */
function useRoomForLabels(scroller: HTMLElement | null, gutterWidth: number): boolean {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!scroller) return;
    // A ResizeObserver reports once as soon as it observes, so the first width comes from it too.
    const observer = new ResizeObserver(() => setWidth(scroller.clientWidth));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller]);
  // The page's own padding (30 px) and the gutter's margin (10 px) come off too.
  return width - LABELS_WIDTH - gutterWidth - 40 >= READING_MIN;
}

const LABEL_LINE = 18;
/** More distinct codes than this at one place: the label says how many, and its tooltip names them. */
const MAX_NAMES = 2;

interface MarginLabel {
  key: number;
  top: number;
  /** The codes named (empty when crowded), in stripe order. */
  names: { path: string; name: string; color: string }[];
  codeCount: number;
  tooltip: string;
  codingIds: number[];
  hasMemo: boolean;
}

/**
 * Labels for the stripes: one per group of stripes that start within the lines its label takes up. A group names
 * its codes when there are few; otherwise it shows their number, with the names in its tooltip.
 */
export function marginLabels(stripes: readonly Stripe[]): MarginLabel[] {
  const sorted = [...stripes].sort((a, b) => a.top - b.top || a.lane - b.lane);
  const groups: Stripe[][] = [];
  let bottom = -Infinity;
  for (const s of sorted) {
    const group = groups[groups.length - 1];
    if (group && s.top < bottom) {
      group.push(s);
      const distinct = new Set(group.map((g) => g.path)).size;
      bottom = group[0]!.top + LABEL_LINE * (distinct > MAX_NAMES ? 1 : distinct);
    } else {
      groups.push([s]);
      bottom = s.top + LABEL_LINE;
    }
  }
  return groups.map((group) => {
    const byPath = new Map<string, Stripe>();
    for (const g of group) if (!byPath.has(g.path)) byPath.set(g.path, g);
    const paths = [...byPath.keys()];
    const crowded = paths.length > MAX_NAMES;
    return {
      key: group[0]!.codingId,
      top: group[0]!.top,
      names: crowded ? [] : [...byPath.values()].map((g) => ({ path: g.path, name: g.path.split('/').pop() ?? g.path, color: g.color })),
      codeCount: paths.length,
      tooltip: paths.join('\n'),
      codingIds: group.map((g) => g.codingId),
      hasMemo: group.some((g) => g.hasMemo),
    };
  });
}
