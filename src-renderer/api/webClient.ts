import { callNames, type CallName } from '../../src-main/contract/calls';
import type { GlossEvent } from '../../src-main/contract/types';
import type { GlossBridge, WireReply } from './bridge';

// The loopback web host speaks the same contract over HTTP: POST /api/call/<name> with the JSON payload,
// server-sent events on /api/events. The per-launch token arrives in the page URL once and is then kept in a
// SameSite=Strict cookie set by the host, so it never has to be repeated in links.
export function createWebBridge(): GlossBridge {
  const listeners = new Set<(event: GlossEvent) => void>();
  let source: EventSource | undefined;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as GlossEvent;
      for (const l of listeners) l(event);
    };
  };
  const call = async (name: CallName, payload: unknown): Promise<WireReply> => {
    const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
      credentials: 'same-origin',
    });
    if (response.status === 401 || response.status === 403) {
      return { ok: false, error: { code: 'forbidden', message: 'This page is not connected to a running Gloss web host (missing or wrong token).' } };
    }
    return response.json();
  };
  return {
    calls: Object.fromEntries(callNames.map((name) => [name, (payload: unknown) => call(name, payload)])) as GlossBridge['calls'],
    onEvent(listener) {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
