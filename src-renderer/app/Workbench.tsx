import { ArticleList } from '../features/articles/ArticleList';
import { ReaderPane } from '../features/reader/ReaderPane';
import { CodebookPanel } from '../features/codebook/CodebookPanel';
import { Toolbar } from './Toolbar';

/** The three-pane window: articles, the article being read, the codebook. */
export function Workbench() {
  return (
    <div className="workbench">
      <Toolbar />
      <div className="panes">
        <aside className="pane pane-articles" aria-label="Articles">
          <ArticleList />
        </aside>
        <main className="pane pane-reader" aria-label="Article">
          <ReaderPane />
        </main>
        <aside className="pane pane-codebook" aria-label="Codebook">
          <CodebookPanel />
        </aside>
      </div>
    </div>
  );
}
