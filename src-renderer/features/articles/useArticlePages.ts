import { useCallback, useRef, useState } from 'react';
import { useLatest } from '../../app/useLatest';
import { api } from '../../api/api';
import type { ArticleSummary, AttributeFilter } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { touches, useOnChange } from '../../api/query';

export const articleRowsChange = touches(['articles', 'codings', 'attributes', 'memos']);

export type ArticleSort = 'imported' | 'title' | 'codings' | 'length';

export interface ArticleQuery {
  filter: string;
  sort: ArticleSort;
  descending: boolean;
  /** Conditions on article attributes, all of which must hold. */
  attributes?: AttributeFilter[];
}

export const PAGE_SIZE = 200;
/** Pages kept in memory; beyond this the ones furthest from the last page loaded are dropped and re-fetched if needed. */
const MAX_PAGES = 60;

interface PageCache {
  /** The query these pages answer. */
  key: string;
  /** Null until the first page of this query has arrived. */
  total: number | null;
  pages: Map<number, ArticleSummary[]>;
  /** Pages whose counts may be out of date: still shown, but re-fetched when in view. */
  stale: Set<number>;
}

const emptyCache = (key: string): PageCache => ({ key, total: null, pages: new Map(), stale: new Set() });

export interface ArticlePages {
  total: number | null;
  rowAt(index: number): ArticleSummary | undefined;
  /** Makes sure rows first..last are loaded (or loading). */
  ensureRows(first: number, last: number): void;
  /** The row at `index`, fetching it if its page is not loaded (keyboard navigation past the rendered rows). */
  fetchRow(index: number): Promise<ArticleSummary | undefined>;
  indexOf(id: number): number;
  patchRow(summary: ArticleSummary): void;
}

/**
 * The article list as pages of `articles.list`, fetched as they scroll into view. A new query starts from nothing;
 * a change to articles, codings or attributes keeps the rows on screen and re-fetches them, so counts update
 * without the list blinking.
 */
export function useArticlePages(query: ArticleQuery): ArticlePages {
  const { attempt, project } = useAppStore();
  const queryKey = `${project?.path}\u0000${query.filter}\u0000${query.sort}\u0000${query.descending}\u0000${JSON.stringify(query.attributes ?? [])}`;
  const [cache, setCache] = useState<PageCache>(() => emptyCache(queryKey));
  // Bumped when every loaded page goes stale: an answer to a request from before is not kept.
  const generation = useRef(0);
  /** Pages being fetched, by query and page. */
  const inFlight = useRef(new Set<string>());
  const cacheRef = useLatest(cache);
  const queryRef = useLatest(query);
  const queryKeyRef = useLatest(queryKey);

  // A new query starts from nothing (set while rendering, so no frame shows the last query's rows under the new one).
  if (cache.key !== queryKey) setCache(emptyCache(queryKey));
  // Titles, counts and attributes change with articles, codings and attributes, in this window or another.
  useOnChange((event) => {
    if (!articleRowsChange(event)) return;
    generation.current++;
    inFlight.current = new Set();
    setCache((c) => ({ ...c, stale: new Set(c.pages.keys()) }));
  });

  const request = useCallback((offset: number, limit: number) => {
    const q = queryRef.current;
    const attributes = q.attributes?.length ? q.attributes : undefined;
    return api['articles.list']({ filter: q.filter || undefined, sort: q.sort, descending: q.descending, offset, limit, attributes });
  }, [queryRef]);

  const fetchPage = useCallback(
    async (page: number) => {
      const forKey = queryKeyRef.current;
      const flight = `${forKey}#${page}`;
      if (inFlight.current.has(flight)) return;
      const gen = generation.current;
      const pending = inFlight.current;
      pending.add(flight);
      const result = await attempt(() => request(page * PAGE_SIZE, PAGE_SIZE));
      pending.delete(flight);
      if (!result || gen !== generation.current || forKey !== queryKeyRef.current) return;
      setCache((c) => {
        if (c.key !== forKey) return c;
        const pages = new Map(c.pages);
        pages.set(page, result.items);
        if (pages.size > MAX_PAGES) {
          const furthest = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
          for (const p of furthest.slice(0, pages.size - MAX_PAGES)) pages.delete(p);
        }
        const stale = new Set(c.stale);
        stale.delete(page);
        return { key: c.key, total: result.total, pages, stale };
      });
    },
    [queryKeyRef, attempt, request],
  );

  const ensureRows = useCallback(
    (first: number, last: number) => {
      const { total, pages, stale } = cacheRef.current;
      // Page 0 is always wanted: an empty list must still learn that it has become non-empty.
      const lastRow = Math.max(0, total === null ? last : Math.min(last, total - 1));
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(lastRow / PAGE_SIZE); p++) {
        if (!pages.has(p) || stale.has(p)) void fetchPage(p);
      }
    },
    [cacheRef, fetchPage],
  );

  const rowAt = useCallback((index: number) => cache.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [cache]);

  const fetchRow = useCallback(
    async (index: number) => {
      const known = cacheRef.current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
      if (known) return known;
      const result = await attempt(() => request(index, 1));
      return result?.items[0];
    },
    [cacheRef, attempt, request],
  );

  const indexOf = useCallback(
    (id: number) => {
      for (const [page, items] of cache.pages) {
        const i = items.findIndex((a) => a.id === id);
        if (i >= 0) return page * PAGE_SIZE + i;
      }
      return -1;
    },
    [cache],
  );

  const patchRow = useCallback((summary: ArticleSummary) => {
    setCache((c) => {
      const pages = new Map(c.pages);
      for (const [page, items] of pages) {
        const i = items.findIndex((a) => a.id === summary.id);
        if (i >= 0) pages.set(page, items.map((a) => (a.id === summary.id ? summary : a)));
      }
      return { ...c, pages };
    });
  }, []);

  return { total: cache.total, rowAt, ensureRows, fetchRow, indexOf, patchRow };
}
