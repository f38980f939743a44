import type { ArticleSummary } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import { formatDateTime, formatNumber, plural } from '../../app/format';

export function ArticleDetailsDialog({ article, onClose }: { article: ArticleSummary; onClose(): void }) {
  return (
    <Dialog
      title="Article details"
      onClose={onClose}
      testId="article-details"
      actions={
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <dl className="details-list">
        <dt>Title</dt>
        <dd>{article.title}</dd>
        <dt>Source file</dt>
        <dd data-testid="detail-source">{article.sourceFile}</dd>
        <dt>Encoding</dt>
        <dd data-testid="detail-encoding">{article.encoding}</dd>
        <dt>Imported</dt>
        <dd data-testid="detail-imported" title={article.importedAt}>
          {formatDateTime(article.importedAt)}
        </dd>
        <dt>Length</dt>
        <dd data-testid="detail-length">{plural(article.length, 'character')}</dd>
        <dt>Codings</dt>
        <dd data-testid="detail-codings">{formatNumber(article.codingCount)}</dd>
        <dt>Article ID</dt>
        <dd>{article.id}</dd>
      </dl>
    </Dialog>
  );
}
