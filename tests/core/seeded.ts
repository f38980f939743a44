// Seeded randomness for generated test and benchmark data: the same seed gives the same data, so a failure (or a
// benchmark run) can be replayed. Free of Gloss imports so the benches can use it without loading the core.
import { at } from '../../src-main/contract/must';

/** mulberry32: a small, fast, good-enough seeded PRNG. Returns floats in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `xs`, chosen by `rand` (a value in [0, 1) always lands inside the list). */
export const pick = <T>(rand: () => number, xs: readonly T[]): T => at(xs, Math.floor(rand() * xs.length));
