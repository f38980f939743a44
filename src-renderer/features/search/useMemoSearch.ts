import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/api';
import { GlossError } from '../../../src-main/contract/errors';
import type { MemoSearchHit } from '../../../src-main/contract/types';
import type { SearchForm } from './searchSpec';
import type { SearchProblem } from './useSearchRun';

/** Searches the plain text of every memo (`memos.search`); errors are kept to be shown in place, like the article search's. */
export function useMemoSearch() {
  const [result, setResult] = useState<{ total: number; hits: MemoSearchHit[] } | null>(null);
  const [problem, setProblem] = useState<SearchProblem | null>(null);
  const [running, setRunning] = useState(false);
  const latest = useRef(0);

  const run = useCallback(async (form: SearchForm) => {
    const mine = ++latest.current;
    setRunning(true);
    setProblem(null);
    try {
      const answer = await api['memos.search']({
        query: form.query.trim(),
        mode: form.mode === 'regex' ? 'regex' : 'text',
        caseSensitive: form.caseSensitive,
        ignoreMarks: form.ignoreMarks,
        limit: 1000,
      });
      if (mine === latest.current) setResult(answer);
    } catch (err) {
      if (mine !== latest.current) return;
      setResult(null);
      setProblem({ code: err instanceof GlossError ? err.code : 'internal', message: (err as Error).message });
    } finally {
      if (mine === latest.current) setRunning(false);
    }
  }, []);

  return { result, problem, running, run };
}
