/** A coding's vertical extent in the gutter, in pixels from the top of the page. */
export interface StripeExtent {
  top: number;
  bottom: number;
}

/**
 * Gives each stripe the lowest lane not taken by a stripe it overlaps vertically (interval colouring, greedy in
 * the given order, which is text order). Codings on the same lines thus always sit side by side, never on top
 * of each other, while unrelated codings further down reuse the first lanes.
 */
export function assignLanes(extents: readonly StripeExtent[], gap = 2): { lanes: number[]; laneCount: number } {
  const laneBottoms: number[] = [];
  const lanes = extents.map(({ top, bottom }) => {
    let lane = laneBottoms.findIndex((b) => b + gap <= top);
    if (lane < 0) {
      lane = laneBottoms.length;
      laneBottoms.push(bottom);
    } else {
      laneBottoms[lane] = bottom;
    }
    return lane;
  });
  return { lanes, laneCount: laneBottoms.length };
}
