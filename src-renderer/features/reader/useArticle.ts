import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import type { Article } from '../../../src-main/contract/types';

export type ArticleLoad =
  | { state: 'none' }
  | { state: 'loading'; id: number }
  | { state: 'ready'; article: Article }
  | { state: 'error'; id: number; message: string };

/** Loads the selected article; a slow answer for an article the user has already left is dropped. */
export function useArticle(id: number | null, reloadKey: number): ArticleLoad {
  const [load, setLoad] = useState<ArticleLoad>({ state: 'none' });
  useEffect(() => {
    if (id === null) {
      setLoad({ state: 'none' });
      return;
    }
    let current = true;
    setLoad((prev) => (prev.state === 'ready' && prev.article.id === id ? prev : { state: 'loading', id }));
    api['articles.get']({ id }).then(
      (article) => current && setLoad({ state: 'ready', article }),
      (err: unknown) => current && setLoad({ state: 'error', id, message: (err as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [id, reloadKey]);
  return load;
}

/**
 * When to fetch the article again: when articles change (a rename), but not when the change was a coding, which
 * bumps both versions at once. Re-fetching a long text on every coding would delay the reload the reader needs.
 */
export function useArticleReloadKey(articlesVersion: number, codingsVersion: number): number {
  const [seen, setSeen] = useState({ articlesVersion, codingsVersion, key: 0 });
  if (seen.articlesVersion !== articlesVersion || seen.codingsVersion !== codingsVersion) {
    const renamed = seen.articlesVersion !== articlesVersion && seen.codingsVersion === codingsVersion;
    const next = { articlesVersion, codingsVersion, key: renamed ? seen.key + 1 : seen.key };
    // Adjusting state while rendering is React's pattern for values derived from changing props.
    setSeen(next);
    return next.key;
  }
  return seen.key;
}
