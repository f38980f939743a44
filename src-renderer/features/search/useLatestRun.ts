import { useCallback, useRef, useState } from 'react';
import { GlossError } from '../../../src-main/contract/errors';

export interface SearchProblem {
  /** 'timeout' for a runaway regular expression, 'invalid_request' for one that does not parse, … */
  code: string;
  message: string;
}

/**
 * Runs a search call and keeps its answer; only the newest run may land, so a slow earlier query never overwrites a
 * later one. Errors are kept to be shown in place, plainly: a regular expression that timed out is something to fix
 * in the query, not a passing notice. `call` must be stable (a module-level function).
 */
export function useLatestRun<In, Out>(call: (input: In) => Promise<Out>) {
  const [result, setResult] = useState<Out | null>(null);
  const [problem, setProblem] = useState<SearchProblem | null>(null);
  const [running, setRunning] = useState(false);
  const latest = useRef(0);

  const run = useCallback(
    async (input: In) => {
      const mine = ++latest.current;
      setRunning(true);
      setProblem(null);
      try {
        const answer = await call(input);
        if (mine === latest.current) setResult(answer);
      } catch (err) {
        if (mine !== latest.current) return;
        setResult(null);
        setProblem({ code: err instanceof GlossError ? err.code : 'internal', message: (err as Error).message });
      } finally {
        if (mine === latest.current) setRunning(false);
      }
    },
    [call],
  );

  const clear = useCallback(() => {
    latest.current++;
    setResult(null);
    setProblem(null);
    setRunning(false);
  }, []);

  return { result, problem, running, run, clear };
}
