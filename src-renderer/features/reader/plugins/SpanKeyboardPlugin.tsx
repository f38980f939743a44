import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_HIGH, KEY_DOWN_COMMAND } from 'lexical';
import { useReader, useSpanPreview } from '../ReaderContext';

/**
 * Keyboard adjustment of the active coding, one grapheme cluster at a time, in logical (text) order:
 * Shift+→ / Shift+← move its end, Alt+Shift+→ / Alt+Shift+← move its start. It only takes over Shift+arrows
 * while a coding is active and no text is selected, so ordinary keyboard selection keeps working otherwise.
 */
export function SpanKeyboardPlugin() {
  const [editor] = useLexicalComposerContext();
  const { activeCodingId, placed, doc, updateSpan } = useReader();
  const spanPreview = useSpanPreview();

  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event: KeyboardEvent) => {
          if (activeCodingId === null || !event.shiftKey || event.ctrlKey || event.metaKey) return false;
          if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return false;
          const sel = document.getSelection();
          if (sel && !sel.isCollapsed) return false;
          const active = placed.find((p) => p.coding.id === activeCodingId);
          if (!active) return false;
          const current = spanPreview?.codingId === activeCodingId ? spanPreview : active;
          let { start16, end16 } = current;
          const forward = event.key === 'ArrowRight';
          if (event.altKey) start16 = forward ? doc.nextGrapheme(start16) : doc.previousGrapheme(start16);
          else end16 = forward ? doc.nextGrapheme(end16) : doc.previousGrapheme(end16);
          event.preventDefault();
          // A coding cannot become empty: the edge stops one grapheme short of the other edge.
          if (start16 >= end16) return true;
          updateSpan(activeCodingId, start16, end16);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, activeCodingId, placed, spanPreview, doc, updateSpan],
  );

  return null;
}
