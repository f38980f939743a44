import { useCallback, useRef, useState } from 'react';
import { useLatest } from '../../app/useLatest';
import { api } from '../../api/api';
import type { RetrievedPassage, RetrieveQuery } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { touches, useOnChange } from '../../api/query';

const passagesChange = touches(['codings', 'codes', 'memos', 'articles', 'attributes']);

const PAGE_SIZE = 100;
/** Code points of context shown either side of a passage. */
export const CONTEXT = 120;

interface Cache {
  key: string;
  /** Null until the first page of this query has arrived. */
  total: number | null;
  pages: Map<number, RetrievedPassage[]>;
  /** Pages loaded before codings last changed: still shown, re-fetched when in view. */
  stale: Set<number>;
}

export interface PassagePages {
  total: number | null;
  rowAt(index: number): RetrievedPassage | undefined;
  /** Makes sure rows first..last are loaded (or loading). */
  ensureRows(first: number, last: number): void;
  loading: boolean;
  /** Everyone who coded a passage seen so far, for the coder filter's suggestions. */
  coders: string[];
}

/**
 * The passages of a query, a page of `retrieve.passages` at a time as they scroll into view. A new query starts
 * afresh; a change to codings, codes, memos or articles keeps the rows on screen and re-fetches them, so a memo edited in the
 * reader or an undo shows here without the list jumping back to the top.
 */
export function usePassagePages(query: RetrieveQuery | null): PassagePages {
  const { attempt } = useAppStore();
  const key = query ? JSON.stringify(query) : '';
  const [cache, setCache] = useState<Cache>({ key, total: null, pages: new Map(), stale: new Set() });
  const cacheRef = useLatest(cache);
  const queryRef = useLatest(query);
  const inFlight = useRef(new Set<string>());
  const [pending, setPending] = useState(0);
  const [coders, setCoders] = useState<string[]>([]);

  // A new query starts afresh (set while rendering, so no frame shows the last query's rows under the new one).
  if (cache.key !== key) setCache({ key, total: null, pages: new Map(), stale: new Set() });
  useOnChange((event) => {
    if (passagesChange(event)) setCache((c) => ({ ...c, stale: new Set(c.pages.keys()) }));
  });

  const fetchPage = useCallback(
    async (page: number) => {
      const q = queryRef.current;
      const forKey = q ? JSON.stringify(q) : '';
      const flightKey = `${forKey}#${page}#${cacheRef.current.stale.has(page)}`;
      if (!q || inFlight.current.has(flightKey)) return;
      inFlight.current.add(flightKey);
      setPending((n) => n + 1);
      const result = await attempt(() => api['retrieve.passages']({ ...q, offset: page * PAGE_SIZE, limit: PAGE_SIZE, context: CONTEXT }));
      inFlight.current.delete(flightKey);
      setPending((n) => n - 1);
      if (!result) return;
      setCoders((known) => {
        const fresh = result.items.map((p) => p.coder).filter((c, i, all) => c && !known.includes(c) && all.indexOf(c) === i);
        return fresh.length ? [...known, ...fresh].sort() : known;
      });
      setCache((c) => {
        // An answer for a query the analyst has since changed is dropped.
        if (c.key !== forKey) return c;
        const pages = new Map(c.pages);
        pages.set(page, result.items);
        const stale = new Set(c.stale);
        stale.delete(page);
        return { ...c, total: result.total, pages, stale };
      });
    },
    [cacheRef, queryRef, attempt],
  );

  const ensureRows = useCallback(
    (first: number, last: number) => {
      const { total, pages, stale, key: cachedKey } = cacheRef.current;
      if (!queryRef.current || cachedKey !== (queryRef.current ? JSON.stringify(queryRef.current) : '')) return;
      // Page 0 is always wanted: an empty result must still learn that it has become non-empty.
      const lastRow = Math.max(0, total === null ? last : Math.min(last, total - 1));
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(lastRow / PAGE_SIZE); p++) {
        if (!pages.has(p) || stale.has(p)) void fetchPage(p);
      }
    },
    [cacheRef, queryRef, fetchPage],
  );

  const rowAt = useCallback((index: number) => cache.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [cache]);

  return { total: query ? cache.total : null, rowAt, ensureRows, loading: pending > 0, coders };
}
