import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/api';
import type { Memo, MemoTarget } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { useUndoHistory } from '../../app/UndoHistory';
import type { MemoContent } from './memoText';

export type MemoLoad = { state: 'loading' } | { state: 'ready'; memo: Memo } | { state: 'error'; message: string };
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

export function memoTargetKey(target: MemoTarget): string {
  return target.kind === 'project' ? 'project' : `${target.kind}:${target.id}`;
}

/**
 * One memo as stored: loaded once per target (an open editor is never overwritten by a reload elsewhere, which would
 * throw away what is being typed), and written in order, one save at a time, so a slow save cannot land after a
 * newer one.
 */
export function useMemoDocument(target: MemoTarget, onSaved?: (memo: Memo) => void) {
  const { attempt } = useAppStore();
  const { refresh: refreshHistory } = useUndoHistory();
  const key = memoTargetKey(target);
  const [load, setLoad] = useState<MemoLoad>({ state: 'loading' });
  const [status, setStatus] = useState<SaveStatus>('idle');
  const targetRef = useRef(target);
  targetRef.current = target;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    api['memos.get']({ target: targetRef.current }).then(
      (memo) => current && setLoad({ state: 'ready', memo }),
      (err: unknown) => current && setLoad({ state: 'error', message: (err as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [key]);

  /** Saves the content (after any save still under way); resolves true once it is stored. */
  const save = useCallback(
    (content: MemoContent): Promise<boolean> => {
      const target = targetRef.current;
      const run = async () => {
        if (mounted.current) setStatus('saving');
        const memo = await attempt(() => api['memos.set']({ target, plain: content.plain, rich: content.rich }));
        if (mounted.current) setStatus(memo ? 'saved' : 'failed');
        if (!memo) return false;
        onSavedRef.current?.(memo);
        // A memo edit is an undo step; the toolbar's Undo should offer it at once.
        refreshHistory();
        return true;
      };
      const next = queue.current.then(run, run);
      queue.current = next.catch(() => undefined);
      return next;
    },
    [attempt, refreshHistory],
  );

  return { load, status, save };
}
