// The one rule for code paths, used wherever a path is typed or shown (the app's code picker, + New code, the batch
// "Code N hits" dialog, the CLI's --code, search and retrieval, exports that print a path) and by the core that
// finds and creates codes along a path. It lives in the contract because the renderer, the hosts and the core all
// need it, and a second copy would drift.
//
// A path is code names joined by "/": "Frames/Humanitarian". A name may itself hold a "/" ("Aid/relief" as one
// code): written in a path it is escaped as "\/", and a backslash in a name as "\\". Any other backslash is kept as
// it is, so a name such as "C:\temp" typed without doubling still reads as one literal name.

/** Separates the levels of a path. */
export const CODE_PATH_SEPARATOR = '/';

/** A code name as it is written inside a path: "\" → "\\", "/" → "\/". */
export function escapeCodeName(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

/** The path of a code whose names from the top level down are `names`. */
export function joinCodePath(names: readonly string[]): string {
  return names.map(escapeCodeName).join(CODE_PATH_SEPARATOR);
}

/**
 * The names a typed path stands for, each trimmed: "Frames/Humanitarian" → ["Frames", "Humanitarian"],
 * "Aid\/relief" → ["Aid/relief"], "A\\/B" → ["A\", "B"]. Empty levels stay empty strings so the caller can refuse
 * them with its own words ("Frames//X", "/X").
 */
export function splitCodePath(path: string): string[] {
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '\\' && (path[i + 1] === '/' || path[i + 1] === '\\')) {
      current += path[i + 1];
      i++;
    } else if (ch === CODE_PATH_SEPARATOR) {
      names.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  names.push(current.trim());
  return names;
}

/** The same path written the one way Gloss shows it (escapes normalised, spaces around levels trimmed). */
export function normaliseCodePath(path: string): string {
  return joinCodePath(splitCodePath(path));
}

/**
 * Why a typed path is not one, in plain words for the field it was typed in, or null when it is fine. `maxName` is
 * the longest name a level may have.
 */
export function codePathProblem(path: string, maxName = 200): string | null {
  if (!path.trim()) return 'Type a code name.';
  const names = splitCodePath(path);
  if (names.some((n) => n.length === 0)) {
    return names.length === 1
      ? 'Type a code name.'
      : `"${path.trim()}" is not a code path: it has an empty level (each name between "/" signs needs text; type \\/ for a "/" inside a name).`;
  }
  const long = names.find((n) => n.length > maxName);
  if (long !== undefined) return `A code name can be at most ${maxName} characters ("${long.slice(0, 40)}…" has ${long.length}).`;
  return null;
}
