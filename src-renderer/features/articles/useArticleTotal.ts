import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';

/**
 * How many articles the project holds, for "12 of 340 articles" while the list is filtered. Asked only while a
 * filter is on (the list's own total is the answer otherwise), and again whenever articles change.
 */
export function useArticleTotal(filtered: boolean, version: number): number | null {
  const { project } = useAppStore();
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    if (!filtered || !project) return;
    let current = true;
    api['articles.list']({ limit: 1 }).then(
      (r) => current && setTotal(r.total),
      () => current && setTotal(null),
    );
    return () => {
      current = false;
    };
  }, [filtered, version, project]);
  return filtered ? total : null;
}
