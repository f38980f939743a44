import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/api';
import type { ArticleAttribute, AttributeValue } from '../../../src-main/contract/types';
import { useAppStore } from '../../app/store';

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
  const { articlesVersion, articlesChanged } = useAppStore();
  const [attributes, setAttributes] = useState<ArticleAttribute[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [lastSaved, setLastSaved] = useState<string | null>(null);

  // Again after any change to articles: an undo or a CSV import may have changed a value shown here.
  useEffect(() => {
    let current = true;
    api['articles.attributes']({ articleId }).then(
      (r) => current && (setAttributes(r.attributes), setLoadError(null)),
      (err: unknown) => current && setLoadError((err as Error).message),
    );
    return () => {
      current = false;
    };
  }, [articleId, articlesVersion]);

  const save = useCallback(
    async (name: string, value: AttributeValue | null) => {
      setLastSaved(null);
      try {
        const saved = await api['attributes.set']({ articleId, name, value });
        setAttributes((list) => list?.map((a) => (a.name === saved.name ? saved : a)) ?? list);
        setErrors(({ [name]: _gone, ...rest }) => rest);
        setLastSaved(saved.name);
        // The article list's attribute filter and the counts may now select differently.
        articlesChanged();
      } catch (err) {
        setErrors((e) => ({ ...e, [name]: (err as Error).message }));
      }
    },
    [articleId, articlesChanged],
  );

  return { attributes, loadError, errors, lastSaved, save };
}
