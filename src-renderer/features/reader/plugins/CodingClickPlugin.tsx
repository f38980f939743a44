import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CLICK_COMMAND, COMMAND_PRIORITY_LOW } from 'lexical';
import { hasTextSelected } from '../../../app/selection';
import { useReader } from '../ReaderContext';
import { codingsUnderPoint } from './CodingHoverCard';

/**
 * A click on coded text opens the popover for every coding under the pointer (innermost first) and makes the
 * innermost one active (which codings a point is on: codingsUnderPoint, as for the hover card). A click on uncoded
 * text closes the popover and deactivates the coding.
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
          if (hasTextSelected() || event.detail > 1) return false;
          const hits = codingsUnderPoint(placed, positions, doc, event.clientX, event.clientY);
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
