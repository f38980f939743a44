import type { Code } from '../../../src-main/contract/types';
import { codePathProblem, joinCodePath, normaliseCodePath, splitCodePath } from '../../../src-main/contract/codePath';

/**
 * Codes matching what the analyst typed, best first: exact name or path, then names starting with it, then
 * names with a word starting with it, then any name or path containing it. Order within a rank is codebook order.
 * Every match is returned (the picker scrolls): a limit here once made the ninth code of a codebook unreachable.
 */
export function rankCodes(codes: readonly Code[], query: string, limit = Number.POSITIVE_INFINITY): Code[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return codes.slice(0, limit);
  // A typed path is compared in the one form paths are shown in ("Frames / Aid" → "Frames/Aid").
  const qPath = normaliseCodePath(query).toLocaleLowerCase();
  const scored: { code: Code; rank: number; order: number }[] = [];
  codes.forEach((code, order) => {
    const name = code.name.toLocaleLowerCase();
    const path = code.path.toLocaleLowerCase();
    let rank = -1;
    if (name === q || path === qPath) rank = 0;
    else if (name.startsWith(q) || path.startsWith(qPath)) rank = 1;
    else if (name.split(/[\s\-_]+/).some((w) => w.startsWith(q))) rank = 2;
    else if (name.includes(q) || path.includes(q) || path.includes(qPath)) rank = 3;
    if (rank >= 0) scored.push({ code, rank, order });
  });
  scored.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.code);
}

/** The code whose path or name is exactly what was typed (ignoring case and surrounding space), if any. */
export function exactCode(codes: readonly Code[], query: string): Code | undefined {
  const qPath = normaliseCodePath(query).toLocaleLowerCase();
  const q = query.trim().toLocaleLowerCase();
  return codes.find((c) => c.path.toLocaleLowerCase() === qPath) ?? codes.find((c) => c.name.toLocaleLowerCase() === q);
}

export interface NewCodePath {
  /** The path to create, written by the one rule (contract/codePath.ts). */
  path: string;
  /** Levels of the path that do not exist yet and are created along with it (the last one included). */
  missing: string[];
}

/**
 * What creating the typed path would make: "Frames/Humanitarian" makes Frames too when it does not exist yet
 * (as the CLI's --code does). Null when the text is not a path (an empty level) or names an existing code.
 */
export function newCodeFor(codes: readonly Code[], query: string): NewCodePath | null {
  if (codePathProblem(query) !== null) return null;
  const names = splitCodePath(query);
  const paths = new Set(codes.map((c) => c.path.toLocaleLowerCase()));
  const missing: string[] = [];
  names.forEach((name, i) => {
    if (!paths.has(joinCodePath(names.slice(0, i + 1)).toLocaleLowerCase())) missing.push(name);
  });
  if (missing.length === 0) return null;
  // Existing levels are written as the codebook spells them.
  const spelled = names.map((name, i) => {
    const existing = codes.find((c) => c.path.toLocaleLowerCase() === joinCodePath(names.slice(0, i + 1)).toLocaleLowerCase());
    return existing ? existing.name : name;
  });
  return { path: joinCodePath(spelled), missing };
}
