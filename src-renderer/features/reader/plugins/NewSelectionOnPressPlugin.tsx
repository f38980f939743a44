import { useEffect } from 'react';
import { useReader } from '../ReaderContext';

/**
 * The passage just coded stays selected, so a second code can be applied to it at once. But a browser treats a press
 * inside an existing selection as the start of dragging that text away, so a new drag that begins inside the old
 * selection (an overlapping passage) would select nothing. A plain press inside the selection therefore collapses it
 * first, and the press starts a new selection as it does anywhere else. Dragging text out of a read-only article has
 * no use here.
 */
export function NewSelectionOnPressPlugin() {
  const { positions } = useReader();
  useEffect(() => {
    const root = positions.root;
    if (!root) return;
    const onPress = (event: MouseEvent) => {
      if (event.button !== 0 || event.shiftKey || event.detail > 1) return;
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      const pressedInside = [...selection.getRangeAt(0).getClientRects()].some(
        (r) => event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom,
      );
      if (pressedInside) selection.collapseToStart();
    };
    root.addEventListener('mousedown', onPress, true);
    return () => root.removeEventListener('mousedown', onPress, true);
  }, [positions]);
  return null;
}
