// Sentences and paragraphs of a stored article, for widening search hits before they are coded and for counting
// codes that sit in the same paragraph. Offsets here are UTF-16 (the caller converts through contract/offsets);
// every boundary character is in the BMP, so a boundary can never fall inside a surrogate pair.

/**
 * Characters that end a sentence: . ! ? and the ellipsis, the Arabic question mark ؟ and semicolon ؛ (which in
 * Arabic prose often closes a clause-length sentence), the Arabic full stop ۔, the Hebrew sof pasuq ׃, and the
 * ideographic full stop.
 */
const SENTENCE_END = new Set(['.', '!', '?', '\u2026', '\u061f', '\u061b', '\u06d4', '\u05c3', '\u3002']);
/** Closing quotes and brackets that belong to the sentence they follow: «…» ”…“ and the rest. */
const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', '\u00bb', '\u203a', ')', ']', '}', '\u201c', '\u00ab']);

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

/**
 * True when a sentence ends just before `i`: after a terminator (and any closing quotes) that is followed by
 * white space or the end of the text. "3.5", "U.S.A" and "example.com" do not end sentences; "U.S. officials" does,
 * which is the usual price of not knowing every abbreviation.
 */
function sentenceEndsBefore(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && CLOSERS.has(text.charAt(j))) j--;
  if (j < 0 || !SENTENCE_END.has(text.charAt(j))) return false;
  return i >= text.length || isSpace(text.charAt(i));
}

/** The sentence (or sentences) around [start, end): from the start of the first to the end of the last, trimmed. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && text[s - 1] !== '\n' && !(isSpace(text[s - 1]) && sentenceEndsBefore(text, s - 1))) s--;
  let e = Math.max(end, s);
  // Extend to the end of the sentence the hit ends in, unless the hit already ends one.
  while (e < text.length && text[e] !== '\n' && !sentenceEndsBefore(text, e)) e++;
  return trimSpan(text, s, e, start, end);
}

/** The LF-delimited paragraph (or paragraphs) around [start, end), trimmed of surrounding white space. */
export function paragraphAround(text: string, start: number, end: number): { start: number; end: number } {
  const s = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
  // A hit that ends with its line break already ends its paragraph.
  const lf = text.indexOf('\n', end > start && text[end - 1] === '\n' ? end - 1 : end);
  const e = lf < 0 ? text.length : Math.max(lf, end);
  return trimSpan(text, s, e, start, end);
}

/** Trims white space at both edges without ever cutting into [keepStart, keepEnd). */
function trimSpan(text: string, s: number, e: number, keepStart: number, keepEnd: number): { start: number; end: number } {
  while (s < keepStart && isSpace(text[s])) s++;
  while (e > keepEnd && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Code-point spans [start, end) of the non-empty LF-delimited paragraphs of a text. */
export function paragraphSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let cp = 0;
  let paragraphStart = 0;
  for (const ch of text) {
    if (ch === '\n') {
      if (cp > paragraphStart) spans.push({ start: paragraphStart, end: cp });
      paragraphStart = cp + 1;
    }
    cp++;
  }
  if (cp > paragraphStart) spans.push({ start: paragraphStart, end: cp });
  return spans;
}
