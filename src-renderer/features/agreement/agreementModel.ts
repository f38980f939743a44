// What the agreement table shows: the conventional reading of Krippendorff's α (Krippendorff 2004: α ≥ .800 to rely
// on the data, ≥ .667 for tentative conclusions), numbers formatted alike everywhere, and the table's sort.
import type { AgreementReport } from '../../../src-main/contract/types';

export type Rating = 'acceptable' | 'tentative' | 'unacceptable' | 'undefined';

export function ratingOf(alpha: number | null | undefined): Rating {
  if (alpha === null || alpha === undefined) return 'undefined';
  if (alpha >= 0.8) return 'acceptable';
  if (alpha >= 0.667) return 'tentative';
  return 'unacceptable';
}

export const RATING_LABELS: Record<Rating, string> = {
  acceptable: 'acceptable (α ≥ .800)',
  tentative: 'tentative (.667 ≤ α < .800)',
  unacceptable: 'unacceptable (α < .667)',
  undefined: 'undefined (no units)',
};

/** A measure to three decimals, as reliability is reported; an em dash where it is undefined. */
export function formatMeasure(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toFixed(3);
}

export function formatPercent(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${(n * 100).toFixed(1)}%`;
}

export type CodeRow = AgreementReport['codes'][number];
export type SortKey = 'code' | 'percent' | 'kappa' | 'alpha' | 'alphaU' | 'alphaAll' | 'both' | 'xOnly' | 'yOnly' | 'neither';
export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** Sorted rows; undefined measures last whichever the direction, so they never pose as the best or worst. */
export function sortRows(rows: readonly CodeRow[], sort: Sort): CodeRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'code') return sign * a.code.localeCompare(b.code);
    const x = a[sort.key] ?? null;
    const y = b[sort.key] ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y) || a.code.localeCompare(b.code);
  });
}
