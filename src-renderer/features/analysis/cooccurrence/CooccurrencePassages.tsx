import type { CSSProperties } from 'react';
import type { Cooccurrence, CooccurrencePassage, CooccurrenceUnit } from '../../../../src-main/contract/types';
import { plural } from '../../../app/format';
import { useWorkbenchView } from '../../../app/workbenchView';
import { unitCount, type MatrixCell } from './CooccurrenceMatrix';
import { markedSegments } from './markedSegments';
import { useCooccurrencePassages } from './useCooccurrencePassages';

interface Props {
  cell: MatrixCell;
  data: Cooccurrence;
  rollUp: boolean;
  onClose(): void;
}

type CodeInfo = Cooccurrence['codes'][number];

/** The passages behind a matrix cell; a click opens the article in the reader with the passage highlighted. */
export function CooccurrencePassages({ cell, data, rollUp, onClose }: Props) {
  const { items, total, loading, error, loadMore } = useCooccurrencePassages(cell, data.unit, rollUp);
  const a = data.codes.find((c) => c.codeId === cell.codeA);
  const b = data.codes.find((c) => c.codeId === cell.codeB);
  if (!a || !b) return null;
  return (
    <section className="cooccurrence-passages" aria-label="Passages behind the selected cell" data-testid="cooccurrence-passages">
      <header className="passages-header">
        <h3>
          <CodeName code={a} /> <span className="muted">×</span> <CodeName code={b} />
        </h3>
        <span className="muted" data-testid="cooccurrence-passages-total">
          {total === null ? 'Loading…' : unitCount(total, data.unit)}
        </span>
        <button type="button" className="icon-button" aria-label="Close the passages" onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p role="alert">The passages could not be loaded: {error}</p>}
      <ol className="passage-list">
        {items.map((p, i) => (
          <PassageItem key={`${p.articleId}-${p.start}-${i}`} passage={p} unit={data.unit} a={a} b={b} />
        ))}
      </ol>
      {total !== null && items.length < total && (
        <button type="button" onClick={loadMore} disabled={loading}>
          Show more ({plural(total - items.length, 'more')})
        </button>
      )}
    </section>
  );
}

function CodeName({ code }: { code: CodeInfo }) {
  return (
    <span className="passages-code">
      <span className="analysis-swatch" style={{ background: code.color }} aria-hidden />
      <span dir="auto">{code.codePath}</span>
    </span>
  );
}

/** A code's colour as a translucent highlight, as in the reader. */
const tint = (color: string): CSSProperties => ({ background: `${color}40` });

function PassageItem({ passage: p, unit, a, b }: { passage: CooccurrencePassage; unit: CooccurrenceUnit; a: CodeInfo; b: CodeInfo }) {
  const { revealPassage } = useWorkbenchView();
  const first = p.codingsA[0] ?? p.codingsB[0];
  // An article-wide unit is the whole text: open it at the first coding instead.
  const target = unit === 'article' && first ? { articleId: p.articleId, start: first.start, end: first.end } : { articleId: p.articleId, start: p.start, end: p.end };
  return (
    <li className="passage-item" data-testid="cooccurrence-passage">
      <button type="button" className="passage-open" onClick={() => revealPassage(target)} data-testid="cooccurrence-passage-open">
        <span className="passage-title" dir="auto">
          {p.articleTitle}
        </span>
        {unit !== 'article' ? (
          <span className="passage-text" dir="auto" data-testid="cooccurrence-passage-text">
            {markedSegments(p.text, p.start, p.codingsA, p.codingsB).map((s, i) => (
              <span
                key={i}
                className={s.inA || s.inB ? 'passage-mark' : undefined}
                style={{ ...(s.inA ? tint(a.color) : {}), ...(s.inB ? { borderBottom: `2px solid ${b.color}` } : {}) }}
              >
                {s.text}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted passage-article-note">{plural(p.codingsA.length + p.codingsB.length, 'coding')} in this article</span>
        )}
      </button>
      {unit === 'article' && (
        <ul className="passage-codings">
          {[...p.codingsA.map((k) => ({ k, code: a })), ...p.codingsB.map((k) => ({ k, code: b }))].map(({ k, code }) => (
            <li key={`${code.codeId}-${k.codingId}`}>
              <button type="button" className="passage-coding" onClick={() => revealPassage({ articleId: p.articleId, start: k.start, end: k.end })}>
                <span className="analysis-swatch" style={{ background: code.color }} aria-hidden />
                <span dir="auto">{k.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
