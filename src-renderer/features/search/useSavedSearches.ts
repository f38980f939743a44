import { useCallback } from 'react';
import { api } from '../../api/api';
import { useCall } from '../../api/query';
import type { SavedSearch, SearchSpec } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

const none: SavedSearch[] = [];

/** The project's saved searches, re-read after every save, delete or undo announced (in this window or another). */
export function useSavedSearches() {
  const { attempt, project } = useAppStore();
  const list = useCall('search.saved.list', {}, { invalidatedBy: ['searches'], enabled: project !== null });
  const { refetch } = list;

  const save = useCallback(
    async (name: string, spec: SearchSpec) => {
      const { timeLimitMs: _limit, ...saved } = spec;
      const item = await attempt(() => api['search.saved.save']({ name, ...saved }));
      // A name already in use (ignoring case) replaced that search; the list is re-read to show it once.
      if (item) await refetch();
      return item;
    },
    [attempt, refetch],
  );

  const remove = useCallback(
    async (id: number) => {
      const r = await attempt(() => api['search.saved.delete']({ id }));
      if (r) await refetch();
    },
    [attempt, refetch],
  );

  return { items: list.data?.items ?? none, save, remove };
}
