// Coding stripes in the margin: a stripe takes the lowest lane no stripe it overlaps (vertically, with a gap) holds,
// so codings on the same lines sit side by side and unrelated ones further down reuse the first lanes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assignLanes, type StripeExtent } from '../../src-renderer/features/reader/stripeLanes';
import { nth } from '../core/present';

const ext = (top: number, bottom: number): StripeExtent => ({ top, bottom });

describe('assignLanes', () => {
  test('nothing to place: no lanes', () => {
    assert.deepEqual(assignLanes([]), { lanes: [], laneCount: 0 });
  });

  test('overlapping stripes sit side by side; a later stripe clear of them reuses lane 0', () => {
    assert.deepEqual(assignLanes([ext(0, 40), ext(10, 30), ext(20, 60), ext(100, 120)]), { lanes: [0, 1, 2, 0], laneCount: 3 });
  });

  test('the gap: stripes closer than it share no lane, stripes exactly that far apart do', () => {
    assert.deepEqual(assignLanes([ext(0, 20), ext(21, 30)]).lanes, [0, 1]);
    assert.deepEqual(assignLanes([ext(0, 20), ext(22, 30)]).lanes, [0, 0]);
    assert.deepEqual(assignLanes([ext(0, 20), ext(25, 30)], 6).lanes, [0, 1]);
    assert.deepEqual(assignLanes([ext(0, 20), ext(20, 30)], 0).lanes, [0, 0]);
  });

  test('the lowest free lane is taken, not the next one', () => {
    // Lane 0 frees up (ends at 10) before lane 1 does (ends at 50): the stripe at 30 goes back to lane 0.
    assert.deepEqual(assignLanes([ext(0, 10), ext(5, 50), ext(30, 40)]).lanes, [0, 1, 0]);
  });

  test('property (stripes in text order): stripes sharing a lane never come within the gap, and each lane is the lowest possible', () => {
    const extentArb = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 80 })).map(([top, h]) => ext(top, top + h));
    fc.assert(
      fc.property(fc.array(extentArb, { maxLength: 25 }), fc.integer({ min: 0, max: 6 }), (unsorted, gap) => {
        const extents = [...unsorted].sort((a, b) => a.top - b.top);
        const { lanes, laneCount } = assignLanes(extents, gap);
        assert.equal(lanes.length, extents.length);
        assert.equal(laneCount, lanes.length ? Math.max(...lanes) + 1 : 0);
        for (const [j, extent] of extents.entries()) {
          const lane = nth(lanes, j, `the lane of stripe ${j}`);
          for (const [i, earlier] of extents.slice(0, j).entries()) {
            if (lanes[i] === lane) assert.ok(earlier.bottom + gap <= extent.top, `stripes ${i} and ${j} collide in lane ${lane}`);
          }
          // Every lower lane was taken: an earlier stripe there is still within the gap of this one.
          for (let lower = 0; lower < lane; lower++) {
            const blocked = extents.some((e, i) => i < j && lanes[i] === lower && e.bottom + gap > extent.top);
            assert.ok(blocked, `stripe ${j} went to lane ${lanes[j]} although lane ${lower} was free`);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
