import { useCallback } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import type { Coding } from '../../../src-main/contract/types';

/** Changes to one coding, each reported to the rest of the app (counts, the reader) once it is saved. */
export function useCodingActions() {
  const { attempt, codingsChanged } = useAppStore();

  const update = useCallback(
    async (id: number, patch: { codeId?: number; memo?: string; start?: number; end?: number }): Promise<Coding | undefined> => {
      const saved = await attempt(() => api['codings.update']({ id, ...patch }));
      if (saved) codingsChanged();
      return saved;
    },
    [attempt, codingsChanged],
  );

  const remove = useCallback(
    async (id: number): Promise<boolean> => {
      const r = await attempt(() => api['codings.remove']({ id }));
      if (r) codingsChanged();
      return Boolean(r?.removed);
    },
    [attempt, codingsChanged],
  );

  return { update, remove };
}
