import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface VirtualWindow {
  /** First and last row index to render (inclusive); last < first when there is nothing to render. */
  first: number;
  last: number;
  totalHeight: number;
  /** Scrolls just enough to show row `index` fully, as list boxes do when the keyboard moves the selection. */
  scrollToIndex(index: number): void;
}

/**
 * Which rows of a fixed-row-height list are in view (plus `overscan` rows either side), so a list of 100,000
 * articles costs the DOM no more than the thirty or so rows the user can see.
 */
export function useVirtualWindow(scroller: RefObject<HTMLElement | null>, rowHeight: number, count: number, overscan = 8): VirtualWindow {
  const [viewport, setViewport] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [scroller]);

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((viewport.top + viewport.height) / rowHeight) + overscan);

  const scrollToIndex = useCallback((index: number) => scrollRowIntoView(scroller, index, rowHeight), [scroller, rowHeight]);

  return { first, last, totalHeight: count * rowHeight, scrollToIndex };
}

/** Scrolls the list just enough to show row `index` whole (the element as it is now, not as it was rendered). */
function scrollRowIntoView(scroller: RefObject<HTMLElement | null>, index: number, rowHeight: number): void {
  const el = scroller.current;
  if (!el) return;
  const top = index * rowHeight;
  if (top < el.scrollTop) el.scrollTo({ top });
  else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTo({ top: top + rowHeight - el.clientHeight });
}
