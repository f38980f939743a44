/**
 * Runs `work` once the browser has painted the next frame (or the next few). Used to let a change the analyst is
 * waiting for (a new highlight) reach the screen, and the frame after it stay light, before the heavier
 * re-rendering it causes elsewhere (stripes, counts, lists).
 */
export function afterNextPaint(work: () => void, frames = 1): void {
  requestAnimationFrame(() => setTimeout(frames > 1 ? () => afterNextPaint(work, frames - 1) : work, 0));
}
