import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND } from 'lexical';
import { useReader } from '../ReaderContext';
import { readSelectionSpan } from '../selectionSpan';
import { readerSelection, setReaderSelection } from '../../../app/selection';
import { useCodes } from '../../codebook/useCodes';

/** A printable character that could begin a code's name (letters, digits, punctuation; not space). */
const STARTS_A_NAME = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/**
 * Coding from the keyboard while text is selected: keys 1–9 apply the first nine codes in codebook order,
 * and any other printable key opens the code picker with that key already typed.
 *
 * The passage is read from the DOM at the moment of the key press rather than from the store, whose copy is
 * published once per frame and can lag a fast select-then-press by a frame.
 */
export function CodeShortcutsPlugin() {
  const [editor] = useLexicalComposerContext();
  const { articleId, doc, positions, openPicker, applyCode } = useReader();
  const codes = useCodes();

  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event: KeyboardEvent) => {
          if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
          if (!STARTS_A_NAME.test(event.key)) return false;
          const fromDom = readSelectionSpan(positions, doc);
          const selected = readerSelection.get();
          const span = fromDom ?? (fromDom === undefined && selected?.articleId === articleId ? selected : null);
          if (!span) return false;
          event.preventDefault();
          if (selected?.start !== span.start || selected.end !== span.end || selected.articleId !== articleId) {
            setReaderSelection({ articleId, start: span.start, end: span.end, text: span.text });
          }
          if (event.key >= '1' && event.key <= '9') {
            const code = codes[Number(event.key) - 1];
            if (code) void applyCode(code.id, span);
            return true;
          }
          openPicker(event.key, span);
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor, articleId, doc, positions, codes, applyCode, openPicker],
  );

  return null;
}
