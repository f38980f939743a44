// React's side of the query layer: `useCall` reads through the one QueryClient, which refetches whatever the host's
// 'changed' events invalidate (see queryClient.ts).
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useLatest } from '../app/useLatest';
import type { CallName, GlossApi } from '../../src-main/contract/calls';
import { api, bridge } from './api';
import { QueryClient, type ChangeEvent, type Invalidation, type QueryState } from './queryClient';

export { touches, allEntities, type Invalidation } from './queryClient';

/** Two frames painted, then a task: what a window's own change leaves to do waits until the change is on screen. */
function afterPaint(work: () => void, frames = 2): void {
  requestAnimationFrame(() => setTimeout(frames > 1 ? () => afterPaint(work, frames - 1) : work, 0));
}

export const queryClient = new QueryClient(
  (name, request) => (api as unknown as Record<string, (r: unknown) => Promise<unknown>>)[name]!(request),
  (l) => bridge.onEvent(l),
  (work) => afterPaint(work),
);

type Request<N extends CallName> = Parameters<GlossApi[N]>[0];
type Result<N extends CallName> = Awaited<ReturnType<GlossApi[N]>>;

export interface CallResult<T> extends QueryState<T> {
  refetch(): Promise<void>;
}

const disabled: QueryState<never> = { data: undefined, error: undefined, loading: false };
const noop = () => () => {};

/**
 * Reads `name(request)` and keeps it current: refetched whenever the host announces a change `invalidatedBy` names.
 * Views asking for the same read share one request. `enabled: false` (e.g. no article selected) reads nothing.
 */
export function useCall<N extends CallName>(
  name: N,
  request: Request<N>,
  options: { invalidatedBy: Invalidation; enabled?: boolean },
): CallResult<Result<N>> {
  const enabled = options.enabled ?? true;
  // The request and invalidation are compared by value, so callers may pass fresh literals on every render.
  const key = JSON.stringify(request ?? {});
  const invalidatedBy = useLatest(options.invalidatedBy);
  const subscribe = useCallback(
    (notify: () => void) =>
      enabled ? queryClient.watch(name, JSON.parse(key) as unknown, (e: ChangeEvent) => matchesNow(invalidatedBy.current, e), notify) : noop(),
    [invalidatedBy, name, key, enabled],
  );
  const getSnapshot = useCallback(
    () => (enabled ? queryClient.get<Result<N>>(name, JSON.parse(key) as unknown) : (disabled as QueryState<Result<N>>)),
    [name, key, enabled],
  );
  const state = useSyncExternalStore(subscribe, getSnapshot);
  const refetch = useCallback(() => queryClient.refetch(name, JSON.parse(key) as unknown), [name, key]);
  return { ...state, refetch };
}

function matchesNow(invalidatedBy: Invalidation, event: ChangeEvent): boolean {
  return typeof invalidatedBy === 'function' ? invalidatedBy(event) : event.entities.some((e) => invalidatedBy.includes(e));
}

/** Runs `listener` after each announced change (for views that page or accumulate their own state). */
export function useOnChange(listener: (event: ChangeEvent) => void): void {
  const current = useLatest(listener);
  useEffect(() => queryClient.onChange((e) => current.current(e)), [current]);
}
