// Issue 9, holes 3 and 8: damage in a project file is found where text is read and stops the work with an error that
// names the article (never an export of altered text); the daily backup copies only a project that passes its check,
// and the newest verified backup is never rotated out; `checkProjectFile` (gloss check, Check project…) lists what is
// wrong; and opening a file says what is really wrong with it, never turning an empty or damaged file into a project.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { GlossError } from '../../src-main/contract/errors';
import { exportCsv } from '../../src-main/core/export/csv';
import { exportJson } from '../../src-main/core/export/json';
import { runExport } from '../../src-main/core/export/exportJob';
import { retrievePassages } from '../../src-main/core/analysis/retrieve';
import { runSearch } from '../../src-main/core/search/search';
import { backupFolderFor, ensureDailyBackup, listBackups, restoreBackup } from '../../src-main/core/store/backups';
import { checkProjectFile } from '../../src-main/core/store/check';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/store/migrations';
import { Project } from '../../src-main/core/store/Project';
import type { GlossEvent } from '../../src-main/contract/types';
import { callOk, directTransport, importText, newProject, newSession, tempDir, nth } from './helpers';

const FIRST = 'Aid convoy waits\nThe convoy of forty trucks waited at the Rafah crossing for a third day while officials argued.';
const SECOND = 'Ministers meet\nThe foreign ministers met in Cairo and spoke of a ceasefire and of the hostages.';

/** A project with two articles, a coding in each (not on the words the tests damage), closed cleanly. */
async function codedProject(): Promise<{ path: string; dir: string; codeId: number }> {
  const { project, path, dir } = newProject('Damage');
  const first = await importText(project, FIRST, 'convoy.txt');
  const second = await importText(project, SECOND, 'ministers.txt');
  const codeId = project.codes.ensurePath('Frames/Humanitarian').id;
  project.codings.apply({ articleId: first, codeId, start: 0, end: 16, coder: 'maria' }); // "Aid convoy waits"
  project.codings.apply({ articleId: second, codeId, start: 0, end: 14, coder: 'maria' }); // "Ministers meet"
  project.close();
  return { path, dir, codeId };
}

/** Changes an article's stored text behind Gloss's back (same length, so the row still looks sound to SQLite). */
function alterTextBySql(path: string, articleId: number, from: string, to: string): void {
  const db = new Database(path);
  try {
    db.transaction(() => {
      db.prepare('INSERT INTO article_text_permits (article_id) VALUES (?)').run(articleId);
      db.prepare('UPDATE articles SET text = replace(text, ?, ?) WHERE id = ?').run(from, to, articleId);
      db.prepare('DELETE FROM article_text_permits WHERE article_id = ?').run(articleId);
    })();
  } finally {
    db.close();
  }
}

/** Overwrites bytes of the file where `needle` is stored (a damaged disk page): returns how many places were hit. */
function overwriteInFile(path: string, needle: string, replacement: string): number {
  assert.equal(Buffer.byteLength(needle), Buffer.byteLength(replacement));
  const bytes = readFileSync(path);
  const at: number[] = [];
  for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) at.push(i);
  const fd = openSync(path, 'r+');
  try {
    for (const i of at) writeSync(fd, Buffer.from(replacement), 0, Buffer.byteLength(replacement), i);
  } finally {
    closeSync(fd);
  }
  return at.length;
}

function assertDamaged(err: unknown, articleId: number, title: string): true {
  assert.ok(err instanceof GlossError, `a GlossError, got ${String(err)}`);
  assert.equal(err.code, 'damaged');
  assert.match(err.message, new RegExp(`Article ${articleId} \\("${title}"\\) is damaged`));
  return true;
}

describe('damaged article text is found where it is read, and never passed on', () => {
  test('display, export (JSON, CSV, worker-less), coded passages and search all stop with an error naming the article', async () => {
    const { path, dir, codeId } = await codedProject();
    const good = join(dir, 'good.csv');
    {
      const p = Project.open(path);
      await exportCsv(p, good);
      p.close();
    }
    const before = readFileSync(good);
    alterTextBySql(path, 1, 'forty trucks', 'fifty trucks');
    const project = Project.open(path);
    try {
      assert.throws(() => project.articles.get(1), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      assert.equal(project.articles.get(2).text, SECOND, 'the intact article still reads');
      await assert.rejects(exportCsv(project, good), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      assert.deepEqual(readFileSync(good), before, 'the previous export is left as it was');
      const json = join(dir, 'out.json');
      await assert.rejects(exportJson(project, json), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      assert.equal(existsSync(json), false, 'no JSON file with altered text is written');
      assert.throws(() => retrievePassages(project, { codeIds: [codeId] }), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      await assert.rejects(runSearch(project, { mode: 'fts', query: 'trucks' }), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      await assert.rejects(runSearch(project, { mode: 'regex', query: 'crossing' }), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      // A search whose hits are all in intact articles still works.
      const hits = await runSearch(project, { mode: 'fts', query: 'Cairo' });
      assert.deepEqual(hits.articles.map((a) => a.articleId), [2]);
    } finally {
      project.close();
    }
  });

  const EXPORT_WORKER = resolve(__dirname, '..', '..', 'out', 'main', 'exportWorker.js');
  test('exports on the worker thread stop the same way, and write nothing', { skip: existsSync(EXPORT_WORKER) ? false : 'out/main/exportWorker.js is not built (run npm run build)' }, async () => {
    const { path, dir } = await codedProject();
    alterTextBySql(path, 2, 'Cairo', 'Cairn');
    const project = Project.open(path);
    try {
      for (const format of ['json', 'csv'] as const) {
        const target = join(dir, `worker.${format}`);
        await assert.rejects(runExport(project, { format, target }, { workerFile: EXPORT_WORKER }), (e: unknown) => {
          assert.ok(e instanceof GlossError && e.code === 'damaged', String(e));
          assert.match(e.message, /Article 2 \("Ministers meet"\) is damaged/);
          return true;
        });
        assert.equal(existsSync(target), false);
      }
    } finally {
      project.close();
    }
  });

  test('bytes overwritten on disk where an article is stored are caught on the next read', async () => {
    const { path, dir } = await codedProject();
    assert.ok(overwriteInFile(path, 'Rafah crossing', 'Rafah crossXng') >= 1);
    const project = Project.open(path, { readOnly: true });
    try {
      assert.throws(() => project.articles.get(1), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
      await assert.rejects(exportJson(project, join(dir, 'x.json')), (e) => assertDamaged(e, 1, 'Aid convoy waits'));
    } finally {
      project.close();
    }
  });

  test("a coding whose stored text no longer matches its article stops the CSV export and names it", async () => {
    const { path, dir } = await codedProject();
    const db = new Database(path);
    const trigger = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'codings_bounds_update'").pluck().get() as string;
    db.exec('DROP TRIGGER codings_bounds_update');
    db.prepare("UPDATE codings SET text = 'Aid convoy wants' WHERE id = 1").run();
    db.exec(trigger);
    db.close();
    const project = Project.open(path, { readOnly: true });
    try {
      await assert.rejects(exportCsv(project, join(dir, 'c.csv')), (e: unknown) => {
        assertDamaged(e, 1, 'Aid convoy waits');
        assert.match((e as Error).message, /coding 1/);
        return true;
      });
      assert.equal(existsSync(join(dir, 'c.csv')), false);
    } finally {
      project.close();
    }
  });
});

describe('the project check', () => {
  test('a clean project passes', async () => {
    const { path } = await codedProject();
    assert.deepEqual(checkProjectFile(path), { ok: true, findings: [] });
  });

  test('lists each damaged article, coding, orphan and code cycle, by id', async () => {
    const { path } = await codedProject();
    alterTextBySql(path, 2, 'Cairo', 'Cairn');
    const db = new Database(path);
    const trigger = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'codings_bounds_update'").pluck().get() as string;
    db.exec('DROP TRIGGER codings_bounds_update');
    db.prepare("UPDATE codings SET text = 'Aid convoy wants' WHERE id = 1").run();
    db.exec(trigger);
    const a = db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('A', '#000000', 'now')").run().lastInsertRowid;
    const b = db.prepare("INSERT INTO codes (name, color, created_at, parent_id) VALUES ('B', '#000000', 'now', ?)").run(a).lastInsertRowid;
    db.prepare('UPDATE codes SET parent_id = ? WHERE id = ?').run(b, a);
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO codes (name, color, created_at, parent_id) VALUES (?, ?, ?, ?)').run('Orphan', '#000000', 'now', 999);
    db.close();
    const report = checkProjectFile(path);
    assert.equal(report.ok, false);
    const kinds = report.findings.map((f) => f.kind).sort();
    assert.deepEqual(kinds, ['article-hash', 'code-cycle', 'coding-text', 'foreign-key']);
    const hash = report.findings.find((f) => f.kind === 'article-hash')!;
    assert.equal(hash.articleId, 2);
    assert.match(hash.message, /Article 2 \("Ministers meet"\)/);
    assert.equal(report.findings.find((f) => f.kind === 'coding-text')!.codingId, 1);
    assert.ok([Number(a), Number(b)].includes(report.findings.find((f) => f.kind === 'code-cycle')!.codeId!));
  });

  test('works read-only on a file whose pages are damaged, and does not change it', async () => {
    const { path } = await codedProject();
    damagePageHolding(path, 'Rafah crossing');
    const bytes = readFileSync(path);
    const report = checkProjectFile(path);
    assert.equal(report.ok, false);
    assert.ok(report.findings.some((f) => f.kind === 'integrity'), JSON.stringify(report.findings));
    assert.deepEqual(readFileSync(path), bytes, 'the check wrote nothing');
  });
});

/** Overwrites the whole page that holds `needle` (an article's row) with garbage. */
function damagePageHolding(path: string, needle: string): void {
  const bytes = readFileSync(path);
  const pageSize = bytes.readUInt16BE(16);
  const at = bytes.indexOf(needle);
  assert.ok(at > 0);
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, Math.floor(at / pageSize) * pageSize);
  closeSync(fd);
}

describe('backups never copy damage', () => {
  for (const damage of ['article text overwritten on disk', 'a page overwritten with garbage'] as const) {
    test(`${damage}: after 8 daily backups over 8 days a good backup remains, and restores`, async () => {
      const { path } = await codedProject();
      const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 9));
      {
        const p = Project.open(path);
        const first = await ensureDailyBackup(p, { now: day(0) });
        assert.ok(first?.verified, 'a healthy project gets a verified backup');
        p.close();
      }
      if (damage === 'article text overwritten on disk') assert.ok(overwriteInFile(path, 'Rafah crossing', 'Rafah crossXng') >= 1);
      else damagePageHolding(path, 'Rafah crossing');
      const failures: string[] = [];
      for (let n = 1; n <= 8; n++) {
        let p: Project;
        try {
          p = Project.open(path);
        } catch (err) {
          // The damage may already be visible when the file opens; then there is no backup either.
          failures.push((err as Error).message);
          continue;
        }
        try {
          await ensureDailyBackup(p, { now: day(n), keep: 7 });
          assert.fail(`day ${n}: a backup of the damaged project was made`);
        } catch (err) {
          assert.ok(err instanceof GlossError && err.code === 'damaged', String(err));
          assert.match(err.message, /no backup was made/);
          failures.push(err.message);
        } finally {
          p.close();
        }
      }
      assert.equal(failures.length, 8);
      const backups = listBackups(path);
      assert.equal(backups.length, 1, `only the good backup: ${JSON.stringify(backups)}`);
      const good = nth(backups, 0, 'the good backup');
      assert.equal(good.verified, true);
      assert.ok(!readdirSync(backupFolderFor(path)).some((n) => n.endsWith('.tmp')), 'no copy of the damage is left behind');
      // It restores over the damaged project (kept itself as an unchecked before-restore copy), which reads as it was.
      const p = Project.open(path);
      const { project, beforeRestore } = await restoreBackup(p, good.file);
      try {
        assert.equal(project.articles.get(1).text, FIRST);
        assert.equal(beforeRestore.verified, false);
      } finally {
        project.close();
      }
      assert.deepEqual(checkProjectFile(path), { ok: true, findings: [] });
    });
  }

  test('pruning never removes the newest verified backup, however many unverified ones follow', async () => {
    const { path } = await codedProject();
    const p = Project.open(path);
    try {
      const good = (await ensureDailyBackup(p, { now: new Date(Date.UTC(2026, 0, 1)) }))!;
      const folder = backupFolderFor(path);
      // Unverified copies (as a before-restore of a damaged project would be) made later.
      const { pruneBackups } = await import('../../src-main/core/store/backupFiles');
      for (let n = 2; n <= 5; n++) {
        const name = `daily-2026-01-0${n}T09-00-00-000Z.gloss`;
        writeFileSync(join(folder, name), readFileSync(join(folder, good.file)));
      }
      const removed = pruneBackups(path, 2);
      assert.ok(!removed.includes(good.file), `removed ${removed.join(', ')}`);
      assert.ok(existsSync(join(folder, good.file)));
      assert.ok(listBackups(path).find((b) => b.file === good.file)?.verified);
    } finally {
      p.close();
    }
  });
});

describe('the app is told', () => {
  test('opening a damaged project: no backup, an error is logged, the app gets backup.failed (damaged); project.check lists the article', async () => {
    const { path } = await codedProject();
    alterTextBySql(path, 1, 'forty trucks', 'fifty trucks');
    const { session } = newSession();
    const events: GlossEvent[] = [];
    session.onEvent((e) => events.push(e));
    const call = directTransport(session);
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      await callOk(call, 'project.open', { path });
      await session.backupsSettled();
    } finally {
      console.error = original;
    }
    const failed = events.find((e) => e.type === 'backup.failed');
    assert.ok(failed && failed.type === 'backup.failed' && failed.damaged, JSON.stringify(events));
    assert.match(failed.message, /no backup was made/);
    assert.match(failed.message, /Article 1 \("Aid convoy waits"\)/);
    assert.ok(logged.some((l) => l.includes('the daily backup failed')));
    assert.deepEqual(listBackups(path), []);
    const report = await callOk<{ ok: boolean; findings: { kind: string; articleId?: number }[] }>(call, 'project.check');
    assert.equal(report.ok, false);
    assert.deepEqual(report.findings.map((f) => [f.kind, f.articleId]), [['article-hash', 1]]);
    const reply = await call('articles.get', { id: 1 });
    assert.ok(!reply.ok && reply.error.code === 'damaged' && /Article 1 \("Aid convoy waits"\) is damaged/.test(reply.error.message));
    await callOk(call, 'project.close');
  });
});

describe('opening a file says what is really wrong with it', () => {
  const openMessage = (path: string, readOnly = false): string => {
    try {
      Project.open(path, { readOnly }).close();
    } catch (err) {
      assert.ok(err instanceof GlossError);
      return err.message;
    }
    assert.fail('the file opened');
  };

  test('a 0-byte file is refused and left as it is, never made into a new project', () => {
    const path = join(tempDir(), 'empty.gloss');
    writeFileSync(path, '');
    assert.match(openMessage(path), /is empty \(0 bytes\)/);
    assert.match(openMessage(path), /rather than turn it into a new, empty project/);
    assert.throws(() => Project.create(path, 'Fresh'), /is empty \(0 bytes\)/, 'not even when asked to create a project there');
    assert.equal(statSync(path).size, 0);
  });

  test('a file that is not SQLite is "not a Gloss project"', () => {
    const path = join(tempDir(), 'notes.gloss');
    writeFileSync(path, 'Some notes, not a database at all.\n'.repeat(40));
    assert.match(openMessage(path), /is not a Gloss project \(not an SQLite database\)/);
  });

  test('a truncated project is "damaged or truncated", and stays as it is', async () => {
    const { path } = await codedProject();
    const size = statSync(path).size;
    truncateSync(path, Math.floor(size / 2));
    assert.match(openMessage(path), /is damaged or truncated/);
    assert.match(openMessage(path, true), /is damaged or truncated/);
    assert.equal(statSync(path).size, Math.floor(size / 2));
  });

  test('a file whose first page is garbage (but starts like SQLite) is damaged, not "not a project"', async () => {
    const { path } = await codedProject();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0x41), 0, 3000, 100);
    closeSync(fd);
    const message = openMessage(path);
    assert.doesNotMatch(message, /not a Gloss project/);
    assert.match(message, /damaged/);
  });

  test('a project from a newer Gloss says so', async () => {
    const { path } = await codedProject();
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    assert.match(openMessage(path), /saved by a newer version of Gloss/);
  });

  test('a healthy project in a read-only folder: opening says the folder is read-only, not "not a Gloss project"', async (t) => {
    const { path, dir } = await codedProject();
    const folder = join(dir, 'ro');
    mkdirSync(folder);
    const inside = join(folder, 'study.gloss');
    writeFileSync(inside, readFileSync(path));
    const undo = makeReadOnly(folder);
    if (!undo) return t.skip('cannot make a folder read-only here (root without mount rights)');
    try {
      assert.equal(openMessage(inside), `Cannot open ${inside} for writing: the folder ${folder} is read-only (Gloss keeps the project's working files, -wal and -shm, beside it). Copy the project to a folder you can write to, or read it with gloss stats / gloss export.`);
      // SQLite reads a WAL-mode project only with its -shm file beside it, which it cannot create here either.
      assert.match(openMessage(inside, true), new RegExp(`the folder ${folder} is read-only`));
    } finally {
      undo();
    }
  });
});

/** Makes `folder` read-only for this process: chmod for a normal user; a read-only bind mount for root. */
function makeReadOnly(folder: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return () => chmodSync(folder, 0o755);
  }
  try {
    execFileSync('mount', ['--bind', folder, folder], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,ro,bind', folder], { stdio: 'ignore' });
    return () => execFileSync('umount', [folder], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

describe('migration 006: text fingerprints', () => {
  test('a hash of the wrong shape (never one from Gloss) is computed once from the text; a wrong SHA-256 is not blessed', async () => {
    const { migrations } = await import('../../src-main/core/store/migrations');
    const { APPLICATION_ID } = await import('../../src-main/core/store/database');
    const { textHash } = await import('../../src-main/core/store/integrity');
    const path = join(tempDir(), 'v5.gloss');
    const db = new Database(path);
    for (const m of migrations.slice(0, 5)) m.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 5');
    const insert = db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, text, length)
      VALUES (?, ?, 'now', ?, 'UTF-8', ?, ?)`);
    insert.run('Scripted', 's.txt', 'h1', FIRST, [...FIRST].length);
    insert.run('Altered', 'a.txt', textHash('something else'), SECOND, [...SECOND].length);
    db.close();
    const project = Project.open(path);
    try {
      assert.equal(project.articles.get(1).text, FIRST);
      assert.throws(() => project.articles.get(2), (e) => assertDamaged(e, 2, 'Altered'));
    } finally {
      project.close();
    }
  });
});
