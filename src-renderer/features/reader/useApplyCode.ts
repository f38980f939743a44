import { useCallback } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import type { Coding } from '../../../src-main/contract/types';

/**
 * Applies a code to a passage of this article and shows the new coding at once; the reload that the host's change
 * event starts confirms it. Used where the reader knows the exact passage itself (keys, the picker, the whole article),
 * which may be newer than the store's selection when a key follows the mouse within the same frame.
 */
export function useApplyCode(articleId: number, addLocally: (coding: Coding) => void) {
  const { attempt } = useAppStore();
  return useCallback(
    async (codeId: number, span: { start: number; end: number }): Promise<Coding | undefined> => {
      const coding = await attempt(() => api['codings.apply']({ articleId, codeId, start: span.start, end: span.end }));
      if (!coding) return undefined;
      addLocally(coding);
      return coding;
    },
    [articleId, addLocally, attempt],
  );
}
