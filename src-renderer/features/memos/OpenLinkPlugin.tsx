import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { isSafeLink } from './memoText';

/**
 * Ctrl+click (Cmd+click) on a link in a memo opens it; a plain click only places the caret, so links stay editable.
 * In a memo that cannot be edited (a read-only project) a plain click opens it. The desktop app hands the request to
 * the system browser, and only for https addresses.
 */
export function OpenLinkPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerRootListener((root) => {
        const onClick = (e: MouseEvent) => {
          const anchor = e.target instanceof Element ? e.target.closest('a') : null;
          if (!anchor || !(e.ctrlKey || e.metaKey || !editor.isEditable())) return;
          e.preventDefault();
          if (isSafeLink(anchor.href)) window.open(anchor.href, '_blank', 'noopener,noreferrer');
        };
        root?.addEventListener('click', onClick);
        return () => root?.removeEventListener('click', onClick);
      }),
    [editor],
  );
  return null;
}
