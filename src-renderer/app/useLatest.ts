import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that always holds the latest `value`, for callbacks that outlive a render (subscriptions, timers, listeners
 * registered once) and must call the newest props. It is updated after each commit, before any effect runs, rather
 * than during render, which React may repeat or throw away.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
