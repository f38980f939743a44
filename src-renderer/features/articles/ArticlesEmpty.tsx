import { ImportButton } from './ImportButton';

export function ArticlesEmpty() {
  return (
    <div className="articles-empty" data-testid="articles-empty">
      <p className="articles-empty-title">No articles yet</p>
      <p className="muted">Import plain-text news articles (.txt, .md) to start coding. You can also drop files or folders anywhere on this window.</p>
      <div className="articles-empty-actions">
        <ImportButton pick="files" className="primary" />
        <ImportButton pick="folder" />
      </div>
    </div>
  );
}
