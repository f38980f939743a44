import { createReadStream, createWriteStream, lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, unlink } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppState, dispatch, GLOSS_JSON_MAX_BYTES, MAX_FILE_BYTES, MERGE_PROJECT_MAX_BYTES, ProjectLibrary, REFI_MAX_BYTES, Session, type HostAdapter } from '../../core/app';
import { eventForWindow, type ExportResult } from '../../contract/types';
import { GlossError } from '../../contract/errors';
import { FILE_EXTENSIONS, GLOSS_JSON_EXTENSIONS, REFI_EXTENSIONS, extensionOf } from '../../contract/fileTypes';
import { CONTENT_SECURITY_POLICY, packageVersion, rendererDir, sampleDir } from '../shared/paths';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Holds projects created from the browser, settings, the recent list, and (briefly) uploads and downloads. */
  dataDir: string;
  /** Built renderer to serve; defaults to out/renderer. */
  staticDir?: string;
  token?: string;
  /** A project outside the data folder that this launch may open (the web host's --project). */
  project?: string;
  /** The built import-writer worker; see HostAdapter.importWriterFile. */
  importWriterFile?: string;
  exportWorkerFile?: string;
}

export interface WebHost {
  url: string;
  /** The URL with the token, to open once in a browser. */
  launchUrl: string;
  token: string;
  port: number;
  /** The folder projects made or opened from the browser live in (inside the data folder). */
  projectsDir: string;
  session: Session;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
/**
 * The largest body of a contract call. A call carries JSON (a CSV of attributes at most is tens of MB); files come
 * through /api/upload. Far below V8's longest string (~512 MiB), which a body once reached and crashed the host.
 */
export const MAX_CALL_BODY_BYTES = 64 * 1024 * 1024;
/** A refused body is read to its end (so the client sees the 413) up to this much, then the connection is cut. */
const MAX_DISCARDED_BYTES = 1024 * 1024 * 1024;
/** Uploads not imported within an hour, and downloads not fetched within ten minutes, are deleted. */
const UPLOAD_TTL_MS = 60 * 60 * 1000;
const DOWNLOAD_TTL_MS = 10 * 60 * 1000;
const MAX_PENDING_UPLOADS = 100_000;
const MAX_PENDING_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;
const TOKEN_HEADER = 'x-gloss-token';
/** The largest project the browser may upload to open (Open project…). */
export const MAX_PROJECT_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
const FILE_NAME_HEADER = 'x-gloss-file-name';

/**
 * The largest upload of one file: what the importer takes for its type. A type the importer does not read is
 * rejected by name in the import report, so its bytes are not needed at all.
 */
export function maxUploadBytes(name: string): number {
  const ext = extensionOf(name);
  // A project opened from the browser (projects.upload): a project is one SQLite file, and can be large.
  if (ext === '.gloss') return MAX_PROJECT_UPLOAD_BYTES;
  if (GLOSS_JSON_EXTENSIONS.includes(ext)) return GLOSS_JSON_MAX_BYTES;
  if (REFI_EXTENSIONS.includes(ext)) return REFI_MAX_BYTES;
  // A teammate's project, uploaded for project.mergePreview / project.merge (an import of it is refused by name).
  if (ext === '.gloss') return MERGE_PROJECT_MAX_BYTES;
  return FILE_EXTENSIONS.includes(ext) ? MAX_FILE_BYTES : 0;
}

interface Upload {
  name: string;
  path: string;
  bytes: number;
  expiry: NodeJS.Timeout;
}

/**
 * Serves the built renderer and the contract over HTTP on 127.0.0.1 only, so the real renderer can run in a real
 * browser against the real core. Host and Origin must be this loopback origin (which defeats DNS rebinding), and
 * every call, upload and event stream must carry the per-launch token in an X-Gloss-Token header. The token is never
 * put in a cookie: cookies are not separated by port, so every other server on 127.0.0.1 would receive it. The page
 * reads it from its launch URL once (see src-renderer/api/webClient.ts). The renderer's files are served without
 * the token: they are the same for everyone and hold no data. A browser never names a file on disk: it uploads
 * files to import (POST /api/upload) and downloads exports through a one-use link; the contract's `hosts` and
 * `pathFields` keep every other path out, and projects stay in the data folder (or the one given with --project).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const staticRoot = resolve(options.staticDir ?? rendererDir());
  const dataDir = resolve(options.dataDir);
  const projectsDir = join(dataDir, 'projects');
  mkdirSync(projectsDir, { recursive: true });
  const realProjectsDir = realpathSync(projectsDir);
  // Deleted projects go to a trash inside the data folder, from where projects.restore brings them back.
  const projectLibrary = new ProjectLibrary(projectsDir, join(dataDir, 'trash'));
  // Uploads and exports live in a folder of this launch only, removed when the host stops; folders a crashed launch
  // left behind are removed at the next start, unless they are recent (another host may share the data folder).
  const launchId = randomBytes(8).toString('hex');
  const uploadsDir = join(dataDir, 'transfers', `${launchId}-uploads`);
  const exportsDir = join(dataDir, 'transfers', `${launchId}-exports`);
  removeStaleTransfers(join(dataDir, 'transfers'));
  mkdirSync(uploadsDir, { recursive: true, mode: 0o700 });
  mkdirSync(exportsDir, { recursive: true, mode: 0o700 });
  const downloads = new Map<string, { file: string; name: string; expiry: NodeJS.Timeout }>();
  const uploads = new Map<string, Upload>();
  let pendingUploadBytes = 0;
  let port = 0;

  const dropUpload = (id: string): void => {
    const upload = uploads.get(id);
    if (!upload) return;
    uploads.delete(id);
    clearTimeout(upload.expiry);
    pendingUploadBytes -= upload.bytes;
    // Deleted before the call answers: a discarded upload is gone when the browser hears it was discarded.
    rmSync(upload.path, { force: true });
  };
  const dropDownload = (id: string): void => {
    const download = downloads.get(id);
    if (!download) return;
    downloads.delete(id);
    clearTimeout(download.expiry);
    unlink(download.file, () => undefined);
  };
  // Anything else the browser names as a project must resolve, links followed, into the projects folder.
  const allowedProject = options.project ? realTarget(resolve(options.project)) : undefined;

  const adapter: HostAdapter = {
    kind: 'web',
    version: packageVersion(),
    sampleDir: sampleDir(),
    sampleProjectPath: join(projectsDir, 'Gloss sample project.gloss'),
    importWriterFile: options.importWriterFile,
    exportWorkerFile: options.exportWorkerFile,
    projectLibrary,
    async chooseNewProjectPath(name) {
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
      const safe = (name ?? 'Untitled').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'Untitled';
      return join(projectsDir, safe.endsWith('.gloss') ? safe : `${safe}.gloss`);
    },
    async chooseProjectToOpen() {
      return null;
    },
    // Whoever holds the token could otherwise name any file on the machine; the browser only ever needs its own
    // projects folder and the project the host was started with. Links are followed first, so a link in the
    // projects folder cannot lead out of it.
    checkProjectPath(path) {
      const refused = new GlossError('forbidden', `The web host opens projects in ${projectsDir} or the one it was started with (--project).`);
      let target: string;
      try {
        target = realTarget(resolve(path));
      } catch {
        throw refused;
      }
      if (target.startsWith(realProjectsDir + sep) || (allowedProject !== undefined && target === allowedProject)) return;
      throw refused;
    },
    async chooseImportPaths() {
      return null;
    },
    async chooseExportPath(_format, suggestedName) {
      return join(exportsDir, `${randomBytes(8).toString('hex')}-${suggestedName}`);
    },
    // The written file is offered once, as a download, and deleted once sent (or after ten minutes unfetched).
    afterExport(result: ExportResult): ExportResult {
      const id = randomBytes(16).toString('hex');
      const name = basename(result.path).replace(/^[0-9a-f]{16}-/, '');
      downloads.set(id, { file: result.path, name, expiry: setTimeout(() => dropDownload(id), DOWNLOAD_TTL_MS).unref() });
      return { ...result, path: name, downloadUrl: `/download/${id}/${encodeURIComponent(name)}` };
    },
    claimUploads(ids) {
      for (const id of ids) {
        if (!uploads.has(id)) throw new GlossError('not_found', `The web host holds no upload ${id} (it was imported already, or expired): upload the file again.`);
      }
      if (new Set(ids).size !== ids.length) throw new GlossError('invalid_request', 'An upload can be imported once only.');
      // Taken out of the map at once, so a second import or a discard meanwhile finds nothing to take.
      const claimed = ids.map((id) => {
        const upload = uploads.get(id)!;
        uploads.delete(id);
        clearTimeout(upload.expiry);
        pendingUploadBytes -= upload.bytes;
        return upload;
      });
      return {
        sources: claimed.map((u) => ({ kind: 'upload' as const, name: u.name, path: u.path })),
        release: () => claimed.forEach((u) => unlink(u.path, () => undefined)),
      };
    },
    peekUploads(ids) {
      return ids.map((id) => {
        const upload = uploads.get(id);
        if (!upload) throw new GlossError('not_found', `The web host holds no upload ${id} (it was imported already, or expired): upload the file again.`);
        return { kind: 'upload' as const, name: upload.name, path: upload.path };
      });
    },
    discardUploads(ids) {
      const held = ids.filter((id) => uploads.has(id));
      held.forEach(dropUpload);
      return held.length;
    },
  };
  const session = new Session(new AppState(join(dataDir, 'state')), adapter);
  /** Each page's event stream, with the window id the page named (its own changes are marked `own` for it alone). */
  const eventClients = new Map<ServerResponse, string | undefined>();
  session.onEvent((event) => {
    const shared = `data: ${JSON.stringify(eventForWindow(event, undefined))}\n\n`;
    for (const [client, windowId] of eventClients) {
      const mine = event.type === 'changed' && event.origin !== undefined && event.origin === windowId;
      client.write(mine ? `data: ${JSON.stringify(eventForWindow(event, windowId))}\n\n` : shared);
    }
  });

  const tokenOk = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return deny(res, 403, 'Foreign Host header refused.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
      return deny(res, 403, 'Foreign Origin refused.');
    }
    // The request target is a path on this origin. Parsed as a relative URL, one starting with '//' named another
    // host ('//x/index.html') or was no URL at all ('//..%2f'), which threw and answered 500 with a logged stack.
    let url: URL;
    try {
      url = new URL(`http://127.0.0.1:${port}${req.url?.startsWith('/') ? req.url : '/'}`);
    } catch {
      return deny(res, 400, 'Bad request target.');
    }
    if (url.pathname.startsWith('/download/')) {
      // A link with a `download` attribute cannot carry a header, so the link itself is the credential: 128 random
      // bits, handed only to a caller with the token, good for one fetch within ten minutes.
      if (req.method !== 'GET') return deny(res, 405, 'Downloads are GET requests.');
      const id = url.pathname.split('/')[2] ?? '';
      const download = downloads.get(id);
      if (!download) return deny(res, 404, 'No such download (each export downloads once; export again).');
      downloads.delete(id);
      clearTimeout(download.expiry);
      const info = await stat(download.file).catch(() => undefined);
      if (!info) return deny(res, 404, 'The exported file is gone.');
      res.writeHead(200, {
        'Content-Type': downloadType(download.file),
        'Content-Length': info.size,
        'Content-Disposition': `attachment; filename="${download.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(download.name)}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      const stream = createReadStream(download.file);
      // Sent or not (the browser may cancel), the copy does not outlive the request.
      res.on('close', () => {
        stream.destroy();
        unlink(download.file, () => undefined);
      });
      stream.pipe(res);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
      return serveStatic(staticRoot, url.pathname, res);
    }
    const headerToken = req.headers[TOKEN_HEADER];
    if (!tokenOk(typeof headerToken === 'string' ? headerToken : undefined)) {
      return deny(res, 401, 'This Gloss web host needs the token it printed at start-up (open the URL it printed).');
    }

    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') return deny(res, 405, 'Uploads are POST requests.');
      return receiveUpload(req, res);
    }
    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return deny(res, 405, 'Calls are POST requests.');
      // A name that is not valid percent-encoding names no call; decoding it must not throw (that answered 500).
      const encoded = url.pathname.slice('/api/call/'.length);
      let name = encoded;
      try {
        name = decodeURIComponent(encoded);
      } catch {
        // left encoded: the dispatcher answers unknown_call
      }
      const body = await readBody(req, res, MAX_CALL_BODY_BYTES);
      if (body === null) return;
      let payload: unknown;
      try {
        payload = JSON.parse(body || '{}');
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_request', message: `The request body is not JSON (${(err as Error).message}).` } });
      }
      const windowHeader = req.headers['x-gloss-window'];
      const reply = await dispatch(session, name, payload, typeof windowHeader === 'string' ? windowHeader : undefined);
      return sendJson(res, 200, reply);
    }
    if (url.pathname === '/api/events') {
      // Read with fetch() (which sends the token header) rather than EventSource (which cannot).
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      const windowHeader = req.headers['x-gloss-window'];
      eventClients.set(res, typeof windowHeader === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(windowHeader) ? windowHeader : undefined);
      req.on('close', () => eventClients.delete(res));
      return;
    }
    return deny(res, 404, 'Not found.');
  };

  /**
   * POST /api/upload: one file's bytes as the body, its name (percent-encoded UTF-8) in X-Gloss-File-Name. The bytes
   * stream to a file of this launch, never held whole in memory; the name is only a label for the import report
   * and never names anything on disk. Answers { upload, bytes } for `articles.importUploads`.
   */
  const receiveUpload = (req: IncomingMessage, res: ServerResponse): void => {
    const rawName = req.headers[FILE_NAME_HEADER];
    let name = '';
    try {
      name = typeof rawName === 'string' ? decodeURIComponent(rawName) : '';
    } catch {
      // stays empty: refused below
    }
    // eslint-disable-next-line no-control-regex -- a label with control characters is refused, not shown
    if (name.length === 0 || name.length > 1024 || /[\u0000-\u001f\u007f]/.test(name)) {
      return refuseBody(req, res, 400, 'An upload needs its file name (1 to 1,024 characters, percent-encoded) in the X-Gloss-File-Name header.');
    }
    const limit = maxUploadBytes(name);
    const tooLarge = () =>
      `${name} is too large to upload: Gloss imports ${limit === 0 ? 'no contents of this file type' : `files of this type up to ${limit / 1024 / 1024} MB`}.`;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) return refuseBody(req, res, 413, tooLarge());
    if (uploads.size >= MAX_PENDING_UPLOADS || pendingUploadBytes + (Number.isFinite(declared) ? declared : 0) > MAX_PENDING_UPLOAD_BYTES) {
      return refuseBody(req, res, 503, 'Too many uploads are waiting to be imported; import or cancel them first.');
    }
    const id = randomBytes(16).toString('hex');
    const path = join(uploadsDir, id);
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const fail = (status: number, message: string) => {
      if (failed) return;
      failed = true;
      out.destroy();
      unlink(path, () => undefined);
      if (!res.headersSent) refuseBody(req, res, status, message);
    };
    out.on('error', (err) => fail(507, `The upload could not be stored (${(err as NodeJS.ErrnoException).code ?? err.message}).`));
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      bytes += chunk.length;
      if (bytes > limit) return fail(413, tooLarge());
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      if (failed) return;
      out.end(() => {
        if (failed) return;
        if (closing) return fail(503, 'The web host is stopping.');
        pendingUploadBytes += bytes;
        uploads.set(id, { name, path, bytes, expiry: setTimeout(() => dropUpload(id), UPLOAD_TTL_MS).unref() });
        sendJson(res, 200, { upload: id, bytes });
      });
    });
    // A browser that gives up mid-way leaves no partial file behind.
    req.on('close', () => {
      if (!req.complete && !failed) {
        failed = true;
        out.destroy();
        unlink(path, () => undefined);
      }
    });
  };
  let closing = false;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[gloss web]', err);
      if (!res.headersSent) deny(res, 500, 'Internal error.');
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    launchUrl: `${base}/?token=${token}`,
    token,
    port,
    projectsDir,
    session,
    async close() {
      closing = true;
      for (const c of eventClients.keys()) c.end();
      session.closeProject(false);
      for (const id of [...uploads.keys()]) dropUpload(id);
      for (const id of [...downloads.keys()]) dropDownload(id);
      // server.close() drops only the connections idle at that very moment and waits for the others (a browser's
      // event stream being ended, a keep-alive socket), which held the stop for the 5 s keep-alive timeout in most
      // runs. Shutting down, nothing is worth waiting for: every connection is closed now, not once close() is done.
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
      rmSync(uploadsDir, { recursive: true, force: true });
      rmSync(exportsDir, { recursive: true, force: true });
    },
  };
}

async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return deny(res, 400, 'Bad path.');
  }
  if (rel.includes('\0')) return deny(res, 400, 'Bad path.');
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + sep)) return deny(res, 404, 'Not found.');
  const info = await stat(file).catch(() => undefined);
  if (!info || !info.isFile()) return deny(res, 404, 'Not found.');
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

/** The media type of an export offered as a download, by its extension. */
function downloadType(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'text/csv; charset=utf-8';
  if (ext === '.xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (ext === '.qdpx' || ext === '.qdc' || ext === '.zip') return ext === '.qdc' ? 'application/xml' : 'application/zip';
  return 'application/json; charset=utf-8';
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * Answers before the body is read (or while it is), then reads the rest and drops it, so the client gets the answer
 * rather than a reset connection, and the connection stays usable. A client that keeps sending past
 * MAX_DISCARDED_BYTES is cut off.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  deny(res, status, message);
  let discarded = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** The body as text, or null when it was refused (413, already answered) for being larger than `limit`. */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooLarge = `A call's body may be at most ${limit / 1024 / 1024} MB; files are imported through uploads.`;
  if (Number.isFinite(declared) && declared > limit) {
    refuseBody(req, res, 413, tooLarge);
    return Promise.resolve(null);
  }
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        refuseBody(req, res, 413, tooLarge);
        ok(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) ok(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', fail);
  });
}

/** The path with every link resolved; for a file not there yet, its folder's real path and its name. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // A link pointing nowhere would be followed by whatever created the file: refused.
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    // not there at all: a new file
  }
  if (isLink) throw new Error('a link that points nowhere');
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** Removes transfer folders of earlier launches (a crash leaves them) once they are a day old. */
function removeStaleTransfers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 24 * 60 * 60 * 1000) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone meanwhile
    }
  }
}
