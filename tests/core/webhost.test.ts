// The loopback web host, started in-process on a free port with a temp data folder and driven over real HTTP:
// the token, the Host/Origin checks, the static files it will (not) serve, where it listens, and the whole contract.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import type { WireResult } from '../../src-main/core/dispatch';
import { buildContractFixture, callOk, callsNeedingAProject, exportSchemaPath, repoRoot, runBadCalls, tempDir, type Transport, builtWorkerFiles, httpTransport } from './helpers';
import { skipUnlessBuilt } from './built';

const SECRET = 'secret next to the renderer folder';
const INDEX = '<!doctype html><title>Gloss test renderer</title>';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can send what fetch would refuse or rewrite (Host headers, '..' in the path). */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<RawReply> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: options.host ?? '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, setHost: !(options.headers && 'Host' in options.headers) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

/** Every file below a folder, as paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Resolves with the connection error code, or 'connected' when something accepted the connection. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((ok) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      ok('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => ok(err.code ?? err.message));
  });
}

describe('web host', () => {
  let host: WebHost;
  let dataDir: string;
  let call: Transport;

  before(async () => {
    const root = tempDir('gloss-web-');
    dataDir = join(root, 'data');
    const staticDir = join(root, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), INDEX);
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), SECRET);
    writeFileSync(join(root, 'renderer-evil.txt'), SECRET); // shares the folder's name as a prefix
    host = await startWebHost({ port: 0, dataDir, staticDir, ...builtWorkerFiles() });
    call = httpTransport(host);
  });

  after(async () => {
    await host?.close();
  });

  describe('token', () => {
    test('calls, uploads and the event stream without the token, or with a wrong one, get 401', async () => {
      for (const [path, method] of [['/api/call/app.info', 'POST'], ['/api/events', 'GET'], ['/api/upload', 'POST'], ['/api/call/project.close', 'POST']] as const) {
        const none = await raw(host.port, path, { method });
        assert.equal(none.status, 401, `${method} ${path} without a token`);
        const wrongToken = `${host.token.slice(0, -1)}${host.token.endsWith('0') ? '1' : '0'}`; // one character off
        const wrong = await raw(host.port, path, { method, headers: { 'X-Gloss-Token': wrongToken } });
        assert.equal(wrong.status, 401, `${method} ${path} with a wrong token`);
        const cookie = await raw(host.port, path, { method, headers: { Cookie: `gloss_token=${host.token}` } });
        assert.equal(cookie.status, 401, `${method} ${path} with the token in a cookie`);
        const query = await raw(host.port, `${path}?token=${host.token}`, { method });
        assert.equal(query.status, 401, `${method} ${path} with the token in the query`);
      }
      const viaFetch = await fetch(`${host.url}/api/call/app.info`, { method: 'POST', body: '{}' });
      assert.equal(viaFetch.status, 401);
    });

    test('the renderer itself is served without the token, and the launch URL sets nothing', async () => {
      const launch = await raw(host.port, `/?token=${host.token}`);
      assert.equal(launch.status, 200);
      assert.equal(launch.body, INDEX);
      assert.equal(launch.headers['set-cookie'], undefined);
      assert.match(String(launch.headers['content-security-policy']), /default-src 'none'/);
      assert.equal(launch.headers['referrer-policy'], 'no-referrer', 'the token in the address never travels on as a Referer');
      assert.equal((await raw(host.port, '/assets/app.js')).body, 'console.log(1)');
      const info = await raw(host.port, '/api/call/app.info', { method: 'POST', headers: { 'X-Gloss-Token': host.token }, body: '{}' });
      assert.equal(JSON.parse(info.body).result.host, 'web');
    });

    test('the event stream answers with the token header', async () => {
      const res = await fetch(`${host.url}/api/events`, { headers: { 'X-Gloss-Token': host.token } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      await res.body?.cancel();
    });
  });

  describe('change events', () => {
    /** Reads one page's event stream (as that page's window) until a 'changed' event arrives. */
    async function nextChange(window: string, ready: (started: Promise<void>) => void): Promise<Record<string, unknown>> {
      const res = await fetch(`${host.url}/api/events`, { headers: { 'X-Gloss-Token': host.token, 'X-Gloss-Window': window } });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let first = true;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffer += value;
        if (first) {
          first = false;
          ready(Promise.resolve());
        }
        for (const block of buffer.split('\n\n')) {
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          const event = data ? (JSON.parse(data.slice(6)) as Record<string, unknown>) : undefined;
          if (event?.type === 'changed') {
            await reader.cancel();
            return event;
          }
        }
      }
    }

    test("a change is marked own only in the stream of the window whose call made it, and no page sees a window's id", async () => {
      const call = (name: string, body: unknown, window: string) =>
        fetch(`${host.url}/api/call/${name}`, { method: 'POST', headers: { 'X-Gloss-Token': host.token, 'X-Gloss-Window': window, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(
          (r) => r.json() as Promise<WireResult>,
        );
      assert.equal((await call('project.create', { name: 'Own events' }, 'page-a')).ok, true);
      let readyA!: () => void;
      let readyB!: () => void;
      const startedA = new Promise<void>((ok) => (readyA = ok));
      const startedB = new Promise<void>((ok) => (readyB = ok));
      const inA = nextChange('page-a', () => readyA());
      const inB = nextChange('page-b', () => readyB());
      await Promise.all([startedA, startedB]);
      assert.equal((await call('codes.create', { codePath: 'Frames' }, 'page-a')).ok, true);
      const [a, b] = await Promise.all([inA, inB]);
      assert.equal(a.own, true);
      assert.equal(b.own, undefined);
      assert.deepEqual(a.entities, b.entities);
      for (const e of [a, b]) assert.equal(JSON.stringify(e).includes('page-a'), false, 'the window id stays in the host');
      // The later tests expect no open project.
      assert.equal((await call('project.close', {}, 'page-a')).ok, true);
    });
  });

  describe('origin checks', () => {
    test('a foreign Host header gets 403, even with the token (DNS rebinding)', async () => {
      const token = { 'X-Gloss-Token': host.token };
      for (const h of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, `127.0.0.1.evil.example:${host.port}`, '']) {
        const r = await raw(host.port, '/api/call/app.info', { method: 'POST', headers: { ...token, Host: h }, body: '{}' });
        assert.equal(r.status, 403, `Host: ${h}`);
        assert.doesNotMatch(r.body, /"ok"/);
      }
      for (const h of [`127.0.0.1:${host.port}`, `localhost:${host.port}`]) {
        const r = await raw(host.port, '/api/call/app.info', { method: 'POST', headers: { ...token, Host: h }, body: '{}' });
        assert.equal(r.status, 200, `Host: ${h}`);
      }
    });

    test('a foreign Origin gets 403, even with the token', async () => {
      const token = { 'X-Gloss-Token': host.token };
      for (const origin of ['http://evil.example', `http://evil.example:${host.port}`, 'null', `https://127.0.0.1:${host.port}`, `http://127.0.0.1:${host.port + 1}`]) {
        const r = await raw(host.port, '/api/call/codes.list', { method: 'POST', headers: { ...token, Origin: origin }, body: '{}' });
        assert.equal(r.status, 403, `Origin: ${origin}`);
      }
      const same = await raw(host.port, '/api/call/app.info', { method: 'POST', headers: { ...token, Origin: `http://127.0.0.1:${host.port}` }, body: '{}' });
      assert.equal(same.status, 200);
    });
  });

  describe('static files', () => {
    const auth = () => ({ 'X-Gloss-Token': host.token });

    test('serves the renderer folder', async () => {
      assert.equal((await raw(host.port, '/index.html')).body, INDEX);
      assert.equal((await raw(host.port, '/index.html', { headers: auth() })).body, INDEX);
      assert.equal((await raw(host.port, '/assets/app.js', { headers: auth() })).body, 'console.log(1)');
      assert.equal((await raw(host.port, '/assets/missing.js', { headers: auth() })).status, 404);
    });

    test('no path escapes the renderer folder', async () => {
      const attempts = [
        '/../secret.txt',
        '/../../secret.txt',
        '/assets/../../secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/%2e%2e%2fsecret.txt',
        '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
        '/..%5csecret.txt',
        '/%2e%2e%5csecret.txt',
        '/..%252fsecret.txt',
        '/../renderer-evil.txt',
        '/..%2frenderer-evil.txt',
        '//..%2fsecret.txt',
        '//../secret.txt',
        '//evil.example/..%2fsecret.txt',
        '/%2fsecret.txt',
        '/index.html%00.txt',
        '/%E0%A4%A',
      ];
      for (const path of attempts) {
        const r = await raw(host.port, path, { headers: auth() });
        assert.ok(r.status === 404 || r.status === 400, `${path}: HTTP ${r.status}`);
        assert.ok(!r.body.includes(SECRET), `${path} served the file outside the renderer folder`);
      }
    });

    test('the default renderer folder does not give away package.json or the sources', async (t) => {
      const renderer = join(repoRoot, 'out', 'renderer');
      const notBuilt = skipUnlessBuilt(renderer);
      if (notBuilt) return t.skip(notBuilt);
      const other = await startWebHost({ port: 0, dataDir: tempDir('gloss-web-') });
      try {
        for (const path of ['/../package.json', '/..%2fpackage.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fsrc-main%2fcore%2fsession.ts']) {
          const r = await raw(other.port, path, { headers: { 'X-Gloss-Token': other.token } });
          assert.ok(r.status === 404 || r.status === 400, `${path}: HTTP ${r.status}`);
          assert.doesNotMatch(r.body, /"name": "gloss"|class Session/);
        }
      } finally {
        await other.close();
      }
    });
  });

  test('listens on 127.0.0.1 only', async () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(host.launchUrl, `${host.url}/?token=${host.token}`);
    assert.equal(await tryConnect('127.0.0.1', host.port), 'connected');
    // 127.0.0.2 is loopback too on Linux: a host bound to all interfaces (or all of 127/8) would answer there.
    assert.notEqual(await tryConnect('127.0.0.2', host.port), 'connected');
    assert.notEqual(await tryConnect('::1', host.port), 'connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const address of external) assert.notEqual(await tryConnect(address, host.port), 'connected', address);
  });

  describe('the contract over HTTP', () => {
    test('a body that is not JSON is an invalid_request; calls are POST only', async () => {
      const bad = await raw(host.port, '/api/call/app.info', { method: 'POST', headers: { 'X-Gloss-Token': host.token }, body: '{not json' });
      assert.equal(bad.status, 400);
      assert.equal(JSON.parse(bad.body).error.code, 'invalid_request');
      const get = await raw(host.port, '/api/call/app.info', { headers: { 'X-Gloss-Token': host.token } });
      assert.equal(get.status, 405);
    });

    test('a call name that is not valid percent-encoding is an unknown call, not a server error', async () => {
      for (const name of ['%E0%A4%A', '%', 'app.info%ZZ', '..%2f..%2fapp.info']) {
        const r = await raw(host.port, `/api/call/${name}`, { method: 'POST', headers: { 'X-Gloss-Token': host.token }, body: '{}' });
        assert.equal(r.status, 200, `${name}: HTTP ${r.status} ${r.body}`);
        assert.equal(JSON.parse(r.body).error.code, 'unknown_call', name);
      }
    });

    test('calls that need a project answer no_project before one is open', async () => {
      for (const [name, payload] of callsNeedingAProject) {
        const reply = await call(name, payload);
        // An export to a path is refused outright: a browser may not name a file on disk.
        const expected = (payload as { path?: string }).path !== undefined ? 'forbidden' : 'no_project';
        assert.equal(reply.ok ? 'ok' : reply.error.code, expected, name);
      }
    });

    test('bad payloads come back as typed errors and change nothing', async () => {
      const projectPath = join(dataDir, 'projects', 'contract.gloss');
      const fixture = await buildContractFixture(call, projectPath);
      // Over HTTP, a project path outside the host's projects folder is refused before it is even looked at.
      const projectsDir = join(dataDir, 'projects');
      const exportsToPaths = ['export.json', 'export.csv', 'retrieve.exportCsv', 'counts.exportCsv'];
      const expected = (bad: { name: string; code: string; payload: unknown }) => {
        const path = (bad.payload as { path?: unknown } | null)?.path;
        const outside = typeof path === 'string' && !path.startsWith(`${projectsDir}/`);
        // The browser names no file: imports from paths and exports to paths are refused before anything else.
        if (bad.name === 'articles.importPaths' || (exportsToPaths.includes(bad.name) && path !== undefined)) return 'forbidden';
        return (bad.name === 'project.open' || bad.name === 'project.create') && outside && bad.code === 'project_error' ? 'forbidden' : bad.code;
      };
      const { problems, checked } = await runBadCalls(call, fixture, dataDir, projectPath, () => host.session.currentProject?.db, expected);
      assert.deepEqual(problems, []);
      assert.ok(checked > 60);
    });

    test('an export made through the host downloads once, validates, and leaves no copy behind', async () => {
      const result = await callOk<{ downloadUrl: string; codings: number; path: string }>(call, 'export.json', {});
      assert.ok(result.codings >= 2);
      assert.match(result.downloadUrl, /^\/download\/[0-9a-f]{32}\//);
      assert.doesNotMatch(result.path, /\//, 'the browser is told a file name, not where the host keeps it');
      // The link is the credential (a download link cannot carry a header): good for one fetch.
      const res = await fetch(`${host.url}${result.downloadUrl}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
      const doc = await res.json();
      const ajv = new Ajv2020({ strict: true });
      ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const validate = ajv.compile(JSON.parse(readFileSync(exportSchemaPath, 'utf8')));
      assert.ok(validate(doc), JSON.stringify(validate.errors));
      assert.equal((await fetch(`${host.url}${result.downloadUrl}`)).status, 404, 'a second fetch finds nothing');
      assert.equal((await fetch(`${host.url}/download/0000/x.json`)).status, 404);
      // Give the deletion after the response a moment, then look for any export left in the data folder.
      await new Promise((ok) => setTimeout(ok, 100));
      assert.deepEqual(filesUnder(dataDir).filter((f) => /\.(json|csv)$/.test(f) && !f.includes(`${join(dataDir, 'state')}`)), []);
    });
  });
});
