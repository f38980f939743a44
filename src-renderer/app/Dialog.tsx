import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useLatest } from './useLatest';
import { createPortal } from 'react-dom';
import './dialog.css';

export interface DialogProps {
  title: ReactNode;
  /** Esc, the backdrop and any close button call this; the dialog never closes itself. */
  onClose(): void;
  children: ReactNode;
  /** Buttons, right-aligned under the body. */
  actions?: ReactNode;
  /** Where focus goes when the dialog opens; otherwise the first field or button in the body. */
  initialFocus?: RefObject<HTMLElement | null>;
  testId?: string;
  className?: string;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: traps Tab inside, closes on Esc, and hands focus back to whatever had it before, so keyboard
 * users land where they were (the row they acted on) instead of at the top of the page.
 */
export function Dialog({ title, onClose, children, actions, initialFocus, testId, className }: DialogProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const onCloseRef = useLatest(onClose);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = panelRef.current;
    const target = initialFocus?.current ?? panel?.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE})`) ?? panel?.querySelector<HTMLElement>(FOCUSABLE);
    (target ?? panel)?.focus();
    // A target that cannot take focus yet (disabled while its contents load) would leave focus behind the dialog,
    // where Esc and Tab no longer reach it; the panel itself takes it then.
    if (panel && !panel.contains(document.activeElement)) panel.focus();
    return () => {
      // The element may have been removed with its row (a deleted article); then there is nothing to return to.
      if (previous?.isConnected) previous.focus();
    };
    // Focus is placed once, when the dialog opens, not whenever the caller re-renders it (a ref object is stable).
  }, [initialFocus]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab' || !panelRef.current) return;
    const items = [...panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panelRef}
        className={`dialog ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 className="dialog-title" id={titleId}>
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        {actions && <div className="dialog-actions">{actions}</div>}
      </div>
    </div>,
    document.body,
  );
}
