// Issue 9, hole 2: the web host swapped its token for a cookie (gloss_token, Path=/). Cookies are not separated by
// port, so every other server on 127.0.0.1 or localhost received the token with each request the browser made to
// it. Now nothing the launch response sets is a credential: the page keeps the token itself and sends it as a header.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import { nth, tempDir } from '../core/helpers';

describe('web host token: no credential another port could receive', () => {
  let host: WebHost;

  before(async () => {
    const root = tempDir('gloss-token-');
    const staticDir = join(root, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Gloss</title>');
    host = await startWebHost({ port: 0, dataDir: join(root, 'data'), staticDir });
  });

  after(async () => {
    await host?.close();
  });

  /** Opens the launch URL as a browser would, following redirects, and keeps every cookie it is given. */
  async function launch(): Promise<{ cookies: string[]; headers: Headers[]; body: string }> {
    const cookies: string[] = [];
    const headers: Headers[] = [];
    let url = host.launchUrl;
    for (let hop = 0; hop < 5; hop++) {
      const res: Response = await fetch(url, { redirect: 'manual', headers: { Cookie: cookies.join('; ') } });
      headers.push(res.headers);
      cookies.push(...res.headers.getSetCookie().map((c) => nth(c.split(';'), 0, 'the cookie')));
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).toString();
        continue;
      }
      return { cookies, headers, body: await res.text() };
    }
    throw new Error('too many redirects');
  }

  test('a request carrying only what the launch response set, cookies included, is refused', async () => {
    const { cookies, headers, body } = await launch();
    assert.match(body, /<title>Gloss<\/title>/, 'the launch URL opens the page');
    assert.deepEqual(cookies, [], 'the launch response sets no cookie');
    for (const h of headers) {
      for (const [name, value] of h) assert.ok(!value.includes(host.token), `the token came back in a ${name} header`);
    }
    // What a browser would send along to this port, and to any other port of 127.0.0.1, after opening the page.
    for (const path of ['/api/call/project.current', '/api/call/app.info']) {
      const res: Response = await fetch(`${host.url}${path}`, {
        method: 'POST',
        headers: { Cookie: cookies.join('; '), Origin: host.url, 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal(res.status, 401, path);
    }
    const events = await fetch(`${host.url}/api/events`, { headers: { Cookie: cookies.join('; ') } });
    assert.equal(events.status, 401);
  });

  test('the token in a cookie, as the old launch set it, is not accepted', async () => {
    for (const cookie of [`gloss_token=${host.token}`, `x-gloss-token=${host.token}`, `token=${host.token}`]) {
      const res = await fetch(`${host.url}/api/call/app.info`, { method: 'POST', headers: { Cookie: cookie, Origin: host.url }, body: '{}' });
      assert.equal(res.status, 401, cookie);
    }
  });

  test('the token in the X-Gloss-Token header is accepted', async () => {
    const res = await fetch(`${host.url}/api/call/app.info`, { method: 'POST', headers: { 'X-Gloss-Token': host.token, Origin: host.url }, body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { result: { host: string } }).result.host, 'web');
  });
});
