import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/api';
import type { AttributeDefinition } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

export interface AttributeDefinitions {
  /** Null until the first list has arrived. */
  definitions: AttributeDefinition[] | null;
  reload(): void;
}

/**
 * The project's attribute definitions, in the order the core keeps them (built-ins first). Reloaded whenever
 * articles change, since a CSV import or an undo may define, rename or remove attributes and changes the counts.
 */
export function useAttributeDefinitions(): AttributeDefinitions {
  const { project, articlesVersion, attempt } = useAppStore();
  const [definitions, setDefinitions] = useState<AttributeDefinition[] | null>(null);
  const [nonce, setNonce] = useState(0);
  const hasProject = Boolean(project);

  useEffect(() => {
    if (!hasProject) return setDefinitions(null);
    let current = true;
    void attempt(() => api['attributes.list']({})).then((r) => {
      if (current && r) setDefinitions(r.attributes);
    });
    return () => {
      current = false;
    };
  }, [hasProject, project?.path, articlesVersion, nonce, attempt]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { definitions, reload };
}
