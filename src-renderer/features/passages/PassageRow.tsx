import type { RetrievedPassage } from '../../../src-main/contract/types';

/** Context stops at the paragraph's edge: a line from the previous paragraph would read as part of the passage. */
function withinParagraph(before: string, after: string): { before: string; after: string; cutBefore: boolean; cutAfter: boolean } {
  const lf = before.lastIndexOf('\n');
  const end = after.indexOf('\n');
  return {
    before: lf >= 0 ? before.slice(lf + 1) : before,
    after: end >= 0 ? after.slice(0, end) : after,
    cutBefore: lf < 0 && before.length > 0,
    cutAfter: end < 0 && after.length > 0,
  };
}

interface PassageRowProps {
  passage: RetrievedPassage;
  top: number;
  height: number;
  onOpen(passage: RetrievedPassage): void;
  /** The coder's colour (coders as people), when known. */
  coderColour?: string;
}

/** One coded passage: where it is from and what code, the passage in its context, and the coding's memo. */
export function PassageRow({ passage: p, top, height, onOpen, coderColour }: PassageRowProps) {
  const context = withinParagraph(p.before, p.after);
  return (
    <li
      className="passage-row"
      data-testid="passage-row"
      data-coding-id={p.codingId}
      data-article-id={p.articleId}
      style={{ top, height }}
      tabIndex={0}
      aria-label={`${p.codePath} in ${p.articleTitle}: ${p.text}`}
      onClick={() => onOpen(p)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(p);
        }
      }}
    >
      <span className="passage-code-bar" style={{ backgroundColor: p.codeColor }} aria-hidden="true" />
      <div className="passage-body">
        <div className="passage-head">
          <span className="passage-code" title={p.codePath}>
            <span className="swatch" style={{ backgroundColor: p.codeColor }} aria-hidden="true" />
            {p.codePath}
          </span>
          <span className="passage-article" dir="auto" title={p.articleTitle}>
            {p.articleTitle}
          </span>
          <span className="passage-meta muted">
            {coderColour && <span className="coder-swatch" style={{ backgroundColor: coderColour }} aria-hidden="true" />}
            {p.coder} · {p.start}–{p.end}
          </span>
        </div>
        <p className="passage-text" dir="auto">
          <span className="passage-context">
            {context.cutBefore ? '…' : ''}
            {context.before}
          </span>
          <mark className="passage-coded">{p.text.replace(/\n+/g, ' ¶ ')}</mark>
          <span className="passage-context">
            {context.after}
            {context.cutAfter ? '…' : ''}
          </span>
        </p>
        {p.memo && (
          <p className="passage-memo" dir="auto" title={p.memo}>
            <span className="passage-memo-label">Memo</span> {p.memo.replace(/\n+/g, ' · ')}
          </p>
        )}
      </div>
    </li>
  );
}
