/**
 * Runs `work` once the browser has painted the next frame. Used to let a change the analyst is waiting for
 * (a new highlight) reach the screen before the heavier re-rendering it causes elsewhere (counts, lists).
 */
export function afterNextPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
