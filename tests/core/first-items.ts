// Destructuring a list a test expects to be long enough (`const [en, de] = firstItems(articles, 2, 'articles')`):
// the test fails naming what was short, and the names come out typed without `undefined` (noUncheckedIndexedAccess).
// Free of Gloss imports, like present.ts beside it.
import assert from 'node:assert/strict';

type Tuple<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : Tuple<T, N, [...Acc, T]>;

/** The first `count` items of `list` as a tuple to destructure, after asserting it has at least that many. */
export function firstItems<T, N extends number>(list: readonly T[], count: N, what: string): Tuple<T, N> {
  assert.ok(list.length >= count, `${what}: expected at least ${count}, got ${list.length}`);
  // The length was just checked, which is all the tuple type states.
  return list.slice(0, count) as Tuple<T, N>;
}
