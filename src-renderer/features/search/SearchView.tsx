import { useCallback, useState } from 'react';
import { api } from '../../api/api';
import type { Code, MemoSearchHit, MemoTarget, SavedSearch, SearchHit } from '../../../src-main/contract/types';
import { useConfirm } from '../../app/ConfirmDialog';
import { formatNumber, plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { useWorkbenchView } from '../../app/workbenchView';
import { MemoDialog } from '../memos/MemoDialog';
import { CodeHitsBar } from './CodeHitsBar';
import { MemoSearchResults } from './MemoSearchResults';
import { SavedSearchList } from './SavedSearchList';
import { SaveSearchField } from './SaveSearchField';
import { SearchFormBar, type SearchScope } from './SearchFormBar';
import { SearchResults } from './SearchResults';
import { EMPTY_FORM, specOf, type SearchForm } from './searchSpec';
import { useCodeHits, type Widen } from './useCodeHits';
import { useHitSelection } from './useHitSelection';
import { useMemoSearch } from './useMemoSearch';
import { useSavedSearches } from './useSavedSearches';
import { useSearchRun, type SearchProblem } from './useSearchRun';
import './search.css';

/**
 * Search every article (full text or regular expression) and read the hits in context, grouped by article; code some
 * or all of them in one undoable step; save searches to run again; or search the memos instead.
 */
export function SearchView() {
  const { attempt, selectArticle } = useAppStore();
  const { revealPassage, setView } = useWorkbenchView();
  const [scope, setScope] = useState<SearchScope>('articles');
  const [form, setForm] = useState<SearchForm>(EMPTY_FORM);
  const search = useSearchRun();
  const memoSearch = useMemoSearch();
  const saved = useSavedSearches();
  const result = search.current?.result ?? null;
  const selection = useHitSelection(result);
  const coding = useCodeHits();
  const [confirm, confirmDialog] = useConfirm();
  const [openMemo, setOpenMemo] = useState<{ target: MemoTarget; title: string } | null>(null);

  const run = (f: SearchForm = form) => {
    if (!f.query.trim()) return;
    if (scope === 'memos') void memoSearch.run(f);
    else {
      coding.dismiss();
      void search.run(specOf(f));
    }
  };

  const runSaved = (s: SavedSearch) => {
    const next: SearchForm = { query: s.query, mode: s.mode, caseSensitive: s.caseSensitive, wholeWords: s.wholeWords, ignoreMarks: s.ignoreMarks };
    setScope('articles');
    setForm(next);
    coding.dismiss();
    void search.run(specOf(next));
  };

  const deleteSaved = async (s: SavedSearch) => {
    if (await confirm({ title: `Delete the saved search “${s.name}”?`, message: 'The search itself is gone; codings made from it stay.', confirmLabel: 'Delete', danger: true })) {
      await saved.remove(s.id);
    }
  };

  // With every listed hit ticked and more found than listed, the search itself is sent, so all its hits are coded.
  const hitsTarget = () =>
    !search.current
      ? null
      : selection.allSelected && result && result.totalHits > selection.listed.length
        ? { search: search.current.spec }
        : { hits: selection.picked.map(({ articleId, start, end }) => ({ articleId, start, end })) };

  /** `code` is an existing code, or the path of a new one (created with the batch, in its undo step). */
  const codeSelected = (code: Code | string, widen: Widen) => {
    const target = hitsTarget();
    if (!target) return;
    void coding.codeHits({ ...(typeof code === 'string' ? { codePath: code } : { codeId: code.id, codePath: code.path }), widen, target });
  };
  const previewSelected = (code: Code, widen: Widen) => {
    const target = hitsTarget();
    return target ? coding.preview({ codeId: code.id, codePath: code.path, widen, target }) : Promise.resolve(undefined);
  };

  const openHit = useCallback((h: SearchHit) => revealPassage({ articleId: h.articleId, start: h.start, end: h.end }), [revealPassage]);

  const showMemoInArticle = async (h: MemoSearchHit) => {
    if (h.articleId === null) return;
    if (h.target.kind === 'coding') {
      const codingId = h.target.id;
      const list = await attempt(() => api['codings.listForArticle']({ articleId: h.articleId! }));
      const coding = list?.codings.find((c) => c.id === codingId);
      if (coding) return revealPassage({ articleId: coding.articleId, start: coding.start, end: coding.end });
    }
    selectArticle(h.articleId);
    setView('code');
  };

  const problem: SearchProblem | null = scope === 'articles' ? search.problem : memoSearch.problem;

  return (
    <div className="search-view" data-testid="search-view">
      <header className="search-top">
        <SearchFormBar
          scope={scope}
          onScope={setScope}
          form={form}
          onForm={setForm}
          running={scope === 'articles' ? search.running : memoSearch.running}
          onRun={() => run()}
        />
        {scope === 'articles' && (
          <div className="search-saved-row">
            <SavedSearchList items={saved.items} onRun={runSaved} onDelete={(s) => void deleteSaved(s)} />
            <span className="spacer" />
            <SaveSearchField disabled={!form.query.trim()} onSave={async (name) => Boolean(await saved.save(name, specOf(form)))} />
          </div>
        )}
      </header>
      {problem && (
        <div className={`search-problem search-problem-${problem.code}`} role="alert" data-testid="search-error">
          {problem.code === 'timeout' && <strong>The search was stopped. </strong>}
          {problem.message}
        </div>
      )}
      {scope === 'articles' && result && (
        <>
          <div className="search-summary-row">
            <p className="search-summary" data-testid="search-total">
              {plural(result.totalHits, 'hit')} in {plural(result.articleCount, 'article')}
            </p>
            <span className="muted search-elapsed">in {formatNumber(Math.round(result.elapsedMs))} ms</span>
            {result.truncated && (
              <span className="search-truncated" data-testid="search-truncated">
                Only the first {formatNumber(selection.listed.length)} hits are listed; coding all of them codes all {formatNumber(result.totalHits)}.
              </span>
            )}
          </div>
          {result.totalHits > 0 && (
            <CodeHitsBar
              listed={selection.listed.length}
              selected={selection.picked.length}
              total={result.totalHits}
              allSelected={selection.allSelected}
              onSelectAll={selection.setAll}
              busy={coding.busy}
              onCode={codeSelected}
              onPreview={previewSelected}
              outcome={coding.outcome}
              onUndo={() => void coding.undo()}
              onDismiss={coding.dismiss}
            />
          )}
          <div className="search-scroll">
            {result.totalHits === 0 ? (
              <p className="placeholder">No article matches this search.</p>
            ) : (
              <SearchResults
                articles={result.articles}
                selected={selection.selected}
                onToggle={selection.toggle}
                onToggleArticle={selection.setArticle}
                onOpen={openHit}
              />
            )}
          </div>
        </>
      )}
      {scope === 'memos' && memoSearch.result && (
        <div className="search-scroll">
          <MemoSearchResults
            total={memoSearch.result.total}
            hits={memoSearch.result.hits}
            onOpenMemo={(h) => setOpenMemo({ target: h.target, title: `Memo: ${h.label}` })}
            onShowInArticle={(h) => void showMemoInArticle(h)}
          />
        </div>
      )}
      {!problem && ((scope === 'articles' && !result) || (scope === 'memos' && !memoSearch.result)) && (
        <p className="placeholder">{scope === 'articles' ? 'Search every article: type a query and press Enter.' : 'Search what you wrote in memos: type and press Enter.'}</p>
      )}
      {openMemo && <MemoDialog target={openMemo.target} title={openMemo.title} onClose={() => setOpenMemo(null)} />}
      {confirmDialog}
    </div>
  );
}
