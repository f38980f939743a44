// Issue 9, hole 6: a request body near V8's longest string killed the web host (the limit was 512 MiB, and turning
// the body into a string threw ERR_STRING_TOO_LONG in the 'end' handler). Now a call's body is capped at 64 MiB and
// an upload at what the importer takes for the file's type: the host answers 413 and goes on serving.
// Issue 9, hole 9 (in part): `web.js --help` started a server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import { repoRoot, tempDir } from '../core/helpers';

const MiB = 1024 * 1024;

/**
 * Sends `chunks` MiB (a JSON string, so the body would parse if accepted) without a Content-Length, as a client that
 * streams would, and resolves with the status; what happens to the socket after the answer does not matter.
 */
function sendChunked(host: WebHost, path: string, mib: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { 'X-Gloss-Token': host.token, 'Transfer-Encoding': 'chunked', ...headers } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    const chunk = Buffer.alloc(MiB, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < mib) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write('{"filter":"');
    pump();
  });
}

/** A request that only declares a huge body and sends a little of it. */
function sendDeclared(host: WebHost, path: string, bytes: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { 'X-Gloss-Token': host.token, 'Content-Length': String(bytes), ...headers } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err) => (req.destroyed ? undefined : fail(err)));
    req.write(Buffer.alloc(1024, 'a'));
  });
}

describe('web host limits: bodies are bounded and the host keeps serving', () => {
  let host: WebHost;
  let dataDir: string;

  before(async () => {
    dataDir = join(tempDir('gloss-limits-'), 'data');
    host = await startWebHost({ port: 0, dataDir, staticDir: join(dataDir, 'no-renderer') });
  });

  after(async () => {
    await host?.close();
  });

  const appInfo = async () => {
    const res = await fetch(`${host.url}/api/call/app.info`, { method: 'POST', headers: { 'X-Gloss-Token': host.token }, body: '{}' });
    return { status: res.status, body: (await res.json()) as { ok: boolean } };
  };

  test('a call body over 64 MiB is answered 413, and the next call succeeds', async () => {
    assert.equal(await sendChunked(host, '/api/call/articles.list', 65), 413);
    const next = await appInfo();
    assert.equal(next.status, 200);
    assert.equal(next.body.ok, true);
  });

  test('a body declared near V8 string limit is refused before it is read', async () => {
    assert.equal(await sendDeclared(host, '/api/call/articles.list', 540 * MiB), 413);
    assert.equal((await appInfo()).body.ok, true);
  });

  test('an upload larger than its type allows is answered 413, leaves no partial file, and the next upload works', async () => {
    const name = { 'X-Gloss-File-Name': 'huge.txt' };
    assert.equal(await sendChunked(host, '/api/upload', 65, name), 413);
    assert.equal(await sendDeclared(host, '/api/upload', 65 * MiB, name), 413);
    // A type the importer does not read is not worth its bytes.
    assert.equal(await sendDeclared(host, '/api/upload', 10 * MiB, { 'X-Gloss-File-Name': 'movie.mp4' }), 413);
    await new Promise((ok) => setTimeout(ok, 50));
    const transfers = join(dataDir, 'transfers');
    assert.deepEqual(readdirSync(transfers, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()), []);
    const res = await fetch(`${host.url}/api/upload`, {
      method: 'POST',
      headers: { 'X-Gloss-Token': host.token, 'X-Gloss-File-Name': 'small.txt' },
      body: 'A small article.\n',
    });
    assert.equal(res.status, 200);
    assert.match(((await res.json()) as { upload: string }).upload, /^[0-9a-f]{32}$/);
    assert.equal((await appInfo()).body.ok, true);
  });

  test('uploads that will not be imported after all are deleted when discarded', async () => {
    const sent = await fetch(`${host.url}/api/upload`, {
      method: 'POST',
      headers: { 'X-Gloss-Token': host.token, 'X-Gloss-File-Name': 'cancelled.txt' },
      body: 'An import cancelled while uploading.\n',
    });
    const { upload } = (await sent.json()) as { upload: string };
    const send = async (name: string, payload: unknown) =>
      (await (await fetch(`${host.url}/api/call/${name}`, { method: 'POST', headers: { 'X-Gloss-Token': host.token }, body: JSON.stringify(payload) })).json()) as {
        ok: boolean;
        result?: { discarded: number };
        error?: { code: string };
      };
    const held = () => readdirSync(join(dataDir, 'transfers'), { recursive: true, withFileTypes: true }).some((e) => e.isFile() && e.name === upload);
    assert.equal(held(), true);
    assert.deepEqual((await send('articles.discardUploads', { uploads: [upload] })).result, { discarded: 1 });
    assert.equal(held(), false);
    assert.equal((await send('articles.discardUploads', { uploads: [upload] })).result?.discarded, 0);
  });

  test('an upload without a file name is refused', async () => {
    const res = await fetch(`${host.url}/api/upload`, { method: 'POST', headers: { 'X-Gloss-Token': host.token }, body: 'x' });
    assert.equal(res.status, 400);
  });
});

describe('web.js --help', () => {
  // The built entry when there is one (what `npm run web` runs), else the same source through tsx.
  const built = join(repoRoot, 'out', 'main', 'web.js');
  const command = existsSync(built) ? [built] : ['--import', 'tsx', join(repoRoot, 'src-main', 'hosts', 'web', 'web.ts')];

  for (const flag of ['--help', '-h']) {
    test(`${flag} prints the usage and exits 0 without starting a server`, () => {
      const dataDir = join(tempDir('gloss-help-'), 'never-made');
      const run = spawnSync(process.execPath, [...command, flag, '--data', dataDir], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.signal, null, 'it did not exit by itself (a server was started)');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Usage: node out\/main\/web\.js/);
      assert.match(run.stdout, /--data DIR/);
      assert.doesNotMatch(run.stdout + run.stderr, /GLOSS_WEB_URL=|http:\/\/127\.0\.0\.1/);
      assert.equal(existsSync(dataDir), false, 'the data folder was not even created');
    });
  }

  test('an unknown option is refused with the usage, exit 2', () => {
    const run = spawnSync(process.execPath, [...command, '--frobnicate'], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.signal, null, 'it did not exit by itself (a server was started)');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown option --frobnicate/);
  });
});
