// The page runs under `style-src 'self'`, so per-code colours cannot be written into a <style> element or a style
// attribute string. A constructable stylesheet is CSSOM, which the policy allows, and one sheet is shared by every
// reader instance and replaced whole when the codebook's colours change.

export const codeHighlightName = (codeId: number): string => `gloss-code-${codeId}`;

/** Used when a coding's code has vanished from the loaded codebook (deleted elsewhere, not yet reloaded). */
export const FALLBACK_COLOR = '#888888';

let sheet: CSSStyleSheet | null = null;
let lastRules = '';

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  const n = parseInt(m?.[1] ?? FALLBACK_COLOR.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Semi-transparent fills blend where codings stack, so two codes on one passage show as a visibly different
 * mixed colour rather than as whichever was painted last.
 */
export function highlightFill(hex: string, alpha = 0.32): string {
  const [r, g, b] = rgb(hex);
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

export function setCodeHighlightColors(codes: readonly { id: number; color: string }[]): void {
  // Colours come from the project file; only #rrggbb is ever turned into CSS, so nothing else can be injected.
  const rules = codes
    .map((c) => `::highlight(${codeHighlightName(c.id)}) { background-color: ${highlightFill(c.color)}; }`)
    .join('\n');
  if (rules === lastRules && sheet) return;
  lastRules = rules;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(rules);
}
