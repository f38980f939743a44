// The passage selected in the reader changes with every mouse move of a selection or edge drag, so it lives in its
// own store: only the reader's plugins and the few controls that show "Apply to selection" read it; the codebook
// rows, the article list and the toolbar never re-render for it.
import { useSyncExternalStore } from 'react';
import { createStore } from './tinyStore';

export interface ReaderSelection {
  articleId: number;
  start: number;
  end: number;
  text: string;
}

export const readerSelection = createStore<ReaderSelection | null>(null);

export const setReaderSelection = (s: ReaderSelection | null): void => readerSelection.set(s);

export function useReaderSelection(): ReaderSelection | null {
  return useSyncExternalStore(readerSelection.subscribe, readerSelection.get);
}

/** Whether something is selected: a component reading only this re-renders when that flips, not on every move. */
export function useHasReaderSelection(): boolean {
  return useSyncExternalStore(readerSelection.subscribe, () => readerSelection.get() !== null);
}

/** Whether the user has text selected in the page (a drag or a keyboard selection), so a key or click is selecting. */
export function hasTextSelected(): boolean {
  const selection = document.getSelection();
  return selection !== null && !selection.isCollapsed;
}
