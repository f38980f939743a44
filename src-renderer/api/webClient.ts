import { callNames, type CallName } from '../../src-main/contract/callNames';
import type { GlossEvent } from '../../src-main/contract/types';
import type { GlossBridge, WireReply } from './bridge';

// The loopback web host speaks the same contract over HTTP: POST /api/call/<name> with the JSON payload, files to
// import uploaded to /api/upload, server-sent events read from /api/events. Every one of these requests carries the
// per-launch token in the X-Gloss-Token header. The token arrives once, in the launch URL (?token=…): it is kept in
// this tab's sessionStorage (so a reload keeps working) and taken out of the address bar at once. It is never a
// cookie, because cookies are shared by every port of 127.0.0.1 and would reach any other local server.

const TOKEN_KEY = 'gloss-web-token';
const TOKEN_HEADER = 'X-Gloss-Token';
/**
 * Names this page to the host, which keeps a window's own state under it (its current coder, blind coding): two
 * pages on one project are two windows. Kept in this tab's sessionStorage, so a reload is the same window.
 */
const WINDOW_KEY = 'gloss-web-window';
const WINDOW_HEADER = 'X-Gloss-Window';

function takeWindowId(): string {
  try {
    const known = window.sessionStorage.getItem(WINDOW_KEY);
    if (known && /^[A-Za-z0-9_-]{1,64}$/.test(known)) return known;
    const fresh = crypto.randomUUID();
    window.sessionStorage.setItem(WINDOW_KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID();
  }
}

/** Reads the token from the launch URL (then removes it from the address bar and history), or from this tab's storage. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage may be disabled; the token then lives in memory only, for this page
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

const notConnected = 'This page is not connected to a running Gloss web host (missing or wrong token): open the address the web host printed.';

export function createWebBridge(): GlossBridge {
  const token = takeToken();
  const windowId = takeWindowId();
  const listeners = new Set<(event: GlossEvent) => void>();
  let streaming = false;

  const dispatchEvents = (block: string) => {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) return;
    const event = JSON.parse(data) as GlossEvent;
    for (const l of listeners) l(event);
  };

  // EventSource cannot send a header, so the stream is read with fetch(); it reconnects when the host drops it.
  const readEvents = async (): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        // The window id lets the host mark the changes this page's own calls made (`own`).
        const response = await fetch('/api/events', { headers: { [TOKEN_HEADER]: token, [WINDOW_HEADER]: windowId }, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatchEvents(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // the host stopped or the connection dropped: try again below
      }
      await new Promise((ok) => setTimeout(ok, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5))));
    }
  };
  const ensureEvents = () => {
    if (streaming) return;
    streaming = true;
    void readEvents();
  };

  const call = async (name: CallName, payload: unknown): Promise<WireReply> => {
    const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, [WINDOW_HEADER]: windowId },
      body: JSON.stringify(payload ?? {}),
      credentials: 'omit',
    });
    if (response.status === 401 || response.status === 403) {
      return { ok: false, error: { code: 'forbidden', message: notConnected } };
    }
    if (response.status === 413) return { ok: false, error: { code: 'invalid_request', message: await response.text() } };
    return response.json();
  };

  // XMLHttpRequest rather than fetch(): only it reports upload progress. The body is the File itself, which the
  // browser streams from disk.
  const upload: NonNullable<GlossBridge['upload']> = (file, name, onProgress, signal) =>
    new Promise((ok, fail) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/upload');
      xhr.setRequestHeader(TOKEN_HEADER, token);
      xhr.setRequestHeader('X-Gloss-File-Name', encodeURIComponent(name));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = (e) => onProgress?.(e.loaded);
      xhr.onload = () => {
        if (xhr.status === 200) {
          const reply = JSON.parse(xhr.responseText) as { upload: string; bytes: number };
          onProgress?.(file.size);
          ok(reply.upload);
        } else if (xhr.status === 401 || xhr.status === 403) fail(new Error(notConnected));
        else fail(new UploadRefused(xhr.status, xhr.responseText || `HTTP ${xhr.status}`));
      };
      xhr.onerror = () => fail(new Error(`${name} could not be uploaded (the connection to the web host failed).`));
      xhr.onabort = () => fail(new DOMException('The upload was cancelled.', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });

  return {
    calls: Object.fromEntries(callNames.map((name) => [name, (payload: unknown) => call(name, payload)])) as GlossBridge['calls'],
    onEvent(listener) {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    upload,
  };
}

/** The web host refused one file (too large for its type, say); the message says why, for the import report. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}
