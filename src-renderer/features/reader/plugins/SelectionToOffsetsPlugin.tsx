import { useEffect } from 'react';
import { useReader } from '../ReaderContext';
import { readSelectionSpan } from '../selectionSpan';
import { readerSelection, setReaderSelection } from '../../../app/selection';

/**
 * Publishes the user's selection in the article as a code-point passage (app/selection.ts),
 * which is what the codebook, keys 1–9 and the code picker apply codes to.
 *
 * The DOM range is turned into global UTF-16 offsets (paragraph start + offset in paragraph), widened to whole
 * grapheme clusters and converted to code points by ArticleDoc. A selection that moves out of the article (into the
 * code picker's input, onto a codebook button) leaves the published passage alone, so the user can still code it.
 */
export function SelectionToOffsetsPlugin() {
  const { articleId, doc, positions } = useReader();

  useEffect(() => {
    let frame = 0;
    const publish = () => {
      frame = 0;
      const span = readSelectionSpan(positions, doc);
      if (span === undefined) return;
      const prev = readerSelection.get();
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
  }, [articleId, doc, positions]);

  // A passage from another article (or from before this one was opened) is not this reader's to code.
  useEffect(() => {
    if (readerSelection.get()?.articleId !== articleId && readerSelection.get() !== null) setReaderSelection(null);
  }, [articleId]);

  return null;
}
