import type { Code } from '../../../src-main/contract/types';

/**
 * Codes matching what the analyst typed, best first: exact name or path, then names starting with it, then
 * names with a word starting with it, then any name or path containing it. Order within a rank is codebook order.
 */
export function rankCodes(codes: readonly Code[], query: string, limit = 8): Code[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return codes.slice(0, limit);
  const scored: { code: Code; rank: number; order: number }[] = [];
  codes.forEach((code, order) => {
    const name = code.name.toLocaleLowerCase();
    const path = code.path.toLocaleLowerCase();
    let rank = -1;
    if (name === q || path === q) rank = 0;
    else if (name.startsWith(q) || path.startsWith(q)) rank = 1;
    else if (name.split(/[\s\-_]+/).some((w) => w.startsWith(q))) rank = 2;
    else if (name.includes(q) || path.includes(q)) rank = 3;
    if (rank >= 0) scored.push({ code, rank, order });
  });
  scored.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.code);
}

/** The code whose name or path is exactly what was typed (ignoring case and surrounding space), if any. */
export function exactCode(codes: readonly Code[], query: string): Code | undefined {
  const q = query.trim().toLocaleLowerCase();
  return codes.find((c) => c.path.toLocaleLowerCase() === q) ?? codes.find((c) => c.name.toLocaleLowerCase() === q);
}

/**
 * What creating the typed name would make: a top-level code, or with "Parent/Name" a sub-code of an existing
 * parent. Null when nothing sensible can be created.
 */
export function newCodeFor(codes: readonly Code[], query: string): { name: string; parent: Code | null } | null {
  const parts = query.split('/').map((p) => p.trim());
  const name = parts.pop() ?? '';
  if (!name || name.length > 200) return null;
  if (parts.length === 0) return { name, parent: null };
  const parentPath = parts.join('/').toLocaleLowerCase();
  const parent = codes.find((c) => c.path.toLocaleLowerCase() === parentPath);
  return parent ? { name, parent } : null;
}
