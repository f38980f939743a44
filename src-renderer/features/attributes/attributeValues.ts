import type { AttributeFilter, AttributeFilterOp, AttributeType, AttributeValue } from '../../../src-main/contract/types';

export const TYPE_LABELS: Record<AttributeType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes/no',
};

/** A stored value as the analyst reads it: yes/no for booleans, dates as stored (yyyy-mm-dd sorts and reads the same everywhere). */
export function formatAttributeValue(value: AttributeValue | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/**
 * What a typed input holds, as the value `attributes.set` takes: '' is "no value" (null). Numbers come from an
 * <input type="number">, whose value is either a valid number or ''; the core checks the rest against the type.
 */
export function parseAttributeInput(type: AttributeType, raw: string): AttributeValue | null {
  const s = raw.trim();
  if (s === '') return null;
  if (type === 'number') return Number.isFinite(Number(s)) ? Number(s) : s;
  if (type === 'boolean') return s === 'yes';
  return s;
}

/** Operators that make sense for each type (text can be compared too: "between A and M" for names). */
export const OPS_FOR_TYPE: Record<AttributeType, AttributeFilterOp[]> = {
  text: ['eq', 'contains', 'empty'],
  number: ['eq', 'lt', 'gt', 'between', 'empty'],
  date: ['eq', 'lt', 'gt', 'between', 'empty'],
  boolean: ['eq', 'empty'],
};

export function opLabel(op: AttributeFilterOp, type: AttributeType): string {
  switch (op) {
    case 'eq':
      return 'is';
    case 'contains':
      return 'contains';
    case 'lt':
      return type === 'date' ? 'before' : 'less than';
    case 'gt':
      return type === 'date' ? 'after' : 'more than';
    case 'between':
      return 'between';
    case 'empty':
      return 'has no value';
  }
}

/** "outlet is Haaretz", "publication date between 2023-10-07 and 2023-12-31", for a filter chip. */
export function describeFilter(filter: AttributeFilter, type: AttributeType): string {
  const op = opLabel(filter.op, type);
  const v = filter.value;
  if (filter.op === 'empty' || v === undefined) return `${filter.name} ${op}`;
  if (Array.isArray(v)) return `${filter.name} ${op} ${formatAttributeValue(v[0])} and ${formatAttributeValue(v[1])}`;
  return `${filter.name} ${op} ${formatAttributeValue(v)}`;
}
