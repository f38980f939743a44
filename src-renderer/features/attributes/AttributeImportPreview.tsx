import type { AttributeImportReport, AttributeImportRow } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { TYPE_LABELS, formatAttributeValue } from './attributeValues';

const STATUS_LABEL: Record<AttributeImportRow['status'], string> = {
  matched: 'matched',
  'no match': 'no match',
  ambiguous: 'ambiguous',
};

/** What an attribute CSV would do: the columns (new ones with their inferred type) and, row by row, the article and values. */
export function AttributeImportPreview({ report }: { report: AttributeImportReport }) {
  return (
    <div className="attribute-import-preview" data-testid="attribute-import-preview">
      <p data-testid="attribute-import-summary">
        {plural(report.matched, 'row matches', 'rows match')} an article
        {report.unmatched > 0 && `, ${plural(report.unmatched, 'row has', 'rows have')} no match`}
        {report.ambiguous > 0 && `, ${plural(report.ambiguous, 'row is', 'rows are')} ambiguous`}. {plural(report.valuesSet, 'value')} to set
        {report.typeErrors > 0 &&
          `; ${plural(report.typeErrors, 'cell')} that ${report.typeErrors === 1 ? 'does' : 'do'} not fit ${report.typeErrors === 1 ? 'its' : 'their'} type will be skipped`}
        .
      </p>
      <p className="attribute-import-columns">
        <span className="muted">Rows matched by column “{report.keyColumn}”. Columns: </span>
        {report.columns.map((c) => (
          <span key={c.name} className={`column-chip ${c.status}`} data-testid="attribute-import-column" data-status={c.status}>
            {c.name} <span className="muted">({TYPE_LABELS[c.type].toLowerCase()})</span>
            {c.status === 'new' && <strong className="column-chip-new"> new</strong>}
          </span>
        ))}
        {report.columns.length === 0 && <span className="muted">none besides the key</span>}
      </p>
      <div className="attribute-import-table-wrap">
        <table className="attribute-import-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Key</th>
              <th scope="col">Article</th>
              <th scope="col">Values to set</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row} className={`import-row ${r.status.replace(' ', '-')}`} data-testid="attribute-import-row" data-status={r.status}>
                <td className="num muted">{r.row}</td>
                <td dir="auto" className="import-key">
                  {r.key}
                </td>
                <td data-testid="attribute-import-article">
                  {r.status === 'matched' ? (
                    <span dir="auto">{r.title}</span>
                  ) : (
                    <span className="import-row-status">
                      {STATUS_LABEL[r.status]}
                      {r.status === 'ambiguous' && ` (${r.candidates} articles)`}
                    </span>
                  )}
                </td>
                <td>
                  {r.values.map((v) => (
                    <span key={v.name} className="import-value">
                      <span className="muted">{v.name}:</span> <span dir="auto">{formatAttributeValue(v.value)}</span>
                    </span>
                  ))}
                </td>
                <td>
                  {r.errors.map((e) => (
                    <span key={e.column} className="import-error" data-testid="attribute-import-error">
                      {e.message}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
