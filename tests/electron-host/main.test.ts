// The Electron main process (src-main/hosts/electron/main.ts, ipc.ts, menu.ts) run in Node against a stand-in
// `electron` module: the real Session, dispatcher and project files behind it, Electron's side played by the test.
// What the window may do (webPreferences, navigation, new windows, permissions, external links), what may call main
// (the sender check), what main serves (CSP on gloss://), and what the menu does are checked here; the one thing not
// exercised is Electron itself constructing its native objects.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { WireResult } from '../../src-main/core/dispatch';
import { callNames, calls, type CallSpec } from '../../src-main/contract/calls';
import { IPC_CALL, IPC_EVENT } from '../../src-main/contract/ipc';
import type { GlossEvent, MenuCommand, ProjectInfo } from '../../src-main/contract/types';
import { Project } from '../../src-main/core/store/Project';
import {
  BrowserWindow,
  Menu,
  app,
  cancellable,
  dialog,
  installElectronStandIn,
  ipcMain,
  net,
  protocol,
  session,
  shell,
  type MenuTemplateItem,
  type StandInFrame,
  type WebContents,
} from './electronStandIn';
import { nth } from '../core/present';

const work = mkdtempSync(join(tmpdir(), 'gloss-electron-host-'));
after(() => rmSync(work, { recursive: true, force: true }));

// A packaged app must ignore a dev-server URL in its environment (it would otherwise trust that origin).
const DEV_SERVER = 'http://localhost:5173';

let win: BrowserWindow;

before(async () => {
  process.env.ELECTRON_RENDERER_URL = DEV_SERVER;
  installElectronStandIn();
  await import('../../src-main/hosts/electron/main');
  app.becomeReady();
  // main's whenReady().then(…) runs on the next turns of the microtask queue.
  for (let i = 0; i < 10 && BrowserWindow.created.length === 0; i++) await new Promise((r) => setImmediate(r));
  assert.equal(BrowserWindow.created.length, 1, 'main opened its window once ready');
  win = nth(BrowserWindow.created, 0, 'the window main opened');
});

type InvokeEvent = { sender: WebContents | object; senderFrame: StandInFrame | null };

/** What Electron hands the handler for a call from the window's own main frame. */
const fromWindow = (): InvokeEvent => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

async function invoke(event: InvokeEvent, name: unknown, payload: unknown): Promise<WireResult> {
  const handler = ipcMain.handlers.get(IPC_CALL);
  assert.ok(handler, `no handler on ${IPC_CALL}`);
  return (await handler(event, name, payload)) as WireResult;
}

async function callOk<T>(name: string, payload: unknown = {}): Promise<T> {
  const reply = await invoke(fromWindow(), name, payload);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.code}: ${reply.error.message}`);
  return reply.result as T;
}

const errorCode = (reply: WireResult): string => (reply.ok ? 'ok' : reply.error.code);

function menuItem(path: string[]): MenuTemplateItem {
  const menu = Menu.applicationMenu;
  assert.ok(menu, 'no application menu is set');
  let items = menu.items;
  let found: MenuTemplateItem | undefined;
  for (const label of path) {
    found = items.find((i) => i.label === label);
    assert.ok(found, `menu item ${path.join(' ▸ ')} not found (at "${label}")`);
    items = found.submenu ?? [];
  }
  return found!;
}

const sentEvents = (): GlossEvent[] => win.webContents.sent.filter((s) => s.channel === IPC_EVENT).map((s) => s.payload as GlossEvent);

describe('the window', () => {
  test('isolates the renderer: context isolation, sandbox, no Node, web security, no webview, no insecure content', () => {
    const prefs = win.options.webPreferences ?? {};
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.notEqual(prefs.webSecurity, false);
    assert.notEqual(prefs.allowRunningInsecureContent, true);
    assert.notEqual(prefs.webviewTag, true);
    assert.notEqual(prefs.nodeIntegrationInSubFrames, true);
    assert.notEqual(prefs.nodeIntegrationInWorker, true);
    assert.equal(prefs.enableRemoteModule, undefined);
    // The preload is the bundled one (out/preload/index.cjs beside out/main), nothing else.
    const preload = String(prefs.preload);
    assert.deepEqual([basename(dirname(preload)), basename(preload)], ['preload', 'index.cjs']);
  });

  test('loads the bundled renderer from gloss://app (not the dev server, in a packaged app) and shows once ready', () => {
    assert.deepEqual(win.loaded, ['gloss://app/index.html']);
    assert.equal(win.shown, false);
    win.emit('ready-to-show');
    assert.equal(win.shown, true);
    assert.ok(protocol.privileged.some((s) => s.scheme === 'gloss' && s.privileges.standard && s.privileges.secure));
  });

  test('navigation away from the app is cancelled; a reload of the app is not', () => {
    for (const url of ['https://example.org/', 'http://evil.example/index.html', 'file:///etc/passwd', `${DEV_SERVER}/`, 'gloss://other/index.html', 'javascript:alert(1)', 'about:blank']) {
      const event = cancellable();
      win.webContents.emit('will-navigate', event, url);
      assert.equal(event.defaultPrevented, true, `navigation to ${url} was allowed`);
    }
    const reload = cancellable();
    win.webContents.emit('will-navigate', reload, 'gloss://app/index.html');
    assert.equal(reload.defaultPrevented, false);
    assert.ok(win.webContents.listenerCount('will-navigate') > 0);
  });

  test('no new window opens; only well-formed https links go to the system browser', () => {
    const open = win.webContents.windowOpenHandler;
    assert.ok(open, 'no window-open handler');
    const refused = ['http://example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:secret@example.org/', 'gloss://app/index.html', 'data:text/html,<b>x</b>', 'not a url', 'https://', 'mailto:someone@example.org'];
    for (const url of [...refused, 'https://example.org/report?id=1']) {
      assert.deepEqual(open({ url }), { action: 'deny' }, url);
    }
    assert.deepEqual(shell.opened, ['https://example.org/report?id=1']);
  });

  test('webviews are never attached', () => {
    const event = cancellable();
    win.webContents.emit('will-attach-webview', event, {}, {});
    assert.equal(event.defaultPrevented, true);
  });

  test('every permission request is refused, and every permission check says no', () => {
    const { permissionRequestHandler, permissionCheckHandler } = session.defaultSession;
    assert.ok(permissionRequestHandler && permissionCheckHandler);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'fileSystem', 'midi']) {
      const answers: boolean[] = [];
      permissionRequestHandler(win.webContents, permission, (granted) => answers.push(granted), {});
      assert.deepEqual(answers, [false], permission);
      assert.equal(permissionCheckHandler(win.webContents, permission, 'gloss://app', {}), false, permission);
    }
  });
});

describe('gloss:// serves the renderer', () => {
  const serve = (url: string) => {
    const handler = protocol.handlers.get('gloss');
    assert.ok(handler, 'no gloss:// handler');
    return handler({ url });
  };

  test('with the Content-Security-Policy and nosniff on every response', async () => {
    for (const path of ['/index.html', '/assets/app.js', '/assets/app.css']) {
      const response = await serve(`gloss://app${path}`);
      assert.equal(response.status, 200, path);
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      // The directives that keep imported text and memos from running as code, as a browser would read them.
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
      assert.equal(directives.get('default-src'), "'none'", csp);
      assert.equal(directives.get('script-src'), "'self'", csp);
      assert.equal(directives.get('object-src'), "'none'", csp);
      assert.equal(directives.get('frame-ancestors'), "'none'", csp);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, csp);
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff', path);
    }
    assert.ok(net.fetched.every((u) => u.startsWith('file://') && u.includes('/out/renderer/')), net.fetched.join(', '));
  });

  test('nothing outside the renderer folder, and no other host', async () => {
    const before = net.fetched.length;
    for (const url of ['gloss://app/..%2fpackage.json', 'gloss://app/..%2f..%2fpackage.json', 'gloss://app/%2e%2e%2fmain%2findex.js', 'gloss://evil/index.html', 'gloss://app.evil/index.html']) {
      const response = await serve(url);
      assert.equal(response.status, 404, url);
    }
    assert.equal(net.fetched.length, before, `fetched ${net.fetched.slice(before).join(', ')}`);
  });
});

describe('IPC', () => {
  test('one handler, on the contract channel; every contract call reaches the dispatcher and is validated', async () => {
    assert.deepEqual([...ipcMain.handlers.keys()], [IPC_CALL]);
    for (const name of callNames) {
      const reply = await invoke(fromWindow(), name, { notAField: true });
      // A call the contract keeps for other hosts (the web host's uploads) is refused before its payload is read.
      const spec: CallSpec = calls[name];
      const forElectron = !spec.hosts || spec.hosts.includes('electron');
      assert.equal(errorCode(reply), forElectron ? 'invalid_request' : 'forbidden', `${name}: ${JSON.stringify(reply)}`);
    }
    const info = await callOk<{ host: string }>('app.info');
    assert.equal(info.host, 'electron');
  });

  test('unknown calls and malformed payloads are refused with typed errors', async () => {
    for (const name of ['codes.nope', '__proto__', 'constructor', 42, null]) assert.equal(errorCode(await invoke(fromWindow(), name, {})), 'unknown_call', String(name));
    for (const payload of [42, 'x', [], { id: -1 }, { id: '1' }, { id: 1, extra: true }]) {
      assert.equal(errorCode(await invoke(fromWindow(), 'articles.get', payload)), 'invalid_request', JSON.stringify(payload));
    }
    assert.equal(errorCode(await invoke(fromWindow(), 'codes.create', { name: '' })), 'invalid_request');
  });

  test('only the window’s own main frame showing the app may call; anything else is forbidden and changes nothing', async () => {
    const target = join(work, 'forbidden.gloss');
    const other = new BrowserWindow({});
    await other.loadURL('gloss://app/index.html');
    const senders: [string, InvokeEvent][] = [
      ['a sub-frame of the window', { sender: win.webContents, senderFrame: { url: 'gloss://app/index.html' } }],
      ['another window', { sender: other.webContents, senderFrame: other.webContents.mainFrame }],
      ['a frame that is gone', { sender: win.webContents, senderFrame: null }],
      ['a look-alike sender', { sender: { mainFrame: win.webContents.mainFrame }, senderFrame: win.webContents.mainFrame }],
    ];
    for (const [what, event] of senders) {
      assert.equal(errorCode(await invoke(event, 'project.create', { path: target })), 'forbidden', what);
    }
    // The window itself, once it shows anything but the bundled app (here the dev server a packaged app ignores).
    for (const url of [`${DEV_SERVER}/`, 'https://evil.example/', 'file:///tmp/index.html', 'gloss://app.evil/index.html']) {
      win.webContents.mainFrame.url = url;
      try {
        assert.equal(errorCode(await invoke(fromWindow(), 'project.create', { path: target })), 'forbidden', url);
      } finally {
        win.webContents.mainFrame.url = 'gloss://app/index.html';
      }
    }
    assert.equal(existsSync(target), false, 'a forbidden call created the project');
    assert.equal(await callOk('project.current'), null);
    other.close();
  });
});

describe('dialogs and events', () => {
  test('New Project asks with a save dialog on the window and adds .gloss; the window hears project.changed', async () => {
    const chosen = join(work, 'Coverage study');
    dialog.answers.push({ canceled: false, filePath: chosen });
    const sentBefore = win.webContents.sent.length;
    const info = await callOk<ProjectInfo>('project.create', {});
    assert.equal(info.path, `${chosen}.gloss`);
    assert.ok(existsSync(`${chosen}.gloss`));
    const call = dialog.calls.at(-1)!;
    assert.equal(call.kind, 'save');
    assert.equal(call.parent, win, 'the dialog is not attached to the window');
    const changed = win.webContents.sent.slice(sentBefore).filter((s) => s.channel === IPC_EVENT).map((s) => s.payload as GlossEvent);
    assert.ok(changed.some((e) => e.type === 'project.changed' && e.project?.path === info.path), JSON.stringify(changed));
  });

  test('Open Project and the exports ask on the window, with the right kind of file, in Documents under a suggested name', async () => {
    const current = await callOk<ProjectInfo>('project.current');
    const other = join(work, 'other.gloss');
    dialog.answers.push({ canceled: false, filePath: other });
    await callOk('project.create', {});
    assert.equal((await callOk<ProjectInfo>('project.current')).path, other, 'a name already ending in .gloss is kept as it is');

    dialog.answers.push({ canceled: false, filePaths: [current.path] });
    assert.equal((await callOk<ProjectInfo>('project.open', {})).path, current.path);
    const open = dialog.calls.at(-1)!;
    assert.deepEqual([open.kind, open.parent === win, open.options.properties, open.options.filters], ['open', true, ['openFile'], [{ name: 'Gloss project', extensions: ['gloss'] }]]);

    for (const [call, file, filter] of [
      ['export.json', 'Coverage study-codings.json', { name: 'JSON', extensions: ['json'] }],
      ['export.csv', 'Coverage study-codings.csv', { name: 'CSV', extensions: ['csv'] }],
    ] as const) {
      assert.equal(await callOk(call, {}), null, `${call} with the dialog cancelled`);
      const save = dialog.calls.at(-1)!;
      assert.deepEqual([save.kind, save.parent === win, save.options.defaultPath, save.options.filters], ['save', true, join(app.getPath('documents'), file), [filter]], call);
    }
  });

  test('a cancelled dialog does nothing: no import, no export, no project', async () => {
    const before = await callOk<ProjectInfo>('project.current');
    assert.equal(await callOk('articles.importPaths', { pick: 'folder' }), null);
    assert.deepEqual(dialog.calls.at(-1)!.options.properties, ['openDirectory']);
    assert.equal(await callOk('articles.importPaths', { pick: 'files' }), null);
    assert.deepEqual(dialog.calls.at(-1)!.options.properties, ['openFile', 'multiSelections']);
    assert.equal(await callOk('export.csv', {}), null);
    assert.equal(await callOk('project.open', {}), null);
    assert.deepEqual(await callOk<ProjectInfo>('project.current'), before);
    assert.equal((await callOk<{ total: number }>('articles.list', {})).total, 0);
  });
});

describe('the sample project', () => {
  test('is built once in the app’s user-data folder and opened', async () => {
    const info = await callOk<ProjectInfo>('project.openSample');
    assert.equal(info.path, join(app.getPath('userData'), 'Gloss sample project.gloss'));
    assert.ok((await callOk<{ total: number }>('articles.list', {})).total > 0, 'the sample has articles');
  });
});

describe('the application menu', () => {
  const fileItem = (label: string) => menuItem(['&File', label]);

  test('project items are off without a project and on with one, rebuilt when the project changes', async () => {
    await callOk('project.close');
    for (const label of ['Import Files…', 'Import Folder…', 'Export JSON…', 'Export CSV…', 'Restore from Backup…']) assert.equal(fileItem(label).enabled, false, label);
    const path = join(work, 'menu.gloss');
    await callOk('project.create', { path });
    for (const label of ['Import Files…', 'Import Folder…', 'Export JSON…', 'Export CSV…', 'Restore from Backup…']) assert.notEqual(fileItem(label).enabled, false, label);
  });

  test('each item sends its command to the renderer, which runs the flow (dialogs, options, progress)', () => {
    const expected: [string[], MenuCommand][] = [
      [['&File', 'New Project…'], 'project.new'],
      [['&File', 'Open Project…'], 'project.open'],
      [['&File', 'Import Files…'], 'import.files'],
      [['&File', 'Import Folder…'], 'import.folder'],
      [['&File', 'Export JSON…'], 'export.json'],
      [['&File', 'Export CSV…'], 'export.csv'],
      [['&File', 'Restore from Backup…'], 'backups.restore'],
      [['&Edit', 'Undo'], 'history.undo'],
      [['&Edit', 'Redo'], 'history.redo'],
    ];
    for (const [path, command] of expected) {
      const before = sentEvents().length;
      const item = menuItem(path);
      assert.ok(item.click, `${path.join(' ▸ ')} has no action`);
      item.click();
      assert.deepEqual(sentEvents().slice(before), [{ type: 'menu.command', command }], path.join(' ▸ '));
    }
    assert.equal(menuItem(['&Edit', 'Undo']).accelerator, 'CmdOrCtrl+Z');
  });

  test('Open Recent lists projects opened before and opens one; a vanished one falls back to the open dialog', async () => {
    const first = join(work, 'recent-a.gloss');
    const second = join(work, 'recent-b.gloss');
    await callOk('project.create', { path: first });
    await callOk('project.create', { path: second });
    const recent = menuItem(['&File', 'Open Recent']).submenu ?? [];
    const entry = recent.find((i) => i.sublabel === first);
    assert.ok(entry?.click, `recent-a is not in Open Recent: ${JSON.stringify(recent.map((i) => i.sublabel ?? i.label))}`);
    // The menu opens it through the dispatcher, which answers asynchronously.
    await entry.click();
    assert.equal((await callOk<ProjectInfo>('project.current')).path, first);

    // The file is removed after the menu was built: clicking it must not throw, and asks the renderer to open one.
    const stale = (menuItem(['&File', 'Open Recent']).submenu ?? []).find((i) => i.sublabel === second);
    assert.ok(stale?.click);
    rmSync(second);
    const before = sentEvents().length;
    const logged = console.error;
    console.error = () => undefined;
    try {
      await stale.click();
    } finally {
      console.error = logged;
    }
    assert.deepEqual(sentEvents().slice(before), [{ type: 'menu.command', command: 'project.open' }]);
    assert.equal((await callOk<ProjectInfo>('project.current')).path, first, 'the open project stays open');
  });
});

describe('app lifecycle', () => {
  test('closing the last window closes the project (its lock is released) and quits; activate opens a new window', async () => {
    const path = (await callOk<ProjectInfo>('project.current')).path;
    assert.throws(() => Project.open(path, { holder: 'test' }), /open/i, 'the project is not locked while the window has it');
    win.close();
    app.emit('window-all-closed');
    assert.equal(app.quitCalls, process.platform === 'darwin' ? 0 : 1);
    const reopened = Project.open(path, { holder: 'test' });
    reopened.close();
    // A closed window cannot call main.
    assert.equal(errorCode(await invoke(fromWindow(), 'app.info', {})), 'forbidden');

    app.emit('activate');
    assert.equal(BrowserWindow.getAllWindows().length, 1);
    const next = nth(BrowserWindow.getAllWindows(), 0, 'the window activate opened');
    assert.notEqual(next, win);
    assert.deepEqual(next.loaded, ['gloss://app/index.html']);
    win = next;
    assert.equal((await callOk<{ host: string }>('app.info')).host, 'electron');

    // Quitting (Cmd+Q, or the system shutting down) closes the project too.
    await callOk('project.open', { path });
    app.emit('before-quit');
    Project.open(path, { holder: 'test' }).close();
  });
});
