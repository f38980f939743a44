import { useCallback, useState } from 'react';
import { useChanged } from '../../app/useChanged';

const storageKey = (projectPath: string) => `gloss.codebook.collapsed:${projectPath}`;

function load(projectPath: string | undefined): Set<number> {
  if (!projectPath) return new Set();
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(storageKey(projectPath)) ?? '[]');
    return new Set(Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : []);
  } catch {
    return new Set();
  }
}

/** Which sub-trees are folded; remembered per project, since a large codebook is folded the same way every day. */
export function useCollapsedCodes(projectPath: string | undefined) {
  const [collapsed, setCollapsed] = useState<Set<number>>(() => load(projectPath));

  if (useChanged(projectPath)) setCollapsed(load(projectPath));

  const update = useCallback(
    (change: (next: Set<number>) => void) => {
      setCollapsed((prev) => {
        const next = new Set(prev);
        change(next);
        if (projectPath) {
          try {
            localStorage.setItem(storageKey(projectPath), JSON.stringify([...next]));
          } catch {
            // Storage full or disabled: folding still works for this session.
          }
        }
        return next;
      });
    },
    [projectPath],
  );

  const toggle = useCallback((id: number) => update((s) => (s.has(id) ? s.delete(id) : s.add(id))), [update]);
  const setExpanded = useCallback((id: number, expanded: boolean) => update((s) => (expanded ? s.delete(id) : s.add(id))), [update]);
  const expandAll = useCallback(() => update((s) => s.clear()), [update]);
  const collapseAll = useCallback((ids: number[]) => update((s) => ids.forEach((id) => s.add(id))), [update]);

  return { collapsed, toggle, setExpanded, expandAll, collapseAll };
}
