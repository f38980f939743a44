import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CLICK_COMMAND, COMMAND_PRIORITY_LOW } from 'lexical';
import { useReader } from '../ReaderContext';
import { codingsAt } from '../codingSpans';

/**
 * A click on coded text opens the popover for every coding under the pointer (innermost first) and makes the
 * innermost one active. The caret position under the pointer gives a candidate offset; because that caret also
 * exists beside the end of a line or in the margin, a coding only counts if one of its line boxes really contains
 * the pointer. A click on uncoded text closes the popover and deactivates the coding.
 */
export function CodingClickPlugin() {
  const [editor] = useLexicalComposerContext();
  const { placed, positions, doc, openPopover, closePopover, setActiveCodingId } = useReader();

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event: MouseEvent) => {
          // A drag that selected text, or the second click of a double click, is selecting, not inspecting.
          const sel = document.getSelection();
          if ((sel && !sel.isCollapsed) || event.detail > 1) return false;
          const at = positions.offsetAtPoint(event.clientX, event.clientY);
          const hits =
            at === null
              ? []
              : codingsAt(placed, at).filter((coding) => {
                  const line = doc.lineOf(at);
                  const { start16, end16 } = doc.utf16Range(coding.start, coding.end);
                  const range = positions.range(Math.max(start16, doc.lineStart(line)), Math.min(end16, doc.lineEnd(line)));
                  if (!range) return false;
                  for (const r of range.getClientRects()) {
                    if (event.clientX >= r.left - 1 && event.clientX <= r.right + 1 && event.clientY >= r.top && event.clientY <= r.bottom) return true;
                  }
                  return false;
                });
          const [innermost] = hits;
          if (!innermost) {
            closePopover();
            setActiveCodingId(null);
            return false;
          }
          setActiveCodingId(innermost.id);
          openPopover(
            hits.map((c) => c.id),
            { x: event.clientX, y: event.clientY },
          );
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, placed, positions, doc, openPopover, closePopover, setActiveCodingId],
  );

  return null;
}
