// For values the code knows are there (an index inside the bounds it just checked, a key it just set) where the
// type system cannot tell (noUncheckedIndexedAccess): absence is a bug in Gloss, not bad input, and says so clearly.

/** `value`, or a thrown error naming `what` was missing. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Internal error: ${what} is missing.`);
  return value;
}

/** `list[index]`, which the caller knows is inside the list. */
export function at<T>(list: ArrayLike<T>, index: number): T {
  if (index < 0 || index >= list.length) throw new RangeError(`Internal error: index ${index} is outside 0..${list.length - 1}.`);
  return list[index] as T;
}
