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
  /** The passages' screen box: the pop-up goes above or below it, never over it (nor over the start handle). */
  avoid?: { top: number; bottom: number; firstLineBottom: number } | null;
  /** Closed by a click elsewhere: focus stays where that click put it. */
  onClose(): void;
  /** Closed with Esc or its × button: the reader takes focus back. */
  onDismiss?(): void;
}

const MARGIN = 8;
const GAP = 6;
/** Below this much room the pop-up would be too cramped to use; it then overlaps the passage below its first line. */
const MIN_ROOM = 160;

/**
 * Where the pop-up goes: below the passage if it fits there, else above it (anchored by its bottom edge, so a memo
 * that loads later grows it upward, away from the passage), else on the side with more room; its height is always
 * capped to the room on its side. Only when the passage fills the window does it sit below the passage's first line
 * (still clear of the start handle). Without a passage box, beside the pointer as before.
 */
export function placePopover(
  at: { x: number; y: number },
  size: { width: number; height: number },
  view: { width: number; height: number },
  avoid: { top: number; bottom: number; firstLineBottom: number } | null | undefined,
): PopoverPlacement {
  const left = Math.max(MARGIN, Math.min(at.x + 8, view.width - size.width - MARGIN));
  if (!avoid) {
    const below = at.y + 12;
    return { left, top: below + size.height <= view.height - MARGIN ? below : Math.max(MARGIN, at.y - size.height - 12) };
  }
  const roomBelow = view.height - MARGIN - (avoid.bottom + GAP);
  const roomAbove = avoid.top - GAP - MARGIN;
  const below = { left, top: avoid.bottom + GAP, maxHeight: roomBelow };
  const above = { left, bottom: view.height - (avoid.top - GAP), maxHeight: roomAbove };
  if (size.height <= roomBelow) return below;
  if (size.height <= roomAbove) return above;
  if (Math.max(roomBelow, roomAbove) >= MIN_ROOM) return roomBelow >= roomAbove ? below : above;
  const top = Math.max(MARGIN, avoid.firstLineBottom + GAP);
  return { left, top, maxHeight: Math.max(MIN_ROOM, view.height - MARGIN - top) };
}

export interface PopoverPlacement {
  left: number;
  top?: number;
  bottom?: number;
  maxHeight?: number;
  visibility?: 'hidden';
}

export function CodingPopover({ codings, codes, at, activeCodingId, onActivate, avoid, onClose, onDismiss = onClose }: CodingPopoverProps) {
  const root = useRef<HTMLDivElement>(null);
  // Measured off-screen first (hidden), then placed: the first paint is already in the right place.
  const [position, setPosition] = useState<PopoverPlacement>({ left: 0, top: 0, visibility: 'hidden' });

  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPosition(placePopover(at, { width, height }, { width: window.innerWidth, height: window.innerHeight }, avoid));
  }, [at, avoid, codings.length]);

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
      if (e.key === 'Escape' && !e.defaultPrevented) onDismiss();
    };
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('keydown', escape);
    };
  }, [onClose, onDismiss]);

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
          onDismiss();
        }
      }}
    >
      <div className="coding-popover-head">
        <span>{codings.length === 1 ? '1 coding' : `${codings.length} codings`} here</span>
        <span className="coding-popover-keys" data-testid="coding-popover-keys" title="Works whenever a coding is selected, also after this closes">
          Shift+←/→ end · Alt+Shift+←/→ start
        </span>
        <button type="button" className="icon" onClick={onDismiss} aria-label="Close coding details">
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
