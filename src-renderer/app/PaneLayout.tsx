import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

/** The reading column never gets narrower than this while a side panel can still give way. */
export const READING_MIN = 560;
const RAIL = 34;
const SEPARATOR = 6;
const MIN_SIDE = 200;
const MAX_SIDE = 520;
const KEY_STEP = 16;

type Side = 'left' | 'right';

interface Prefs {
  width: Record<Side, number>;
  /** What the analyst asked for; the window's width may still fold a panel (see layoutFor). */
  open: Record<Side, boolean>;
  /** The panel opened last keeps its place when the window is too narrow for both. */
  lastOpened: Side;
}

/**
 * Which panels are shown and how wide, for a window this wide: the asked-for panels, unless the reading column would
 * fall under READING_MIN, in which case the panel not opened last folds to its rail first, then the other.
 */
export function layoutFor(total: number, prefs: Prefs): { open: Record<Side, boolean>; width: Record<Side, number> } {
  const open = { ...prefs.open };
  const reading = () => total - (open.left ? prefs.width.left + SEPARATOR : RAIL) - (open.right ? prefs.width.right + SEPARATOR : RAIL);
  const first: Side = prefs.lastOpened === 'left' ? 'right' : 'left';
  for (const side of [first, first === 'left' ? 'right' : 'left'] as Side[]) {
    if (reading() >= READING_MIN) break;
    open[side] = false;
  }
  return { open, width: prefs.width };
}

const LABELS: Record<Side, { noun: string; show: string; hide: string; resize: string }> = {
  left: { noun: 'Articles', show: 'Show the article list', hide: 'Hide the article list', resize: 'Width of the article list' },
  right: { noun: 'Codebook', show: 'Show the codebook', hide: 'Hide the codebook', resize: 'Width of the codebook' },
};

/**
 * The three panes: article list, centre, codebook. The side panels can be resized (drag the separator, or focus it
 * and press ←/→) and folded to a rail (its button, or the separator's own button); in a narrow window they fold by
 * themselves so the reading column keeps READING_MIN pixels.
 */
export function PaneLayout({ left, centre, right }: { left: ReactNode; centre: ReactNode; right: ReactNode }) {
  const panes = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState(() => window.innerWidth);
  const [prefs, setPrefs] = useState<Prefs>({ width: { left: 290, right: 320 }, open: { left: true, right: true }, lastOpened: 'right' });

  useEffect(() => {
    const el = panes.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setTotal(el.clientWidth));
    observer.observe(el);
    setTotal(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  const layout = layoutFor(total, prefs);
  const setOpen = (side: Side, value: boolean) =>
    setPrefs((p) => ({ ...p, open: { ...p.open, [side]: value }, lastOpened: value ? side : p.lastOpened }));
  const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');
  /** The widest a side may get while the other keeps its width and the text its minimum. */
  const maxWidth = (side: Side) => {
    const o = other(side);
    const otherWidth = layout.open[o] ? layout.width[o] + SEPARATOR : RAIL;
    return Math.max(MIN_SIDE, Math.min(MAX_SIDE, total - otherWidth - SEPARATOR - READING_MIN));
  };
  const setWidth = (side: Side, width: number) =>
    setPrefs((p) => ({ ...p, width: { ...p.width, [side]: Math.round(Math.max(MIN_SIDE, Math.min(maxWidth(side), width))) } }));

  const column = (side: Side) => (layout.open[side] ? `${layout.width[side]}px ${SEPARATOR}px` : `${RAIL}px`);
  const columns = `${column('left')} minmax(0, 1fr) ${layout.open.right ? `${SEPARATOR}px ${layout.width.right}px` : `${RAIL}px`}`;

  const rail = (side: Side) => (
    <div className={`pane-rail pane-rail-${side}`} data-testid={`pane-rail-${side}`}>
      <button type="button" className="pane-rail-button" data-testid={`show-pane-${side}`} title={LABELS[side].show} onClick={() => setOpen(side, true)}>
        {LABELS[side].noun}
      </button>
    </div>
  );
  const separator = (side: Side) => (
    <Separator
      side={side}
      width={layout.width[side]}
      min={MIN_SIDE}
      max={maxWidth(side)}
      label={LABELS[side].resize}
      hideLabel={LABELS[side].hide}
      onWidth={(w) => setWidth(side, w)}
      onHide={() => setOpen(side, false)}
    />
  );

  return (
    <div className="panes" ref={panes} style={{ gridTemplateColumns: columns }} data-testid="panes">
      {layout.open.left ? (
        <>
          <aside className="pane pane-articles" aria-label="Articles">
            {left}
          </aside>
          {separator('left')}
        </>
      ) : (
        rail('left')
      )}
      <main className="pane pane-reader" aria-label="Article">
        {centre}
      </main>
      {layout.open.right ? (
        <>
          {separator('right')}
          <aside className="pane pane-codebook" aria-label="Codebook">
            {right}
          </aside>
        </>
      ) : (
        rail('right')
      )}
    </div>
  );
}

interface SeparatorProps {
  side: Side;
  width: number;
  min: number;
  max: number;
  label: string;
  hideLabel: string;
  onWidth(width: number): void;
  onHide(): void;
}

/** A window splitter (ARIA separator): drag it, or focus it and use ←/→ (Home/End for the limits, Enter to fold). */
function Separator({ side, width, min, max, label, hideLabel, onWidth, onHide }: SeparatorProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  // Dragging to the right widens the left panel and narrows the right one.
  const sign = side === 'left' ? 1 : -1;
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onWidth(drag.current.width + sign * (e.clientX - drag.current.x));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowLeft') onWidth(width - sign * KEY_STEP);
    else if (e.key === 'ArrowRight') onWidth(width + sign * KEY_STEP);
    else if (e.key === 'Home') onWidth(min);
    else if (e.key === 'End') onWidth(max);
    else if (e.key === 'Enter') onHide();
    else return;
    e.preventDefault();
  };
  return (
    // The fold button sits beside the separator, not in it: a separator's content is not exposed to assistive tech.
    <div className={`pane-separator-wrap pane-separator-${side}`}>
      <div
        className="pane-separator"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={width}
        aria-valuemin={min}
        aria-valuemax={max}
        tabIndex={0}
        data-testid={`pane-separator-${side}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="pane-hide-button" data-testid={`hide-pane-${side}`} title={hideLabel} onClick={onHide}>
        <span aria-hidden>{side === 'left' ? '‹' : '›'}</span>
        <span className="sr-only">{hideLabel}</span>
      </button>
    </div>
  );
}
