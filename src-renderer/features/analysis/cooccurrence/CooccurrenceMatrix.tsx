import type { Cooccurrence, CooccurrenceUnit } from '../../../../src-main/contract/types';
import { at } from '../../../../src-main/contract/must';
import { formatNumber } from '../../../app/format';
import { heatColour } from './heatColor';

export interface MatrixCell {
  codeA: number;
  codeB: number;
}

const UNIT_NOUN: Record<CooccurrenceUnit, [string, string]> = {
  overlap: ['overlapping pair', 'overlapping pairs'],
  paragraph: ['paragraph', 'paragraphs'],
  article: ['article', 'articles'],
};
const DIAGONAL_NOUN: Record<CooccurrenceUnit, string> = {
  overlap: 'codings',
  paragraph: 'paragraphs with it',
  article: 'articles with it',
};

export function unitCount(n: number, unit: CooccurrenceUnit): string {
  const [one, many] = UNIT_NOUN[unit];
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

interface Props {
  data: Cooccurrence;
  /** Indices into data.codes of the codes shown, in order. */
  shown: number[];
  selected: MatrixCell | null;
  onSelect(cell: MatrixCell): void;
}

/** Codes × codes; each off-diagonal cell is a button that lists the passages behind its count. */
export function CooccurrenceMatrix({ data, shown, selected, onSelect }: Props) {
  // The matrix is square over data.codes, and `shown` indexes into it.
  const axis = shown.map((index) => ({ index, code: at(data.codes, index), counts: at(data.matrix, index) }));
  let max = 0;
  for (const row of axis) for (const col of axis) if (row.index !== col.index) max = Math.max(max, at(row.counts, col.index));
  return (
    <div className="matrix-wrap">
      <table className="cooccurrence-matrix" data-testid="cooccurrence-matrix">
        <thead>
          <tr>
            <td className="matrix-corner" />
            {axis.map(({ code }) => (
              <th key={code.codeId} scope="col" className="matrix-col-head" title={code.codePath}>
                <span className="matrix-col-label">
                  <span className="analysis-swatch" style={{ background: code.color }} aria-hidden />
                  <span dir="auto">{lastSegment(code.codePath)}</span>
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {axis.map((row) => (
            <tr key={row.code.codeId}>
              <th scope="row" className="matrix-row-head" title={row.code.codePath}>
                <span className="analysis-swatch" style={{ background: row.code.color }} aria-hidden />
                <span dir="auto">{row.code.codePath}</span>
              </th>
              {axis.map((col) => {
                const n = at(row.counts, col.index);
                const a = row.code;
                const b = col.code;
                if (row.index === col.index) {
                  return (
                    <td key={b.codeId} className="matrix-diagonal" title={`${a.codePath}: ${formatNumber(n)} ${DIAGONAL_NOUN[data.unit]}`}>
                      {formatNumber(n)}
                    </td>
                  );
                }
                const heat = heatColour(n, max);
                const isSelected = selected !== null && selected.codeA === a.codeId && selected.codeB === b.codeId;
                return (
                  <td key={b.codeId} className="matrix-cell" style={heat ?? undefined}>
                    <button
                      type="button"
                      className={isSelected ? 'matrix-button selected' : 'matrix-button'}
                      aria-pressed={isSelected}
                      aria-label={`${a.codePath} and ${b.codePath}: ${unitCount(n, data.unit)}`}
                      title={`${a.codePath} × ${b.codePath}: ${unitCount(n, data.unit)}`}
                      disabled={n === 0}
                      onClick={() => onSelect({ codeA: a.codeId, codeB: b.codeId })}
                      data-testid="cooccurrence-cell"
                      data-code-a={a.codePath}
                      data-code-b={b.codePath}
                      data-count={n}
                    >
                      {n === 0 ? '·' : formatNumber(n)}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function lastSegment(path: string): string {
  return path.split('/').pop() ?? path;
}
