import { queryClient, touches, useCall } from '../../api/query';
import type { Article } from '../../../src-main/contract/types';

export type ArticleLoad =
  | { state: 'none' }
  | { state: 'loading'; id: number }
  | { state: 'ready'; article: Article }
  | { state: 'error'; id: number; message: string };

/**
 * Loads the selected article, and again when it changes (a rename, a re-decode, an undo; here or in another window),
 * but not for a change to its codings only: re-fetching a long text on every coding would delay the codings' reload.
 * A slow answer for an article the user has already left is dropped.
 */
export function useArticle(id: number | null): ArticleLoad {
  const load = useCall('articles.get', { id: id ?? 0 }, { invalidatedBy: touches(['articles'], { articleId: id }), enabled: id !== null });
  if (id === null) return { state: 'none' };
  // An error wins over an older answer: the article may have been deleted in another window.
  if (load.error) return { state: 'error', id, message: load.error.message };
  if (load.data && load.data.id === id) return { state: 'ready', article: load.data };
  return { state: 'loading', id };
}

/**
 * Sends the reader's two reads for an article the moment it is chosen, before React renders the choice: the click's
 * render (taking the previous article down) then runs while the host answers, instead of before it is asked. The
 * requests are exactly the ones useArticle and useArticleCodings make, so they share them.
 */
export function prefetchArticle(id: number): void {
  queryClient.prefetch('articles.get', { id });
  queryClient.prefetch('codings.listForReader', { articleId: id });
}
