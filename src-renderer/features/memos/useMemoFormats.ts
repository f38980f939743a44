import { useEffect, useState } from 'react';
import { $isLinkNode } from '@lexical/link';
import { $isListNode } from '@lexical/list';
import { $findMatchingParent, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';

export interface MemoFormats {
  bold: boolean;
  italic: boolean;
  list: 'bullet' | 'number' | null;
  /** The URL of the link the caret is in, if any. */
  link: string | null;
}

const NONE: MemoFormats = { bold: false, italic: false, list: null, link: null };

/** What is on at the caret, so the toolbar's buttons show as pressed (and Link offers to edit the link there). */
export function useMemoFormats(editor: LexicalEditor): MemoFormats {
  const [formats, setFormats] = useState<MemoFormats>(NONE);
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        const next = editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return NONE;
          const anchor = selection.anchor.getNode();
          const list = $findMatchingParent(anchor, $isListNode);
          const link = $findMatchingParent(anchor, $isLinkNode);
          return {
            bold: selection.hasFormat('bold'),
            italic: selection.hasFormat('italic'),
            list: list && $isListNode(list) ? (list.getListType() === 'number' ? 'number' : 'bullet') : null,
            link: link && $isLinkNode(link) ? link.getURL() : null,
          } satisfies MemoFormats;
        });
        setFormats((prev) =>
          prev.bold === next.bold && prev.italic === next.italic && prev.list === next.list && prev.link === next.link ? prev : next,
        );
      }),
    [editor],
  );
  return formats;
}
