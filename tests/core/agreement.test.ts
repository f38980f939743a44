// Agreement measures against hand-computed cases, published values (Krippendorff 1995/2004 as DKPro Agreement's
// tests reproduce them, the Wikipedia α example, NVivo's documented percent example) and a direct per-code-point
// computation on random codings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  agreementFigures,
  cohenKappa,
  concatenateContinua,
  coverageRuns,
  krippendorffAlphaBinary,
  krippendorffAlphaCoders,
  krippendorffAlphaNominal,
  pairCounts,
  percentAgreement,
  segmentMatches,
  sumCounts,
  unitizingAlpha,
  unitizingDistance,
  type Span,
} from '../../src-main/core/team/agreement';

const close = (actual: number, expected: number, tolerance: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`);

/** Spans from a string of 0/1 per code point, e.g. "0011100". */
function spansOf(bits: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] !== '1') continue;
    const last = out[out.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else out.push({ start: i, end: i + 1 });
  }
  return out;
}

describe('pair counts over code points', () => {
  test('count every code point once, whatever the codings overlap', () => {
    // X: [2,6) and [4,8) overlap, so X covers 2..7; Y covers 5..9.
    const c = pairCounts(
      [
        { start: 2, end: 6 },
        { start: 4, end: 8 },
      ],
      [{ start: 5, end: 10 }],
      12,
    );
    assert.deepEqual(c, { both: 3, xOnly: 3, yOnly: 2, neither: 4 });
  });

  test('clip spans to the article and ignore empty ones', () => {
    assert.deepEqual(pairCounts([{ start: 8, end: 20 }, { start: 3, end: 3 }], [], 10), { both: 0, xOnly: 2, yOnly: 0, neither: 8 });
  });

  test('refuse a length that is not a count of code points', () => {
    assert.throws(() => pairCounts([], [], -1), /whole number/);
    assert.throws(() => pairCounts([], [], 2.5), /whole number/);
  });

  test('touching codings are one run of coverage; for αu only overlapping ones merge', () => {
    const spans = [
      { start: 0, end: 3 },
      { start: 3, end: 5 },
      { start: 4, end: 7 },
    ];
    assert.deepEqual(coverageRuns(spans, 10), [{ start: 0, end: 7 }]);
    assert.deepEqual(coverageRuns(spans, 10, false), [
      { start: 0, end: 3 },
      { start: 3, end: 7 },
    ]);
  });
});

describe('percent agreement, κ and α (two coders, binary)', () => {
  test("NVivo's documented example: 1,000 characters, 50 by both, 150 by one, 800 by neither → 85%", () => {
    const c = { both: 50, xOnly: 150, yOnly: 0, neither: 800 };
    assert.equal(percentAgreement(c), 0.85);
  });

  test('Krippendorff (1995) example A digitised: κ = 0.385, α = 0.329 (DKPro Agreement test values)', () => {
    // Bertha: 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
    // Bill:   0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
    const bertha = '001111111100001111110000';
    const bill = '000011110000000110000000';
    const c = pairCounts(spansOf(bertha), spansOf(bill), 24);
    assert.deepEqual(c, { both: 6, xOnly: 8, yOnly: 0, neither: 10 });
    close(cohenKappa(c), 0.385, 0.001, 'κ');
    close(krippendorffAlphaBinary(c), 0.329, 0.001, 'α');
  });

  test('hand-computed: both 3, xOnly 1, yOnly 2, neither 4', () => {
    // N = 10, p_o = 0.7, p_x = 0.4, p_y = 0.5, p_e = 0.2 + 0.3 = 0.5, κ = 0.2 / 0.5 = 0.4.
    // D = 3, n = 20, n1 = 9, n0 = 11, α = 1 − 19·3/99 = 0.424242…
    const c = { both: 3, xOnly: 1, yOnly: 2, neither: 4 };
    close(percentAgreement(c), 0.7, 1e-12);
    close(cohenKappa(c), 0.4, 1e-12);
    close(krippendorffAlphaBinary(c), 1 - 57 / 99, 1e-12);
  });

  test('perfect agreement is 1 for every measure, even when nobody or everybody coded', () => {
    for (const c of [
      { both: 0, xOnly: 0, yOnly: 0, neither: 7 },
      { both: 7, xOnly: 0, yOnly: 0, neither: 0 },
      { both: 2, xOnly: 0, yOnly: 0, neither: 5 },
    ]) {
      const f = agreementFigures(c);
      assert.deepEqual([f.percent, f.kappa, f.alpha], [1, 1, 1]);
    }
  });

  test('complete disagreement is below chance', () => {
    const f = agreementFigures({ both: 0, xOnly: 5, yOnly: 5, neither: 0 });
    assert.equal(f.percent, 0);
    assert.equal(f.kappa, -1);
    assert.ok(f.alpha < 0);
  });

  test('pooling sums the counts before applying the formula', () => {
    const a = { both: 1, xOnly: 0, yOnly: 0, neither: 9 };
    const b = { both: 0, xOnly: 2, yOnly: 0, neither: 8 };
    const pooled = sumCounts([a, b]);
    assert.deepEqual(pooled, { both: 1, xOnly: 2, yOnly: 0, neither: 17 });
    close(percentAgreement(pooled), 18 / 20, 1e-12);
  });

  test('no units: NaN, not a made-up number', () => {
    assert.ok(Number.isNaN(percentAgreement({ both: 0, xOnly: 0, yOnly: 0, neither: 0 })));
    assert.ok(Number.isNaN(cohenKappa({ both: 0, xOnly: 0, yOnly: 0, neither: 0 })));
  });

  test('property: the figures equal a direct per-code-point computation', () => {
    const spanArb = (n: number) => fc.array(fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })), { maxLength: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.constant(n), spanArb(n), spanArb(n))),
        ([n, xs, ys]) => {
          const cover = (spans: Span[]) => Array.from({ length: n }, (_, i) => spans.some((s) => s.start <= i && i < s.end));
          const x = cover(xs);
          const y = cover(ys);
          let both = 0, xOnly = 0, yOnly = 0, neither = 0; // prettier-ignore
          for (let i = 0; i < n; i++) {
            if (x[i] && y[i]) both++;
            else if (x[i]) xOnly++;
            else if (y[i]) yOnly++;
            else neither++;
          }
          const c = pairCounts(xs, ys, n);
          assert.deepEqual(c, { both, xOnly, yOnly, neither });
          // α from the general nominal definition over the same per-code-point values.
          const units = Array.from({ length: n }, (_, i) => [x[i], y[i]]);
          const direct = krippendorffAlphaNominal(units);
          const alpha = krippendorffAlphaBinary(c);
          if (Number.isNaN(direct)) assert.ok(Number.isNaN(alpha));
          else close(alpha, direct, 1e-9, 'α');
          const po = (both + neither) / n;
          const px = (both + xOnly) / n;
          const py = (both + yOnly) / n;
          const pe = px * py + (1 - px) * (1 - py);
          close(cohenKappa(c), po === 1 ? 1 : (po - pe) / (1 - pe), 1e-9, 'κ');
          close(percentAgreement(c), po, 1e-12, 'percent');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("Krippendorff's α for any number of coders", () => {
  test('the Wikipedia worked example (3 coders, 15 units, missing values): nominal α = 0.691', () => {
    const A = [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3];
    const B = [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null];
    const C = [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4];
    const units = A.map((_, u) => [A[u], B[u], C[u]].filter((v): v is number => v !== null));
    close(krippendorffAlphaNominal(units), 0.691, 0.0005);
  });

  test('per-code-point α for m coders equals the nominal definition over every code point', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('0', '1'), { minLength: 12, maxLength: 12 }), { minLength: 2, maxLength: 4 }), (rows) => {
        const bits = rows.map((r) => r.join(''));
        const fast = krippendorffAlphaCoders(bits.map((b) => [spansOf(b)]), [12]);
        const direct = krippendorffAlphaNominal(Array.from({ length: 12 }, (_, i) => bits.map((b) => b[i])));
        if (Number.isNaN(direct)) assert.ok(Number.isNaN(fast));
        else close(fast, direct, 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  test('for two coders it is the two-coder binary α', () => {
    const x = spansOf('001111111100001111110000');
    const y = spansOf('000011110000000110000000');
    close(krippendorffAlphaCoders([[x], [y]], [24]), krippendorffAlphaBinary(pairCounts(x, y, 24)), 1e-12);
  });
});

describe("Krippendorff's unitizing α (αu), against DKPro Agreement's published test values", () => {
  test('distance metric (Krippendorff 2004)', () => {
    assert.equal(unitizingDistance(2, 3, false, 2, 2, true) + unitizingDistance(5, 6, true, 4, 7, false), 40);
    assert.equal(unitizingDistance(5, 6, true, 4, 2, true), 26);
    assert.equal(unitizingDistance(5, 6, true, 5, 2, true), 16);
    assert.equal(unitizingDistance(5, 6, true, 7, 2, true), 8);
    assert.equal(unitizingDistance(5, 6, true, 6, 4, true), 2);
    assert.equal(unitizingDistance(225, 70, true, 220, 80, true), 50);
    assert.equal(unitizingDistance(370, 30, true, 355, 20, true), 850);
    assert.equal(unitizingDistance(400, 50, false, 400, 20, true), 400);
    assert.equal(unitizingDistance(1, 8, true, 2, 1, true), 37);
    assert.equal(unitizingDistance(1, 8, true, 3, 1, false), 0);
  });

  // Krippendorff (2004: p. 254): a continuum from 150 to 450, two observers, categories c and k.
  const shift = (b: number, l: number): Span => ({ start: b - 150, end: b - 150 + l });
  test('Krippendorff (2004) example, category c: uDo 0.0144, uDe 0.0532, αu 0.7286', () => {
    const r = unitizingAlpha([[shift(225, 70), shift(370, 30)], [shift(220, 80), shift(355, 20), shift(400, 20)]], 300);
    close(r.observed, 0.0144, 0.0001, 'uDo');
    close(r.expected, 0.0532, 0.0001, 'uDe');
    close(r.alphaU, 0.7286, 0.0001, 'αu');
  });

  test('same example, category k: no observed disagreement, αu 1', () => {
    const k = [shift(180, 60), shift(300, 50)];
    const r = unitizingAlpha([k, k], 300);
    close(r.observed, 0, 0.0001);
    close(r.expected, 0.049, 0.0001);
    assert.equal(r.alphaU, 1);
  });

  test('one long unit against three short ones: uDo 0.9100, uDe 0.5351, αu −0.7003', () => {
    // r0: -11111111-   r1: --1-1-1---
    const r = unitizingAlpha([[{ start: 1, end: 9 }], [{ start: 2, end: 3 }, { start: 4, end: 5 }, { start: 6, end: 7 }]], 10);
    close(r.observed, 0.91, 0.0001, 'uDo');
    close(r.expected, 0.5351, 0.0001, 'uDe');
    close(r.alphaU, -0.7003, 0.0001, 'αu');
  });

  test('nobody coded anything: NaN', () => {
    assert.ok(Number.isNaN(unitizingAlpha([[], []], 20).alphaU));
  });

  test('pooling lays articles end to end', () => {
    const { raters, length } = concatenateContinua(
      [
        [[{ start: 1, end: 3 }], [{ start: 0, end: 2 }]],
        [[{ start: 1, end: 3 }], []],
      ],
      [5, 4],
    );
    assert.equal(length, 9);
    assert.deepEqual(raters, [
      [
        { start: 1, end: 3 },
        { start: 5, end: 7 },
      ],
      [{ start: 1, end: 3 }],
    ]);
  });
});

describe('segment matches (MAXQDA-style)', () => {
  test('a coding matches when the overlap reaches the threshold of the longer span', () => {
    const x = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
      { start: 40, end: 50 },
    ];
    const y = [
      { start: 0, end: 10 }, // exact
      { start: 21, end: 30 }, // 90% of the longer
      { start: 40, end: 45 }, // half
    ];
    assert.deepEqual(segmentMatches(x, y, 0.9), { matched: 2, total: 3 });
    assert.deepEqual(segmentMatches(x, y, 0.5), { matched: 3, total: 3 });
    assert.throws(() => segmentMatches(x, y, 0), /threshold/);
  });
});
