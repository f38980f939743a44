import type { Article } from '../../../src-main/contract/types';
import type { ArticleCodings } from './useArticleCodings';
import { ArticleMemoButton } from '../memos/ArticleMemoButton';
import { CodeWholeArticleButton } from './CodeWholeArticleButton';

/** Title, provenance (file, encoding, length) and article-level actions. */
interface ArticleHeaderProps {
  article: Article;
  codingCount: number;
  codings: Pick<ArticleCodings, 'addProvisional'>;
}

export function ArticleHeader({ article, codingCount, codings }: ArticleHeaderProps) {
  const details = [
    article.sourceFile,
    article.encoding + (article.hadBom ? ' with BOM' : ''),
    `${article.length.toLocaleString()} characters`,
    `${codingCount.toLocaleString()} ${codingCount === 1 ? 'coding' : 'codings'}`,
  ];
  return (
    <header className="reader-header">
      <div className="reader-heading">
        <h2 className="article-title" data-testid="article-title" dir="auto">
          {article.title}
        </h2>
        <p className="article-details muted" data-testid="article-details" title={article.sourceFile}>
          {/* Each detail stays whole; the line wraps between them rather than cutting the last one off. */}
          {details.map((d, i) => (
            <span key={i} className="article-detail">
              {i > 0 && ' · '}
              {d}
            </span>
          ))}
        </p>
      </div>
      <div className="reader-actions">
        <ArticleMemoButton article={article} />
        <CodeWholeArticleButton article={article} codings={codings} />
      </div>
    </header>
  );
}
