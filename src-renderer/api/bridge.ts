// What the preload script puts on `window.gloss` in the desktop app. The web client implements the same shape.
import type { CallName } from '../../src-main/contract/calls';
import type { WireError } from '../../src-main/contract/errors';
import type { GlossEvent } from '../../src-main/contract/types';

export type WireReply = { ok: true; result: unknown } | { ok: false; error: WireError };

export interface GlossBridge {
  /** One function per contract call; each resolves with `{ ok, result | error }` exactly as main's dispatcher returns it. */
  calls: Record<CallName, (payload: unknown) => Promise<WireReply>>;
  onEvent(listener: (event: GlossEvent) => void): () => void;
  /** Desktop only: the path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile?(file: File): string;
  /**
   * Web host only: streams one file's bytes to the host (`name` is only a label for the import report) and resolves
   * with the upload id `articles.importUploads` takes. `onProgress` gets the bytes sent so far.
   */
  upload?(file: Blob, name: string, onProgress?: (sentBytes: number) => void, signal?: AbortSignal): Promise<string>;
}

declare global {
  interface Window {
    gloss?: GlossBridge;
  }
}
