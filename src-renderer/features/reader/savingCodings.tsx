import { createStore, useStore } from '../../app/tinyStore';

/**
 * Codings asked for and not yet answered by the host. Mirrored on the text element as `data-saving-codings` (tests
 * and the benchmark wait for 0: every coding on screen is then stored or rolled back) and told to assistive
 * technology through the reader's status line.
 */
export const savingCodings = createStore(0);

export function markSaving(root: HTMLElement | null, delta: number): void {
  savingCodings.set((n) => n + delta);
  // Written straight onto the element: re-rendering the reader for it would delay the paint it describes.
  if (root) root.dataset.savingCodings = String(savingCodings.get());
}

/** "Saving 1 coding…" while a provisional highlight waits for the host; silent otherwise. */
export function SavingStatus() {
  const n = useStore(savingCodings);
  return (
    <p className="sr-only" role="status" data-testid="coding-save-status">
      {n === 0 ? '' : n === 1 ? 'Saving 1 coding…' : `Saving ${n} codings…`}
    </p>
  );
}
