import { useCallback, useState } from 'react';
import { api } from '../../api/api';
import type { CodeHitsResult, SearchSpec } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';
import { useUndoHistory } from '../../app/UndoHistory';

export type Widen = 'none' | 'sentence' | 'paragraph';

export interface CodeHitsRequest {
  /** The code; without it `codePath` names a code to create (missing parents too) in the batch's undo step. */
  codeId?: number;
  codePath: string;
  widen: Widen;
  /** Either the hits picked, or the search itself (every hit, also those beyond the listed ones). */
  target: { hits: { articleId: number; start: number; end: number }[] } | { search: SearchSpec };
}

export interface CodeHitsOutcome {
  result: CodeHitsResult;
  codePath: string;
  state: 'done' | 'undoing' | 'undone';
}

/**
 * Codes search hits in one step (`search.codeHits`) and offers to take that step back. Undo goes through the app's
 * history, and only while this batch is still the last change, so it can never undo something done since.
 */
export function useCodeHits() {
  const { attempt } = useAppStore();
  const { undoIfLast } = useUndoHistory();
  const [outcome, setOutcome] = useState<CodeHitsOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const codeHits = useCallback(
    async ({ codeId, codePath, widen, target }: CodeHitsRequest) => {
      setBusy(true);
      try {
        const code = codeId !== undefined ? { codeId } : { codePath };
        const result = await attempt(() => api['search.codeHits']({ ...code, widen, ...target }));
        if (!result) return;
        setOutcome({ result, codePath, state: 'done' });
      } finally {
        setBusy(false);
      }
    },
    [attempt],
  );

  const undo = useCallback(async () => {
    if (!outcome || outcome.state !== 'done') return;
    const { label } = outcome.result;
    setOutcome({ ...outcome, state: 'undoing' });
    // Refreshes the reader, counts and codebook itself once the step is undone.
    await undoIfLast(label);
    const after = await attempt(() => api['history.state']({}));
    setOutcome({ ...outcome, state: after?.redoLabel === label ? 'undone' : 'done' });
  }, [outcome, undoIfLast, attempt]);

  const dismiss = useCallback(() => setOutcome(null), []);

  /** What coding with this code would do (already coded, merged into a coding of it), for the dialog; writes nothing. */
  const preview = useCallback(async ({ codeId, widen, target }: CodeHitsRequest): Promise<CodeHitsResult | undefined> => {
    if (codeId === undefined) return undefined;
    try {
      return await api['search.codeHits']({ codeId, widen, ...target, preview: true });
    } catch {
      // The preview only informs the dialog; coding itself reports any error.
      return undefined;
    }
  }, []);

  return { outcome, busy, codeHits, undo, dismiss, preview };
}
