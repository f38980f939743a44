import { useState } from 'react';
import type { AttributeFilter } from '../../../src-main/contract/types';
import { MenuButton } from '../../app/MenuButton';
import { useAppStore } from '../../app/store';
import { AttributeFilterChips } from './AttributeFilterChips';
import { AttributeFilterForm } from './AttributeFilterForm';
import { AttributeImportDialog } from './AttributeImportDialog';
import { AttributeManagerDialog } from './AttributeManagerDialog';
import { useAttributeDefinitions } from './useAttributeDefinitions';
import { useDropStaleFilters } from './useDropStaleFilters';
import './attributes.css';

interface Props {
  filters: AttributeFilter[];
  onFilters(filters: AttributeFilter[]): void;
}

/**
 * Under the article list's title filter: "Filter by attribute" (a condition at a time, shown as removable chips)
 * and the Attributes menu (import values from a CSV, manage the definitions).
 */
export function ArticleAttributeFilters({ filters, onFilters }: Props) {
  const { project } = useAppStore();
  const { definitions } = useAttributeDefinitions();
  const [formOpen, setFormOpen] = useState(false);
  const [dialog, setDialog] = useState<'import' | 'manage' | null>(null);
  const readOnly = Boolean(project?.readOnly);

  useDropStaleFilters(definitions, filters, onFilters);

  return (
    <div className="article-attribute-filters">
      <div className="attribute-filter-bar">
        <button
          type="button"
          className="icon-button"
          aria-expanded={formOpen}
          onClick={() => setFormOpen((o) => !o)}
          data-testid="attribute-filter-toggle"
          disabled={!definitions?.length}
        >
          Filter by attribute
        </button>
        <MenuButton
          menuLabel="Attributes"
          className="icon-button"
          testId="attributes-menu-button"
          items={[
            { label: 'Import from CSV…', disabled: readOnly, onSelect: () => setDialog('import'), testId: 'attributes-menu-import' },
            { label: 'Manage attributes…', onSelect: () => setDialog('manage'), testId: 'attributes-menu-manage' },
          ]}
        >
          Attributes ▾
        </MenuButton>
      </div>
      {formOpen && definitions && definitions.length > 0 && (
        <AttributeFilterForm definitions={definitions} onAdd={(f) => onFilters([...filters, f])} onCancel={() => setFormOpen(false)} />
      )}
      <AttributeFilterChips
        filters={filters}
        definitions={definitions ?? []}
        onRemove={(i) => onFilters(filters.filter((_, j) => j !== i))}
        onClear={() => onFilters([])}
      />
      {dialog === 'import' && <AttributeImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'manage' && <AttributeManagerDialog readOnly={readOnly} onClose={() => setDialog(null)} />}
    </div>
  );
}
