// The Electron main process started unpackaged by electron-vite dev: the window loads the dev server named in
// ELECTRON_RENDERER_URL and calls from that origin are trusted, but only from exactly that origin (a prefix match
// once let http://localhost:51730 and http://localhost:5173.evil.example through). Its own process: main runs once.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireResult } from '../../src-main/core/dispatch';
import { IPC_CALL } from '../../src-main/contract/ipc';
import { BrowserWindow, app, cancellable, installElectronStandIn, ipcMain } from './electronStandIn';
import { nth } from '../core/present';

const DEV_SERVER = 'http://localhost:5173';
let win: BrowserWindow;

before(async () => {
  process.env.ELECTRON_RENDERER_URL = DEV_SERVER;
  app.isPackaged = false;
  installElectronStandIn();
  await import('../../src-main/hosts/electron/main');
  app.becomeReady();
  for (let i = 0; i < 10 && BrowserWindow.created.length === 0; i++) await new Promise((r) => setImmediate(r));
  win = nth(BrowserWindow.created, 0, 'the window main opened');
});

async function callFrom(url: string): Promise<string> {
  win.webContents.mainFrame.url = url;
  const reply = (await ipcMain.handlers.get(IPC_CALL)!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'app.info', {})) as WireResult;
  return reply.ok ? 'ok' : reply.error.code;
}

test('the window loads the dev server', () => {
  assert.deepEqual(win.loaded, [DEV_SERVER]);
});

test('calls from the dev server origin are trusted; look-alike origins are not', async () => {
  assert.equal(await callFrom(`${DEV_SERVER}/`), 'ok');
  assert.equal(await callFrom(`${DEV_SERVER}/src/index.html?x=1`), 'ok');
  assert.equal(await callFrom('gloss://app/index.html'), 'ok');
  for (const url of ['http://localhost:51730/', 'http://localhost:5173.evil.example/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'http://localhost:5174/']) {
    assert.equal(await callFrom(url), 'forbidden', url);
  }
});

test('navigation within the dev server is allowed, anywhere else is cancelled', () => {
  const allowed = cancellable();
  win.webContents.emit('will-navigate', allowed, `${DEV_SERVER}/index.html`);
  assert.equal(allowed.defaultPrevented, false);
  for (const url of ['http://localhost:51730/', 'http://localhost:5173.evil.example/', 'https://example.org/']) {
    const event = cancellable();
    win.webContents.emit('will-navigate', event, url);
    assert.equal(event.defaultPrevented, true, url);
  }
});
