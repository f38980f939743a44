import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useLatest } from '../../app/useLatest';
import type { ArticleSummary, AttributeFilter } from '../../../src-main/contract/types';
import { anchorBelow, PopupMenu, type MenuAnchor, type MenuItem } from '../../app/PopupMenu';
import { formatNumber, plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { useDebouncedValue } from '../../app/useDebouncedValue';
import { ArticleAttributeFilters } from '../attributes/ArticleAttributeFilters';
import { ArticleDetailsDialog } from './ArticleDetailsDialog';
import { ArticleListControls } from './ArticleListControls';
import { ArticleRow } from './ArticleRow';
import { ArticlesEmpty } from './ArticlesEmpty';
import { useArticleActions } from './useArticleActions';
import { useArticlePages, type ArticleQuery } from './useArticlePages';
import { useArticleTotal } from './useArticleTotal';
import { useVirtualWindow } from './useVirtualWindow';
import './articles.css';

const ROW_HEIGHT = 48;

export function ArticleList() {
  const { selectedArticleId, selectArticle } = useAppStore();
  const [filterText, setFilterText] = useState('');
  const filter = useDebouncedValue(filterText.trim(), 200);
  const [order, setOrder] = useState<Pick<ArticleQuery, 'sort' | 'descending'>>({ sort: 'imported', descending: false });
  const [attributeFilters, setAttributeFilters] = useState<AttributeFilter[]>([]);
  const query: ArticleQuery = { ...order, filter, attributes: attributeFilters };
  const pages = useArticlePages(query);
  const filtered = Boolean(filter) || attributeFilters.length > 0;
  const allArticles = useArticleTotal(filtered);
  const scroller = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  const view = useVirtualWindow(scroller, ROW_HEIGHT, count);
  const { ensureRows } = pages;
  const actions = useArticleActions();
  const [renamingId, setRenamingId] = useState<number | null>(null);
  const [menu, setMenu] = useState<{ at: MenuAnchor & { alignRight?: boolean }; article: ArticleSummary; index: number } | null>(null);
  const [details, setDetails] = useState<ArticleSummary | null>(null);

  useEffect(() => {
    ensureRows(view.first, Math.max(view.last, view.first));
  }, [ensureRows, view.first, view.last, pages.total, pages.rowAt]);

  // A new filter or sort order starts at the top, as users expect from a search box.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [filter, order, attributeFilters]);

  const selectIndex = useCallback(
    async (index: number) => {
      if (count === 0) return;
      const target = Math.max(0, Math.min(count - 1, index));
      const article = await pages.fetchRow(target);
      if (!article) return;
      selectArticle(article.id);
      view.scrollToIndex(target);
    },
    [count, pages, selectArticle, view],
  );

  const rename = async (article: ArticleSummary, title: string | null) => {
    setRenamingId(null);
    scroller.current?.focus();
    if (title === null) return;
    const updated = await actions.rename(article, title);
    if (updated) pages.patchRow(updated);
  };

  const remove = async (article: ArticleSummary, index: number) => {
    const wasSelected = article.id === selectedArticleId;
    if (!(await actions.remove(article))) return;
    // Keep the reader busy with the neighbour rather than leaving it empty, as mail and file lists do.
    if (wasSelected) selectArticle(pages.rowAt(index + 1)?.id ?? pages.rowAt(index - 1)?.id ?? null);
  };

  const selectedIndex = selectedArticleId === null ? -1 : pages.indexOf(selectedArticleId);
  // Selected from elsewhere (the import report, the first imported article): bring it into view if it is loaded.
  const { scrollToIndex } = view;
  const selectedLoaded = selectedIndex >= 0;
  const selectedIndexRef = useLatest(selectedIndex);
  useEffect(() => {
    if (selectedLoaded) scrollToIndex(selectedIndexRef.current);
  }, [selectedIndexRef, selectedArticleId, selectedLoaded, scrollToIndex]);
  const selectedArticle = selectedIndex >= 0 ? pages.rowAt(selectedIndex) : undefined;

  const menuItems = (article: ArticleSummary, index: number): MenuItem[] => [
    { label: 'Open', onSelect: () => selectArticle(article.id) },
    { label: 'Rename…', hint: 'F2', onSelect: () => setRenamingId(article.id), testId: 'article-menu-rename' },
    { label: 'Details', onSelect: () => setDetails(article), testId: 'article-menu-details' },
    { separator: true },
    { label: 'Delete…', hint: 'Del', danger: true, onSelect: () => void remove(article, index), testId: 'article-menu-delete' },
  ];

  const openMenu = (e: MouseEvent, article: ArticleSummary, index: number, fromButton: boolean) => {
    e.preventDefault();
    const at = fromButton ? anchorBelow(e.currentTarget) : { x: e.clientX, y: e.clientY };
    setMenu({ at, article, index });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const from = selectedIndex;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (from < 0 ? 0 : from + 1),
      ArrowUp: () => (from < 0 ? 0 : from - 1),
      PageDown: () => Math.max(0, from) + pageRows,
      PageUp: () => Math.max(0, from) - pageRows,
      Home: () => 0,
      End: () => count - 1,
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      void selectIndex(move());
      return;
    }
    if (!selectedArticle) return;
    if (e.key === 'F2') {
      e.preventDefault();
      setRenamingId(selectedArticle.id);
    } else if (e.key === 'Delete' || (e.key === 'Backspace' && e.metaKey)) {
      e.preventDefault();
      void remove(selectedArticle, selectedIndex);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const row = scroller.current?.querySelector(`[data-article-id="${selectedArticle.id}"]`);
      if (row) setMenu({ at: anchorBelow(row), article: selectedArticle, index: selectedIndex });
    }
  };

  const rows = [];
  for (let i = view.first; i <= view.last; i++) {
    const article = pages.rowAt(i);
    rows.push(
      article ? (
        <ArticleRow
          key={article.id}
          article={article}
          top={i * ROW_HEIGHT}
          height={ROW_HEIGHT}
          selected={article.id === selectedArticleId}
          renaming={article.id === renamingId}
          onSelect={() => selectArticle(article.id)}
          onStartRename={() => setRenamingId(article.id)}
          onRename={(title) => void rename(article, title)}
          onMenu={(e, fromButton) => openMenu(e, article, i, fromButton)}
        />
      ) : (
        <div key={`loading-${i}`} className="article-row placeholder-row" style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }} aria-hidden>
          <span className="skeleton" />
        </div>
      ),
    );
  }

  const empty = pages.total === 0;
  return (
    <div className="article-list">
      <ArticleListControls
        filterText={filterText}
        onFilterText={setFilterText}
        query={query}
        onQuery={({ sort, descending }) => setOrder({ sort, descending })}
        attributeFilters={<ArticleAttributeFilters filters={attributeFilters} onFilters={setAttributeFilters} />}
        summary={
          <span className="article-count muted" data-testid="article-count" aria-live="polite">
            {pages.total === null
              ? 'Loading…'
              : filtered && allArticles !== null
                ? `${formatNumber(pages.total)} of ${plural(allArticles, 'article')}`
                : plural(pages.total, 'article')}
          </span>
        }
      />
      {empty && !filtered ? (
        <ArticlesEmpty />
      ) : empty && !attributeFilters.length ? (
        <p className="article-no-match muted">No article titles contain “{filter}”.</p>
      ) : empty ? (
        <p className="article-no-match muted" data-testid="article-no-match">
          No article {filter ? `whose title contains “${filter}” ` : ''}passes the attribute filters.
        </p>
      ) : null}
      <div
        ref={scroller}
        className="article-scroller"
        role="listbox"
        aria-label="Articles"
        aria-activedescendant={selectedArticle && selectedIndex >= view.first && selectedIndex <= view.last ? `article-${selectedArticle.id}` : undefined}
        tabIndex={0}
        data-testid="article-list"
        data-total={pages.total ?? undefined}
        hidden={empty}
        onKeyDown={onKeyDown}
      >
        <div className="article-rows" style={{ height: view.totalHeight }}>
          {rows}
        </div>
      </div>
      {menu && <PopupMenu label={`Actions for ${menu.article.title}`} at={menu.at} items={menuItems(menu.article, menu.index)} onClose={() => setMenu(null)} />}
      {details && <ArticleDetailsDialog article={details} onClose={() => setDetails(null)} />}
      {actions.confirmDialog}
      {count > 0 && <div className="sr-only">{formatNumber(count)} articles; use the arrow keys to move between them.</div>}
    </div>
  );
}
