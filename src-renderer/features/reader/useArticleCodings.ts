import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/api';
import type { Coding } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { afterNextPaint } from './afterNextPaint';

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
}

/** The article's codings, reloaded whenever anything in the app reports that codings changed. */
export function useArticleCodings(articleId: number | null): ArticleCodings {
  const { codingsVersion, notify, onCodingApplied } = useAppStore();
  const [codings, setCodings] = useState<Coding[]>([]);
  const [loadedFor, setLoadedFor] = useState<number | null>(null);
  const request = useRef(0);

  useEffect(() => {
    if (articleId === null) {
      setCodings([]);
      setLoadedFor(null);
      return;
    }
    // Only the newest request may land: reloads can overlap when codings change in quick succession.
    const mine = ++request.current;
    api['codings.listForArticle']({ articleId }).then(
      (r) => {
        if (mine !== request.current) return;
        setCodings(r.codings);
        setLoadedFor(articleId);
      },
      (err: unknown) => {
        if (mine === request.current) notify((err as Error).message, 'error');
      },
    );
  }, [articleId, codingsVersion, notify]);

  const patchLocally = useCallback((id: number, patch: Partial<Coding>) => {
    setCodings((list) => list.map((c) => (c.id === id ? { ...c, ...patch } : c)));
  }, []);

  // Reloading 3,000 codings takes longer than an analyst should wait to see the one just applied; re-rendering the
  // reader for it can wait one frame, after the highlight is already on screen.
  const added = useRef(new Set<(coding: Coding) => void>());
  const addLocally = useCallback(
    (coding: Coding) => {
      if (coding.articleId !== articleId) return;
      for (const listener of added.current) listener(coding);
      afterNextPaint(() => setCodings((list) => (list.some((c) => c.id === coding.id) ? list : [...list, coding])), 2);
    },
    [articleId],
  );
  const onAdded = useCallback((listener: (coding: Coding) => void) => {
    added.current.add(listener);
    return () => {
      added.current.delete(listener);
    };
  }, []);
  useEffect(() => onCodingApplied(addLocally), [onCodingApplied, addLocally]);

  return { codings: loadedFor === articleId ? codings : [], loaded: loadedFor === articleId, patchLocally, addLocally, onAdded };
}
