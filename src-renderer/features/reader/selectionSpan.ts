import type { ArticleDoc, CodePointSpan } from './articleDoc';
import type { TextPositions } from './textPositions';

/**
 * The browser's current selection as a code-point passage of the article: null when it is collapsed (nothing
 * selected), undefined when the selection is somewhere else entirely (an input, another panel).
 */
export function readSelectionSpan(positions: TextPositions, doc: ArticleDoc): CodePointSpan | null | undefined {
  const root = positions.root;
  const sel = document.getSelection();
  if (!root || !sel || sel.rangeCount === 0) return undefined;
  const inside = (n: Node | null) => n !== null && root.contains(n);
  if (!inside(sel.anchorNode) && !inside(sel.focusNode)) return undefined;
  const range = sel.getRangeAt(0);
  if (range.collapsed) return null;
  const start16 = positions.pointToUtf16(range.startContainer, range.startOffset);
  const end16 = positions.pointToUtf16(range.endContainer, range.endOffset);
  if (start16 === null || end16 === null) return null;
  return doc.spanFromUtf16(start16, end16);
}
