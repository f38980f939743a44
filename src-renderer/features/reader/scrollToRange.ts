/**
 * Scrolls `scroller` so the passage that `measure` returns sits a third of the way down the view, unless it is
 * already comfortably visible. Paragraphs far off screen are laid out from estimated heights (content-visibility),
 * so their real heights arrive only once they are near the view; the aim is therefore checked again on the next
 * two frames and corrected if the passage has moved.
 */
export function scrollToRange(scroller: HTMLElement, measure: () => DOMRect | null, attempts = 3): void {
  const rect = measure();
  if (!rect) return;
  const view = scroller.getBoundingClientRect();
  if (rect.top >= view.top + 40 && rect.bottom <= view.bottom - 40) return;
  scroller.scrollTop += rect.top - view.top - scroller.clientHeight / 3;
  if (attempts > 1) requestAnimationFrame(() => scrollToRange(scroller, measure, attempts - 1));
}
