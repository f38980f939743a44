import { formatNumber, plural } from '../../../app/format';
import { formatMeasure, MEASURE_LABELS, sortRows, type FrequencyRow, type Sort, type SortKey } from './frequencyModel';

interface Props {
  rows: FrequencyRow[];
  grouped: boolean;
  groupHeading: string;
  sort: Sort | null;
  onSort(sort: Sort | null): void;
}

/** The frequency table: one row per code (per group when grouped), sortable by any column. */
export function FrequencyTable({ rows, grouped, groupHeading, sort, onSort }: Props) {
  const sorted = sortRows(rows, sort);
  // Counts sort largest first on the first click, names A to Z; a third click returns to the codebook's order.
  const clickSort = (key: SortKey) => {
    const numeric = key !== 'group' && key !== 'code';
    if (sort?.key !== key) onSort({ key, descending: numeric });
    else if (sort.descending === numeric) onSort({ key, descending: !numeric });
    else onSort(null);
  };
  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={sort?.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
    >
      <button type="button" className="sort-header" onClick={() => clickSort(key)} data-testid={`freq-sort-${key}`}>
        {label}
        <span className="sort-mark" aria-hidden>
          {sort?.key === key ? (sort.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );

  return (
    <div className="analysis-table-wrap">
      <table className="analysis-table" data-testid="frequency-table">
        <thead>
          <tr>
            {grouped && header('group', groupHeading)}
            {header('code', 'Code')}
            {header('codings', MEASURE_LABELS.codings, true)}
            {header('articles', MEASURE_LABELS.articles, true)}
            {header('per1000Words', MEASURE_LABELS.per1000Words, true)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={`${r.group ?? ''}\u0000${r.codeId}`} data-testid="frequency-row" data-code={r.codePath} data-group={r.groupLabel}>
              {grouped && (
                <td dir="auto" title={`${plural(r.groupArticles, 'article')}, ${plural(r.groupWords, 'word')}`} className="group-cell">
                  {r.groupLabel}
                </td>
              )}
              <td className="code-cell">
                <span className="analysis-swatch" style={{ background: r.color }} aria-hidden />
                <span dir="auto">{r.codePath}</span>
              </td>
              <td className="num" data-testid="frequency-codings">
                {formatNumber(r.codings)}
              </td>
              <td className="num" data-testid="frequency-articles">
                {formatNumber(r.articles)}
              </td>
              <td className="num" data-testid="frequency-rate">
                {formatMeasure(r.per1000Words, 'per1000Words')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted analysis-empty">No codings yet.</p>}
    </div>
  );
}
