// Automatic backups: a daily snapshot on open, pruning, and restore — through the same dispatcher, HTTP and IPC paths
// the app uses — plus the malformed payloads the new calls must turn into typed errors that change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import type { IpcMainInvokeEvent } from 'electron';
import type { BackupInfo, ProjectInfo } from '../../src-main/contract/types';
import type { WireResult } from '../../src-main/core/dispatch';
import { backupFolderFor, createBackup, ensureDailyBackup, listBackups, pruneBackups } from '../../src-main/core/store/backups';
import { Project } from '../../src-main/core/store/Project';
import { createIpcHandler } from '../../src-main/hosts/electron/ipc';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/server';
import { buildContractFixture, callOk, directTransport, newSession, tempDir, type Transport } from './helpers';
import { openUpgraded, versionOneProject } from './old-formats';
import { nth, present } from './present';

type Row = Record<string, unknown>;

/** Every row of every table of the project (the FTS index's shadow tables aside), for "same data" comparisons. */
function allRows(db: Database.Database): Record<string, Row[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%' ORDER BY name")
    .pluck()
    .all() as string[];
  const ordered = (t: string) => {
    const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as { cid: number }[]).map((c) => c.cid + 1);
    return db.prepare(`SELECT * FROM "${t}" ORDER BY ${columns.join(', ')}`).all() as Row[];
  };
  return Object.fromEntries(tables.map((t) => [t, ordered(t)]));
}

function rowsOfFile(path: string): Record<string, Row[]> {
  const project = Project.open(path, { readOnly: true });
  try {
    return allRows(project.db);
  } finally {
    project.close();
  }
}

function assertSound(db: Database.Database, what: string): void {
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `${what}: integrity_check`);
  db.prepare("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')").run();
}

/** A session with the contract fixture plus two more articles, closed and reopened so the daily backup is made. */
async function projectWithBackup(call: Transport, dir: string) {
  const path = join(dir, 'thesis.gloss');
  const fixture = await buildContractFixture(call, path);
  await callOk(call, 'articles.importFiles', {
    files: [
      { name: 'two.txt', base64: Buffer.from('Second article\nAid convoy at the crossing.', 'utf8').toString('base64') },
      { name: 'three.txt', base64: Buffer.from('Third article\n\u0645\u0641\u0627\u0648\u0636\u0627\u062a in Cairo.', 'utf8').toString('base64') },
    ],
  });
  await callOk(call, 'codings.apply', { articleId: 2, codeId: fixture.codes.actors, start: 0, end: 6, memo: 'kept' });
  // Created today while empty (no backup then); the first open with content makes today's.
  await callOk(call, 'project.close');
  await callOk(call, 'project.open', { path });
  return { path, fixture };
}

describe('daily backups', () => {
  test('the first open of the day makes one backup, made with SQLite, that opens as the project as it was', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const { path } = await projectWithBackup(call, dir);
    const listed = await callOk<{ items: BackupInfo[]; folder: string }>(call, 'backups.list');
    assert.equal(listed.folder, join(dir, 'thesis.gloss-backups'));
    assert.equal(listed.items.length, 1);
    const backup = nth(listed.items, 0, 'listed backups');
    assert.equal(backup.kind, 'daily');
    assert.match(backup.file, /^daily-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.gloss$/);
    assert.ok(Math.abs(Date.parse(backup.createdAt) - Date.now()) < 3600_000, backup.createdAt);
    assert.deepEqual([backup.articles, backup.codings], [3, 3]);
    const file = join(listed.folder, backup.file);
    assert.equal(backup.sizeBytes, readFileSync(file).length);
    // A plain rollback-journal file at rest (header bytes 18–19 are 1 for rollback, 2 for WAL), nothing beside it but
    // the marker that says the project passed its check when the copy was made.
    assert.deepEqual([...readFileSync(file).subarray(18, 20)], [1, 1]);
    assert.deepEqual(readdirSync(listed.folder).sort(), [backup.file, `${backup.file}.verified`]);
    assert.equal(backup.verified, true);
    const now = allRows(session.currentProject!.db);
    assert.deepEqual(rowsOfFile(file), now);
    const copy = new Database(file, { readonly: true });
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    copy.close();

    // Opening again the same day makes no second one.
    await callOk(call, 'project.close');
    await callOk(call, 'project.open', { path });
    assert.deepEqual((await callOk<{ items: BackupInfo[] }>(call, 'backups.list')).items, [backup]);
  });

  test('an empty project gets no backup, and a backup interrupted by closing leaves nothing behind', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const path = join(dir, 'empty.gloss');
    await callOk(call, 'project.create', { path });
    await callOk(call, 'project.close');
    await callOk(call, 'project.open', { path });
    assert.deepEqual((await callOk<{ items: BackupInfo[] }>(call, 'backups.list')).items, []);

    await callOk(call, 'articles.importFiles', { files: [{ name: 'a.txt', base64: Buffer.from('An article\n'.repeat(20_000)).toString('base64') }] });
    await callOk(call, 'project.close');
    await callOk(call, 'project.open', { path }); // starts today's backup in the background…
    await callOk(call, 'project.close'); // …and closing at once interrupts it
    await session.backupsSettled();
    const folder = backupFolderFor(path);
    const left = readdirSync(folder);
    assert.ok(left.every((f) => /^daily-.*\.gloss(\.verified)?$/.test(f)), `only complete backups, if any: ${left.join(', ')}`);
    for (const f of left.filter((n) => n.endsWith('.gloss'))) assert.deepEqual(present(rowsOfFile(join(folder, f)).articles, `articles table of ${f}`).length, 1);
  });

  test('the newest backups are kept (7 by default, or as set), older ones pruned; each kind separately', async () => {
    const { path, project } = (() => {
      const dir = tempDir();
      const p = join(dir, 'prune.gloss');
      return { path: p, project: Project.create(p) };
    })();
    project.codes.create({ name: 'Something to keep' });
    const day = (n: number) => new Date(Date.UTC(2030, 0, n, 12));
    for (let n = 1; n <= 10; n++) assert.ok(await ensureDailyBackup(project, { now: day(n) }), `day ${n}`);
    assert.equal(await ensureDailyBackup(project, { now: day(10) }), null, 'a second open on day 10');
    const daily = listBackups(path).map((b) => b.createdAt);
    assert.deepEqual(daily, [10, 9, 8, 7, 6, 5, 4].map((n) => day(n).toISOString()));

    for (let n = 1; n <= 4; n++) await createBackup(project, 'before-restore', day(n));
    assert.deepEqual(pruneBackups(path, 3).sort(), [
      ...[4, 5, 6, 7].map((n) => `daily-${day(n).toISOString().replace(/[:.]/g, '-')}.gloss`),
      `before-restore-${day(1).toISOString().replace(/[:.]/g, '-')}.gloss`,
    ].sort());
    const left = listBackups(path);
    assert.deepEqual(left.filter((b) => b.kind === 'daily').length, 3);
    assert.deepEqual(left.filter((b) => b.kind === 'before-restore').map((b) => b.createdAt), [4, 3, 2].map((n) => day(n).toISOString()));
    project.close();
  });

  test('settings.backupsToKeep sets how many are kept', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const { path } = await projectWithBackup(call, dir);
    assert.equal((await callOk<{ backupsToKeep: number }>(call, 'settings.get')).backupsToKeep, 7);
    await callOk(call, 'settings.update', { backupsToKeep: 2 });
    const project = session.currentProject!;
    await session.backupsSettled();
    for (let n = 1; n <= 4; n++) await ensureDailyBackup(project, { now: new Date(Date.UTC(2031, 5, n)), keep: session.appState.settings().backupsToKeep });
    assert.equal(listBackups(path).length, 2);
  });
});

describe('before a format upgrade', () => {
  test('a copy of the project as it was is kept before a newer Gloss upgrades it, once', () => {
    const path = versionOneProject();
    const raw = new Database(path, { readonly: true });
    const old = allRows(raw);
    raw.close();
    openUpgraded(path).close();
    const [copy, ...more] = listBackups(path);
    assert.ok(copy, 'a copy was kept before the upgrade');
    assert.deepEqual(more, []);
    assert.equal(copy.kind, 'before-upgrade');
    assert.deepEqual([copy.articles, copy.codings], [1, 1]);
    const kept = new Database(join(backupFolderFor(path), copy.file), { readonly: true });
    assert.equal(kept.pragma('user_version', { simple: true }), 1);
    assert.equal(kept.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(allRows(kept), old);
    kept.close();
    Project.open(path).close();
    assert.equal(listBackups(path).length, 1, 'an up-to-date project is not copied again');
    // A new project has nothing to upgrade.
    const fresh = join(tempDir(), 'new.gloss');
    Project.create(fresh).close();
    assert.deepEqual(listBackups(fresh), []);
  });

  test('if the copy cannot be made, the project is not upgraded, and says why', () => {
    const path = versionOneProject();
    writeFileSync(backupFolderFor(path), 'a file where the backups folder would go');
    assert.throws(() => Project.open(path), /upgrades the project's format \(from version 1\), and keeps a copy of it first.*Nothing was changed/);
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.pragma('user_version', { simple: true }), 1);
    raw.close();
    rmSync(backupFolderFor(path));
    Project.open(path).close(); // the lock was released; with room for the copy the upgrade goes ahead
    assert.equal(nth(listBackups(path), 0, 'backups').kind, 'before-upgrade');
  });
});

describe('restoring a backup', () => {
  test('brings the data back exactly, keeps the current state as a before-restore backup, and keeps the lock', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const { path, fixture } = await projectWithBackup(call, dir);
    const daily = nth((await callOk<{ items: BackupInfo[] }>(call, 'backups.list')).items, 0, 'listed backups');
    const atBackup = allRows(session.currentProject!.db);

    // A day's work, some of it regrettable.
    await callOk(call, 'articles.delete', { id: fixture.articleId });
    await callOk(call, 'codes.update', { id: fixture.codes.actors, name: 'People' });
    await callOk(call, 'codings.apply', { articleId: 3, codeId: fixture.codes.actors, start: 0, end: 5 });
    const beforeRestore = allRows(session.currentProject!.db);
    assert.notDeepEqual(beforeRestore, atBackup);

    const events: string[] = [];
    session.onEvent((e) => events.push(e.type));
    const info = await callOk<ProjectInfo>(call, 'backups.restore', { file: daily.file });
    assert.deepEqual([info.path, info.articles, info.codings, info.readOnly], [path, 3, 3, false]);
    assert.deepEqual(events, ['project.changed', 'articles.changed']);
    const db = session.currentProject!.db;
    assert.deepEqual(allRows(db), atBackup);
    assertSound(db, 'restored project');
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(await callOk(call, 'history.state'), { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    // Working on it goes on as before.
    await callOk(call, 'codings.apply', { articleId: fixture.articleId, codeId: fixture.codes.actors, start: 0, end: 3 });

    const items = (await callOk<{ items: BackupInfo[]; folder: string }>(call, 'backups.list')).items;
    const saved = items.find((b) => b.kind === 'before-restore');
    assert.ok(saved, JSON.stringify(items));
    assert.deepEqual([saved.articles, saved.codings], [2, 2]);
    assert.deepEqual(rowsOfFile(join(backupFolderFor(path), saved.file)), beforeRestore);

    // Still this window's: another one cannot open it for writing.
    const other = newSession();
    const refused = await directTransport(other.session)('project.open', { path });
    assert.equal(!refused.ok && refused.error.code, 'project_error');
    assert.match(!refused.ok ? refused.error.message : '', /already open in another window/);
    // Nothing left over beside the project or in the backups folder.
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('thesis') && !/^thesis\.gloss(-wal|-shm|\.lock|-backups)?$/.test(f)), []);
    assert.ok(readdirSync(backupFolderFor(path)).every((f) => /^(daily|before-restore)-.*Z\.gloss(\.verified)?$/.test(f)));

    // The restore can itself be undone: restore the before-restore copy.
    await callOk(call, 'backups.restore', { file: saved.file });
    assert.deepEqual(allRows(session.currentProject!.db), beforeRestore);
  });

  test('a damaged or foreign file in the backups folder is refused and the project stays open and unchanged', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const { path } = await projectWithBackup(call, dir);
    const daily = nth((await callOk<{ items: BackupInfo[] }>(call, 'backups.list')).items, 0, 'listed backups');
    const folder = backupFolderFor(path);
    // Damaged: the pages after the header overwritten with noise.
    const damaged = 'daily-2001-01-01T00-00-00-000Z.gloss';
    const bytes = readFileSync(join(folder, daily.file));
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(join(folder, damaged), bytes);
    // Foreign: an SQLite database that is not a Gloss project.
    const foreign = 'daily-2001-01-02T00-00-00-000Z.gloss';
    const other = new Database(join(folder, foreign));
    other.exec('CREATE TABLE articles (x); CREATE TABLE codings (y);');
    other.close();
    // Text with a backup's name.
    const text = 'daily-2001-01-03T00-00-00-000Z.gloss';
    writeFileSync(join(folder, text), 'not a database at all\n');

    const listed = (await callOk<{ items: BackupInfo[] }>(call, 'backups.list')).items.map((b) => b.file);
    assert.deepEqual(listed, [daily.file], 'only restorable backups are listed');
    const before = allRows(session.currentProject!.db);
    for (const file of [damaged, foreign, text]) {
      const reply = await call('backups.restore', { file });
      assert.equal(!reply.ok && reply.error.code, 'project_error', `${file}: ${JSON.stringify(reply)}`);
      assert.deepEqual(allRows(session.currentProject!.db), before, file);
    }
    assert.equal((await callOk<ProjectInfo>(call, 'project.current')).path, path);
    assert.equal(listBackups(path).filter((b) => b.kind === 'before-restore').length, 0, 'no before-restore copy for a refused restore');
  });
});

/** What Electron would hand the IPC handler for a call from our window. */
function fakeEvent(): IpcMainInvokeEvent {
  return { senderFrame: { url: 'gloss://app/index.html' }, sender: {} } as unknown as IpcMainInvokeEvent;
}

describe('malformed backups.* payloads, through dispatch, HTTP and IPC', () => {
  let host: WebHost;
  let webProjects: string;
  before(async () => {
    const root = tempDir('gloss-trust-web-');
    mkdirSync(join(root, 'static'));
    writeFileSync(join(root, 'static', 'index.html'), '<!doctype html><title>t</title>');
    host = await startWebHost({ port: 0, dataDir: join(root, 'data'), staticDir: join(root, 'static') });
    // The web host opens projects in its data folder only.
    webProjects = join(root, 'data', 'projects');
  });
  after(async () => {
    await host?.close();
  });

  const transports: [string, () => { call: Transport; session: import('../../src-main/core/session').Session; dir: string }][] = [
    [
      'dispatch',
      () => {
        const { dir, session } = newSession();
        return { call: directTransport(session), session, dir };
      },
    ],
    [
      'IPC',
      () => {
        const { dir, session } = newSession();
        const handler = createIpcHandler(session, () => true);
        return { call: (name, payload) => handler(fakeEvent(), name, payload), session, dir };
      },
    ],
    [
      'HTTP',
      () => ({
        session: host.session,
        dir: webProjects,
        call: async (name, payload) => {
          const res = await fetch(`${host.url}/api/call/${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': host.token },
            body: JSON.stringify(payload),
          });
          assert.equal(res.status, 200);
          return (await res.json()) as WireResult;
        },
      }),
    ],
  ];

  for (const [name, make] of transports) {
    test(`${name}: typed errors, nothing changed, the project still open`, async () => {
      const { call, session, dir } = make();
      const none = await call('backups.list', {});
      assert.equal(!none.ok && none.error.code, 'no_project');
      const noneRestore = await call('backups.restore', { file: 'daily-2020-01-01T00-00-00-000Z.gloss' });
      assert.equal(!noneRestore.ok && noneRestore.error.code, 'no_project');

      const { path } = await projectWithBackup(call, dir);
      const daily = nth((await callOk<{ items: BackupInfo[] }>(call, 'backups.list')).items, 0, 'listed backups');
      assert.ok(daily);
      const outside = join(dir, 'outside.gloss');
      copyFileSync(join(backupFolderFor(path), daily.file), outside);
      const bad: [string, unknown, string][] = [
        ['backups.list', { all: true }, 'invalid_request'],
        ['backups.list', 'everything', 'invalid_request'],
        ['backups.list', [], 'invalid_request'],
        ['backups.restore', {}, 'invalid_request'],
        ['backups.restore', { file: null }, 'invalid_request'],
        ['backups.restore', { file: 5 }, 'invalid_request'],
        ['backups.restore', { file: '' }, 'invalid_request'],
        ['backups.restore', { file: ['a'] }, 'invalid_request'],
        ['backups.restore', { file: daily.file, confirm: true }, 'invalid_request'],
        ['backups.restore', { file: 'x'.repeat(256) }, 'invalid_request'],
        ['backups.restore', { file: `../${daily.file}` }, 'invalid_request'],
        ['backups.restore', { file: `thesis.gloss-backups/${daily.file}` }, 'invalid_request'],
        ['backups.restore', { file: `..\\${daily.file}` }, 'invalid_request'],
        ['backups.restore', { file: outside }, 'invalid_request'],
        ['backups.restore', { file: '..' }, 'invalid_request'],
        ['backups.restore', { file: `${daily.file}\u0000.txt` }, 'invalid_request'],
        ['backups.restore', { file: 'outside.gloss' }, 'not_found'],
        ['backups.restore', { file: 'daily-2020-01-01T00-00-00-000Z.gloss' }, 'not_found'],
        ['backups.restore', { file: '.' + daily.file }, 'not_found'],
        ['backups.restore', { file: 'thesis.gloss' }, 'not_found'],
        ['settings.update', { backupsToKeep: 0 }, 'invalid_request'],
        ['settings.update', { backupsToKeep: -1 }, 'invalid_request'],
        ['settings.update', { backupsToKeep: 2.5 }, 'invalid_request'],
        ['settings.update', { backupsToKeep: '7' }, 'invalid_request'],
        ['settings.update', { backupsToKeep: 10_000 }, 'invalid_request'],
      ];
      const before = allRows(session.currentProject!.db);
      const problems: string[] = [];
      for (const [callName, payload, code] of bad) {
        const reply = await call(callName, payload);
        const what = `${callName} ${JSON.stringify(payload).slice(0, 80)}`;
        if (reply.ok) problems.push(`${what}: succeeded`);
        else if (reply.error.code !== code) problems.push(`${what}: ${reply.error.code} (${reply.error.message}), expected ${code}`);
        if (!isDeepStrictEqual(allRows(session.currentProject!.db), before)) problems.push(`${what}: changed the project`);
        const current = await call('project.current', {});
        if (!current.ok || (current.result as ProjectInfo | null)?.path !== path) problems.push(`${what}: the project is no longer open`);
      }
      assert.deepEqual(problems, []);
      assert.equal(listBackups(path).length, 1, 'no backup was made or removed by a refused call');
      assert.equal((await callOk<{ backupsToKeep: number }>(call, 'settings.get')).backupsToKeep, 7);
      await callOk(call, 'project.close');
    });
  }
});
