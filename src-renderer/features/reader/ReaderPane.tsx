import { useMemo } from 'react';
import { useAppStore } from '../../app/store';
import { ArticleDoc } from './articleDoc';
import { ArticleEditor } from './ArticleEditor';
import { ArticleHeader } from './ArticleHeader';
import { useArticle } from './useArticle';
import { useArticleCodings } from './useArticleCodings';
import { BlindBanner } from '../team/TeamControls';
import './reader.css';

/** The article being read and coded: its header, its text with highlights and stripes, find, and coding tools. */
export function ReaderPane() {
  const { selectedArticleId } = useAppStore();
  const load = useArticle(selectedArticleId);
  const article = load.state === 'ready' && load.article.id === selectedArticleId ? load.article : null;
  // One model of the text for the editor and the codings (which take their passages' text from it); the same text
  // after a refetch (a rename) keeps it.
  const text = article?.text;
  const doc = useMemo(() => (text === undefined ? null : new ArticleDoc(text)), [text]);
  // Codings load alongside the text, not after it.
  const codings = useArticleCodings(selectedArticleId, doc);

  if (load.state === 'none') {
    return (
      <div className="reader reader-empty" data-testid="reader">
        <p className="placeholder">Select an article to read and code it.</p>
      </div>
    );
  }
  if (load.state === 'error') {
    return (
      <div className="reader reader-empty" data-testid="reader">
        <p className="placeholder" role="alert">
          This article could not be opened: {load.message}
        </p>
      </div>
    );
  }
  if (!article || !doc) {
    return (
      <div className="reader reader-empty" data-testid="reader" aria-busy="true">
        <p className="placeholder">Opening the article…</p>
      </div>
    );
  }
  return (
    // data-ready: the text and its codings are both on screen (tests and assistive technology wait for it).
    <div className="reader" data-testid="reader" data-ready={codings.loaded} aria-busy={!codings.loaded}>
      <BlindBanner />
      <ArticleHeader article={article} codingCount={codings.codings.length} codings={codings} />
      <ArticleEditor key={article.id} article={article} doc={doc} codings={codings} />
    </div>
  );
}
