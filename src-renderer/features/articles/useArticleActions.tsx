import { useCallback, type ReactNode } from 'react';
import { api } from '../../api/api';
import type { ArticleSummary } from '../../../src-main/contract/types';
import { useConfirm } from '../../app/ConfirmDialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { undoHint, useUndoHistory } from '../../app/UndoHistory';

export interface ArticleActions {
  rename(article: ArticleSummary, title: string): Promise<ArticleSummary | undefined>;
  /** Asks first; resolves true when the article was deleted. */
  remove(article: ArticleSummary): Promise<boolean>;
  confirmDialog: ReactNode;
}

export function useArticleActions(): ArticleActions {
  const { attempt, notify } = useAppStore();
  const [confirm, confirmDialog] = useConfirm();
  const { undoIfLast } = useUndoHistory();

  const rename = useCallback(
    (article: ArticleSummary, title: string) => attempt(() => api['articles.rename']({ id: article.id, title })),
    [attempt],
  );

  const remove = useCallback(
    async (article: ArticleSummary) => {
      // The count on the row may predate a coding made a moment ago; the confirmation says exactly what goes.
      const codingCount = (await api['articles.get']({ id: article.id }).catch(() => article)).codingCount;
      const ok = await confirm({
        title: `Delete article “${article.title}”?`,
        message: (
          <p data-testid="delete-article-message">
            {codingCount === 0 ? 'It has no codings. ' : `${plural(codingCount, 'coding')} on this article will be deleted with it. `}
            The imported text is removed from the project; the source file on disk is not touched. {undoHint}
          </p>
        ),
        confirmLabel: 'Delete article',
        danger: true,
        testId: 'delete-article-dialog',
      });
      if (!ok) return false;
      const result = await attempt(() => api['articles.delete']({ id: article.id }));
      if (!result) return false;
      notify(
        result.deletedCodings ? `Deleted “${article.title}” and its ${plural(result.deletedCodings, 'coding')}.` : `Deleted “${article.title}”.`,
        'info',
        { label: 'Undo', run: () => void undoIfLast('Delete article') },
      );
      return true;
    },
    [confirm, attempt, notify, undoIfLast],
  );

  return { rename, remove, confirmDialog };
}
