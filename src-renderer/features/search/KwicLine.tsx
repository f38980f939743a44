/** Context is cut at a line break: the next paragraph is not part of what the hit says. */
function sameParagraph(before: string, after: string): { before: string; after: string } {
  const lf = before.lastIndexOf('\n');
  const end = after.indexOf('\n');
  return { before: lf >= 0 ? before.slice(lf + 1) : before, after: end >= 0 ? after.slice(0, end) : after };
}

/**
 * A keyword-in-context line: the words before, then the hit and the words after, in two columns meeting where every
 * hit starts, so the hits of a list line up under one another. `dir="auto"` lets an Arabic or Hebrew line run right to left (its context then sits to the
 * hit's right), while the columns stay aligned.
 */
export function KwicLine({ before, text, after }: { before: string; text: string; after: string }) {
  const context = sameParagraph(before, after);
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
