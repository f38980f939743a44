import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';

/**
 * The values a text attribute already has across the project ("Haaretz", "Al Jazeera"…), offered while typing so
 * that one outlet is not spelt three ways. There is no call for the values alone: the frequency table grouped by the
 * attribute lists every value once, which is the same thing. Asked only when `name` is given (a field in use).
 */
export function useAttributeValueList(name: string | null): string[] {
  const { articlesVersion } = useAppStore();
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    if (name === null) return;
    let current = true;
    api['counts.codes']({ rollUp: false, by: 'attribute', attribute: name }).then(
      (r) => current && setValues(r.groups.flatMap((g) => (g.key === null ? [] : [g.key]))),
      () => current && setValues([]),
    );
    return () => {
      current = false;
    };
  }, [name, articlesVersion]);
  return name === null ? [] : values;
}
