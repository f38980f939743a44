/** Beyond this many matches the count says "10000+" rather than painting a highlight per match forever. */
export const MAX_MATCHES = 10_000;

export interface Match {
  start16: number;
  end16: number;
}

/**
 * Case-insensitive literal search over the stored text, in UTF-16 offsets. A Unicode-aware regular expression is
 * used instead of lower-casing both sides because lower-casing can change a string's length (İ becomes i + a
 * combining dot), which would shift every offset after it.
 */
export function findMatches(text: string, query: string): { matches: Match[]; capped: boolean } {
  if (!query) return { matches: [], capped: false };
  // Only syntax characters are escaped: under the u flag an escaped "-" (or any other identity escape) is a
  // SyntaxError, which made a search for "cease-fire" throw.
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'giu');
  const matches: Match[] = [];
  for (const m of text.matchAll(pattern)) {
    if (matches.length >= MAX_MATCHES) return { matches, capped: true };
    matches.push({ start16: m.index, end16: m.index + m[0].length });
  }
  return { matches, capped: false };
}
