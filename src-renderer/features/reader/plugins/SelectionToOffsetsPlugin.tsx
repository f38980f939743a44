import { useEffect, useRef } from 'react';
import { useAppStore } from '../../../app/store';
import { useReader } from '../ReaderContext';

/**
 * Publishes the user's selection in the article as a code-point passage (`readerSelection` in the app store),
 * which is what the codebook, keys 1–9 and the code picker apply codes to.
 *
 * The DOM range is turned into global UTF-16 offsets (paragraph start + offset in paragraph), widened to whole
 * grapheme clusters and converted to code points by ArticleDoc. A selection that moves out of the article (into the
 * code picker's input, onto a codebook button) leaves the published passage alone, so the user can still code it.
 */
export function SelectionToOffsetsPlugin() {
  const { articleId, doc, positions } = useReader();
  const { readerSelection, setReaderSelection } = useAppStore();
  const current = useRef(readerSelection);
  current.current = readerSelection;

  useEffect(() => {
    let frame = 0;
    const publish = () => {
      frame = 0;
      const root = positions.root;
      const sel = document.getSelection();
      if (!root || !sel || sel.rangeCount === 0) return;
      const inside = (n: Node | null) => n !== null && root.contains(n);
      if (!inside(sel.anchorNode) && !inside(sel.focusNode)) return;
      const range = sel.getRangeAt(0);
      const start16 = range.collapsed ? null : positions.pointToUtf16(range.startContainer, range.startOffset);
      const end16 = range.collapsed ? null : positions.pointToUtf16(range.endContainer, range.endOffset);
      const span = start16 === null || end16 === null ? null : doc.spanFromUtf16(start16, end16);
      const prev = current.current;
      if (!span) {
        if (prev) setReaderSelection(null);
        return;
      }
      if (prev && prev.articleId === articleId && prev.start === span.start && prev.end === span.end) return;
      setReaderSelection({ articleId, ...span });
    };
    // Selection changes arrive many times per frame while dragging; one computation per frame is plenty.
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(publish);
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [articleId, doc, positions, setReaderSelection]);

  // A passage from another article (or from before this one was opened) is not this reader's to code.
  useEffect(() => {
    if (current.current && current.current.articleId !== articleId) setReaderSelection(null);
  }, [articleId, setReaderSelection]);

  return null;
}
