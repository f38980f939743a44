import { useLayoutEffect, useRef, useState } from 'react';
import { useLatest } from './useLatest';
import { createPortal } from 'react-dom';
import { at as itemAt } from '../../src-main/contract/must';
import './menu.css';

export type MenuItem =
  | { label: string; onSelect(): void; danger?: boolean; disabled?: boolean; hint?: string; testId?: string }
  | { separator: true };

export interface MenuAnchor {
  x: number;
  y: number;
}

/** Where a menu opened from a button should appear: under it, right edges aligned. */
export function anchorBelow(element: Element): MenuAnchor & { alignRight: true } {
  const r = element.getBoundingClientRect();
  return { x: r.right, y: r.bottom + 2, alignRight: true };
}

interface PopupMenuProps {
  at: MenuAnchor & { alignRight?: boolean };
  items: MenuItem[];
  onClose(): void;
  label: string;
}

/**
 * A context or "⋯" menu: arrow keys move, Enter picks, Esc or a click elsewhere closes. Rendered in a portal at fixed
 * coordinates and nudged back inside the window, so a menu opened at the bottom row of a list is still fully visible.
 */
export function PopupMenu({ at, items, onClose, label }: PopupMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const onCloseRef = useLatest(onClose);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const left = Math.max(4, Math.min((at.alignRight ? at.x - width : at.x), window.innerWidth - width - 4));
    const top = at.y + height > window.innerHeight - 4 ? Math.max(4, at.y - height) : at.y;
    setPos({ left, top });
    el.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, [at]);

  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const menu = ref.current;
    const onDown = (e: MouseEvent) => {
      if (!menu?.contains(e.target as Node)) onCloseRef.current();
    };
    const onBlur = () => onCloseRef.current();
    document.addEventListener('mousedown', onDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
      // Give focus back to the row or button the menu came from, unless the user already clicked somewhere else.
      if (previous?.isConnected && (document.activeElement === document.body || menu?.contains(document.activeElement))) previous.focus();
    };
  }, [onCloseRef]);

  const move = (delta: number) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    if (entries.length === 0) return;
    const i = entries.indexOf(document.activeElement as HTMLElement);
    itemAt(entries, (i + delta + entries.length) % entries.length).focus();
  };

  return createPortal(
    <div
      ref={ref}
      className="popup-menu"
      role="menu"
      aria-label={label}
      style={pos ?? { left: at.x, top: at.y, visibility: 'hidden' }}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') move(1);
        else if (e.key === 'ArrowUp') move(-1);
        else if (e.key === 'Home') move(-1000);
        else if (e.key === 'Escape' || e.key === 'Tab') onClose();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {items.map((item, i) =>
        'separator' in item ? (
          <div key={i} className="popup-menu-separator" role="separator" />
        ) : (
          <button
            key={i}
            type="button"
            role="menuitem"
            className={item.danger ? 'popup-menu-item popup-menu-item-danger' : 'popup-menu-item'}
            disabled={item.disabled}
            data-testid={item.testId}
            onClick={() => {
              onClose();
              item.onSelect();
            }}
          >
            <span>{item.label}</span>
            {item.hint && <kbd>{item.hint}</kbd>}
          </button>
        ),
      )}
    </div>,
    document.body,
  );
}
