// Presence assertions for tests (re-exported by helpers.ts). Free of Gloss imports so renderer tests and benches can
// use them without loading the core.
import assert from 'node:assert/strict';

/**
 * `value`, after asserting it is there: the test fails naming `what` was missing (a row, a list entry, a regex group)
 * instead of with a TypeError further on. For indexes and lookups the type system cannot prove (noUncheckedIndexedAccess).
 */
export function present<T>(value: T | null | undefined, what: string): T {
  assert.ok(value !== undefined && value !== null, `${what} is missing`);
  return value;
}

/** `list[index]`, after asserting the list is long enough; the failure names `what` and the list's length. */
export function nth<T>(list: ArrayLike<T>, index: number, what: string): T {
  assert.ok(Number.isInteger(index) && index >= 0 && index < list.length, `${what} is missing: index ${index} of a list of ${list.length}`);
  // In range, so the entry is the list's own (which may itself be null): the cast only restates the check above.
  return list[index] as T;
}

type Tuple<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : Tuple<T, N, [...Acc, T]>;

/**
 * The first `count` items of `list` as a tuple to destructure (`const [en, de] = firstItems(articles, 2, 'articles')`),
 * after asserting it has at least that many: the names come out typed without `undefined`.
 */
export function firstItems<T, N extends number>(list: readonly T[], count: N, what: string): Tuple<T, N> {
  assert.ok(list.length >= count, `${what}: expected at least ${count}, got ${list.length}`);
  // The length was just checked, which is all the tuple type states.
  return list.slice(0, count) as Tuple<T, N>;
}
