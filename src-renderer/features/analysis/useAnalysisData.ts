import type { CallName, GlossApi } from '../../../src-main/contract/calls';
import { useCall } from '../../api/query';

export interface AnalysisData<T> {
  /** The latest result; kept while a newer request runs, so tables and charts do not blink. */
  data: T | null;
  loading: boolean;
  error: string | null;
}

/** Counts depend on codings, codes (roll-up), articles and their attributes. */
const countsChange = ['codings', 'codes', 'articles', 'attributes'] as const;

/**
 * Runs `name(request)` (null: nothing to ask yet), and again whenever the host announces a change that can move the
 * counts (a coding made in the reader, an attribute set, an undo; in this window or another).
 */
export function useAnalysisData<N extends CallName>(
  name: N,
  request: Parameters<GlossApi[N]>[0] | null,
): AnalysisData<Awaited<ReturnType<GlossApi[N]>>> {
  const load = useCall(name, request ?? ({} as Parameters<GlossApi[N]>[0]), { invalidatedBy: countsChange, enabled: request !== null });
  return { data: request === null || load.error ? null : (load.data ?? null), loading: request !== null && load.loading, error: load.error?.message ?? null };
}
