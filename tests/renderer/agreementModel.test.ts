// The agreement table's reading of α (the thresholds: ≥ .800 acceptable, ≥ .667 tentative) and its sort.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMeasure, formatPercent, ratingOf, sortRows, type CodeRow } from '../../src-renderer/features/agreement/agreementModel';

const row = (code: string, alpha: number | null): CodeRow => ({
  code,
  both: 0,
  xOnly: 0,
  yOnly: 0,
  neither: 0,
  percent: null,
  kappa: null,
  alpha,
  alphaU: null,
  matchedXY: { matched: 0, total: 0 },
  matchedYX: { matched: 0, total: 0 },
});

describe('agreement view model', () => {
  test('α is rated at the conventional thresholds, and undefined is its own rating', () => {
    assert.equal(ratingOf(0.8), 'acceptable');
    assert.equal(ratingOf(0.7999), 'tentative');
    assert.equal(ratingOf(0.667), 'tentative');
    assert.equal(ratingOf(0.6669), 'unacceptable');
    assert.equal(ratingOf(-0.2), 'unacceptable');
    assert.equal(ratingOf(null), 'undefined');
  });

  test('measures to three decimals, percent to one, an em dash where undefined', () => {
    assert.equal(formatMeasure(0.18397), '0.184');
    assert.equal(formatPercent(63 / 101), '62.4%');
    assert.equal(formatMeasure(null), '—');
  });

  test('sorting puts undefined measures last in either direction', () => {
    const rows = [row('B', 0.5), row('A', null), row('C', 0.9)];
    assert.deepEqual(sortRows(rows, { key: 'alpha', descending: false }).map((r) => r.code), ['B', 'C', 'A']);
    assert.deepEqual(sortRows(rows, { key: 'alpha', descending: true }).map((r) => r.code), ['C', 'B', 'A']);
    assert.deepEqual(sortRows(rows, { key: 'code', descending: false }).map((r) => r.code), ['A', 'B', 'C']);
  });
});
