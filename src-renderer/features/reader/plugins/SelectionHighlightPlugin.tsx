import { useEffect } from 'react';
import { useReader } from '../ReaderContext';
import { useReaderSelection } from '../../../app/selection';

const NAME = 'gloss-pending';

/**
 * Keeps the passage about to be coded visible when focus leaves the text (the code picker's input, the find bar,
 * a codebook button), where the browser would otherwise hide or grey out the selection.
 */
export function SelectionHighlightPlugin() {
  const { articleId, doc, positions, domVersion } = useReader();
  const readerSelection = useReaderSelection();

  useEffect(() => {
    if (!readerSelection || readerSelection.articleId !== articleId) {
      CSS.highlights.delete(NAME);
      return;
    }
    const { start16, end16 } = doc.utf16Range(readerSelection.start, readerSelection.end);
    const range = positions.staticRange(start16, end16);
    if (!range) return;
    const highlight = new Highlight(range);
    highlight.priority = 4;
    CSS.highlights.set(NAME, highlight);
  }, [readerSelection, articleId, doc, positions, domVersion]);

  useEffect(() => () => void CSS.highlights.delete(NAME), []);
  return null;
}
