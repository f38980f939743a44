// Issue 9, hole 1: with the token, the web host read and wrote any file the user could (a link to /etc/passwd was
// imported as an article; a JSON export was written over a shell start-up file). Now the browser never names a file
// on disk: it uploads and downloads. This test calls every call of the contract over real HTTP with hostile paths —
// absolute, relative with '../', links planted in the data folder that lead out of it — and then checks that no file
// outside the data folder was read into the project or written, byte for byte and by modification time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { callNames, calls, type CallSpec } from '../../src-main/contract/calls';
import type { WireResult } from '../../src-main/core/dispatch';
import { Project } from '../../src-main/core/store/Project';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import { builtWorkerFiles, httpTransport, nth, tempDir } from '../core/helpers';


/** Every entry below a folder (links not followed) with what it holds, to compare before and after. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const info = lstatSync(path);
    const what = info.isFile() ? `file ${createHash('sha256').update(readFileSync(path)).digest('hex')}` : info.isDirectory() ? 'dir' : 'other';
    out[relative(dir, path)] = `${what} ${info.size} ${info.mtimeMs}`;
  }
  return out;
}

async function upload(host: WebHost, name: string, bytes: Buffer): Promise<{ status: number; body: string }> {
  const res = await fetch(`${host.url}/api/upload`, {
    method: 'POST',
    headers: { 'X-Gloss-Token': host.token, 'X-Gloss-File-Name': encodeURIComponent(name), 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.text() };
}

describe('web host confinement: the browser names no file on disk', () => {
  const marker = randomBytes(8).toString('hex');
  const canaryText = `Canary article ${marker}: this file lies outside the data folder and must never be imported.\n`;
  const victimText = `# a shell start-up file ${marker}\nexport PATH=/usr/bin\n`;
  let root: string;
  let dataDir: string;
  let projectsDir: string;
  let outside: string;
  let host: WebHost;
  let projectPath: string;
  let before0: Record<string, string>;
  let call: (name: string, payload: unknown) => Promise<WireResult>;

  before(async () => {
    root = tempDir('gloss-confine-');
    dataDir = join(root, 'data');
    projectsDir = join(dataDir, 'projects');
    outside = join(root, 'outside');
    mkdirSync(projectsDir, { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'canary.txt'), canaryText);
    writeFileSync(join(outside, 'canary.html'), `<p>${canaryText}</p>`);
    writeFileSync(join(outside, '.bashrc'), victimText);
    writeFileSync(join(outside, 'victim.csv'), victimText);
    writeFileSync(join(outside, 'victim.json'), victimText);
    mkdirSync(join(outside, 'articles'));
    writeFileSync(join(outside, 'articles', 'a.txt'), canaryText);
    // A real project outside the data folder: the desktop app may open it, the browser may not.
    Project.create(join(outside, 'victim.gloss'), 'Outside').close();
    // Links planted inside the data folder, each leading out of it.
    symlinkSync('/etc/passwd', join(projectsDir, 'passwd.txt'));
    symlinkSync('/etc/passwd', join(projectsDir, 'passwd.gloss'));
    symlinkSync(join(outside, 'victim.gloss'), join(projectsDir, 'victim-link.gloss'));
    symlinkSync(join(outside, 'canary.txt'), join(projectsDir, 'canary-link.txt'));
    symlinkSync(outside, join(projectsDir, 'out-dir'));
    symlinkSync(join(outside, 'created-through-link.gloss'), join(projectsDir, 'dangling.gloss'));
    before0 = fingerprint(outside);

    host = await startWebHost({
      port: 0,
      dataDir,
      staticDir: join(root, 'no-renderer'),
      ...builtWorkerFiles(),
    });
    call = httpTransport(host);
  });

  after(async () => {
    await host?.close();
  });

  const ok = async <T>(name: string, payload: unknown = {}): Promise<T> => {
    const reply = await call(name, payload);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };

  test('every request field that names a file is declared in the contract, with what the web host does with it', () => {
    // Fields that carry no path although their names suggest one (a code path names a code in the codebook).
    const notPaths = new Set(['articles.importFiles.files', 'articles.previewFiles.files', 'codings.apply.codePath', 'codes.create.codePath', 'search.codeHits.codePath', 'team.agreement.codePath', 'team.disagreements.codePath', 'team.decide.codePath', 'team.exportAgreementCsv.codePath']);
    const undeclared: string[] = [];
    for (const name of callNames) {
      const spec: CallSpec = calls[name];
      const shape = (spec.request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const field of Object.keys(shape)) {
        if (!/path|file|folder|^dir|directory|^out$|^dest/i.test(field) || notPaths.has(`${name}.${field}`)) continue;
        const webMay = !spec.hosts || spec.hosts.includes('web');
        if (webMay && !spec.pathFields?.[field]) undeclared.push(`${name}.${field}`);
      }
    }
    assert.deepEqual(undeclared, [], 'a path field the web host may send, with no rule for it');
    assert.deepEqual(calls['articles.importPaths'].hosts, ['electron', 'cli']);
    for (const name of ['export.json', 'export.csv', 'export.refi', 'retrieve.exportCsv', 'counts.exportCsv', 'export.forCoder', 'project.mergePreview', 'project.merge'] as const) {
      assert.equal((calls[name] as CallSpec).pathFields?.path, 'local', name);
    }
  });

  test('uploads import the bytes sent, whatever the name claims, and leave nothing behind', async () => {
    const project = await ok<{ path: string }>('project.create', { name: 'Confined' });
    projectPath = project.path;
    assert.ok(projectPath.startsWith(projectsDir));
    const names = ['../../outside/canary.txt', '/etc/passwd.txt', `${join(outside, 'canary.txt')}`, 'out-dir/../../../a.txt'];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const sent = await upload(host, name, Buffer.from(`Uploaded article ${i} about a convoy.\nIt waits at the crossing.\n`));
      assert.equal(sent.status, 200, sent.body);
      ids.push((JSON.parse(sent.body) as { upload: string }).upload);
    }
    const report = await ok<{ imported: { file: string }[]; rejected: unknown[] }>('articles.importUploads', { uploads: ids });
    assert.deepEqual(report.imported.map((i) => i.file), names);
    // Each upload is imported once, then gone.
    const again = await call('articles.importUploads', { uploads: [ids[0]] });
    assert.equal(!again.ok && again.error.code, 'not_found');
    const stray = await call('articles.importUploads', { uploads: ['../../outside/canary.txt'] });
    assert.equal(!stray.ok && stray.error.code, 'invalid_request');
    const transfers = join(dataDir, 'transfers');
    const left = readdirSync(transfers, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.deepEqual(left, [], 'imported uploads are deleted');
    // Something to export below.
    const code = await ok<{ id: number }>('codes.create', { name: 'Humanitarian' });
    const list = await ok<{ items: { id: number }[] }>('articles.list', {});
    await ok('codings.apply', { articleId: nth(list.items, 0, 'the article').id, codeId: code.id, start: 0, end: 8 });
  });

  test('every call, sent hostile paths, reads and writes nothing outside the data folder', async () => {
    assert.ok(projectPath, 'the upload test made the project');
    const codes = await ok<{ codes: { id: number }[] }>('codes.list', {});
    // A valid request of each call that takes a path, so the path is the only thing wrong with it.
    const base: Record<string, Record<string, unknown>> = {
      'project.create': { name: 'Hostile' },
      'project.open': {},
      'articles.importPaths': {},
      'annotations.importPaths': { format: 'doccano' },
      'export.json': {},
      'export.annotations': { format: 'webannotation' },
      'export.csv': { formulaGuard: true },
      'export.refi': { format: 'qdpx' },
      'retrieve.exportCsv': { codeIds: [nth(codes.codes, 0, 'the code').id] },
      'counts.exportCsv': { rollUp: false },
      'team.exportAgreementCsv': { coders: ['Ann', 'Ben'] },
      'backups.restore': {},
      'project.check': {},
      'project.mergePreview': {},
      'project.merge': {},
      'export.forCoder': { coder: 'omar' },
      // The project library (issue 14): names in the data folder; 'Confined.gloss' is the project the upload test made.
      'projects.open': { name: 'Confined.gloss' },
      'projects.rename': { name: 'Confined.gloss', newName: 'Renamed' },
      'projects.delete': { name: 'Confined.gloss' },
    };
    for (const name of callNames) {
      const spec: CallSpec = calls[name];
      if (spec.pathFields) assert.ok(base[name], `${name} takes a path: give it a valid base request here`);
    }
    const hostile = [
      join(outside, '.bashrc'),
      join(outside, 'victim.csv'),
      join(outside, 'victim.json'),
      join(outside, 'canary.txt'),
      join(outside, 'articles'),
      join(outside, 'victim.gloss'),
      join(outside, 'new.gloss'),
      join(projectsDir, '..', '..', 'outside', '.bashrc'),
      join(projectsDir, '..', '..', 'outside', 'victim.gloss'),
      '../../outside/.bashrc',
      '../outside/victim.gloss',
      join(projectsDir, 'passwd.gloss'),
      join(projectsDir, 'victim-link.gloss'),
      join(projectsDir, 'canary-link.txt'),
      join(projectsDir, 'out-dir', 'new.gloss'),
      join(projectsDir, 'out-dir', 'victim.gloss'),
      join(projectsDir, 'dangling.gloss'),
      `file://${join(outside, '.bashrc')}`,
      // Names, for the library's calls: links planted in the projects folder, and names that leave it.
      'passwd.gloss',
      'victim-link.gloss',
      'dangling.gloss',
      '..',
      '.gloss',
      '..\\outside\\victim.gloss',
    ];
    // Reading only: /etc/passwd through a link in the data folder (never a write target: these tests may run as root).
    const readOnly = [join(projectsDir, 'passwd.txt'), '/etc/passwd'];
    const succeeded: string[] = [];
    let sent = 0;
    for (const name of callNames) {
      const spec: CallSpec = calls[name];
      const fields = Object.keys(spec.pathFields ?? {});
      const targets = name === 'articles.importPaths' || name === 'annotations.importPaths' ? [...hostile, ...readOnly] : hostile;
      for (const target of targets) {
        const payloads: unknown[] = [{ path: target }, { paths: [target] }, { file: target }];
        if (base[name]) {
          for (const field of fields) payloads.push({ ...base[name], [field]: field === 'paths' ? [target] : target });
        }
        for (const payload of payloads) {
          const reply = await call(name, payload);
          sent++;
          if (reply.ok) succeeded.push(`${name} ${JSON.stringify(payload)}`);
          // A call that closed or switched the project would make the rest test nothing: put ours back.
          if (!/^(projects?|backups)\./.test(name)) continue;
          const current = await ok<{ path: string } | null>('project.current', {});
          if (current?.path !== projectPath) await ok('project.open', { path: projectPath });
        }
      }
    }
    assert.deepEqual(succeeded, [], 'calls that accepted a hostile path');
    // The library lists regular .gloss files of the data folder only, by name: no link planted there, no path.
    const library = await ok<{ items: { name: string }[] }>('projects.list', {});
    assert.deepEqual(library.items.map((p) => p.name), ['Confined.gloss']);
    assert.ok(sent > callNames.length * hostile.length * 3);
    assert.deepEqual(fingerprint(outside), before0, 'a file outside the data folder was written, created or touched');
    const list = await ok<{ items: { id: number }[] }>('articles.list', {});
    for (const { id } of list.items) {
      const article = await ok<{ text: string }>('articles.get', { id });
      assert.ok(!article.text.includes(marker), 'an article was imported from outside the data folder');
      assert.ok(!/root:.*:0:0:/.test(article.text), '/etc/passwd was imported');
    }
    assert.equal(list.items.length, 4, 'only the four uploads are articles');
  });

  test('exports over HTTP are downloads, never files the browser placed', async () => {
    for (const [name, payload] of [
      ['export.json', {}],
      ['export.csv', {}],
      ['export.refi', { format: 'qdpx' }],
      ['export.refi', { format: 'qdc' }],
      ['export.annotations', { format: 'webannotation' }],
      ['export.annotations', { format: 'labelstudio' }],
      ['counts.exportCsv', { rollUp: false }],
    ] as const) {
      const result = await ok<{ downloadUrl: string; path: string }>(name, payload);
      assert.match(result.downloadUrl, /^\/download\/[0-9a-f]{32}\/[^/]+$/, name);
      const res = await fetch(`${host.url}${result.downloadUrl}`);
      assert.equal(res.status, 200, name);
      assert.ok((await res.text()).length > 0);
    }
    await new Promise((ok) => setTimeout(ok, 100));
    const left = readdirSync(join(dataDir, 'transfers'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.deepEqual(left, [], 'a downloaded export is not kept');
    assert.deepEqual(fingerprint(outside), before0);
  });

  test('with --project, that one project outside the data folder opens, and no other', async () => {
    const allowed = join(outside, 'allowed.gloss');
    Project.create(allowed, 'Allowed').close();
    const other = await startWebHost({ port: 0, dataDir: join(root, 'data2'), staticDir: join(root, 'no-renderer'), project: allowed });
    try {
      const send = async (name: string, payload: unknown) => {
        const res = await fetch(`${other.url}/api/call/${name}`, { method: 'POST', headers: { 'X-Gloss-Token': other.token }, body: JSON.stringify(payload) });
        return (await res.json()) as WireResult;
      };
      const opened = await send('project.open', { path: allowed });
      assert.ok(opened.ok, JSON.stringify(opened));
      for (const path of [join(outside, 'victim.gloss'), `${allowed}/../victim.gloss`, join(projectsDir, 'victim-link.gloss')]) {
        const refused = await send('project.open', { path });
        assert.equal(!refused.ok && refused.error.code, 'forbidden', path);
      }
    } finally {
      await other.close();
    }
  });
});
