import { useCallback, useEffect } from 'react';
import { useCall } from '../../api/query';
import type { AttributeDefinition } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

export interface AttributeDefinitions {
  /** Null until the first list has arrived. */
  definitions: AttributeDefinition[] | null;
  reload(): void;
}

/**
 * The project's attribute definitions, in the order the core keeps them (built-ins first). Reloaded whenever
 * attributes or articles change, since a CSV import or an undo may define, rename or remove attributes and changes
 * the counts.
 */
export function useAttributeDefinitions(): AttributeDefinitions {
  const { project, notify } = useAppStore();
  const load = useCall('attributes.list', {}, { invalidatedBy: ['attributes', 'articles'], enabled: project !== null });
  const failure = load.error?.message;
  useEffect(() => {
    if (failure) notify(failure, 'error');
  }, [failure, notify]);
  const { refetch } = load;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { definitions: project ? (load.data?.attributes ?? null) : null, reload };
}
