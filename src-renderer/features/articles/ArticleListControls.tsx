import type { ReactNode } from 'react';
import type { ArticleQuery, ArticleSort } from './useArticlePages';

const SORTS: { value: ArticleSort; label: string }[] = [
  { value: 'imported', label: 'Import order' },
  { value: 'title', label: 'Title' },
  { value: 'codings', label: 'Codings' },
  { value: 'length', label: 'Length' },
];

interface Props {
  filterText: string;
  onFilterText(text: string): void;
  query: ArticleQuery;
  onQuery(query: ArticleQuery): void;
  /** What the list holds ("1,204 articles"), shown beside the sort controls. */
  summary: ReactNode;
  /** The attribute filter controls and chips, under the title filter. */
  attributeFilters?: ReactNode;
}

export function ArticleListControls({ filterText, onFilterText, query, onQuery, summary, attributeFilters }: Props) {
  return (
    <div className="article-controls">
      <input
        type="search"
        className="article-filter"
        placeholder="Filter by title"
        aria-label="Filter articles by title"
        data-testid="article-filter"
        value={filterText}
        onChange={(e) => onFilterText(e.target.value)}
      />
      {attributeFilters}
      <div className="article-sort-row">
        {summary}
        <div className="article-sort">
        <select
          aria-label="Sort articles by"
          data-testid="article-sort"
          value={query.sort}
          onChange={(e) => onQuery({ ...query, sort: e.target.value as ArticleSort })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button"
          data-testid="article-sort-direction"
          aria-label={query.descending ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
          title={query.descending ? 'Descending' : 'Ascending'}
          onClick={() => onQuery({ ...query, descending: !query.descending })}
        >
          {query.descending ? '↓' : '↑'}
        </button>
        </div>
      </div>
    </div>
  );
}
