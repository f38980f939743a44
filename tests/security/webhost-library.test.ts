// Issue 14, item 12: the web host opens, renames and deletes (to a trash, with restore) the projects of its data
// folder, by name — a project made by the CLI there, or uploaded from the browser — and its exports leave no copies
// behind. Real HTTP against a real host, real SQLite files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireResult } from '../../src-main/core/dispatch';
import { Project } from '../../src-main/core/store/Project';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import { repoRoot, tempDir } from '../core/helpers';

const built = (name: string) => (existsSync(join(repoRoot, 'out', 'main', name)) ? join(repoRoot, 'out', 'main', name) : undefined);

/** Every file below a folder, relative, to see what the data folder holds. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('web host project library', () => {
  let root: string;
  let dataDir: string;
  let projectsDir: string;
  let host: WebHost;
  let call: (name: string, payload?: unknown) => Promise<WireResult>;

  const ok = async <T>(name: string, payload: unknown = {}): Promise<T> => {
    const reply = await call(name, payload);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };
  const fails = async (name: string, payload: unknown, code: string): Promise<string> => {
    const reply = await call(name, payload);
    assert.equal(reply.ok, false, `${name} ${JSON.stringify(payload)} succeeded`);
    if (reply.ok) return '';
    assert.equal(reply.error.code, code, reply.error.message);
    assert.ok(!reply.error.message.includes(root), `the message names no path on the host: ${reply.error.message}`);
    return reply.error.message;
  };
  const upload = async (name: string, bytes: Buffer): Promise<string> => {
    const res = await fetch(`${host.url}/api/upload`, {
      method: 'POST',
      headers: { 'X-Gloss-Token': host.token, 'X-Gloss-File-Name': encodeURIComponent(name) },
      body: new Uint8Array(bytes),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { upload: string }).upload;
  };
  const names = async () => (await ok<{ items: { name: string }[] }>('projects.list')).items.map((p) => p.name).sort();

  before(async () => {
    root = tempDir('gloss-library-');
    dataDir = join(root, 'data');
    projectsDir = join(dataDir, 'projects');
    host = await startWebHost({ port: 0, dataDir, staticDir: join(root, 'no-renderer'), exportWorkerFile: built('exportWorker.js') });
    call = async (name, payload = {}) => {
      const res = await fetch(`${host.url}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': host.token },
        body: JSON.stringify(payload),
      });
      assert.equal(res.status, 200);
      return (await res.json()) as WireResult;
    };
  });

  after(async () => {
    await host?.close();
  });

  test('a project made by the CLI in the data folder is listed by name and opens', async () => {
    // What `gloss init <data>/projects/Fieldwork.gloss` makes: the same core, the same file.
    Project.create(join(projectsDir, 'Fieldwork.gloss'), 'Fieldwork').close();
    writeFileSync(join(projectsDir, 'notes.txt'), 'not a project');
    const list = await ok<{ items: { name: string; size: number; modifiedAt: string; open?: boolean }[]; trash: unknown[] }>('projects.list');
    assert.deepEqual(list.items.map((p) => p.name), ['Fieldwork.gloss']);
    assert.ok(!JSON.stringify(list).includes('/'), 'names only, no paths');
    const info = await ok<{ name: string }>('projects.open', { name: 'Fieldwork.gloss' });
    assert.equal(info.name, 'Fieldwork');
    assert.equal((await ok<{ items: { open?: boolean }[] }>('projects.list')).items[0]!.open, true);
    await fails('projects.open', { name: 'Missing.gloss' }, 'not_found');
    await fails('projects.open', { name: 'notes.txt' }, 'invalid_request');
  });

  test('Open project…: an uploaded .gloss joins the data folder and opens; a file that is not a project does not stay', async () => {
    const elsewhere = join(root, 'elsewhere.gloss');
    const made = Project.create(elsewhere, 'Supervisor copy');
    made.close();
    const reply = await ok<{ name: string; project: { name: string } }>('projects.upload', { upload: await upload('Supervisor copy.gloss', readFileSync(elsewhere)) });
    assert.deepEqual([reply.name, reply.project.name], ['Supervisor copy.gloss', 'Supervisor copy']);
    // The same name again gets a free one.
    const again = await ok<{ name: string }>('projects.upload', { upload: await upload('Supervisor copy.gloss', readFileSync(elsewhere)) });
    assert.equal(again.name, 'Supervisor copy (2).gloss');
    const message = await fails('projects.upload', { upload: await upload('fake.gloss', Buffer.from('plain text, not SQLite')) }, 'project_error');
    assert.match(message, /fake\.gloss/);
    assert.deepEqual(await names(), ['Fieldwork.gloss', 'Supervisor copy (2).gloss', 'Supervisor copy.gloss']);
    await fails('projects.upload', { upload: await upload('articles.txt', Buffer.from('An article')) }, 'invalid_request');
    // The open project is still the last one opened.
    assert.equal((await ok<{ name: string }>('project.current')).name, 'Supervisor copy');
  });

  test('rename: a closed project, the open one (it stays open), never onto another', async () => {
    assert.equal((await ok<{ name: string }>('projects.rename', { name: 'Fieldwork.gloss', newName: 'Fieldwork 2024' })).name, 'Fieldwork 2024.gloss');
    await ok('projects.open', { name: 'Supervisor copy (2).gloss' });
    const renamed = await ok<{ name: string; project: { path: string } }>('projects.rename', { name: 'Supervisor copy (2).gloss', newName: 'Second copy' });
    assert.equal(renamed.name, 'Second copy.gloss');
    assert.ok(renamed.project.path.endsWith('Second copy.gloss'));
    assert.ok((await ok<{ path: string }>('project.current')).path.endsWith('Second copy.gloss'), 'still open, under its new name');
    await fails('projects.rename', { name: 'Second copy.gloss', newName: 'Fieldwork 2024' }, 'conflict');
    assert.ok((await ok<{ path: string }>('project.current')).path.endsWith('Second copy.gloss'), 'a refused rename leaves it open');
    await fails('projects.rename', { name: 'Second copy.gloss', newName: '../outside' }, 'invalid_request');
    assert.deepEqual(await names(), ['Fieldwork 2024.gloss', 'Second copy.gloss', 'Supervisor copy.gloss']);
  });

  test('delete moves a project to the trash inside the data folder, restore brings it back; the open project is never deleted', async () => {
    await fails('projects.delete', { name: 'Second copy.gloss' }, 'conflict');
    const trashed = await ok<{ id: string; name: string }>('projects.delete', { name: 'Fieldwork 2024.gloss' });
    assert.equal(trashed.name, 'Fieldwork 2024.gloss');
    assert.deepEqual(await names(), ['Second copy.gloss', 'Supervisor copy.gloss']);
    assert.ok(existsSync(join(dataDir, 'trash', trashed.id, 'Fieldwork 2024.gloss')), 'kept in the trash');
    const list = await ok<{ trash: { id: string; name: string }[] }>('projects.list');
    assert.deepEqual(list.trash.map((t) => [t.id, t.name]), [[trashed.id, 'Fieldwork 2024.gloss']]);
    assert.deepEqual(await ok('projects.restore', { id: trashed.id }), { name: 'Fieldwork 2024.gloss' });
    assert.deepEqual(await names(), ['Fieldwork 2024.gloss', 'Second copy.gloss', 'Supervisor copy.gloss']);
    assert.equal((await ok<{ name: string }>('projects.open', { name: 'Fieldwork 2024.gloss' })).name, 'Fieldwork', 'restored whole');
    await fails('projects.restore', { id: trashed.id }, 'not_found');
  });

  test('N exports leave no copy in the data folder, and say only a file name', async () => {
    const before = filesUnder(dataDir).filter((f) => !f.startsWith('projects/') && !f.startsWith('state'));
    const exports: [string, unknown][] = [
      ['export.json', {}],
      ['export.csv', {}],
      ['export.csv', { format: 'xlsx' }],
      ['export.csv', { formulaGuard: true }],
      ['counts.exportCsv', { rollUp: false, format: 'xlsx' }],
      ['export.refi', { format: 'qdpx' }],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [name, payload] of exports) {
        const result = await ok<{ path: string; downloadUrl: string }>(name, payload);
        assert.ok(!result.path.includes('/') && !result.path.includes(root), `${name} says a name, not a path: ${result.path}`);
        const res = await fetch(`${host.url}${result.downloadUrl}`);
        assert.equal(res.status, 200);
        if (result.path.endsWith('.xlsx')) {
          assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        }
        await res.arrayBuffer();
      }
    }
    await new Promise((done) => setTimeout(done, 200));
    const after = filesUnder(dataDir).filter((f) => !f.startsWith('projects/') && !f.startsWith('state'));
    assert.deepEqual(after, before, 'no export copy is left in the data folder');
  });
});
