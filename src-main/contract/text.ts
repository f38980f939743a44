// The one rule for text a person types into Gloss (memos, code names and descriptions, attribute names and values,
// project, article and coder names, saved-search names): control characters other than tab and line feed are
// removed, and CR LF or a lone CR become a line feed. A NUL or an escape sequence pasted into a memo is invisible in
// the app, yet it would end a field early in R's or pandas' CSV reader, or recolour a terminal reading `gloss` output.
// Removed rather than refused: a memo pasted from a PDF or a terminal should be kept, not bounced over characters
// nobody can see. The contract's schemas apply it to every call; the stores apply it again for the CLI and imports.

// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** `text` without C0/C1 control characters other than tab and LF; CR LF and lone CR become LF. */
export function cleanText(text: string): string {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return lf.replace(CONTROL, '');
}

/**
 * The editor's rich form of a memo (its state as JSON): every string inside cleaned by the same rule, so the memo
 * shown in the app holds what the plain form holds. Text that is not JSON is left to the editor to refuse.
 */
export function cleanRichText(json: string): string {
  let changed = false;
  let state: unknown;
  try {
    state = JSON.parse(json, (_key, value: unknown) => {
      if (typeof value !== 'string') return value;
      const clean = cleanText(value);
      if (clean !== value) changed = true;
      return clean;
    });
  } catch {
    return json;
  }
  // Unchanged state keeps its text exactly as the editor wrote it.
  return changed ? JSON.stringify(state) : json;
}
