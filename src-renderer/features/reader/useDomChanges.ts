import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeRegister, type LexicalEditor } from 'lexical';
import type { TextPositions } from './textPositions';

/** Told which lines (paragraphs) Lexical rewrote, or null when it may have been any of them. */
export type DomChangeListener = (lines: ReadonlySet<number> | null) => void;

/**
 * Tells the reader when Lexical has rewritten part of the DOM (the first render, wrapping or unwrapping the active
 * coding's mark). Cached text-node walks are dropped first, then synchronous listeners rebuild highlight ranges in
 * the same task, so a highlight never points at a detached text node for a frame; React consumers get a version.
 */
export function useDomChanges(editor: LexicalEditor, positions: TextPositions) {
  const [domVersion, setDomVersion] = useState(0);
  const listeners = useRef(new Set<DomChangeListener>());

  useEffect(() => {
    const changed = (lines: ReadonlySet<number> | null) => {
      positions.invalidate(lines ?? undefined);
      for (const l of listeners.current) l(lines);
      setDomVersion((v) => v + 1);
    };
    return mergeRegister(
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        // Lexical marks every ancestor of a changed node dirty, so the changed paragraphs are among the dirty
        // elements; only those lines need their ranges rebuilt. Anything unexpected rebuilds everything.
        const lines = new Set<number>();
        for (const key of dirtyElements.keys()) {
          const line = positions.lineOfParagraphKey(key);
          if (line !== undefined) lines.add(line);
        }
        changed(lines.size > 0 ? lines : null);
      }),
      editor.registerRootListener((root) => {
        if (root) changed(null);
      }),
    );
  }, [editor, positions]);

  const onDomChange = useCallback((listener: DomChangeListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { domVersion, onDomChange };
}
