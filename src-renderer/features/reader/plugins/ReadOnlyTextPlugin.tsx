import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createTextNode,
  $getRoot,
  $isElementNode,
  SKIP_DOM_SELECTION_TAG,
  BEFORE_INPUT_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DROP_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REDO_COMMAND,
  REMOVE_TEXT_COMMAND,
  UNDO_COMMAND,
  mergeRegister,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';

/** Updates made by the reader itself (wrapping the active coding in a mark) carry this tag. */
export const READER_UPDATE_TAG = 'gloss-reader';

/** Refuses an editing command outright; events are cancelled too, so the browser does not edit the DOM either. */
function refuseCommand<T>(editor: LexicalEditor, command: LexicalCommand<T>): () => void {
  return editor.registerCommand(
    command,
    (payload: T) => {
      if (payload instanceof Event) payload.preventDefault();
      return true;
    },
    COMMAND_PRIORITY_CRITICAL,
  );
}


const BLOCKED_DOM_EVENTS = ['beforeinput', 'paste', 'cut', 'drop'] as const;

function refuse(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/**
 * The article is evidence: its text must never change, or every stored offset would point at the wrong words.
 * The editor stays contenteditable so that the caret, keyboard selection (Shift+arrows) and screen readers work,
 * and edits are refused at three layers: the DOM events that would edit (before Lexical sees them), Lexical's
 * editing commands, and finally any update that nonetheless changed the text (an IME composition cannot be
 * cancelled) is rolled back to the previous state.
 */
export function ReadOnlyTextPlugin({ text }: { text: string }) {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    const lines = text.split('\n');
    // An IME composition edits the DOM directly and cannot be cancelled; Lexical may not even record it. So after
    // any input that got through, every paragraph whose DOM text differs from its line is rebuilt from the line.
    const repair = () => {
      const keys = editor.getEditorState().read(() => $getRoot().getChildrenKeys());
      const damaged = keys.flatMap((key, i) => (editor.getElementByKey(key)?.textContent ?? lines[i]) !== lines[i] ? [i] : []);
      if (damaged.length === 0) return;
      editor.update(
        () => {
          const root = $getRoot();
          for (const i of damaged) {
            const paragraph = root.getChildAtIndex(i);
            if (!$isElementNode(paragraph)) continue;
            paragraph.clear();
            if (lines[i]) paragraph.append($createTextNode(lines[i]));
          }
        },
        { tag: [READER_UPDATE_TAG, SKIP_DOM_SELECTION_TAG], discrete: true },
      );
    };
    const repairSoon = () => setTimeout(repair, 0);
    let attached: HTMLElement | null = null;
    const attach = (root: HTMLElement | null) => {
      for (const type of BLOCKED_DOM_EVENTS) {
        attached?.removeEventListener(type, refuse, { capture: true });
        root?.addEventListener(type, refuse, { capture: true });
      }
      for (const type of ['input', 'compositionend'] as const) {
        attached?.removeEventListener(type, repairSoon);
        root?.addEventListener(type, repairSoon);
      }
      attached = root;
    };
    const unregister = mergeRegister(
      editor.registerRootListener((root) => attach(root)),
      editor.registerCommand(
        BEFORE_INPUT_COMMAND,
        (event) => {
          event.preventDefault();
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      refuseCommand(editor, CONTROLLED_TEXT_INSERTION_COMMAND),
      refuseCommand(editor, DELETE_CHARACTER_COMMAND),
      refuseCommand(editor, DELETE_WORD_COMMAND),
      refuseCommand(editor, DELETE_LINE_COMMAND),
      refuseCommand(editor, REMOVE_TEXT_COMMAND),
      refuseCommand(editor, INSERT_PARAGRAPH_COMMAND),
      refuseCommand(editor, INSERT_LINE_BREAK_COMMAND),
      refuseCommand(editor, INSERT_TAB_COMMAND),
      refuseCommand(editor, FORMAT_TEXT_COMMAND),
      refuseCommand(editor, FORMAT_ELEMENT_COMMAND),
      refuseCommand(editor, INDENT_CONTENT_COMMAND),
      refuseCommand(editor, OUTDENT_CONTENT_COMMAND),
      refuseCommand(editor, PASTE_COMMAND),
      refuseCommand(editor, CUT_COMMAND),
      refuseCommand(editor, DROP_COMMAND),
      refuseCommand(editor, UNDO_COMMAND),
      refuseCommand(editor, REDO_COMMAND),
      editor.registerUpdateListener(({ dirtyLeaves, dirtyElements, prevEditorState, editorState, tags }) => {
        if (tags.has(READER_UPDATE_TAG) || (dirtyLeaves.size === 0 && dirtyElements.size === 0)) return;
        if (prevEditorState.isEmpty()) return; // the initial load
        // Paragraphs are lines: join them with one LF (getTextContent on the root would put two).
        const now = editorState.read(() =>
          $getRoot()
            .getChildren()
            .map((p) => p.getTextContent())
            .join('\n'),
        );
        if (now !== text) editor.setEditorState(prevEditorState, { tag: READER_UPDATE_TAG });
      }),
    );
    return () => {
      unregister();
      attach(null);
    };
  }, [editor, text]);

  return null;
}
