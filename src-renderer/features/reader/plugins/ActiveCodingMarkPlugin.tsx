import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isMarkNode, $unwrapMarkNode, $wrapSelectionInMarkNode } from '@lexical/mark';
import { $getRoot, $isElementNode, $setSelection, SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG } from 'lexical';
import { useReader } from '../ReaderContext';
import { $rangeSelectionFor } from '../lexicalPoints';
import type { ArticleDoc } from '../articleDoc';
import { READER_UPDATE_TAG } from './ReadOnlyTextPlugin';

/**
 * Wraps the active coding (the one being inspected or adjusted) in a Lexical MarkNode, which gives it a focus
 * outline and marks it in the document for assistive technology, and unwraps it when another coding becomes
 * active or none is. Wrapping only regroups text nodes; the text is unchanged (ReadOnlyTextPlugin would roll
 * back anything else).
 *
 * The user's DOM selection is kept as offsets across the update and put back afterwards, because rewrapping
 * replaces the text nodes the browser's selection was anchored in.
 */
/** Beyond this many paragraphs only the coding's first and last paragraphs are marked. */
const MAX_MARKED_LINES = 40;

/**
 * The stretches to wrap: the whole coding, or for a very long one (a whole-article coding) just its first and
 * last paragraphs, where its edges and handles are. Wrapping hundreds of paragraphs would make selecting such a
 * coding take a noticeable moment, and its extent is already shown by its highlighted stripe.
 */
function markedPieces(doc: ArticleDoc, start16: number, end16: number): [number, number][] {
  const first = doc.lineOf(start16);
  const last = doc.lineOf(Math.max(start16, end16 - 1));
  if (last - first < MAX_MARKED_LINES) return [[start16, end16]];
  const pieces: [number, number][] = [
    [start16, doc.lineEnd(first)],
    [doc.lineStart(last), end16],
  ];
  return pieces.filter(([a, b]) => b > a);
}

export function ActiveCodingMarkPlugin() {
  const [editor] = useLexicalComposerContext();
  const { activeCodingId, placed, doc, positions } = useReader();
  const active = placed.find((p) => p.coding.id === activeCodingId) ?? null;
  const start16 = active?.start16 ?? -1;
  const end16 = active?.end16 ?? -1;
  /** Lines (paragraphs) holding the current mark nodes, to unwrap without scanning the article. */
  const marked = useRef<number[] | null>(null);

  useEffect(() => {
    const root = positions.root;
    const id = activeCodingId;
    if (!root || (marked.current === null && (id === null || end16 <= start16))) return;
    const sel = document.getSelection();
    let saved: [number, number] | null = null;
    if (sel && sel.rangeCount > 0 && root.contains(sel.anchorNode)) {
      const r = sel.getRangeAt(0);
      const a = positions.pointToUtf16(r.startContainer, r.startOffset);
      const b = positions.pointToUtf16(r.endContainer, r.endOffset);
      if (a !== null && b !== null) saved = [a, b];
    }
    editor.update(
      () => {
        const previous = marked.current;
        if (previous) {
          const rootNode = $getRoot();
          for (const line of previous) {
            const paragraph = rootNode.getChildAtIndex(line);
            if (!$isElementNode(paragraph)) continue;
            for (const child of paragraph.getChildren()) if ($isMarkNode(child)) $unwrapMarkNode(child);
          }
          marked.current = null;
        }
        if (id !== null && end16 > start16) {
          const lines: number[] = [];
          for (const [a, b] of markedPieces(doc, start16, end16)) {
            const selection = $rangeSelectionFor(doc, a, b);
            if (!selection) continue;
            $wrapSelectionInMarkNode(selection, false, `coding-${id}`);
            for (let line = doc.lineOf(a); line <= doc.lineOf(b); line++) lines.push(line);
          }
          marked.current = lines;
        }
        // Wrapping moves Lexical's selection to the mark's end; the real one is restored from offsets below.
        $setSelection(null);
      },
      { tag: [READER_UPDATE_TAG, SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true },
    );
    if (saved && sel) {
      const range = positions.range(saved[0], saved[1]);
      if (range) {
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }
  }, [editor, activeCodingId, start16, end16, doc, positions]);

  return null;
}
