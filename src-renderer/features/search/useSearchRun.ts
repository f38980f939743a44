import { api } from '../../api/api';
import { useLatestRun } from './useLatestRun';
import type { SearchResult, SearchSpec } from '../../../src-main/contract/types';

export type { SearchProblem } from './useLatestRun';

/** Hits listed at most; the counts and "code all hits" still cover every hit. */
export const LIST_LIMIT = 1000;
/** Code points of context asked for on each side of a hit. */
export const HIT_CONTEXT = 60;

/**
 * Runs `search.run` and keeps the answer with the spec it answers, so "code all hits" codes what is on screen even if
 * the form has been edited since. Only the newest run may land.
 */
export function useSearchRun() {
  const { result, ...rest } = useLatestRun(runSearch);
  return { current: result, ...rest };
}

/** The answer kept with the spec it answers. */
async function runSearch(spec: SearchSpec): Promise<{ spec: SearchSpec; result: SearchResult }> {
  return { spec, result: await api['search.run']({ ...spec, limit: LIST_LIMIT, context: HIT_CONTEXT }) };
}
