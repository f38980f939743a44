import { $createRangeSelection, $getRoot, $isElementNode, type RangeSelection } from 'lexical';
import { at } from '../../../src-main/contract/must';
import type { ArticleDoc } from './articleDoc';

interface LexicalPoint {
  key: string;
  offset: number;
  type: 'text' | 'element';
}

/**
 * The Lexical point for a global UTF-16 offset. Same paragraph-per-line model and the same line-break bias as
 * TextPositions, but in Lexical's node tree, where a paragraph's text may be split over several text nodes.
 */
function $pointAt(doc: ArticleDoc, at16: number, bias: 'start' | 'end'): LexicalPoint | null {
  const { line, inLine } = doc.position(at16, bias);
  const paragraph = $getRoot().getChildAtIndex(line);
  if (!$isElementNode(paragraph)) return null;
  const texts = paragraph.getAllTextNodes();
  if (texts.length === 0) return { key: paragraph.getKey(), offset: 0, type: 'element' };
  let acc = 0;
  for (const [i, text] of texts.entries()) {
    const size = text.getTextContentSize();
    const last = i === texts.length - 1;
    if (inLine < acc + size || (inLine === acc + size && (bias === 'end' || last))) {
      return { key: text.getKey(), offset: inLine - acc, type: 'text' };
    }
    acc += size;
  }
  // The loop returns at the last text node at the latest (inLine never exceeds the paragraph's length); past it,
  // the end of the paragraph stands in.
  const tail = at(texts, texts.length - 1);
  return { key: tail.getKey(), offset: tail.getTextContentSize(), type: 'text' };
}

/** A forward Lexical RangeSelection over a UTF-16 range of the article (not applied to the editor). */
export function $rangeSelectionFor(doc: ArticleDoc, start16: number, end16: number): RangeSelection | null {
  const a = $pointAt(doc, start16, 'start');
  const b = $pointAt(doc, end16, 'end');
  if (!a || !b) return null;
  const selection = $createRangeSelection();
  selection.anchor.set(a.key, a.offset, a.type);
  selection.focus.set(b.key, b.offset, b.type);
  return selection;
}
