// A stand-in for the `electron` module, so the Electron main process (src-main/hosts/electron) runs in plain Node.
// It implements only what main uses, records every call, and lets a test play Electron's part: fire app and
// window events, invoke the registered IPC handler, the protocol handler and the permission handlers, click menu
// items, and script dialog answers. Everything behind it (the Session, the dispatcher, real project files) is real.
// `installElectronStandIn()` makes `import … from 'electron'` resolve here (Node's synchronous module hooks).
import { registerHooks } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }

  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event` as Electron would; returns what they returned. */
  emit(event: string, ...args: unknown[]): unknown[] {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    return list.map((l) => (l.fn as (...a: unknown[]) => unknown)(...args));
  }
}

/** What a handler receives for an event it may cancel (will-navigate, will-attach-webview). */
export interface Cancellable {
  preventDefault(): void;
  defaultPrevented: boolean;
}

export function cancellable(): Cancellable {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

/** A frame (WebFrameMain): its URL is what the window last loaded. */
export interface StandInFrame {
  url: string;
}

export class WebContents extends Emitter {
  readonly mainFrame: StandInFrame = { url: '' };
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class BrowserWindow extends Emitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new WebContents();
  readonly loaded: string[] = [];
  shown = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.created.push(this);
  }

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((w) => !w.destroyed);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }

  /** The user closes the window. */
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for one channel; so does the stand-in.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
};

let resolveReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve;
});
const appPaths = mkdtempSync(join(tmpdir(), 'gloss-electron-standin-'));

class App extends Emitter {
  isPackaged = true;
  quitCalls = 0;
  exitCodes: number[] = [];

  whenReady(): Promise<void> {
    return ready;
  }

  /** Electron has finished starting: what main waits for before it builds anything. */
  becomeReady(): void {
    resolveReady();
  }

  getPath(name: string): string {
    return join(appPaths, name);
  }

  quit(): void {
    this.quitCalls++;
  }

  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

export const app = new App();

export interface MenuTemplateItem {
  label?: string;
  sublabel?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export class Menu {
  static applicationMenu: Menu | null = null;
  static setCount = 0;
  constructor(readonly items: MenuTemplateItem[]) {}

  static buildFromTemplate(template: MenuTemplateItem[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
    Menu.setCount++;
  }
}

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

export const net = {
  fetched: [] as string[],
  /** Stands in for reading a bundled file: answers with a small page, as a file:// fetch of a real file would. */
  fetch(url: string): Promise<Response> {
    this.fetched.push(url);
    return Promise.resolve(new Response('<!doctype html><title>stand-in</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
  },
};

type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, origin?: string, details?: unknown) => boolean;

export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as PermissionCheckHandler | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      this.permissionCheckHandler = handler;
    },
  },
};

export interface DialogCall {
  kind: 'save' | 'open';
  parent: unknown;
  options: Record<string, unknown>;
}

/** Native dialogs: each call takes the next scripted answer (cancelled when none is left) and is recorded. */
export const dialog = {
  calls: [] as DialogCall[],
  answers: [] as ({ canceled: boolean; filePath?: string; filePaths?: string[] })[],
  errorBoxes: [] as { title: string; content: string }[],
  showSaveDialog(parent: unknown, options: Record<string, unknown>): Promise<{ canceled: boolean; filePath?: string }> {
    this.calls.push({ kind: 'save', parent, options });
    return Promise.resolve(this.answers.shift() ?? { canceled: true, filePath: '' });
  },
  showOpenDialog(parent: unknown, options: Record<string, unknown>): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.calls.push({ kind: 'open', parent, options });
    const answer = this.answers.shift() ?? { canceled: true, filePaths: [] };
    return Promise.resolve({ canceled: answer.canceled, filePaths: answer.filePaths ?? [] });
  },
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
};

/** From now on, `electron` resolves to this module, for `import` and `require` alike. */
export function installElectronStandIn(): void {
  const url = pathToFileURL(__filename).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === 'electron') return { url, shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}
