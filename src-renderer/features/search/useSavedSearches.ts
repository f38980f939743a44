import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/api';
import type { SavedSearch, SearchSpec } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

/** The project's saved searches: listed once, then kept in step with each save and delete made here. */
export function useSavedSearches() {
  const { attempt, project } = useAppStore();
  const [items, setItems] = useState<SavedSearch[]>([]);

  const reload = useCallback(async () => {
    const r = await attempt(() => api['search.saved.list']({}));
    if (r) setItems(r.items);
  }, [attempt]);

  useEffect(() => {
    void reload();
  }, [reload, project?.path]);

  const save = useCallback(
    async (name: string, spec: SearchSpec) => {
      const { timeLimitMs: _limit, ...saved } = spec;
      const item = await attempt(() => api['search.saved.save']({ name, ...saved }));
      // A name already in use (ignoring case) replaced that search; the list is re-read to show it once.
      if (item) await reload();
      return item;
    },
    [attempt, reload],
  );

  const remove = useCallback(
    async (id: number) => {
      const r = await attempt(() => api['search.saved.delete']({ id }));
      if (r) setItems((list) => list.filter((s) => s.id !== id));
    },
    [attempt],
  );

  return { items, save, remove };
}
