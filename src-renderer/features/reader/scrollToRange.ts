/**
 * Scrolls `scroller` so the passage that `measure` returns sits a third of the way down the view, unless it is
 * already comfortably visible. The text can still move after the first aim (the stripe gutter widening re-wraps
 * lines, a late web font), so the aim is checked again on the next two frames and corrected if the passage moved.
 */
export function scrollToRange(scroller: HTMLElement, measure: () => DOMRect | null, attempts = 3): void {
  const rect = measure();
  if (!rect) return;
  const view = scroller.getBoundingClientRect();
  if (rect.top >= view.top + 40 && rect.bottom <= view.bottom - 40) return;
  scroller.scrollTop += rect.top - view.top - scroller.clientHeight / 3;
  if (attempts > 1) requestAnimationFrame(() => scrollToRange(scroller, measure, attempts - 1));
}
