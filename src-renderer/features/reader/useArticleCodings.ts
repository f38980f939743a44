import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { touches, useCall } from '../../api/query';
import type { Coding } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { afterNextPaint } from './afterNextPaint';
import type { ArticleDoc } from './articleDoc';

export interface ArticleCodings {
  codings: Coding[];
  loaded: boolean;
  /** Shows a change before the server confirms it (a dragged edge, an arrow key), so editing feels immediate. */
  patchLocally(id: number, patch: Partial<Coding>): void;
  /** Shows a coding the moment it is saved; the reload that follows confirms it. */
  addLocally(coding: Coding): void;
  /**
   * Hears codings as addLocally receives them, before React state catches up, so the highlight can be painted in
   * the very next frame.
   */
  onAdded(listener: (coding: Coding) => void): () => void;
  /**
   * Hears a coding taken off the screen before React state catches up: a provisional coding that the server
   * refused (rolled back) or that its stored twin replaced (confirmed).
   */
  onRemoved(listener: (codingId: number) => void): () => void;
  /**
   * Paints a coding the analyst just asked for before the server has stored it (issue 16: paint at once, then
   * confirm or roll back). It carries a negative id and `saving: true`, is painted in the "saving" style, and never
   * enters `codings` (counts, stripes, lists): `confirm` swaps it for the stored coding in the same task (no flicker),
   * `rollback` removes it. So a coding never looks stored when it is not.
   */
  addProvisional(coding: Omit<Coding, 'id'>): { id: number; confirm(stored: Coding, options?: { listedByCache?: boolean }): void; rollback(): void };
}

let provisionalIds = 0;

/**
 * The codings as the reader holds them: each passage's text is a slice of the article's text (the host does not send
 * it; a slice shares the article's characters rather than copying them), and an unchanged coding's dates are one
 * string. The answer's own objects are completed in place: a copy of each would cost more than the text saves. Only
 * the reader reads this answer (codings.listForReader), and a refetch brings new objects.
 */
function withPassages(codings: Omit<Coding, 'text'>[], doc: ArticleDoc): Coding[] {
  for (const c of codings as (Omit<Coding, 'text'> & { text?: string })[]) {
    c.text = doc.slice(c.start, c.end);
    if (c.updatedAt === c.createdAt) c.updatedAt = c.createdAt;
  }
  return codings as Coding[];
}

/**
 * The article's codings, reloaded whenever a change to codings in this article (or in unnamed articles: a code
 * deleted, an undo) is announced, from this window or another. They count as loaded once the article's text (`doc`,
 * which gives each passage its text) is there too.
 */
export function useArticleCodings(articleId: number | null, doc: ArticleDoc | null): ArticleCodings {
  const { notify, onCodingApplied } = useAppStore();
  const load = useCall(
    'codings.listForReader',
    { articleId: articleId ?? 0 },
    { invalidatedBy: touches(['codings'], { articleId }), enabled: articleId !== null },
  );
  const listed = load.data?.codings;
  const server = useMemo(() => (listed && doc ? withPassages(listed, doc) : undefined), [listed, doc]);
  // Local patches sit on top of the last answer until the next answer replaces them.
  const [view, setView] = useState<{ server: Coding[] | undefined; codings: Coding[] }>({ server, codings: server ?? [] });
  let codings = view.codings;
  if (view.server !== server) {
    // Adjusting state while rendering is React's pattern for values derived from changing props.
    codings = server ?? [];
    setView({ server, codings });
  }
  const setCodings = useCallback((update: (list: Coding[]) => Coding[]) => setView((v) => ({ ...v, codings: update(v.codings) })), []);
  const failure = load.error?.message;
  useEffect(() => {
    if (failure) notify(failure, 'error');
  }, [failure, notify]);

  const patchLocally = useCallback((id: number, patch: Partial<Coding>) => {
    setCodings((list) => list.map((c) => (c.id === id ? { ...c, ...patch } : c)));
  }, [setCodings]);

  // Reloading 3,000 codings takes longer than an analyst should wait to see the one just applied; re-rendering the
  // reader for it can wait one frame, after the highlight is already on screen.
  const added = useRef(new Set<(coding: Coding) => void>());
  const addLocally = useCallback(
    (coding: Coding) => {
      if (coding.articleId !== articleId) return;
      for (const listener of added.current) listener(coding);
      afterNextPaint(() => setCodings((list) => (list.some((c) => c.id === coding.id) ? list : [...list, coding])), 2);
    },
    [articleId, setCodings],
  );
  const onAdded = useCallback((listener: (coding: Coding) => void) => {
    added.current.add(listener);
    return () => {
      added.current.delete(listener);
    };
  }, []);
  const removed = useRef(new Set<(codingId: number) => void>());
  const onRemoved = useCallback((listener: (codingId: number) => void) => {
    removed.current.add(listener);
    return () => {
      removed.current.delete(listener);
    };
  }, []);
  const addProvisional = useCallback(
    (coding: Omit<Coding, 'id'>) => {
      const id = --provisionalIds;
      for (const listener of added.current) listener({ ...coding, id });
      let settled = false;
      const remove = () => {
        if (settled) return;
        settled = true;
        for (const listener of removed.current) listener(id);
      };
      return {
        id,
        // `listedByCache`: the stored coding reaches the list through the query cache (patched from the answer), so
        // it is only painted here, not also added to the local list (which would re-render the reader twice).
        confirm: (stored: Coding, options?: { listedByCache?: boolean }) => {
          remove();
          if (options?.listedByCache) {
            if (stored.articleId === articleId) for (const listener of added.current) listener(stored);
          } else addLocally(stored);
        },
        rollback: remove,
      };
    },
    [addLocally, articleId],
  );
  useEffect(() => onCodingApplied(addLocally), [onCodingApplied, addLocally]);

  const loaded = articleId !== null && server !== undefined;
  return { codings: loaded ? codings : [], loaded, patchLocally, addLocally, onAdded, onRemoved, addProvisional };
}
