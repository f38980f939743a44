import { useCallback, type ReactNode } from 'react';
import { api } from '../../api/api';
import type { ArticleSummary } from '../../../src-main/contract/types';
import { useConfirm } from '../../app/ConfirmDialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';

export interface ArticleActions {
  rename(article: ArticleSummary, title: string): Promise<ArticleSummary | undefined>;
  /** Asks first; resolves true when the article was deleted. */
  remove(article: ArticleSummary): Promise<boolean>;
  confirmDialog: ReactNode;
}

export function useArticleActions(): ArticleActions {
  const { attempt, notify, articlesChanged, codingsChanged } = useAppStore();
  const [confirm, confirmDialog] = useConfirm();

  const rename = useCallback(
    (article: ArticleSummary, title: string) => attempt(() => api['articles.rename']({ id: article.id, title })),
    [attempt],
  );

  const remove = useCallback(
    async (article: ArticleSummary) => {
      const ok = await confirm({
        title: `Delete article “${article.title}”?`,
        message: (
          <p data-testid="delete-article-message">
            {article.codingCount === 0
              ? 'It has no codings. '
              : `${plural(article.codingCount, 'coding')} on this article will be deleted with it. `}
            The imported text is removed from the project; the source file on disk is not touched.
          </p>
        ),
        confirmLabel: 'Delete article',
        danger: true,
        testId: 'delete-article-dialog',
      });
      if (!ok) return false;
      const result = await attempt(() => api['articles.delete']({ id: article.id }));
      if (!result) return false;
      notify(result.deletedCodings ? `Deleted “${article.title}” and its ${plural(result.deletedCodings, 'coding')}.` : `Deleted “${article.title}”.`);
      if (result.deletedCodings > 0) codingsChanged();
      else articlesChanged();
      return true;
    },
    [confirm, attempt, notify, articlesChanged, codingsChanged],
  );

  return { rename, remove, confirmDialog };
}
