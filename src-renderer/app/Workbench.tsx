import { useState } from 'react';
import { ArticleList } from '../features/articles/ArticleList';
import { ReaderPane } from '../features/reader/ReaderPane';
import { CodebookPanel } from '../features/codebook/CodebookPanel';
import { Toolbar } from './Toolbar';
import { PaneLayout } from './PaneLayout';
import { useAppStore } from './store';
import { useWorkbenchView, WorkbenchViewProvider, type WorkbenchViewName } from './workbenchView';
import { analysisViews } from './analysisViews';

const TABS: { name: WorkbenchViewName; label: string }[] = [
  { name: 'code', label: 'Read & code' },
  { name: 'passages', label: 'Coded passages' },
  { name: 'search', label: 'Search' },
  { name: 'analysis', label: 'Counts & charts' },
  { name: 'agreement', label: 'Agreement' },
];

function ViewTabs() {
  const { view, setView } = useWorkbenchView();
  return (
    <nav className="view-tabs" role="tablist" aria-label="Views">
      {TABS.map((t) => (
        <button
          key={t.name}
          type="button"
          role="tab"
          aria-selected={view === t.name}
          className={view === t.name ? 'view-tab active' : 'view-tab'}
          data-testid={`view-tab-${t.name}`}
          onClick={() => setView(t.name)}
        >
          {/* The bold copy (hidden, not read out) reserves the active tab's width, so no label moves on a switch. */}
          <span className="view-tab-label">{t.label}</span>
          <span className="view-tab-label view-tab-reserve" aria-hidden>
            {t.label}
          </span>
        </button>
      ))}
    </nav>
  );
}

/**
 * Analysis views that stay mounted (hidden) once opened, so a query, its results, the ticked hits and an Undo on
 * offer are still there after the analyst jumps to a passage in the reader and comes back.
 */
const KEEP_MOUNTED: ReadonlySet<WorkbenchViewName> = new Set<WorkbenchViewName>(['passages', 'search']);
const ANALYSIS_VIEWS = Object.keys(analysisViews) as (keyof typeof analysisViews)[];

/** The centre of the window: the reader, or one of the analysis views (the article list and codebook stay beside it). */
function CentrePane() {
  const { view } = useWorkbenchView();
  const [opened, setOpened] = useState<ReadonlySet<WorkbenchViewName>>(() => new Set([view]));
  if (!opened.has(view)) setOpened(new Set(opened).add(view));
  return (
    <>
      {view === 'code' && <ReaderPane />}
      {ANALYSIS_VIEWS.filter((name) => name === view || (KEEP_MOUNTED.has(name) && opened.has(name))).map((name) => {
        const View = analysisViews[name];
        return (
          <div key={name} className="analysis-view-slot" hidden={name !== view}>
            <View />
          </div>
        );
      })}
    </>
  );
}

/** The three-pane window: articles, the article being read (or an analysis view), the codebook. */
export function Workbench() {
  const { selectArticle } = useAppStore();
  return (
    <WorkbenchViewProvider onOpenArticle={selectArticle}>
      <div className="workbench">
        <Toolbar />
        <ViewTabs />
        <PaneLayout left={<ArticleList />} centre={<CentrePane />} right={<CodebookPanel />} />
      </div>
    </WorkbenchViewProvider>
  );
}
