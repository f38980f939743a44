import { useState } from 'react';
import type { ArticleSummary } from '../../../src-main/contract/types';
import { MemoDialog } from './MemoDialog';

/** The article's memo (how the outlet framed the story, what to compare it with), in a dialog over the reader. */
export function ArticleMemoButton({ article }: { article: Pick<ArticleSummary, 'id' | 'title'> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="article-memo-button" title="Notes about this article" onClick={() => setOpen(true)}>
        Article memo
      </button>
      {open && <MemoDialog target={{ kind: 'article', id: article.id }} title="Article memo" about={article.title} onClose={() => setOpen(false)} />}
    </>
  );
}
