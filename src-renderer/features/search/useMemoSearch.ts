import { api } from '../../api/api';
import type { SearchForm } from './searchSpec';
import { useLatestRun } from './useLatestRun';

const searchMemos = (form: SearchForm) =>
  api['memos.search']({
    query: form.query.trim(),
    mode: form.mode === 'regex' ? 'regex' : 'text',
    caseSensitive: form.caseSensitive,
    ignoreMarks: form.ignoreMarks,
    limit: 1000,
  });

/** Searches the plain text of every memo (`memos.search`); errors are kept to be shown in place, like the article search's. */
export function useMemoSearch() {
  const { result, problem, running, run } = useLatestRun(searchMemos);
  return { result, problem, running, run };
}
