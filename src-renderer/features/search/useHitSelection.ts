import { useCallback, useMemo, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import type { SearchArticleHits, SearchHit, SearchResult } from '../../../src-main/contract/types';
import { hitKey } from './searchSpec';

/** Which listed hits are ticked; a new result starts with none. */
export function useHitSelection(result: SearchResult | null) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  if (useChanged(result)) setSelected(new Set());

  const listed = useMemo(() => result?.articles.flatMap((a) => a.hits) ?? [], [result]);

  const toggle = useCallback((hit: SearchHit) => {
    setSelected((s) => {
      const next = new Set(s);
      const key = hitKey(hit);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const setArticle = useCallback((article: SearchArticleHits, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      for (const h of article.hits) {
        if (on) next.add(hitKey(h));
        else next.delete(hitKey(h));
      }
      return next;
    });
  }, []);

  const setAll = useCallback((on: boolean) => setSelected(on ? new Set(listed.map(hitKey)) : new Set()), [listed]);

  const picked = useMemo(() => listed.filter((h) => selected.has(hitKey(h))), [listed, selected]);

  return { selected, picked, listed, toggle, setArticle, setAll, allSelected: listed.length > 0 && picked.length === listed.length };
}
