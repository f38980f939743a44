import { useEffect, useId, useRef, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import type { AttributeType, AttributeValue } from '../../../src-main/contract/types';
import { formatAttributeValue, parseAttributeInput } from './attributeValues';
import { useAttributeValueList } from './useAttributeValueList';

interface Props {
  type: AttributeType;
  value: AttributeValue | null;
  /** Called with the new value (null: no value) once the analyst is done: on leaving the field or Enter; a yes/no at once. */
  onCommit(value: AttributeValue | null): void;
  label: string;
  id?: string;
  testId?: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /** For a text attribute: its name, to offer the values other articles have once the field is in use. */
  suggestFrom?: string;
}

/**
 * One attribute value, with the input its type calls for: a date picker, a number field, a yes/no choice, or text.
 * Typing saves nothing until the field is left (a date typed digit by digit passes through other valid dates);
 * Esc puts the saved value back.
 */
export function AttributeValueInput({ type, value, onCommit, label, id, testId, disabled, invalid, describedBy, suggestFrom }: Props) {
  const saved = formatAttributeValue(value);
  const [draft, setDraft] = useState(saved);
  const [focused, setFocused] = useState(false);
  const suggestions = useAttributeValueList(type === 'text' && focused && suggestFrom ? suggestFrom : null);
  const listId = useId();
  // What was last handed to onCommit: Enter and then leaving the field must not save the same value twice.
  const sent = useRef<string | null>(null);
  // A value saved elsewhere (an undo, a CSV import) replaces what the field shows.
  if (useChanged(saved)) setDraft(saved);
  useEffect(() => {
    sent.current = null;
  }, [saved]);

  const commit = (raw: string) => {
    const s = raw.trim();
    if (s === saved || s === sent.current) return;
    sent.current = s;
    onCommit(parseAttributeInput(type, s));
  };
  const common = {
    id,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
    disabled,
  };

  if (type === 'boolean') {
    return (
      <select
        {...common}
        className="attribute-input"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          commit(e.target.value);
        }}
      >
        <YesNoOptions />
      </select>
    );
  }
  return (
    <>
      <input
        {...common}
        list={suggestions.length ? listId : undefined}
        onFocus={() => setFocused(true)}
        className="attribute-input"
        {...inputPropsFor(type)}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(e.currentTarget.value);
          } else if (e.key === 'Escape' && draft.trim() !== saved && draft.trim() !== sent.current) {
            // Esc first undoes the typing; a second Esc reaches the dialog and closes it.
            e.stopPropagation();
            setDraft(saved);
          }
        }}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
    </>
  );
}

/** A boolean attribute's choices; the empty one stands for no value. */
export function YesNoOptions() {
  return (
    <>
      <option value="">—</option>
      <option value="yes">yes</option>
      <option value="no">no</option>
    </>
  );
}

/** The input an attribute type calls for: a date picker, a number field taking any decimal, or text in its own direction. */
export function inputPropsFor(type: AttributeType) {
  return {
    type: type === 'date' ? 'date' : type === 'number' ? 'number' : 'text',
    step: type === 'number' ? 'any' : undefined,
    dir: type === 'text' ? ('auto' as const) : undefined,
  };
}
