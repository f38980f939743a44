import { useCall } from '../../api/query';

const none: string[] = [];

/**
 * The values a text attribute already has across the project ("Haaretz", "Al Jazeera"…), offered while typing so
 * that one outlet is not spelt three ways. There is no call for the values alone: the frequency table grouped by the
 * attribute lists every value once, which is the same thing. Asked only when `name` is given (a field in use).
 */
export function useAttributeValueList(name: string | null): string[] {
  const { data } = useCall(
    'counts.codes',
    { rollUp: false, by: 'attribute', attribute: name ?? '' },
    { invalidatedBy: ['attributes', 'articles'], enabled: name !== null },
  );
  if (name === null || !data) return none;
  return data.groups.flatMap((g) => (g.key === null ? [] : [g.key]));
}
