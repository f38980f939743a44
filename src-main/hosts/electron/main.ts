// The Electron main process: one window, the app menu, native dialogs, and the IPC handler. Everything else is the
// core, reached through the same Session and dispatcher the web host and the CLI use.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session as electronSession, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppState, assertSqliteIsSafe, Session, type HostAdapter } from '../../core/app';
import { IPC_CALL, IPC_EVENT } from '../../contract/ipc';
import { DOCUMENT_EXTENSIONS, FILE_EXTENSIONS } from '../../contract/fileTypes';
import { eventForWindow, type GlossEvent } from '../../contract/types';
import { CONTENT_SECURITY_POLICY, packageVersion, rendererDir, sampleDir } from '../shared/paths';
import { APP_ORIGIN, createIpcHandler, isTrustedSenderUrl } from './ipc';
import { buildMenu } from './menu';

protocol.registerSchemesAsPrivileged([{ scheme: 'gloss', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** The save dialog's title and file type for each export format. */
const EXPORT_DIALOG = {
  json: { title: 'Export project as JSON', filter: { name: 'JSON', extensions: ['json'] } },
  csv: { title: 'Export codings as CSV', filter: { name: 'CSV', extensions: ['csv'] } },
  xlsx: { title: 'Export as an Excel workbook', filter: { name: 'Excel workbook', extensions: ['xlsx'] } },
  qdpx: { title: 'Export REFI-QDA project', filter: { name: 'REFI-QDA project', extensions: ['qdpx'] } },
  qdc: { title: 'Export REFI-QDA codebook', filter: { name: 'REFI-QDA codebook', extensions: ['qdc'] } },
  gloss: { title: 'Export for a coder', filter: { name: 'Gloss project', extensions: ['gloss'] } },
} satisfies Record<string, { title: string; filter: { name: string; extensions: string[] } }>;

const adapter: HostAdapter = {
  kind: 'electron',
  version: packageVersion(),
  sampleDir: sampleDir(),
  importWriterFile: join(__dirname, 'importWriter.js'),
  exportWorkerFile: join(__dirname, 'exportWorker.js'),
  get sampleProjectPath() {
    return join(app.getPath('userData'), 'Gloss sample project.gloss');
  },
  async chooseNewProjectPath() {
    const r = await dialog.showSaveDialog(mainWindow!, {
      title: 'New Gloss project',
      defaultPath: join(app.getPath('documents'), 'Untitled.gloss'),
      filters: [{ name: 'Gloss project', extensions: ['gloss'] }],
    });
    if (r.canceled || !r.filePath) return null;
    return r.filePath.endsWith('.gloss') ? r.filePath : `${r.filePath}.gloss`;
  },
  async chooseProjectToOpen() {
    const r = await dialog.showOpenDialog(mainWindow!, {
      title: 'Open Gloss project',
      properties: ['openFile'],
      filters: [{ name: 'Gloss project', extensions: ['gloss'] }],
    });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async chooseImportPaths(pick) {
    const r = await dialog.showOpenDialog(mainWindow!, {
      title: pick === 'folder' ? 'Import a folder of articles' : 'Import articles',
      properties: pick === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
      filters:
        pick === 'folder'
          ? undefined
          : [
              { name: 'Articles, Gloss exports, REFI-QDA', extensions: FILE_EXTENSIONS.map((e) => e.slice(1)) },
              { name: 'Word, PDF and RTF documents', extensions: DOCUMENT_EXTENSIONS.map((e) => e.slice(1)) },
              { name: 'All files', extensions: ['*'] },
            ],
    });
    return r.canceled ? null : r.filePaths;
  },
  async chooseExportPath(format, suggestedName) {
    const r = await dialog.showSaveDialog(mainWindow!, {
      title: EXPORT_DIALOG[format].title,
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [EXPORT_DIALOG[format].filter],
    });
    return r.canceled || !r.filePath ? null : r.filePath;
  },
};

let glossSession: Session;

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Gloss',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'), /* eng-disable PRELOAD_JS_CHECK -- our own bundled preload; it exposes one function per contract call and nothing else */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click would otherwise open a link in a new window, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  const contents = mainWindow.webContents;
  // Nothing may take the window elsewhere or open another one: links in memos open in the system browser,
  // and only plain https links at that.
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK -- only well-formed https URLs, checked by isSafeExternalUrl */
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedSenderUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Links in memos open in the system browser only if they are plain https URLs with a host and no credentials. */
function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

function serveRenderer(): void {
  const root = normalize(rendererDir());
  protocol.handle('gloss', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function sendToWindow(event: GlossEvent): void {
  // The window's calls carry `window-<its webContents id>` (ipc.ts): a change it made itself reaches it marked `own`.
  if (mainWindow) mainWindow.webContents.send(IPC_EVENT, eventForWindow(event, `window-${mainWindow.webContents.id}`));
}

app.whenReady().then(() => {
  // An SQLite with the WAL-reset bug could corrupt projects: say why in a dialog and quit before opening any.
  try {
    assertSqliteIsSafe();
  } catch (err) {
    dialog.showErrorBox('Gloss cannot start', (err as Error).message);
    app.exit(2);
    return;
  }
  glossSession = new Session(new AppState(join(app.getPath('userData'), 'state')), adapter);
  glossSession.onEvent((event) => {
    sendToWindow(event);
    if (event.type === 'project.changed') Menu.setApplicationMenu(buildMenu(glossSession, sendToWindow));
  });
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  electronSession.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();
  ipcMain.handle(
    IPC_CALL,
    createIpcHandler(glossSession, (event) => {
      // Only our window's main frame, showing our renderer, may call main.
      const frame = event.senderFrame;
      return Boolean(mainWindow && event.sender === mainWindow.webContents && frame && frame === event.sender.mainFrame && isTrustedSenderUrl(frame.url, devServerUrl));
    }),
  );
  Menu.setApplicationMenu(buildMenu(glossSession, sendToWindow));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((err: unknown) => {
  // Any other failure to start (the state folder cannot be written, say) must not leave a process with no window.
  dialog.showErrorBox('Gloss cannot start', err instanceof Error ? err.message : String(err));
  app.exit(1);
});

app.on('window-all-closed', () => {
  glossSession?.closeProject(false);
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => glossSession?.closeProject(false));
