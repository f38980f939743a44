import { useRef, useState, type ReactNode } from 'react';
import { anchorBelow, PopupMenu, type MenuAnchor, type MenuItem } from './PopupMenu';

interface MenuButtonProps {
  /** The menu's accessible name. */
  menuLabel: string;
  /** Read when rendered, so disabled states follow the app's state while the menu is open. */
  items: MenuItem[];
  /** Where the menu opens relative to the button; by default under it, right edges aligned. */
  anchor?: (button: HTMLElement) => MenuAnchor & { alignRight?: boolean };
  className?: string;
  testId?: string;
  title?: string;
  ariaLabel?: string;
  /** On closing, focus always goes back to the button, never to the page (even where a click did not focus it). */
  refocusOnClose?: boolean;
  children: ReactNode;
}

/** A button that opens a PopupMenu, and closes it again when pressed while the menu is open. */
export function MenuButton({ menuLabel, items, anchor = anchorBelow, className, testId, title, ariaLabel, refocusOnClose, children }: MenuButtonProps) {
  const [at, setAt] = useState<(MenuAnchor & { alignRight?: boolean }) | null>(null);
  // A press on the button while the menu is open closes it (the menu closes on any press outside); the click that
  // follows must not open it again.
  const wasOpen = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setAt(null);
    if (refocusOnClose) button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        data-testid={testId}
        title={title}
        aria-label={ariaLabel}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onPointerDown={() => (wasOpen.current = at !== null)}
        onClick={(e) => {
          if (wasOpen.current) {
            wasOpen.current = false;
            return;
          }
          setAt(anchor(e.currentTarget));
        }}
      >
        {children}
      </button>
      {at && <PopupMenu label={menuLabel} at={at} onClose={close} items={items} />}
    </>
  );
}
