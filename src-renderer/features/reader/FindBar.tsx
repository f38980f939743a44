import { useEffect, useRef } from 'react';

interface FindBarProps {
  query: string;
  onQuery(query: string): void;
  /** 0-based index of the current match, or -1. */
  current: number;
  total: number;
  capped: boolean;
  onNext(): void;
  onPrevious(): void;
  onCodeMatch(): void;
  onClose(): void;
  /** Bumped to re-focus and select the input when Ctrl+F is pressed again. */
  focusKey: number;
}

/** The find-in-article bar: Enter and Shift+Enter step through matches, Esc closes. */
export function FindBar({ query, onQuery, current, total, capped, onNext, onPrevious, onCodeMatch, onClose, focusKey }: FindBarProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusKey]);

  const count = !query ? '' : total === 0 ? 'No matches' : `${current + 1} of ${total}${capped ? '+' : ''}`;
  return (
    <div className="find-bar" data-testid="find-bar" role="search" aria-label="Find in article">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder="Find in article"
        aria-label="Find in article"
        data-testid="find-input"
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) onPrevious();
            else onNext();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="find-count" data-testid="find-count" aria-live="polite">
        {count}
      </span>
      <button type="button" onClick={onPrevious} disabled={total === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" onClick={onNext} disabled={total === 0} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
      <button type="button" onClick={onCodeMatch} disabled={current < 0} title="Apply a code to the current match">
        Code match…
      </button>
      <button type="button" onClick={onClose} aria-label="Close find bar" title="Close (Esc)">
        ×
      </button>
    </div>
  );
}
