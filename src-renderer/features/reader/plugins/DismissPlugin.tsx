import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW, KEY_ESCAPE_COMMAND } from 'lexical';
import { useReader } from '../ReaderContext';

/** Esc steps back one level: first the popover closes, then the active coding is let go. */
export function DismissPlugin({ popoverOpen }: { popoverOpen: boolean }) {
  const [editor] = useLexicalComposerContext();
  const { activeCodingId, closePopover, setActiveCodingId } = useReader();

  useEffect(
    () =>
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        (event: KeyboardEvent) => {
          if (popoverOpen) closePopover();
          else if (activeCodingId !== null) setActiveCodingId(null);
          else return false;
          event.preventDefault();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, popoverOpen, activeCodingId, closePopover, setActiveCodingId],
  );

  return null;
}
