import { useState } from 'react';
import type { AttributeDefinition, AttributeFilter } from '../../../src-main/contract/types';
import { AttributeFilterChips } from '../attributes/AttributeFilterChips';
import { AttributeFilterForm } from '../attributes/AttributeFilterForm';
import { useDropStaleFilters } from '../attributes/useDropStaleFilters';
import '../attributes/attributes.css';

interface PassageAttributeFiltersProps {
  /** Null while the first list is on its way. */
  definitions: AttributeDefinition[] | null;
  filters: AttributeFilter[];
  onFilters(filters: AttributeFilter[]): void;
}

/**
 * Conditions on the articles the passages come from ("outlet is Al Jazeera", "publication date between …"), added one
 * "attribute / operator / value" row at a time and shown as removable chips, as the article list's filter does.
 */
export function PassageAttributeFilters({ definitions, filters, onFilters }: PassageAttributeFiltersProps) {
  const [adding, setAdding] = useState(false);

  useDropStaleFilters(definitions, filters, onFilters);

  if (!definitions || definitions.length === 0) return <p className="muted passages-hint">No article attributes yet (outlet, date… are set in the article details).</p>;
  return (
    <div className="passages-attribute-filters">
      <AttributeFilterChips filters={filters} definitions={definitions} onRemove={(i) => onFilters(filters.filter((_, j) => j !== i))} onClear={() => onFilters([])} />
      {adding ? (
        <AttributeFilterForm definitions={definitions} onAdd={(f) => onFilters([...filters, f])} onCancel={() => setAdding(false)} />
      ) : (
        <button type="button" className="link" data-testid="passages-add-attribute" onClick={() => setAdding(true)}>
          + Add a condition
        </button>
      )}
    </div>
  );
}
