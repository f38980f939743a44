import { useEffect } from 'react';
import type { AttributeDefinition, AttributeFilter } from '../../../src-main/contract/types';

/**
 * A condition on an attribute that was deleted or renamed since (here, by an undo, or by a CSV import) would fail
 * every request it goes into; it goes, as its chip would have. `definitions` null: not loaded yet, nothing to judge.
 */
export function useDropStaleFilters(definitions: AttributeDefinition[] | null, filters: AttributeFilter[], onFilters: (filters: AttributeFilter[]) => void) {
  useEffect(() => {
    if (!definitions) return;
    const known = new Set(definitions.map((d) => d.name.toLowerCase()));
    const kept = filters.filter((f) => known.has(f.name.toLowerCase()));
    if (kept.length !== filters.length) onFilters(kept);
  }, [definitions, filters, onFilters]);
}
