import { useCallback, useState } from 'react';
import { touches, useCall } from '../../api/query';
import { api } from '../../api/api';
import type { ArticleAttribute, AttributeValue } from '../../../src-main/contract/types';

export interface ArticleAttributes {
  /** Every defined attribute with this article's value (null: none); null while loading. */
  attributes: ArticleAttribute[] | null;
  loadError: string | null;
  /** Per attribute name, why the last save failed. */
  errors: Record<string, string>;
  /** The attribute saved last, for a brief "Saved" beside it. */
  lastSaved: string | null;
  save(name: string, value: AttributeValue | null): Promise<void>;
}

/** One article's attribute values, saved one at a time with `attributes.set` (each an undo step). */
export function useArticleAttributes(articleId: number): ArticleAttributes {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  // Again after any change to this article's attributes: an undo, a CSV import or another window.
  const load = useCall('articles.attributes', { articleId }, { invalidatedBy: touches(['attributes', 'articles'], { articleId }) });
  const attributes = load.data?.attributes ?? null;
  const loadError = load.error?.message ?? null;

  const save = useCallback(
    async (name: string, value: AttributeValue | null) => {
      setLastSaved(null);
      try {
        const saved = await api['attributes.set']({ articleId, name, value });
        setErrors(({ [name]: _gone, ...rest }) => rest);
        setLastSaved(saved.name);
      } catch (err) {
        setErrors((e) => ({ ...e, [name]: (err as Error).message }));
      }
    },
    [articleId],
  );

  return { attributes, loadError, errors, lastSaved, save };
}
