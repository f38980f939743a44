// Which key presses mean undo and redo. Kept free of React and the API client so the rule is unit-tested in Node.

export type HistoryDirection = 'undo' | 'redo';

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The parts of a keydown event the shortcut depends on. */
export type ShortcutKeys = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (Cmd on macOS), by the letter on the key, or by its place on non-Latin layouts. */
export function historyShortcut(e: ShortcutKeys, mac = isMac): HistoryDirection | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  const latin = /^[a-z]$/i.test(e.key);
  const is = (letter: string, code: string) => (latin ? e.key.toLowerCase() === letter : e.code === code);
  if (is('z', 'KeyZ')) return e.shiftKey ? 'redo' : 'undo';
  if (is('y', 'KeyY') && !e.shiftKey) return 'redo';
  return null;
}
