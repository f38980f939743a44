import { useEffect } from 'react';
import { useLatest } from '../../app/useLatest';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from 'lexical';
import { memoContentOf, type MemoContent } from './memoText';

/** Long enough not to save on every key, short enough that little is lost if the app is closed mid-thought. */
const SAVE_AFTER_MS = 800;

/**
 * Saves the memo while the analyst types (once they pause), when the editor loses focus, and when it closes
 * (the popover or dialog is dismissed without a blur). Only a real change is saved: opening a memo, moving the caret
 * or selecting text writes nothing.
 */
export function MemoAutosavePlugin({ save }: { save(content: MemoContent): Promise<boolean> }) {
  const [editor] = useLexicalComposerContext();
  const saveRef = useLatest(save);

  useEffect(() => {
    let saved = memoContentOf(editor.getEditorState());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      const content = memoContentOf(editor.getEditorState());
      if (content.plain === saved.plain && content.rich === saved.rich) return;
      const before = saved;
      // Counted as saved at once, so a blur followed by closing the popover does not send it twice.
      saved = content;
      void saveRef.current(content).then((ok) => {
        if (!ok && saved === content) saved = before;
      });
    };
    const onBlur = (e: FocusEvent) => {
      // Focus moving to the memo's own toolbar (the link field) is not leaving the memo, but saving then is harmless.
      if (e.relatedTarget instanceof Node && editor.getRootElement()?.contains(e.relatedTarget)) return;
      flush();
    };
    let root: HTMLElement | null = null;
    const unregister = mergeRegister(
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        clearTimeout(timer);
        timer = setTimeout(flush, SAVE_AFTER_MS);
      }),
      editor.registerRootListener((next, previous) => {
        previous?.removeEventListener('blur', onBlur);
        next?.addEventListener('blur', onBlur);
        root = next;
      }),
    );
    return () => {
      unregister();
      root?.removeEventListener('blur', onBlur);
      flush();
    };
  }, [saveRef, editor]);

  return null;
}
