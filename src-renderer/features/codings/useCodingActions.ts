import { useCallback } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import type { Coding } from '../../../src-main/contract/types';

/** Changes to one coding; the host announces each to every view (counts, the reader) once it is saved. */
export function useCodingActions() {
  const { attempt } = useAppStore();

  const update = useCallback(
    async (id: number, patch: { codeId?: number; memo?: string; start?: number; end?: number }): Promise<Coding | undefined> => {
      const saved = await attempt(() => api['codings.update']({ id, ...patch }));
      return saved;
    },
    [attempt],
  );

  const remove = useCallback(
    async (id: number): Promise<boolean> => {
      const r = await attempt(() => api['codings.remove']({ id }));
      return Boolean(r?.removed);
    },
    [attempt],
  );

  return { update, remove };
}
