// Inter-coder agreement over code-point coverage: the measures content analysts report (percent agreement, Cohen's
// κ, Krippendorff's α for two or more coders, Krippendorff's unitizing αu) and a segment-level match share like
// MAXQDA's. Pure functions over spans (code points, end exclusive): no store, no SQL, so every formula is tested
// against hand-computed and published values on its own.
//
// The unit is each Unicode code point of an article's stored text. For one code and one article, coder X "codes"
// code point i when any of X's codings of that code covers i; overlapping or touching codings of one coder are
// therefore one run of coverage (a coder cannot disagree with themselves).

/** A coded span in code points, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** The four cells of the 2×2 table of two coders over the code points of one or more articles. */
export interface PairCounts {
  both: number;
  xOnly: number;
  yOnly: number;
  neither: number;
}

export interface AgreementFigures extends PairCounts {
  /** (both + neither) / N, in [0, 1]. */
  percent: number;
  /** Cohen's κ; 1 when the coders agree on every unit. */
  kappa: number;
  /** Krippendorff's α (binary, nominal); 1 when the coders never disagree. */
  alpha: number;
}

/**
 * Sorted, disjoint runs covering exactly the code points the spans cover inside [0, length). Touching spans merge:
 * coverage is a set of code points, so [0,5) and [5,9) are the same coverage as [0,9).
 */
export function coverageRuns(spans: readonly Span[], length: number, mergeTouching = true): Span[] {
  const clipped = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const runs: Span[] = [];
  for (const s of clipped) {
    const last = runs[runs.length - 1];
    if (last && (s.start < last.end || (mergeTouching && s.start === last.end))) last.end = Math.max(last.end, s.end);
    else runs.push({ ...s });
  }
  return runs;
}

function coveredLength(runs: readonly Span[]): number {
  let n = 0;
  for (const r of runs) n += r.end - r.start;
  return n;
}

/** Code points both run lists cover (both lists sorted and disjoint). */
function intersectionLength(a: readonly Span[], b: readonly Span[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x.start, y.start);
    const hi = Math.min(x.end, y.end);
    if (hi > lo) n += hi - lo;
    if (x.end <= y.end) i++;
    else j++;
  }
  return n;
}

/**
 * The 2×2 table of coders X and Y over an article of `length` code points. Linear in the number of spans, not in
 * the article's length, so a 300,000-character article costs what its codings cost.
 */
export function pairCounts(xSpans: readonly Span[], ySpans: readonly Span[], length: number): PairCounts {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`an article length is a whole number ≥ 0, not ${length}`);
  const x = coverageRuns(xSpans, length);
  const y = coverageRuns(ySpans, length);
  const both = intersectionLength(x, y);
  const xOnly = coveredLength(x) - both;
  const yOnly = coveredLength(y) - both;
  return { both, xOnly, yOnly, neither: length - both - xOnly - yOnly };
}

/** Pooled figures sum the four counts over the pairs first, then apply the formulas once. */
export function sumCounts(list: Iterable<PairCounts>): PairCounts {
  const sum: PairCounts = { both: 0, xOnly: 0, yOnly: 0, neither: 0 };
  for (const c of list) {
    sum.both += c.both;
    sum.xOnly += c.xOnly;
    sum.yOnly += c.yOnly;
    sum.neither += c.neither;
  }
  return sum;
}

function total(c: PairCounts): number {
  return c.both + c.xOnly + c.yOnly + c.neither;
}

/** (both + neither) / N; NaN when there are no units at all. */
export function percentAgreement(c: PairCounts): number {
  const n = total(c);
  return n === 0 ? Number.NaN : (c.both + c.neither) / n;
}

/**
 * Cohen's κ = (p_o − p_e) / (1 − p_e) with p_e = p_x·p_y + (1 − p_x)(1 − p_y); κ = 1 when p_o = 1 (the formula is
 * 0/0 there when both coders coded everything or nothing).
 */
export function cohenKappa(c: PairCounts): number {
  const n = total(c);
  if (n === 0) return Number.NaN;
  const po = (c.both + c.neither) / n;
  if (po === 1) return 1;
  const px = (c.both + c.xOnly) / n;
  const py = (c.both + c.yOnly) / n;
  const pe = px * py + (1 - px) * (1 - py);
  return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's α for two coders, binary nominal data, every code point a unit: with D = xOnly + yOnly, n = 2N,
 * n₁ = 2·both + D and n₀ = 2·neither + D, α = 1 − (n − 1)·D / (n₀·n₁); α = 1 when D = 0.
 */
export function krippendorffAlphaBinary(c: PairCounts): number {
  const n = 2 * total(c);
  if (n === 0) return Number.NaN;
  const d = c.xOnly + c.yOnly;
  if (d === 0) return 1;
  const n1 = 2 * c.both + d;
  const n0 = 2 * c.neither + d;
  return 1 - ((n - 1) * d) / (n0 * n1);
}

export function agreementFigures(c: PairCounts): AgreementFigures {
  return { ...c, percent: percentAgreement(c), kappa: cohenKappa(c), alpha: krippendorffAlphaBinary(c) };
}

/**
 * Krippendorff's α for nominal data from any number of coders with missing values: `units[u]` lists the values the
 * coders gave unit u (missing values left out). Units with fewer than two values are not pairable and drop out, as
 * Krippendorff defines it. α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k. NaN when fewer than two values are
 * pairable; 1 when there is no disagreement.
 */
export function krippendorffAlphaNominal<V>(units: Iterable<readonly V[]>): number {
  const coincidence = new Map<V, Map<V, number>>();
  const add = (c: V, k: V, w: number): void => {
    let row = coincidence.get(c);
    if (!row) coincidence.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
    }
  }
  const marginals = new Map<V, number>();
  let n = 0;
  let disagreeing = 0;
  for (const [c, row] of coincidence) {
    for (const [k, w] of row) {
      marginals.set(c, (marginals.get(c) ?? 0) + w);
      n += w;
      if (c !== k) disagreeing += w;
    }
  }
  if (n < 2) return Number.NaN;
  if (disagreeing < 1e-12) return 1;
  let expected = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) if (c !== k) expected += nc * nk;
  return 1 - ((n - 1) * disagreeing) / expected;
}

/**
 * Krippendorff's α over every code point for m ≥ 2 coders who all coded the article(s): binary values (covered or
 * not), so each code point contributes through how many of the m coders covered it. Equal to
 * `krippendorffAlphaNominal` over per-code-point values, computed from run boundaries instead of per code point.
 * `coders[r]` are coder r's spans per article (same article order for every coder), `lengths` the article lengths.
 */
export function krippendorffAlphaCoders(coders: readonly (readonly (readonly Span[])[])[], lengths: readonly number[]): number {
  const m = coders.length;
  if (m < 2) return Number.NaN;
  let o01 = 0; // coincidences of a covered value with an uncovered one, counted once per ordered pair (1,0)
  let n1 = 0;
  let n = 0;
  lengths.forEach((length, a) => {
    // Sweep the boundaries: between two consecutive boundaries every code point is covered by the same k coders.
    const events = new Map<number, number>();
    for (const coder of coders) {
      for (const run of coverageRuns(coder[a] ?? [], length)) {
        events.set(run.start, (events.get(run.start) ?? 0) + 1);
        events.set(run.end, (events.get(run.end) ?? 0) - 1);
      }
    }
    const points = [...events.keys(), 0, length].sort((p, q) => p - q);
    let k = 0;
    let previous = 0;
    for (const p of points) {
      if (p > previous) {
        const width = p - previous;
        o01 += (width * k * (m - k)) / (m - 1);
        n1 += width * k;
        n += width * m;
        previous = p;
      }
      k += events.get(p) ?? 0;
      events.delete(p);
    }
  });
  if (n < 2) return Number.NaN;
  if (o01 === 0) return 1;
  const n0 = n - n1;
  // Σ_{c≠k} o_ck = 2·o01 and Σ_{c≠k} n_c·n_k = 2·n0·n1, so the factors of 2 cancel.
  return 1 - ((n - 1) * o01) / (n0 * n1);
}

/** One coder's units of a category on one continuum, for αu. */
type Segment = { start: number; length: number; coded: boolean };

/** The continuum [0, length) cut into one coder's coded runs and the gaps between them. */
function segmentsOf(runs: readonly Span[], length: number): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  for (const r of runs) {
    if (r.start > pos) out.push({ start: pos, length: r.start - pos, coded: false });
    out.push({ start: r.start, length: r.end - r.start, coded: true });
    pos = r.end;
  }
  if (pos < length) out.push({ start: pos, length: length - pos, coded: false });
  return out;
}

/**
 * Krippendorff's squared distance between two segments of two coders (Krippendorff 1995; as DKPro Agreement's
 * `measureDistance`): two overlapping units differ by their squared start and end differences; a unit lying inside
 * the other coder's gap costs its squared length; anything else costs nothing.
 */
export function unitizingDistance(b1: number, l1: number, coded1: boolean, b2: number, l2: number, coded2: boolean): number {
  const beginDiff = b1 - b2;
  const lengthDiff = l1 - l2;
  if (coded1 && coded2 && -l1 < beginDiff && beginDiff < l2) return beginDiff * beginDiff + (beginDiff + lengthDiff) * (beginDiff + lengthDiff);
  if (coded1 && !coded2 && -lengthDiff >= beginDiff && beginDiff >= 0) return l1 * l1;
  if (!coded1 && coded2 && -lengthDiff <= beginDiff && beginDiff <= 0) return l2 * l2;
  return 0;
}

export interface UnitizingResult {
  /** Observed disagreement uD_o. */
  observed: number;
  /** Expected disagreement uD_e. */
  expected: number;
  /** αu = 1 − uD_o / uD_e; 1 when both are 0 and some coder coded something; NaN when nobody coded anything. */
  alphaU: number;
}

/**
 * Krippendorff's unitizing α (αu) for one category on one continuum of `length` code points, `raters[r]` being
 * coder r's spans (overlapping ones merged first, since αu needs each coder's units of a category to be disjoint). The formulas follow Krippendorff (1995, 2004) as DKPro Agreement's KrippendorffAlphaUnitizingAgreement
 * computes them per category, and reproduce its published test values. To pool several articles, call it with
 * the articles laid end to end (`concatenateContinua`).
 */
export function unitizingAlpha(raters: readonly (readonly Span[])[], length: number): UnitizingResult {
  const R = raters.length;
  const L = length;
  // Overlapping codings of one coder merge (αu needs a coder's units to be disjoint); touching ones stay two units,
  // since unitizing is about where units begin and end, and two adjacent quotes are two units.
  const runs = raters.map((spans) => coverageRuns(spans, length, false));
  const segments = runs.map((r) => segmentsOf(r, length));
  if (R < 2 || L === 0) return { observed: Number.NaN, expected: Number.NaN, alphaU: Number.NaN };

  // Observed: for each pair of coders, walk both segmentations together and add the distance of each pair of
  // segments that are current at the same position (each pair once), doubled for the ordered pairs.
  let observed = 0;
  for (let r1 = 0; r1 < R; r1++) {
    for (let r2 = r1 + 1; r2 < R; r2++) {
      const s1 = segments[r1]!;
      const s2 = segments[r2]!;
      let i = 0;
      let j = 0;
      while (i < s1.length && j < s2.length) {
        const a = s1[i]!;
        const b = s2[j]!;
        observed += unitizingDistance(a.start, a.length, a.coded, b.start, b.length, b.coded);
        const aEnd = a.start + a.length;
        const bEnd = b.start + b.length;
        if (aEnd <= bEnd) i++;
        if (bEnd <= aEnd) j++;
      }
    }
  }
  observed = (2 * observed) / (R * (R - 1) * L * L);

  // Expected: every unit against every gap of any coder that could hold it, and against the other units.
  const units = runs.flat().map((r) => r.end - r.start);
  const gaps = segments
    .flat()
    .filter((s) => !s.coded)
    .map((s) => s.length)
    .sort((p, q) => q - p);
  const nc = units.length;
  let squaredLengths = 0;
  for (const l of units) squaredLengths += l * (l - 1);
  let sum = 0;
  for (const l of units) {
    let fitting = 0;
    for (const g of gaps) {
      if (g < l) break;
      fitting += g - l + 1;
    }
    sum += ((nc - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * fitting;
  }
  const expected = ((2 / L) * sum) / (R * L * (R * L - 1) - squaredLengths);

  let alphaU: number;
  if (observed === expected) alphaU = observed === 0 ? (units.some((l) => l > 0) ? 1 : Number.NaN) : 0;
  else alphaU = 1 - observed / expected;
  return { observed, expected, alphaU };
}

/**
 * Lays several articles end to end as one continuum, shifting each coder's spans by the lengths before them, so αu
 * can be pooled over articles the way DKPro users pool documents. Returns the shifted spans per coder and the total.
 */
export function concatenateContinua(raters: readonly (readonly (readonly Span[])[])[], lengths: readonly number[]): { raters: Span[][]; length: number } {
  const shifted: Span[][] = raters.map(() => []);
  let offset = 0;
  lengths.forEach((length, a) => {
    raters.forEach((perArticle, r) => {
      for (const run of coverageRuns(perArticle[a] ?? [], length, false)) shifted[r]!.push({ start: run.start + offset, end: run.end + offset });
    });
    offset += length;
  });
  return { raters: shifted, length: offset };
}

/**
 * A segment-level view like MAXQDA's: of X's codings, how many Y matched, a match being a Y coding that overlaps
 * it by at least `threshold` of the longer of the two (so a long coding does not "match" a short fragment inside
 * it). Returns the count matched and the total; the share is matched / total.
 */
export function segmentMatches(xSpans: readonly Span[], ySpans: readonly Span[], threshold = 0.9): { matched: number; total: number } {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`an overlap threshold is in (0, 1], not ${threshold}`);
  let matched = 0;
  const ys = [...ySpans].sort((a, b) => a.start - b.start);
  for (const x of xSpans) {
    const xLen = x.end - x.start;
    if (xLen <= 0) continue;
    const hit = ys.some((y) => {
      if (y.start >= x.end || y.end <= x.start) return false;
      const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
      return overlap >= threshold * Math.max(xLen, y.end - y.start);
    });
    if (hit) matched++;
  }
  return { matched, total: xSpans.filter((x) => x.end > x.start).length };
}
