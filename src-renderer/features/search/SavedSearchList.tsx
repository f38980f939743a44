import type { SavedSearch } from '../../../src-main/contract/types';

interface SavedSearchListProps {
  items: SavedSearch[];
  onRun(item: SavedSearch): void;
  onDelete(item: SavedSearch): void;
}

function describe(s: SavedSearch): string {
  const options = s.mode === 'regex' ? [s.caseSensitive && 'match case', s.wholeWords && 'whole words', s.ignoreMarks && 'ignoring marks'].filter(Boolean) : [];
  return `${s.mode === 'fts' ? 'Words' : 'Regular expression'}: ${s.query}${options.length ? ` (${options.join(', ')})` : ''}`;
}

/** Saved searches as chips: a click fills the form and runs it again; × deletes it. */
export function SavedSearchList({ items, onRun, onDelete }: SavedSearchListProps) {
  if (items.length === 0) return null;
  return (
    <div className="saved-searches">
      <span className="saved-searches-label muted">Saved:</span>
      <ul aria-label="Saved searches">
        {items.map((s) => (
          <li key={s.id} className="saved-search" data-testid="saved-search" data-saved-search-name={s.name}>
            <button type="button" className="saved-search-run" title={describe(s)} onClick={() => onRun(s)}>
              {s.name}
            </button>
            <button type="button" className="saved-search-delete" aria-label={`Delete the saved search ${s.name}`} data-testid="saved-search-delete" onClick={() => onDelete(s)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
