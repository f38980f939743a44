import { useCallback, useId } from 'react';
import { useLatest } from '../../app/useLatest';
import type { AttributeDefinition, AttributeFilter, Code } from '../../../src-main/contract/types';
import { CodeChecklist } from './CodeChecklist';
import { PassageAttributeFilters } from './PassageAttributeFilters';

export interface PassageFilterInputs {
  checked: ReadonlySet<number>;
  includeSubcodes: boolean;
  coder: string;
  text: string;
  attributes: AttributeFilter[];
}

interface PassageFiltersProps {
  codes: Code[];
  definitions: AttributeDefinition[] | null;
  /** Coders seen so far, offered as suggestions (the filter needs the exact name). */
  coders: string[];
  value: PassageFilterInputs;
  onChange(next: PassageFilterInputs): void;
}

/** What to retrieve: codes (and their sub-codes), then optional narrowing by coder, passage text and article attributes. */
export function PassageFilters({ codes, definitions, coders, value, onChange }: PassageFiltersProps) {
  const codersId = useId();
  const set = (change: Partial<PassageFilterInputs>) => onChange({ ...value, ...change });
  // Stable, because the attribute filters drop conditions on vanished attributes from an effect.
  const valueRef = useLatest(value);
  const setAttributes = useCallback((attributes: AttributeFilter[]) => onChange({ ...valueRef.current, attributes }), [valueRef, onChange]);
  const toggle = (id: number) => {
    const checked = new Set(value.checked);
    if (checked.has(id)) checked.delete(id);
    else checked.add(id);
    set({ checked });
  };
  return (
    <div className="passages-filters" aria-label="What to retrieve">
      <section className="passages-filter-section">
        <header className="passages-filter-head">
          <h3>Codes</h3>
          {value.checked.size > 0 && (
            <button type="button" className="link" onClick={() => set({ checked: new Set() })}>
              Clear
            </button>
          )}
        </header>
        <label className="passages-check">
          <input type="checkbox" checked={value.includeSubcodes} data-testid="passages-include-subcodes" onChange={(e) => set({ includeSubcodes: e.target.checked })} />
          <span>Include sub-codes</span>
        </label>
        <CodeChecklist codes={codes} checked={value.checked} includeSubcodes={value.includeSubcodes} onToggle={toggle} />
      </section>
      <section className="passages-filter-section">
        <h3>Narrow down</h3>
        <label className="field">
          <span>Passage contains</span>
          <input type="search" dir="auto" value={value.text} data-testid="passages-text-filter" placeholder="Ignoring case and vowel marks" onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label className="field">
          <span>Coder</span>
          <input type="search" list={codersId} value={value.coder} data-testid="passages-coder-filter" placeholder="Any coder" onChange={(e) => set({ coder: e.target.value })} />
          <datalist id={codersId}>
            {coders.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
      </section>
      <section className="passages-filter-section">
        <h3>Article attributes</h3>
        <PassageAttributeFilters definitions={definitions} filters={value.attributes} onFilters={setAttributes} />
      </section>
    </div>
  );
}
