import { useId } from 'react';
import { useArticleAttributes } from './useArticleAttributes';
import { AttributeValueInput } from './AttributeValueInput';
import { TYPE_LABELS } from './attributeValues';
import './attributes.css';

/** The "Attributes" part of the article details: every attribute with a typed input, saved as soon as a field is left. */
export function ArticleAttributesSection({ articleId, readOnly }: { articleId: number; readOnly?: boolean }) {
  const { attributes, loadError, errors, lastSaved, save } = useArticleAttributes(articleId);
  const idBase = useId();
  return (
    <section className="article-attributes" aria-labelledby={`${idBase}-heading`} data-testid="article-attributes">
      <h3 id={`${idBase}-heading`} className="article-attributes-heading">
        Attributes
      </h3>
      {loadError && <p role="alert">The attributes could not be loaded: {loadError}</p>}
      {attributes === null && !loadError && <p className="muted">Loading…</p>}
      {attributes && (
        <div className="attribute-grid">
          {attributes.map((a, i) => {
            const inputId = `${idBase}-${i}`;
            const errorId = `${inputId}-error`;
            return (
              <div className="attribute-field" key={a.name} data-testid="article-attribute" data-attribute={a.name}>
                <label htmlFor={inputId} className="attribute-label" title={TYPE_LABELS[a.type]}>
                  {a.name}
                  <span className="attribute-type muted"> · {TYPE_LABELS[a.type].toLowerCase()}</span>
                </label>
                <span className="attribute-input-row">
                  <AttributeValueInput
                    id={inputId}
                    type={a.type}
                    value={a.value}
                    disabled={readOnly}
                    invalid={Boolean(errors[a.name])}
                    describedBy={errors[a.name] ? errorId : undefined}
                    label={a.name}
                    testId={`attribute-input-${a.name}`}
                    suggestFrom={a.name}
                    onCommit={(v) => void save(a.name, v)}
                  />
                  {lastSaved === a.name && (
                    <span className="attribute-saved muted" role="status" data-testid="attribute-saved">
                      Saved
                    </span>
                  )}
                </span>
                {errors[a.name] && (
                  <p className="attribute-error" id={errorId} role="alert" data-testid="attribute-error">
                    {errors[a.name]}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}

