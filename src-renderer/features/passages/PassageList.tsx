import { useEffect, useRef } from 'react';
import type { RetrievedPassage } from '../../../src-main/contract/types';
import { useVirtualWindow } from '../articles/useVirtualWindow';
import { PassageRow } from './PassageRow';
import type { PassagePages } from './usePassagePages';
import { useTeam } from '../team/useTeam';

/** Every row is this tall (the passage is clipped to three lines), so thousands of passages scroll like a few. */
const ROW_HEIGHT = 124;

interface PassageListProps {
  pages: PassagePages;
  /** Changes when the query does, to start again from the top. */
  queryKey: string;
  onOpen(passage: RetrievedPassage): void;
}

/** The retrieved passages, rendered only where the analyst is looking and fetched a page at a time as they scroll. */
export function PassageList({ pages, queryKey, onOpen }: PassageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  const view = useVirtualWindow(scroller, ROW_HEIGHT, count, 4);
  const { ensureRows, rowAt } = pages;
  const { colourOf } = useTeam();

  useEffect(() => {
    ensureRows(view.first, Math.max(view.last, view.first));
  }, [ensureRows, view.first, view.last, pages.total, rowAt]);

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [queryKey]);

  const rows = [];
  for (let i = view.first; i <= view.last; i++) {
    const p = rowAt(i);
    rows.push(
      p ? (
        <PassageRow key={p.codingId} passage={p} top={i * ROW_HEIGHT} height={ROW_HEIGHT} onOpen={onOpen} coderColour={colourOf(p.coder)} />
      ) : (
        <li key={`loading-${i}`} className="passage-row passage-row-loading" style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }} aria-hidden="true" />
      ),
    );
  }
  return (
    <div className="passage-scroll" ref={scroller}>
      <ul className="passage-list" aria-label="Coded passages" style={{ height: view.totalHeight }}>
        {rows}
      </ul>
    </div>
  );
}
