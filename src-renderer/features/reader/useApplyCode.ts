import { useCallback } from 'react';
import { api } from '../../api/api';
import { queryClient } from '../../api/query';
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
        // The answer is the stored coding: it goes into this window's cached list of the article's codings (the
        // reader's, codings.listForReader), which is then not read again for this change; other windows reload it.
        coding = await queryClient.change(() => api['codings.apply']({ articleId, codeId, start: span.start, end: span.end }), [
          { name: 'codings.listForReader', request: { articleId }, update: withCoding },
        ]);
      } catch (err) {
        provisional.rollback();
        markSaving(element, -1);
        notify(`The coding was not stored, so its highlight was removed: ${(err as Error).message}`, 'error');
        return undefined;
      }
      provisional.confirm(coding, { listedByCache: true });
      markSaving(element, -1);
      return coding;
    },
    [articleId, addProvisional, notify, root],
  );
}

/** The article's coding list with `coding` in its place (the host's order: start, end, id), replacing an older copy. */
export function withCoding(data: unknown, coding: Coding): unknown {
  const list = data as { codings: Coding[] } | undefined;
  if (!list) return data;
  const others = list.codings.filter((c) => c.id !== coding.id);
  const at = others.findIndex((c) => c.start > coding.start || (c.start === coding.start && (c.end > coding.end || (c.end === coding.end && c.id > coding.id))));
  return { ...list, codings: at < 0 ? [...others, coding] : [...others.slice(0, at), coding, ...others.slice(at)] };
}
