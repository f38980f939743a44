// Assertions for values a test expects to be there (a row of an export, an article of a report, a regex group):
// each fails the test with a message naming what was missing, and hands back the value with `undefined` ruled out,
// so the test goes on reading it without `!` or casts (noUncheckedIndexedAccess).
import assert from 'node:assert/strict';

/** `value`, failing the test when it is undefined: "<what> is missing". */
export function present<T>(value: T | undefined, what: string): T {
  assert.ok(value !== undefined, `${what} is missing`);
  return value;
}

/** `list[index]`, failing the test when the list is shorter: "<what> [index] is missing (n items)". */
export function item<T>(list: readonly T[], index: number, what: string): T {
  return present(list[index], `${what} [${index}] (of ${list.length})`);
}

type Tuple<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : Tuple<T, N, [...Acc, T]>;

/** The first `count` items of `list` as a tuple to destructure, failing the test when it has fewer. */
export function firstItems<T, N extends number>(list: readonly T[], count: N, what: string): Tuple<T, N> {
  assert.ok(list.length >= count, `${what}: expected at least ${count}, got ${list.length}`);
  // The length was just checked, which is what the tuple type states.
  return list.slice(0, count) as Tuple<T, N>;
}
