import type { AttributeDefinition, AttributeFilter, AttributeFilterOp, AttributeType, AttributeValue, RetrieveQuery } from '../../../src-main/contract/types';

/** One "attribute / operator / value" row as typed: values stay text until the query is built. */
export interface AttributeRow {
  key: number;
  name: string;
  op: AttributeFilterOp;
  value: string;
  /** The upper bound of `between`. */
  value2: string;
}

/** Operators offered per type; "between" is inclusive, "before/after" strict, as the core compares. */
export const OPERATORS: Record<AttributeType, { op: AttributeFilterOp; label: string }[]> = {
  text: [
    { op: 'eq', label: 'is' },
    { op: 'contains', label: 'contains' },
    { op: 'empty', label: 'has no value' },
  ],
  number: [
    { op: 'eq', label: '=' },
    { op: 'lt', label: '<' },
    { op: 'gt', label: '>' },
    { op: 'between', label: 'between' },
    { op: 'empty', label: 'has no value' },
  ],
  date: [
    { op: 'eq', label: 'on' },
    { op: 'lt', label: 'before' },
    { op: 'gt', label: 'after' },
    { op: 'between', label: 'from … to' },
    { op: 'empty', label: 'has no value' },
  ],
  boolean: [
    { op: 'eq', label: 'is' },
    { op: 'empty', label: 'has no value' },
  ],
};

function typedValue(type: AttributeType, raw: string): AttributeValue | null {
  const s = raw.trim();
  if (s === '') return null;
  if (type === 'number') {
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  if (type === 'boolean') return s === 'yes';
  return s;
}

/** The rows that are complete, as the contract's filters; a row still being filled in is left out, not sent half-done. */
export function attributeFilters(rows: AttributeRow[], definitions: AttributeDefinition[]): AttributeFilter[] {
  const out: AttributeFilter[] = [];
  for (const row of rows) {
    const def = definitions.find((d) => d.name === row.name);
    if (!def) continue;
    if (row.op === 'empty') {
      out.push({ name: def.name, op: 'empty' });
      continue;
    }
    const a = typedValue(def.type, row.value);
    if (a === null) continue;
    if (row.op === 'between') {
      const b = typedValue(def.type, row.value2);
      if (b !== null) out.push({ name: def.name, op: 'between', value: [a, b] });
    } else out.push({ name: def.name, op: row.op, value: a });
  }
  return out;
}

export interface PassageFilterState {
  codeIds: number[];
  includeSubcodes: boolean;
  coder: string;
  text: string;
  attributes: AttributeFilter[];
}

/** The query for `retrieve.passages` and `retrieve.exportCsv`; null until at least one code is picked. */
export function retrieveQuery(state: PassageFilterState): RetrieveQuery | null {
  if (state.codeIds.length === 0) return null;
  return {
    codeIds: state.codeIds,
    includeSubcodes: state.includeSubcodes,
    ...(state.coder.trim() ? { coder: state.coder.trim() } : {}),
    ...(state.text.trim() ? { text: state.text.trim() } : {}),
    ...(state.attributes.length > 0 ? { attributes: state.attributes } : {}),
  };
}
