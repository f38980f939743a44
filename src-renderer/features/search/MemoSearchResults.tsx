import type { MemoSearchHit, MemoTarget } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { KwicLine } from './KwicLine';

const KIND_LABEL: Record<MemoTarget['kind'], string> = { project: 'Project', code: 'Code', article: 'Article', coding: 'Coding' };

interface MemoSearchResultsProps {
  total: number;
  hits: MemoSearchHit[];
  onOpenMemo(hit: MemoSearchHit): void;
  onShowInArticle(hit: MemoSearchHit): void;
}

/** Memo hits in context, each saying what the memo belongs to; a click opens the memo, "Show" its article or passage. */
export function MemoSearchResults({ total, hits, onOpenMemo, onShowInArticle }: MemoSearchResultsProps) {
  return (
    <div className="search-results">
      <div className="search-summary-row">
        <p className="search-summary" data-testid="search-total">
          {plural(total, 'hit')} in memos{hits.length < total ? ` (first ${hits.length} listed)` : ''}
        </p>
      </div>
      <ol className="search-hits memo-hits">
        {hits.map((h, i) => (
          <li key={`${i}-${h.start}`} className="search-hit memo-hit" data-testid="memo-hit" data-memo-kind={h.target.kind}>
            <span className="memo-hit-kind">{KIND_LABEL[h.target.kind]}</span>
            <button type="button" className="search-hit-open" title="Open this memo" onClick={() => onOpenMemo(h)}>
              <span className="memo-hit-label" dir="auto">
                {h.label}
              </span>
              <KwicLine before={h.before} text={h.text} after={h.after} />
            </button>
            {h.articleId !== null && (
              <button type="button" className="link" onClick={() => onShowInArticle(h)}>
                Show
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
