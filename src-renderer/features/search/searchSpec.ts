import type { SearchHit, SearchMode, SearchSpec } from '../../../src-main/contract/types';

/** What the search form holds: the query and its options, whichever scope they are run against. */
export interface SearchForm {
  query: string;
  mode: SearchMode;
  caseSensitive: boolean;
  wholeWords: boolean;
  ignoreMarks: boolean;
}

export const EMPTY_FORM: SearchForm = { query: '', mode: 'fts', caseSensitive: false, wholeWords: false, ignoreMarks: true };

/** Options that only regular expressions take: full-text search always ignores case and marks and matches words. */
export function specOf(form: SearchForm): SearchSpec {
  const query = form.query.trim();
  if (form.mode === 'fts') return { query, mode: 'fts' };
  return { query, mode: 'regex', caseSensitive: form.caseSensitive, wholeWords: form.wholeWords, ignoreMarks: form.ignoreMarks };
}

export const hitKey = (h: Pick<SearchHit, 'articleId' | 'start' | 'end'>): string => `${h.articleId}:${h.start}:${h.end}`;

export const MODE_HINTS: Record<SearchMode, string> = {
  fts: 'Words, "exact phrases", prefix* and AND / OR / NOT with (brackets); always ignores case, accents and Arabic/Hebrew vowel marks.',
  regex: 'A JavaScript regular expression, e.g. \\bcease-?fire\\b or hostages?|captives?; stopped after 2 seconds if it runs away.',
};
