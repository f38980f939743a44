import { useCallback, useState, type SetStateAction } from 'react';
import { useAppStore } from '../../app/store';

// The analysis views unmount whenever the analyst goes to the reader (a click on a passage does that), and should
// come back as they were left: same tab, same grouping, same selected cell. Kept per project for this session.
const memory = new Map<string, unknown>();

/** useState that survives the view's unmounting, per project and key. */
export function useRememberedState<T>(key: string, initial: T | (() => T)): [T, (next: SetStateAction<T>) => void] {
  const { project } = useAppStore();
  const slot = `${project?.path ?? ''}\u0000${key}`;
  const [value, setValue] = useState<T>(() =>
    memory.has(slot) ? (memory.get(slot) as T) : typeof initial === 'function' ? (initial as () => T)() : initial,
  );
  const set = useCallback(
    (next: SetStateAction<T>) => {
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        memory.set(slot, v);
        return v;
      });
    },
    [slot],
  );
  return [value, set];
}
