// The one IPC handler main registers. It is free of Electron imports (types only), so tests drive it directly.
import type { IpcMainInvokeEvent } from 'electron';
import { dispatch, type Session, type WireResult } from '../../core/app';

export const APP_ORIGIN = 'gloss://app';

/** A sender is trusted only if it is our own top-level window showing our own bundled renderer. */
export function isTrustedSenderUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (!devServerUrl) return false;
  // Same origin, not same prefix: electron-vite's URL has no trailing slash, so a prefix test also let
  // http://localhost:51730 or http://localhost:5173.evil.example through.
  try {
    return new URL(url).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

export function createIpcHandler(session: Session, trusted: (event: IpcMainInvokeEvent) => boolean) {
  return async (event: IpcMainInvokeEvent, name: unknown, payload: unknown): Promise<WireResult> => {
    if (!trusted(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'This call did not come from the Gloss window.' } };
    }
    // Each window keeps its own coder and blind mode.
    return dispatch(session, name, payload, `window-${event.sender.id}`);
  };
}
