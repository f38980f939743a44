import type { SearchMode } from '../../../src-main/contract/types';
import { MODE_HINTS, type SearchForm } from './searchSpec';

export type SearchScope = 'articles' | 'memos';

interface SearchFormBarProps {
  scope: SearchScope;
  onScope(scope: SearchScope): void;
  form: SearchForm;
  onForm(form: SearchForm): void;
  running: boolean;
  onRun(): void;
}

const MEMO_HINTS: Record<SearchMode, string> = {
  fts: 'Finds the text as typed in every memo (projects, codes, articles, codings), ignoring case and vowel marks unless asked.',
  regex: 'A JavaScript regular expression over the memos’ plain text.',
};

/** The query, where to look (articles or memos), how to read the query, and its options. Enter runs it. */
export function SearchFormBar({ scope, onScope, form, onForm, running, onRun }: SearchFormBarProps) {
  const set = (change: Partial<SearchForm>) => onForm({ ...form, ...change });
  const regex = form.mode === 'regex';
  // Memo search reads its text mode like a regular expression's options; full-text rules do not apply there.
  const optionsApply = regex || scope === 'memos';
  return (
    <form
      className="search-form"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
    >
      <div className="search-scope" role="radiogroup" aria-label="Search in">
        {(['articles', 'memos'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={scope === s}
            className={scope === s ? 'search-scope-option active' : 'search-scope-option'}
            data-testid={`search-scope-${s}`}
            onClick={() => onScope(s)}
          >
            {s === 'articles' ? 'Articles' : 'Memos'}
          </button>
        ))}
      </div>
      <div className="search-query-row">
        <input
          type="search"
          dir="auto"
          className="search-input"
          data-testid="search-input"
          aria-label={scope === 'articles' ? 'Search the articles' : 'Search the memos'}
          placeholder={regex ? 'Regular expression' : scope === 'articles' ? 'Words, "phrases", prefix*, AND / OR / NOT' : 'Text in memos'}
          value={form.query}
          spellCheck={false}
          onChange={(e) => set({ query: e.target.value })}
        />
        <select aria-label="How to read the query" data-testid="search-mode" value={form.mode} onChange={(e) => set({ mode: e.target.value as SearchMode })}>
          <option value="fts">{scope === 'articles' ? 'Words (full text)' : 'Text'}</option>
          <option value="regex">Regular expression</option>
        </select>
        {/* Not disabled while a search runs: Enter with a corrected query starts the new search, which supersedes it. */}
        <button type="submit" className="primary" data-testid="search-run" disabled={!form.query.trim()} aria-busy={running}>
          {running ? 'Searching…' : 'Search'}
        </button>
      </div>
      <div className="search-options">
        <label className={optionsApply ? '' : 'disabled'}>
          <input type="checkbox" disabled={!optionsApply} checked={optionsApply && form.caseSensitive} data-testid="search-case" onChange={(e) => set({ caseSensitive: e.target.checked })} />
          Match case
        </label>
        {scope === 'articles' && (
          <label className={regex ? '' : 'disabled'}>
            <input type="checkbox" disabled={!regex} checked={regex && form.wholeWords} data-testid="search-whole-words" onChange={(e) => set({ wholeWords: e.target.checked })} />
            Whole words
          </label>
        )}
        <label className={optionsApply ? '' : 'disabled'}>
          <input
            type="checkbox"
            disabled={!optionsApply}
            checked={!optionsApply || form.ignoreMarks}
            data-testid="search-ignore-marks"
            onChange={(e) => set({ ignoreMarks: e.target.checked })}
          />
          Ignore Arabic/Hebrew vowel marks
        </label>
      </div>
      <p className="search-hint muted" data-testid="search-hint">
        {scope === 'articles' ? MODE_HINTS[form.mode] : MEMO_HINTS[form.mode]}
      </p>
    </form>
  );
}
