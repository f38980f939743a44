import { useId, useState, type FormEvent } from 'react';
import { useChanged } from '../../app/useChanged';
import type { AttributeDefinition, AttributeFilter, AttributeFilterOp, AttributeType, AttributeValue } from '../../../src-main/contract/types';
import { OPS_FOR_TYPE, opLabel, parseAttributeInput } from './attributeValues';
import { useAttributeValueList } from './useAttributeValueList';
import { inputPropsFor, YesNoOptions } from './AttributeValueInput';

interface Props {
  definitions: AttributeDefinition[];
  onAdd(filter: AttributeFilter): void;
  onCancel(): void;
}

/** One condition on an attribute: which attribute, how to compare, and the value(s), with inputs of the attribute's type. */
export function AttributeFilterForm({ definitions, onAdd, onCancel }: Props) {
  const [name, setName] = useState(definitions[0]?.name ?? '');
  const definition = definitions.find((d) => d.name === name);
  const type: AttributeType = definition?.type ?? 'text';
  const [op, setOp] = useState<AttributeFilterOp>('eq');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const suggestions = useAttributeValueList(definition?.type === 'text' ? definition.name : null);
  const listId = useId();

  // Another attribute may not take the operator (yes/no has no "before"), and its values are of another kind.
  if (useChanged(name, type)) {
    setOp((current) => (OPS_FOR_TYPE[type].includes(current) ? current : 'eq'));
    setFirst('');
    setSecond('');
  }

  const value = (raw: string): AttributeValue | null => parseAttributeInput(type, raw);
  const complete = op === 'empty' || (value(first) !== null && (op !== 'between' || value(second) !== null));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!definition || !complete) return;
    const a = value(first);
    const b = value(second);
    if (op === 'empty') onAdd({ name: definition.name, op });
    else if (op === 'between' && a !== null && b !== null) onAdd({ name: definition.name, op, value: [a, b] });
    else if (a !== null) onAdd({ name: definition.name, op, value: a });
    setFirst('');
    setSecond('');
  };

  return (
    <form
      className="attribute-filter-form"
      aria-label="Filter articles by an attribute"
      data-testid="attribute-filter-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <select aria-label="Attribute" value={name} onChange={(e) => setName(e.target.value)} data-testid="attribute-filter-name">
        {definitions.map((d) => (
          <option key={d.id} value={d.name}>
            {d.name}
          </option>
        ))}
      </select>
      <select aria-label="Condition" value={op} onChange={(e) => setOp(e.target.value as AttributeFilterOp)} data-testid="attribute-filter-op">
        {OPS_FOR_TYPE[type].map((o) => (
          <option key={o} value={o}>
            {opLabel(o, type)}
          </option>
        ))}
      </select>
      {op !== 'empty' && <FilterValueInput type={type} label="Value" value={first} onChange={setFirst} testId="attribute-filter-value" listId={suggestions.length ? listId : undefined} />}
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
      {op === 'between' && (
        <>
          <span className="muted">and</span>
          <FilterValueInput type={type} label="Second value" value={second} onChange={setSecond} testId="attribute-filter-value-2" />
        </>
      )}
      <span className="attribute-filter-buttons">
        <button type="submit" className="primary" disabled={!complete} data-testid="attribute-filter-add">
          Add filter
        </button>
        <button type="button" onClick={onCancel}>
          Done
        </button>
      </span>
    </form>
  );
}

function FilterValueInput({
  type,
  label,
  value,
  onChange,
  testId,
  listId,
}: {
  type: AttributeType;
  label: string;
  value: string;
  onChange(v: string): void;
  testId: string;
  listId?: string;
}) {
  if (type === 'boolean') {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <YesNoOptions />
      </select>
    );
  }
  return (
    <input
      aria-label={label}
      className="attribute-filter-value"
      {...inputPropsFor(type)}
      list={listId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}
