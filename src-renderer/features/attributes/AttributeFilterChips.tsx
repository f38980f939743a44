import type { AttributeDefinition, AttributeFilter } from '../../../src-main/contract/types';
import { describeFilter } from './attributeValues';

/** The attribute filters in force, each removable; all must hold for an article to be listed. */
export function AttributeFilterChips({
  filters,
  definitions,
  onRemove,
  onClear,
}: {
  filters: AttributeFilter[];
  definitions: AttributeDefinition[];
  onRemove(index: number): void;
  onClear(): void;
}) {
  if (filters.length === 0) return null;
  const typeOf = (name: string) => definitions.find((d) => d.name.toLowerCase() === name.toLowerCase())?.type ?? 'text';
  return (
    <ul className="filter-chips" aria-label="Attribute filters" data-testid="attribute-filter-chips">
      {filters.map((f, i) => {
        const text = describeFilter(f, typeOf(f.name));
        return (
          <li key={`${i}-${text}`} className="filter-chip" data-testid="attribute-filter-chip">
            <span dir="auto">{text}</span>
            <button type="button" className="filter-chip-remove" aria-label={`Remove filter: ${text}`} onClick={() => onRemove(i)} data-testid="attribute-filter-remove">
              ×
            </button>
          </li>
        );
      })}
      {filters.length > 1 && (
        <li>
          <button type="button" className="link" onClick={onClear}>
            Clear all
          </button>
        </li>
      )}
    </ul>
  );
}
