import type { GlossApi } from '../../src-main/contract/calls';
import { callNames, type CallName } from '../../src-main/contract/callNames';
import { fromWireError } from '../../src-main/contract/errors';
import type { GlossBridge } from './bridge';
import { createWebBridge } from './webClient';

/** The desktop preload bridge when there is one, otherwise the loopback web host. The rest of the renderer sees only `api`. */
export const bridge: GlossBridge = window.gloss ?? createWebBridge();
export const isDesktop = Boolean(window.gloss);

function makeApi(b: GlossBridge): GlossApi {
  const api = {} as Record<CallName, (req: unknown) => Promise<unknown>>;
  for (const name of callNames) {
    api[name] = async (request: unknown) => {
      const reply = await b.calls[name](request ?? {});
      if (!reply.ok) throw fromWireError(reply.error);
      return reply.result;
    };
  }
  return api as unknown as GlossApi;
}

/** Typed: `await api['codings.apply']({ articleId, codeId, start, end })`. Errors are thrown as GlossError. */
export const api: GlossApi = makeApi(bridge);
