import { useId, useState } from 'react';
import { isSafeLink } from './memoText';

interface MemoLinkFieldProps {
  initialUrl: string;
  onApply(url: string): void;
  onRemove: (() => void) | null;
  onCancel(): void;
}

/** The address for a link, under the memo's toolbar; only https addresses are accepted (see isSafeLink). */
export function MemoLinkField({ initialUrl, onApply, onRemove, onCancel }: MemoLinkFieldProps) {
  const [url, setUrl] = useState(initialUrl || 'https://');
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const apply = () => {
    const trimmed = url.trim();
    if (!isSafeLink(trimmed)) {
      setError('Links must be https addresses, e.g. https://example.org/report');
      return;
    }
    onApply(trimmed);
  };
  return (
    <div className="memo-link-field" data-testid="memo-link-field">
      <input
        type="url"
        value={url}
        autoFocus
        aria-label="Link address"
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        data-testid="memo-link-input"
        onChange={(e) => {
          setUrl(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            // The popover or dialog around the memo would close too.
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="button" data-testid="memo-link-apply" onClick={apply}>
        {initialUrl ? 'Update' : 'Link'}
      </button>
      {onRemove && (
        <button type="button" onClick={onRemove}>
          Unlink
        </button>
      )}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <p className="memo-link-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
