import { useEffect, useRef, useState } from 'react';
import type { Code, Coding } from '../../../../src-main/contract/types';
import { useReader } from '../ReaderContext';
import { codingsAt, type PlacedCoding } from '../codingSpans';
import type { ArticleDoc } from '../articleDoc';
import type { TextPositions } from '../textPositions';
import { FALLBACK_COLOR } from '../highlightStyles';

/** How long the pointer rests on coded text before its card shows (a pass over the text shows nothing). */
const HOVER_DELAY_MS = 350;
const MEMO_START = 80;

/**
 * The codings whose highlight is under a viewport point. The caret position under the pointer gives a candidate
 * offset; since that caret also exists beside a line's end or in the margin, a coding counts only when one of its
 * line boxes contains the point.
 */
export function codingsUnderPoint(placed: readonly PlacedCoding[], positions: TextPositions, doc: ArticleDoc, x: number, y: number): Coding[] {
  const at = positions.offsetAtPoint(x, y);
  if (at === null) return [];
  const line = doc.lineOf(at);
  return codingsAt(placed, at).filter((coding) => {
    const { start16, end16 } = doc.utf16Range(coding.start, coding.end);
    const range = positions.range(Math.max(start16, doc.lineStart(line)), Math.min(end16, doc.lineEnd(line)));
    if (!range) return false;
    for (const r of range.getClientRects()) if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top && y <= r.bottom) return true;
    return false;
  });
}

/** "Frames/Humanitarian · ana · “The convoy was…”": what a screen reader hears for the codings at the caret. */
export function describeCodings(codings: readonly Coding[], codeById: ReadonlyMap<number, Code>): string {
  if (codings.length === 0) return '';
  const parts = codings.map((c) => {
    const path = codeById.get(c.codeId)?.path ?? c.codePath;
    const memo = c.memo.trim() ? `, memo: ${memoStart(c.memo)}` : '';
    return `${path} (by ${c.coder}${memo})`;
  });
  return `Coded: ${parts.join('; ')}`;
}

function memoStart(memo: string): string {
  const flat = memo.trim().replace(/\s+/g, ' ');
  return flat.length > MEMO_START ? `${flat.slice(0, MEMO_START).trimEnd()}…` : flat;
}

/**
 * Highlights are painted with the CSS Custom Highlight API, which neither the pointer nor assistive technology can
 * read. This plugin gives them both a voice: resting the pointer on coded text shows a card naming its codes, coders
 * and the start of each memo; moving the caret (or a selection's end) into coded text announces the same through a
 * polite live region.
 */
export function CodingHoverCard({ popoverOpen }: { popoverOpen: boolean }) {
  const { placed, positions, doc, codeById } = useReader();
  const [card, setCard] = useState<{ codings: Coding[]; x: number; y: number } | null>(null);
  const [spoken, setSpoken] = useState('');
  const timer = useRef(0);

  useEffect(() => {
    const root = positions.root;
    if (!root) return;
    let last = '';
    const onMove = (e: MouseEvent) => {
      window.clearTimeout(timer.current);
      if (e.buttons !== 0) return setCard(null);
      const { clientX: x, clientY: y } = e;
      timer.current = window.setTimeout(() => {
        const codings = codingsUnderPoint(placed, positions, doc, x, y);
        const key = codings.map((c) => c.id).join(',');
        if (key === '') {
          last = '';
          return setCard(null);
        }
        if (key !== last) setCard({ codings, x, y });
        last = key;
      }, HOVER_DELAY_MS);
      // Moving off the coded stretch hides the card at once; a new one waits for the pointer to rest.
      setCard((c) => (c && !codingsUnderPoint(placed, positions, doc, x, y).length ? ((last = ''), null) : c));
    };
    const onLeave = () => {
      window.clearTimeout(timer.current);
      last = '';
      setCard(null);
    };
    root.addEventListener('mousemove', onMove);
    root.addEventListener('mouseleave', onLeave);
    root.addEventListener('mousedown', onLeave);
    return () => {
      window.clearTimeout(timer.current);
      root.removeEventListener('mousemove', onMove);
      root.removeEventListener('mouseleave', onLeave);
      root.removeEventListener('mousedown', onLeave);
    };
  }, [placed, positions, doc]);

  useEffect(() => {
    const onSelection = () => {
      const sel = document.getSelection();
      const root = positions.root;
      if (!sel || !sel.focusNode || !root || !root.contains(sel.focusNode)) return;
      const at = positions.pointToUtf16(sel.focusNode, sel.focusOffset);
      setSpoken(at === null ? '' : describeCodings(codingsAt(placed, at), codeById));
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [placed, positions, codeById]);

  return (
    <>
      <div className="sr-only" role="status" aria-live="polite" data-testid="coding-announcement">
        {spoken}
      </div>
      {card && !popoverOpen && (
        <div className="coding-hover-card" role="tooltip" data-testid="coding-hover-card" style={hoverPosition(card.x, card.y)}>
          <ul>
            {card.codings.map((c) => {
              const code = codeById.get(c.codeId);
              return (
                <li key={c.id}>
                  <span className="swatch" style={{ background: code?.color ?? FALLBACK_COLOR }} aria-hidden />
                  <span className="hover-path">{code?.path ?? c.codePath}</span>
                  <span className="hover-meta">by {c.coder}</span>
                  {c.memo.trim() && <span className="hover-memo">✎ {memoStart(c.memo)}</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </>
  );
}

/** Below and to the right of the pointer, kept inside the window. */
function hoverPosition(x: number, y: number): { left: number; top: number } {
  const left = Math.min(x + 12, window.innerWidth - 330);
  const top = y + 18 + 120 > window.innerHeight ? Math.max(8, y - 130) : y + 18;
  return { left: Math.max(8, left), top };
}
