import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Code, Coding } from '../../../src-main/contract/types';
import { CodingPopoverItem } from './CodingPopoverItem';

interface CodingPopoverProps {
  codings: Coding[];
  codes: readonly Code[];
  /** Viewport point the popover opens beside (where the user clicked). */
  at: { x: number; y: number };
  activeCodingId: number | null;
  onActivate(id: number): void;
  onClose(): void;
}

/**
 * Every coding at the clicked place (or on the clicked stripe), innermost first, each editable in place.
 * Closes on Esc or a click outside; it stays within the window.
 */
export function CodingPopover({ codings, codes, at, activeCodingId, onActivate, onClose }: CodingPopoverProps) {
  const root = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: at.x + 8, top: at.y + 12 });

  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const left = Math.max(8, Math.min(at.x + 8, window.innerWidth - width - 8));
    const below = at.y + 12;
    const top = below + height <= window.innerHeight - 8 ? below : Math.max(8, at.y - height - 12);
    setPosition({ left, top });
  }, [at.x, at.y, codings.length]);

  useEffect(() => {
    const outside = (e: MouseEvent) => {
      const target = e.target as Element;
      // Stripes, handles and highlights manage the popover themselves.
      if (root.current?.contains(target) || target.closest?.('.coding-stripe, .coding-handle')) return;
      if (target.closest?.('[data-testid="article-text"]')) return;
      onClose();
    };
    // Esc closes it wherever focus is (it may be on the stripe that opened it, outside the text and the popover).
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('keydown', escape);
    };
  }, [onClose]);

  return (
    <div
      ref={root}
      className="coding-popover"
      data-testid="coding-popover"
      role="dialog"
      aria-label={codings.length === 1 ? 'Coding' : `${codings.length} codings here`}
      style={position}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="coding-popover-head">
        <span>{codings.length === 1 ? '1 coding' : `${codings.length} codings`} here</span>
        <button type="button" className="icon" onClick={onClose} aria-label="Close coding details">
          ×
        </button>
      </div>
      <ul className="coding-list">
        {codings.map((c) => (
          <CodingPopoverItem key={c.id} coding={c} codes={codes} active={c.id === activeCodingId} onActivate={() => onActivate(c.id)} />
        ))}
      </ul>
    </div>
  );
}
