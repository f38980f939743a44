import { useEffect, useState } from 'react';
import { useAppStore } from '../../app/store';

export interface AnalysisData<T> {
  /** The latest result; kept while a newer request runs, so tables and charts do not blink. */
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * Runs `load` whenever `key` changes, and again whenever codings or articles change (a coding made in the reader,
 * an attribute set, an undo), so counts are never stale. A result that arrives after a newer request is dropped.
 */
export function useAnalysisData<T>(key: string | null, load: () => Promise<T>): AnalysisData<T> {
  const { codingsVersion, articlesVersion } = useAppStore();
  const [state, setState] = useState<AnalysisData<T>>({ data: null, loading: key !== null, error: null });

  useEffect(() => {
    if (key === null) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false, error: null }),
      (err: unknown) => current && setState({ data: null, loading: false, error: (err as Error).message }),
    );
    return () => {
      current = false;
    };
    // `load` is rebuilt every render; `key` says when the request it makes is a different one.
  }, [key, codingsVersion, articlesVersion]);

  return state;
}
