import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import type { AttributeDefinition } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

/** The project's attribute definitions for the filter rows, reloaded when articles change (an import may define some). */
export function useAttributeList(): AttributeDefinition[] {
  const { articlesVersion, attempt } = useAppStore();
  const [definitions, setDefinitions] = useState<AttributeDefinition[]>([]);
  useEffect(() => {
    let current = true;
    void attempt(() => api['attributes.list']({})).then((r) => {
      if (current && r) setDefinitions(r.attributes);
    });
    return () => {
      current = false;
    };
  }, [articlesVersion, attempt]);
  return definitions;
}
