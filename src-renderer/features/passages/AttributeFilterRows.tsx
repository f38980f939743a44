import type { AttributeDefinition, AttributeFilterOp, AttributeType } from '../../../src-main/contract/types';
import { OPERATORS, type AttributeRow } from './passageQuery';

interface AttributeFilterRowsProps {
  definitions: AttributeDefinition[];
  rows: AttributeRow[];
  onRows(rows: AttributeRow[]): void;
}

let nextKey = 1;

/** "attribute / operator / value" rows; every complete row must hold for an article's passages to be listed. */
export function AttributeFilterRows({ definitions, rows, onRows }: AttributeFilterRowsProps) {
  const patch = (key: number, change: Partial<AttributeRow>) => onRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const typeOf = (name: string): AttributeType => definitions.find((d) => d.name === name)?.type ?? 'text';

  if (definitions.length === 0) return <p className="muted passages-hint">No article attributes yet (outlet, date… are set in the article details).</p>;
  return (
    <div className="attribute-rows">
      {rows.map((row) => {
        const type = typeOf(row.name);
        return (
          <div className="attribute-row" key={row.key} data-testid="passages-attribute-row">
            <select
              aria-label="Attribute"
              value={row.name}
              onChange={(e) => {
                const nextType = typeOf(e.target.value);
                // Another type may not have the operator (yes/no has no "before"), and the value no longer fits.
                const op = OPERATORS[nextType].some((o) => o.op === row.op) ? row.op : 'eq';
                patch(row.key, { name: e.target.value, op, value: '', value2: '' });
              }}
            >
              {definitions.map((d) => (
                <option key={d.id} value={d.name}>
                  {d.name}
                </option>
              ))}
            </select>
            <select aria-label="Operator" value={row.op} onChange={(e) => patch(row.key, { op: e.target.value as AttributeFilterOp })}>
              {OPERATORS[type].map((o) => (
                <option key={o.op} value={o.op}>
                  {o.label}
                </option>
              ))}
            </select>
            {row.op !== 'empty' && <ValueInput type={type} label="Value" value={row.value} onChange={(value) => patch(row.key, { value })} />}
            {row.op === 'between' && <ValueInput type={type} label="Upper value" value={row.value2} onChange={(value2) => patch(row.key, { value2 })} />}
            <button type="button" className="icon-button" aria-label={`Remove the condition on ${row.name}`} onClick={() => onRows(rows.filter((r) => r.key !== row.key))}>
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="link"
        data-testid="passages-add-attribute"
        onClick={() => onRows([...rows, { key: nextKey++, name: definitions[0].name, op: 'eq', value: '', value2: '' }])}
      >
        + Add a condition
      </button>
    </div>
  );
}

function ValueInput({ type, label, value, onChange }: { type: AttributeType; label: string; value: string; onChange(v: string): void }) {
  if (type === 'boolean') {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    );
  }
  return (
    <input
      aria-label={label}
      type={type === 'date' ? 'date' : type === 'number' ? 'number' : 'text'}
      step={type === 'number' ? 'any' : undefined}
      dir={type === 'text' ? 'auto' : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
