import type { SearchArticleHits, SearchHit } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { KwicLine } from './KwicLine';
import { HIT_CONTEXT } from './useSearchRun';
import { hitKey } from './searchSpec';

interface SearchResultsProps {
  articles: SearchArticleHits[];
  selected: ReadonlySet<string>;
  onToggle(hit: SearchHit): void;
  onToggleArticle(article: SearchArticleHits, on: boolean): void;
  onOpen(hit: SearchHit): void;
}

/** Hits grouped by article (in article order), each article headed by its title and how many hits it has. */
export function SearchResults({ articles, selected, onToggle, onToggleArticle, onOpen }: SearchResultsProps) {
  return (
    <div className="search-results">
      {articles.map((a) => {
        const picked = a.hits.filter((h) => selected.has(hitKey(h))).length;
        return (
          <section key={a.articleId} className="search-article" data-testid="search-result-article" data-article-id={a.articleId} aria-label={a.title}>
            <header className="search-article-head">
              <input
                type="checkbox"
                aria-label={`Select the hits in ${a.title}`}
                checked={picked > 0 && picked === a.hits.length}
                ref={(el) => {
                  if (el) el.indeterminate = picked > 0 && picked < a.hits.length;
                }}
                onChange={(e) => onToggleArticle(a, e.target.checked)}
              />
              <h3 className="search-article-title" dir="auto">
                {a.title}
              </h3>
              <span className="search-article-count muted" data-testid="search-article-count">
                {plural(a.hitCount, 'hit')}
                {a.hits.length < a.hitCount ? ` (${a.hits.length} listed)` : ''}
              </span>
            </header>
            <ol className="search-hits">
              {a.hits.map((h) => {
                const key = hitKey(h);
                return (
                  <li key={key} className="search-hit" data-testid="search-hit" data-article-id={h.articleId} data-start={h.start} data-end={h.end}>
                    <input type="checkbox" aria-label={`Select the hit “${h.text}”`} checked={selected.has(key)} onChange={() => onToggle(h)} />
                    <button type="button" className="search-hit-open" title="Show this hit in the article" onClick={() => onOpen(h)}>
                      <KwicLine before={h.before} text={h.text} after={h.after} contextLimit={HIT_CONTEXT} />
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
