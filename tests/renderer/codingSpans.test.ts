// Where codings sit in the reader: placed from code points into the DOM's UTF-16, found under a click, and the
// stretches where two or three of them overlap (which get their own highlight so stacked codings never read as one).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Coding } from '../../src-main/contract/types';
import { ArticleDoc } from '../../src-renderer/features/reader/articleDoc';
import { codingsAt, codingsBetween, overlapSegments, placeCodings, type PlacedCoding } from '../../src-renderer/features/reader/codingSpans';
import { nth } from '../core/present';

function coding(id: number, start: number, end: number): Coding {
  return { id, articleId: 1, codeId: id, codePath: `Code ${id}`, start, end, text: '', memo: '', coder: 'ana', createdAt: '', updatedAt: '' };
}

/** Spans given directly in UTF-16 (overlapSegments looks at nothing else). */
const placed = (spans: [number, number][]): PlacedCoding[] => spans.map(([start16, end16], i) => ({ coding: coding(i + 1, start16, end16), start16, end16 }));

describe('placeCodings', () => {
  test('turns code points into UTF-16 units: an emoji before a coding shifts it by its surrogate pairs', () => {
    // "👨‍👩‍👧 Gaza talks": the family is 5 code points but 8 UTF-16 units.
    const doc = new ArticleDoc('\u{1F468}\u200D\u{1F469}\u200D\u{1F467} Gaza talks');
    const [gaza, family] = [coding(1, 6, 10), coding(2, 0, 5)];
    const result = placeCodings(doc, [gaza, family]);
    assert.deepEqual(
      result.map((p) => [p.coding.id, p.start16, p.end16]),
      [
        [2, 0, 8],
        [1, 9, 13],
      ],
    );
    assert.equal(doc.text.slice(9, 13), 'Gaza');
  });

  test('sorts by start, then longest first, then id', () => {
    const doc = new ArticleDoc('x'.repeat(40));
    const result = placeCodings(doc, [coding(5, 10, 12), coding(3, 2, 8), coding(4, 2, 20), coding(1, 10, 12), coding(2, 0, 1)]);
    assert.deepEqual(
      result.map((p) => p.coding.id),
      [2, 4, 3, 1, 5],
    );
  });
});

describe('codingsAt (a click)', () => {
  const spans = placed([
    [0, 20],
    [5, 10],
    [10, 15],
    [30, 40],
  ]);

  test('both edges of a coding count as inside, innermost first', () => {
    assert.deepEqual(
      codingsAt(spans, 7).map((c) => c.id),
      [2, 1],
    );
    // At 10 the click touches the end of [5,10) and the start of [10,15): both, the shorter first (equal: stable).
    assert.deepEqual(
      codingsAt(spans, 10).map((c) => c.id),
      [2, 3, 1],
    );
    assert.deepEqual(
      codingsAt(spans, 0).map((c) => c.id),
      [1],
    );
    assert.deepEqual(
      codingsAt(spans, 40).map((c) => c.id),
      [4],
    );
    assert.deepEqual(codingsAt(spans, 25), []);
  });
});

describe('codingsBetween', () => {
  test('codings that intersect [from, to): touching at an edge is not intersecting', () => {
    const spans = placed([
      [0, 5],
      [5, 10],
      [8, 12],
      [12, 20],
    ]);
    assert.deepEqual(
      codingsBetween(spans, 5, 12).map((p) => p.coding.id),
      [2, 3],
    );
    assert.deepEqual(
      codingsBetween(spans, 0, 1).map((p) => p.coding.id),
      [1],
    );
  });
});

describe('overlapSegments', () => {
  type Span = [number, number];
  const cases: { what: string; spans: Span[]; double: Span[]; triple: Span[] }[] = [
    { what: 'two overlapping codings: the shared stretch is double; nothing triple', spans: [[0, 10], [5, 15]], double: [[5, 10]], triple: [] },
    { what: 'three nested codings: double where two or more, triple where three', spans: [[0, 10], [2, 8], [4, 6]], double: [[2, 8]], triple: [[4, 6]] },
    { what: 'ends are exclusive: codings that only touch do not overlap', spans: [[0, 5], [5, 10], [10, 12]], double: [], triple: [] },
    {
      what: 'the same passage coded twice is double over its whole length; an empty span counts for nothing',
      spans: [[3, 7], [3, 7], [5, 5]],
      double: [[3, 7]],
      triple: [],
    },
    {
      what: 'a chain of overlaps gives one double stretch per region, not one per pair',
      spans: [[0, 6], [4, 10], [8, 14], [20, 30], [25, 26]],
      double: [[4, 6], [8, 10], [25, 26]],
      triple: [],
    },
  ];
  for (const { what, spans, double, triple } of cases) {
    test(what, () => {
      assert.deepEqual(overlapSegments(placed(spans)), { double, triple });
    });
  }

  test('property: the stretches cover exactly the units under ≥2 (double) and ≥3 (triple) codings, without overlapping', () => {
    const spanArb = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 })).map(([s, len]): [number, number] => [s, s + len]);
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), (spans) => {
        const depth = new Array<number>(60).fill(0);
        for (const [s, e] of spans) for (let i = s; i < e; i++) depth[i] = nth(depth, i, `the depth of unit ${i}`) + 1;
        const unitsAtLeast = (min: number) => depth.flatMap((d, i) => (d >= min ? [i] : []));
        /** The units the stretches cover, checking they are non-empty, in order and disjoint (each unit painted once). */
        const covered = (stretches: [number, number][]) => {
          const units: number[] = [];
          let previousEnd = -1;
          for (const [s, e] of stretches) {
            assert.ok(s < e, `empty stretch [${s}, ${e})`);
            assert.ok(s >= previousEnd, `stretches overlap at ${s}`);
            previousEnd = e;
            for (let i = s; i < e; i++) units.push(i);
          }
          return units;
        };
        // In the reader's order (placeCodings sorts), and in any other: the sweep must not depend on it.
        const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
        for (const order of [sorted, spans]) {
          const { double, triple } = overlapSegments(placed(order));
          assert.deepEqual(covered(double), unitsAtLeast(2));
          assert.deepEqual(covered(triple), unitsAtLeast(3));
        }
      }),
      { numRuns: 500 },
    );
  });
});
