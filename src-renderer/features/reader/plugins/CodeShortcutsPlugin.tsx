import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND } from 'lexical';
import { useAppStore } from '../../../app/store';
import { useReader } from '../ReaderContext';

/** A printable character that could begin a code's name (letters, digits, punctuation; not space). */
const STARTS_A_NAME = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/**
 * Coding from the keyboard while text is selected: keys 1–9 apply the first nine codes in codebook order,
 * and any other printable key opens the code picker with that key already typed.
 */
export function CodeShortcutsPlugin() {
  const [editor] = useLexicalComposerContext();
  const { articleId, openPicker } = useReader();
  const { codes, readerSelection, applyCodeToSelection } = useAppStore();
  const hasSelection = readerSelection !== null && readerSelection.articleId === articleId;

  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event: KeyboardEvent) => {
          if (!hasSelection || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
          if (!STARTS_A_NAME.test(event.key)) return false;
          event.preventDefault();
          if (event.key >= '1' && event.key <= '9') {
            const code = codes[Number(event.key) - 1];
            if (code) void applyCodeToSelection(code.id);
            return true;
          }
          openPicker(event.key);
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor, hasSelection, codes, applyCodeToSelection, openPicker],
  );

  return null;
}
