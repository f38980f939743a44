import { useCallback } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import type { Coding } from '../../../src-main/contract/types';
import type { ArticleCodings } from './useArticleCodings';
import { markSaving } from './savingCodings';

/**
 * Applies a code to a passage of this article. The highlight is painted at once, in the "saving" style, before the
 * host answers (issue 16); the answer confirms it (the stored coding takes its place in the same task) or rolls it
 * back with a message, so a coding never looks stored when it is not. Used where the reader knows the exact passage
 * itself (keys, the picker, the whole article), which may be newer than the store's selection when a key follows the
 * mouse within the same frame. The host's change event then refreshes the coding list everywhere.
 */
export function useApplyCode(articleId: number, codings: Pick<ArticleCodings, 'addProvisional'>, root: () => HTMLElement | null) {
  const { notify } = useAppStore();
  const { addProvisional } = codings;
  return useCallback(
    async (codeId: number, span: { start: number; end: number; text?: string }): Promise<Coding | undefined> => {
      const now = new Date().toISOString();
      const provisional = addProvisional({
        articleId,
        codeId,
        codePath: '',
        start: span.start,
        end: span.end,
        text: span.text ?? '',
        memo: '',
        coder: '',
        createdAt: now,
        updatedAt: now,
      });
      const element = root();
      markSaving(element, +1);
      let coding: Coding;
      try {
        coding = await api['codings.apply']({ articleId, codeId, start: span.start, end: span.end });
      } catch (err) {
        provisional.rollback();
        markSaving(element, -1);
        notify(`The coding was not stored, so its highlight was removed: ${(err as Error).message}`, 'error');
        return undefined;
      }
      provisional.confirm(coding);
      markSaving(element, -1);
      return coding;
    },
    [articleId, addProvisional, notify, root],
  );
}
