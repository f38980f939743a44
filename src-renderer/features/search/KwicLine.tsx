/**
 * Context is cut at a line break: the next paragraph is not part of what the hit says. Context that the length
 * limit cut (`limit` code points asked for, all of them there, no line break) is cut back to a word's edge: a half
 * word ("to m") reads as a typo.
 */
export function sameParagraph(before: string, after: string, limit?: number): { before: string; after: string } {
  const lf = before.lastIndexOf('\n');
  const end = after.indexOf('\n');
  const cut = (s: string) => limit !== undefined && [...s].length >= limit;
  let b = lf >= 0 ? before.slice(lf + 1) : before;
  let a = end >= 0 ? after.slice(0, end) : after;
  if (lf < 0 && cut(before) && !/^\s/u.test(b)) {
    const edge = b.search(/\s/u);
    if (edge >= 0 && edge < b.length - 1) b = b.slice(edge + 1);
  }
  if (end < 0 && cut(after) && !/\s$/u.test(a)) {
    const edge = a.search(/\s\S*$/u);
    if (edge > 0) a = a.slice(0, edge);
  }
  return { before: b, after: a };
}

/**
 * A keyword-in-context line: the words before, then the hit and the words after, in two columns meeting where every
 * hit starts, so the hits of a list line up under one another. `dir="auto"` lets an Arabic or Hebrew line run right to left (its context then sits to the
 * hit's right), while the columns stay aligned.
 */
export function KwicLine({ before, text, after, contextLimit }: { before: string; text: string; after: string; contextLimit?: number }) {
  const context = sameParagraph(before, after, contextLimit);
  return (
    <span className="kwic" dir="auto">
      <span className="kwic-before">
        <span>{context.before}</span>
      </span>
      <span className="kwic-rest">
        <mark className="kwic-hit">{text.replace(/\n+/g, ' ¶ ')}</mark>
        <span className="kwic-after">{context.after}</span>
      </span>
    </span>
  );
}
