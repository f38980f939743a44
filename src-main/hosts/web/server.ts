import { createReadStream, mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppState } from '../../core/appState';
import { dispatch } from '../../core/dispatch';
import { Session, type HostAdapter } from '../../core/session';
import type { ExportResult } from '../../contract/types';
import { GlossError } from '../../contract/errors';
import { CONTENT_SECURITY_POLICY, packageVersion, rendererDir, sampleDir } from '../shared/paths';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Holds projects created from the browser, exports for download, settings and the recent list. */
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
const MAX_BODY = 512 * 1024 * 1024;
const COOKIE = 'gloss_token';

/**
 * Serves the built renderer and the contract over HTTP on 127.0.0.1 only, so the real renderer can run in a real
 * browser against the real core. Every request must carry the per-launch token (query once, then a SameSite=Strict
 * cookie, or an X-Gloss-Token header); Host and Origin must be this loopback origin, which defeats DNS rebinding.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const staticRoot = resolve(options.staticDir ?? rendererDir());
  const dataDir = resolve(options.dataDir);
  const projectsDir = join(dataDir, 'projects');
  const exportsDir = join(dataDir, 'exports');
  mkdirSync(projectsDir, { recursive: true });
  mkdirSync(exportsDir, { recursive: true });
  const downloads = new Map<string, string>();
  let port = 0;

  const adapter: HostAdapter = {
    kind: 'web',
    version: packageVersion(),
    sampleDir: sampleDir(),
    sampleProjectPath: join(projectsDir, 'Gloss sample project.gloss'),
    importWriterFile: options.importWriterFile,
    exportWorkerFile: options.exportWorkerFile,
    async chooseNewProjectPath(name) {
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
      const safe = (name ?? 'Untitled').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'Untitled';
      return join(projectsDir, safe.endsWith('.gloss') ? safe : `${safe}.gloss`);
    },
    async chooseProjectToOpen() {
      return null;
    },
    // Whoever holds the token could otherwise name any file on the machine; the browser only ever needs its own
    // projects folder and the project the host was started with.
    checkProjectPath(path) {
      const target = resolve(path);
      if (target.startsWith(projectsDir + sep) || (options.project && target === resolve(options.project))) return;
      throw new GlossError('forbidden', `The web host opens projects in ${projectsDir} or the one it was started with (--project).`);
    },
    async chooseImportPaths() {
      return null;
    },
    async chooseExportPath(_format, suggestedName) {
      return join(exportsDir, `${Date.now()}-${suggestedName}`);
    },
    afterExport(result: ExportResult): ExportResult {
      const id = randomBytes(12).toString('hex');
      downloads.set(id, result.path);
      return { ...result, downloadUrl: `/download/${id}/${encodeURIComponent(basename(result.path).replace(/^\d+-/, ''))}` };
    },
  };
  const session = new Session(new AppState(join(dataDir, 'state')), adapter);
  const eventClients = new Set<ServerResponse>();
  session.onEvent((event) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of eventClients) client.write(data);
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
    const cookieToken = parseCookies(req.headers.cookie)[COOKIE];
    const headerToken = req.headers['x-gloss-token'];
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (queryToken !== undefined && tokenOk(queryToken) && req.method === 'GET') {
      // Swap the token in the address bar for a cookie, so it does not linger in history or get copied around.
      url.searchParams.delete('token');
      res.writeHead(303, {
        Location: url.pathname + (url.search || ''),
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!tokenOk(cookieToken) && !tokenOk(typeof headerToken === 'string' ? headerToken : undefined)) {
      return deny(res, 401, 'This Gloss web host needs the token it printed at start-up (open the URL it printed).');
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
      let payload: unknown;
      try {
        payload = JSON.parse((await readBody(req)) || '{}');
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_request', message: `The request body is not JSON (${(err as Error).message}).` } });
      }
      const reply = await dispatch(session, name, payload);
      return sendJson(res, 200, reply);
    }
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      eventClients.add(res);
      req.on('close', () => eventClients.delete(res));
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      const id = url.pathname.split('/')[2] ?? '';
      const file = downloads.get(id);
      if (!file) return deny(res, 404, 'No such download.');
      const info = await stat(file).catch(() => undefined);
      if (!info) return deny(res, 404, 'The exported file is gone.');
      const name = basename(file).replace(/^\d+-/, '');
      res.writeHead(200, {
        'Content-Type': file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'Content-Length': info.size,
        'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      createReadStream(file).pipe(res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    return serveStatic(staticRoot, url.pathname, res);
  };

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
    session,
    async close() {
      for (const c of eventClients) c.end();
      session.closeProject(false);
      // server.close() drops only the connections idle at that very moment and waits for the others (a browser's
      // event stream being ended, a keep-alive socket), which held the stop for the 5 s keep-alive timeout in most
      // runs. Shutting down, nothing is worth waiting for: every connection is closed now, not once close() is done.
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
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

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Error(`request larger than ${MAX_BODY / 1024 / 1024} MB`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
