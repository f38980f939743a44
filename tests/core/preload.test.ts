// The BUILT preload (out/preload/index.cjs), loaded the way Electron's sandbox loads it: in its own context, with a
// `require` that knows only `electron`. It must expose exactly one function per contract call, each forwarding its
// name on the single IPC channel, and nothing else of Electron.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { callNames } from '../../src-main/contract/calls';
import { IPC_CALL, IPC_EVENT } from '../../src-main/contract/ipc';
import { builtPreload, present } from './helpers';
import { builtOrSkip } from './built';

const skip = builtOrSkip(builtPreload);

type Listener = (event: unknown, ...args: unknown[]) => void;

interface Loaded {
  exposed: Map<string, unknown>;
  invocations: unknown[][];
  listeners: Map<string, Set<Listener>>;
  required: string[];
  electron: Record<string, unknown>;
  sandboxRequire: (name: string) => unknown;
}

/** Runs the built preload in a fresh context with a fake `electron` that records what the preload does with it. */
function loadPreload(): Loaded {
  const exposed = new Map<string, unknown>();
  const invocations: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const required: string[] = [];
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      invocations.push(args);
      return Promise.resolve({ ok: true, result: { echoed: args[1] } });
    },
    on: (channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    },
    send: () => assert.fail('the preload must not use ipcRenderer.send'),
    sendSync: () => assert.fail('the preload must not use ipcRenderer.sendSync'),
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        assert.ok(!exposed.has(key), `${key} exposed twice`);
        exposed.set(key, api);
      },
    },
    ipcRenderer,
    webUtils: { getPathForFile: (file: { name: string }) => `/home/analyst/${file.name}` },
  };
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${name}"`);
  };
  const module = { exports: {} };
  const context = vm.createContext({ require: sandboxRequire, module, exports: module.exports, console });
  vm.runInContext(readFileSync(builtPreload, 'utf8'), context, { filename: builtPreload });
  return { exposed, invocations, listeners, required, electron, sandboxRequire };
}

describe('preload', { skip }, () => {
  test('is self-contained: it loads with a require that knows only electron, and asks for nothing else', () => {
    const loaded = loadPreload();
    assert.deepEqual([...new Set(loaded.required)], ['electron']);
    assert.throws(() => loaded.sandboxRequire('zod'), /cannot require "zod"/, 'anything else would have failed the load');
  });

  test('exposes only window.gloss, with exactly one function per contract call', () => {
    const { exposed } = loadPreload();
    assert.deepEqual([...exposed.keys()], ['gloss']);
    const gloss = exposed.get('gloss') as { calls: Record<string, unknown> };
    assert.deepEqual(Object.keys(gloss).sort(), ['calls', 'onEvent', 'pathForFile']);
    assert.deepEqual(Object.keys(gloss.calls).sort(), [...callNames].sort());
    for (const name of callNames) assert.equal(typeof gloss.calls[name], 'function', name);
  });

  test('each call invokes the one IPC channel with its own name and the payload, and returns the reply', async () => {
    const { exposed, invocations } = loadPreload();
    const gloss = exposed.get('gloss') as { calls: Record<string, (payload: unknown) => Promise<unknown>> };
    for (const name of callNames) {
      const payload = { probe: name };
      const reply = await present(gloss.calls[name], `window.gloss.calls.${name}`)(payload);
      assert.deepEqual(invocations.at(-1), [IPC_CALL, name, payload], name);
      assert.deepEqual(reply, { ok: true, result: { echoed: name } });
    }
    assert.equal(invocations.length, callNames.length);
    assert.ok(invocations.every((args) => args[0] === IPC_CALL), 'one channel for every call');
  });

  test('events arrive without the Electron event object, and unsubscribing stops them', () => {
    const { exposed, listeners } = loadPreload();
    const gloss = exposed.get('gloss') as { onEvent: (l: (e: unknown) => void) => () => void };
    const received: unknown[] = [];
    const unsubscribe = gloss.onEvent((e) => received.push(e));
    const registered = listeners.get(IPC_EVENT);
    assert.equal(registered?.size, 1, `listens on ${IPC_EVENT}`);
    assert.deepEqual([...listeners.keys()], [IPC_EVENT]);
    const sender = { sender: 'the IpcRendererEvent, which must not reach the page' };
    for (const l of registered!) l(sender, { type: 'articles.changed' });
    assert.deepEqual(received, [{ type: 'articles.changed' }]);
    unsubscribe();
    assert.equal(listeners.get(IPC_EVENT)?.size, 0);
  });

  test('pathForFile asks webUtils, and no Electron object is handed to the page', () => {
    const { exposed, electron } = loadPreload();
    const gloss = exposed.get('gloss') as { pathForFile: (f: { name: string }) => string };
    assert.equal(gloss.pathForFile({ name: 'story.txt' }), '/home/analyst/story.txt');
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
      seen.add(value);
      for (const leaked of [electron, electron.ipcRenderer, electron.contextBridge, electron.webUtils]) {
        assert.notEqual(value, leaked, 'an Electron object reached window.gloss');
      }
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
    };
    walk(exposed.get('gloss'));
  });
});
