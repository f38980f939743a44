import { useState } from 'react';

/**
 * True on the render where any of `deps` differs (Object.is) from the previous render's; false on the first. For
 * state that starts over when something else changes: reset it right there, while rendering — React's pattern for
 * "adjusting some state when a prop changes" — rather than in an effect, which first paints the stale state and
 * then renders everything again.
 */
export function useChanged(...deps: unknown[]): boolean {
  const [seen, setSeen] = useState(deps);
  if (seen.length === deps.length && seen.every((d, i) => Object.is(d, deps[i]))) return false;
  setSeen(deps);
  return true;
}
