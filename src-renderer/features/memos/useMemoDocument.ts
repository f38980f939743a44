import { useCallback, useEffect, useRef, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import { useLatest } from '../../app/useLatest';
import { api } from '../../api/api';
import { GlossError } from '../../../src-main/contract/errors';
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
  const { notify } = useAppStore();
  const { refresh: refreshHistory } = useUndoHistory();
  const key = memoTargetKey(target);
  const [load, setLoad] = useState<MemoLoad>({ state: 'loading' });
  const [status, setStatus] = useState<SaveStatus>('idle');
  const targetRef = useLatest(target);
  const onSavedRef = useLatest(onSaved);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  if (useChanged(key)) setLoad({ state: 'loading' });
  useEffect(() => {
    let current = true;
    api['memos.get']({ target: targetRef.current }).then(
      (memo) => current && setLoad({ state: 'ready', memo }),
      (err: unknown) => current && setLoad({ state: 'error', message: (err as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [targetRef, key]);

  /**
   * Saves the content of the memo of `target` (after any save still under way); resolves true once it is stored.
   * The target is the editor's own, not the current one: an editor closing because another code was picked saves
   * its text to the code it was showing.
   */
  const save = useCallback(
    (target: MemoTarget, content: MemoContent): Promise<boolean> => {
      const run = async () => {
        if (mounted.current) setStatus('saving');
        let memo: Memo | undefined;
        try {
          memo = await api['memos.set']({ target, plain: content.plain, rich: content.rich });
        } catch (err) {
          // Deleted with its memo still open (a coding removed from the popover): there is nothing left to save to.
          if (!(err instanceof GlossError && err.code === 'not_found')) notify((err as Error).message, 'error');
        }
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
    [onSavedRef, notify, refreshHistory],
  );

  return { load, status, save };
}
