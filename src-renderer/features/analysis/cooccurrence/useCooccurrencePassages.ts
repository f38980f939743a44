import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/api';
import type { CooccurrencePassage, CooccurrenceUnit } from '../../../../src-main/contract/types';
import { useAppStore } from '../../../app/store';

const PAGE = 100;

export interface CellPassages {
  items: CooccurrencePassage[];
  total: number | null;
  loading: boolean;
  error: string | null;
  loadMore(): void;
}

/** The passages behind one matrix cell, a page at a time; reloaded when codings change. */
export function useCooccurrencePassages(cell: { codeA: number; codeB: number } | null, unit: CooccurrenceUnit, rollUp: boolean): CellPassages {
  const { codingsVersion, articlesVersion } = useAppStore();
  const [items, setItems] = useState<CooccurrencePassage[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState(1);
  const codeA = cell?.codeA;
  const codeB = cell?.codeB;

  useEffect(() => setPages(1), [codeA, codeB, unit, rollUp]);

  useEffect(() => {
    if (codeA === undefined || codeB === undefined) {
      setItems([]);
      setTotal(null);
      return;
    }
    let current = true;
    setLoading(true);
    api['counts.cooccurrencePassages']({ codeA, codeB, unit, rollUp, limit: PAGE * pages }).then(
      (r) => {
        if (!current) return;
        setItems(r.items);
        setTotal(r.total);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError((err as Error).message);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [codeA, codeB, unit, rollUp, pages, codingsVersion, articlesVersion]);

  const loadMore = useCallback(() => setPages((p) => p + 1), []);
  return { items, total, loading, error, loadMore };
}
