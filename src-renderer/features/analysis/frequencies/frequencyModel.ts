import type { CodeCountRow, CodeCounts, CountGroup } from '../../../../src-main/contract/types';

export type Measure = 'codings' | 'articles' | 'per1000Words';

export const MEASURE_LABELS: Record<Measure, string> = {
  codings: 'Codings',
  articles: 'Articles',
  per1000Words: 'Per 1,000 words',
};

/** A table row: a code's counts in one group of articles, with the group's own size beside them. */
export interface FrequencyRow extends CodeCountRow {
  groupLabel: string;
  groupArticles: number;
  groupWords: number;
}

export function frequencyRows(counts: CodeCounts): FrequencyRow[] {
  const groups = new Map<string | null, CountGroup>(counts.groups.map((g) => [g.key, g]));
  return counts.rows.map((r) => {
    const g = groups.get(r.group);
    return { ...r, groupLabel: g?.label ?? '(no value)', groupArticles: g?.articles ?? 0, groupWords: g?.words ?? 0 };
  });
}

export function measureOf(row: CodeCountRow, measure: Measure): number {
  return measure === 'per1000Words' ? (row.per1000Words ?? 0) : row[measure];
}

const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat();
export function formatMeasure(value: number | null, measure: Measure): string {
  if (value === null) return '—';
  return measure === 'per1000Words' ? rateFormat.format(value) : countFormat.format(value);
}

export type SortKey = 'group' | 'code' | Measure;
export interface Sort {
  key: SortKey;
  descending: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows in the order the column headers ask for; ties keep the core's order (groups, then codebook order). */
export function sortRows(rows: FrequencyRow[], sort: Sort | null): FrequencyRow[] {
  if (!sort) return rows;
  const sign = sort.descending ? -1 : 1;
  const cmp = (a: FrequencyRow, b: FrequencyRow): number => {
    switch (sort.key) {
      case 'group':
        return collator.compare(a.groupLabel, b.groupLabel);
      case 'code':
        return collator.compare(a.codePath, b.codePath);
      default:
        return measureOf(a, sort.key) - measureOf(b, sort.key);
    }
  };
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => sign * cmp(a.row, b.row) || a.i - b.i)
    .map((x) => x.row);
}
