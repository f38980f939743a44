import { useCallback, useState } from 'react';
import { useChanged } from '../../../app/useChanged';
import { useCall } from '../../../api/query';
import type { CooccurrencePassage, CooccurrenceUnit } from '../../../../src-main/contract/types';

const PAGE = 100;
const none: CooccurrencePassage[] = [];

export interface CellPassages {
  items: CooccurrencePassage[];
  total: number | null;
  loading: boolean;
  error: string | null;
  loadMore(): void;
}

/** The passages behind one matrix cell, a page at a time; reloaded when codings, codes or articles change. */
export function useCooccurrencePassages(cell: { codeA: number; codeB: number } | null, unit: CooccurrenceUnit, rollUp: boolean): CellPassages {
  const [pages, setPages] = useState(1);
  const codeA = cell?.codeA;
  const codeB = cell?.codeB;
  // Another cell starts at one page (and asks for one page at once, not for the last cell's count).
  const otherCell = useChanged(codeA, codeB, unit, rollUp);
  if (otherCell) setPages(1);
  const load = useCall(
    'counts.cooccurrencePassages',
    { codeA: codeA ?? 0, codeB: codeB ?? 0, unit, rollUp, limit: PAGE * (otherCell ? 1 : pages) },
    { invalidatedBy: ['codings', 'codes', 'articles'], enabled: cell !== null },
  );
  const items = cell && load.data ? load.data.items : none;
  const total = cell && load.data ? load.data.total : null;
  const loading = load.loading;
  const error = load.error?.message ?? null;

  const loadMore = useCallback(() => setPages((p) => p + 1), []);
  return { items, total, loading, error, loadMore };
}
