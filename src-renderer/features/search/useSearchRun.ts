import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/api';
import { GlossError } from '../../../src-main/contract/errors';
import type { SearchResult, SearchSpec } from '../../../src-main/contract/types';

export interface SearchProblem {
  /** 'timeout' for a runaway regular expression, 'invalid_request' for one that does not parse, … */
  code: string;
  message: string;
}

/** Hits listed at most; the counts and "code all hits" still cover every hit. */
export const LIST_LIMIT = 1000;
/** Code points of context asked for on each side of a hit. */
export const HIT_CONTEXT = 60;

/**
 * Runs `search.run` and keeps the answer with the spec it answers, so "code all hits" codes what is on screen even if
 * the form has been edited since. Only the newest run may land. Errors are kept to be shown in place, plainly: a
 * regular expression that timed out is something to fix in the query, not a passing notice.
 */
export function useSearchRun() {
  const [result, setResult] = useState<{ spec: SearchSpec; result: SearchResult } | null>(null);
  const [problem, setProblem] = useState<SearchProblem | null>(null);
  const [running, setRunning] = useState(false);
  const latest = useRef(0);

  const run = useCallback(async (spec: SearchSpec) => {
    const mine = ++latest.current;
    setRunning(true);
    setProblem(null);
    try {
      const answer = await api['search.run']({ ...spec, limit: LIST_LIMIT, context: HIT_CONTEXT });
      if (mine === latest.current) setResult({ spec, result: answer });
    } catch (err) {
      if (mine !== latest.current) return;
      setResult(null);
      setProblem({ code: err instanceof GlossError ? err.code : 'internal', message: (err as Error).message });
    } finally {
      if (mine === latest.current) setRunning(false);
    }
  }, []);

  const clear = useCallback(() => {
    latest.current++;
    setResult(null);
    setProblem(null);
    setRunning(false);
  }, []);

  return { current: result, problem, running, run, clear };
}
