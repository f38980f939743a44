import { useLayoutEffect, useState, type RefObject } from 'react';

/** The element's content width, following resizes; charts are drawn at an explicit size so the exported SVG has one. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 600): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth((w) => (Math.abs(w - el.clientWidth) < 1 ? w : Math.max(240, Math.floor(el.clientWidth))));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
