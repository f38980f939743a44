import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeRegister, type LexicalEditor } from 'lexical';
import type { TextPositions } from './textPositions';

/**
 * Tells the reader when Lexical has rewritten part of the DOM (the first render, wrapping or unwrapping the active
 * coding's mark). Cached text-node walks are dropped first, then synchronous listeners rebuild highlight ranges in
 * the same task, so a highlight never points at a detached text node for a frame; React consumers get a version.
 */
export function useDomChanges(editor: LexicalEditor, positions: TextPositions) {
  const [domVersion, setDomVersion] = useState(0);
  const listeners = useRef(new Set<() => void>());

  useEffect(() => {
    const changed = () => {
      positions.invalidate();
      for (const l of listeners.current) l();
      setDomVersion((v) => v + 1);
    };
    return mergeRegister(
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) changed();
      }),
      editor.registerRootListener((root) => {
        if (root) changed();
      }),
    );
  }, [editor, positions]);

  const onDomChange = useCallback((listener: () => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { domVersion, onDomChange };
}
