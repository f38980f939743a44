// Exports must never damage the project and must describe one moment of it. Two ways that went wrong: an export
// whose target is the project file itself (a save dialog or a typo in --out) was renamed over the project, and an
// export reading while another connection wrote (the app while the CLI or the export worker reads) could pair
// codings with articles from different moments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FileHandle } from 'node:fs/promises';
import { BufferedWriter } from '../../src-main/core/export/atomicFile';
import { exportCsv } from '../../src-main/core/export/csv';
import { exportJson } from '../../src-main/core/export/json';
import { Project } from '../../src-main/core/store/Project';
import { ProjectLock } from '../../src-main/core/store/projectLock';
import { builtCli, callOk, directTransport, importText, newProject, newSession, snapshot, tempDir } from './helpers';
import { cli } from './trust-corpus';
import { builtOrSkip } from './built';

describe('an export over the project itself', () => {
  test('is refused, through the CLI, for the project, its WAL, its lock and a link to it; the project is intact', { skip: builtOrSkip(builtCli) }, async () => {
    const dir = tempDir();
    const path = join(dir, 'p.gloss');
    assert.equal((await cli(['init', path])).code, 0);
    const before = readFileSync(path);
    symlinkSync(path, join(dir, 'link.gloss'));
    for (const out of [path, `${path}-wal`, `${path}-shm`, ProjectLock.lockPathFor(path), join(dir, 'link.gloss'), join(dir, '.', 'p.gloss')]) {
      for (const format of ['json', 'csv']) {
        const r = await cli(['export', path, '--format', format, '--out', out]);
        assert.equal(r.code, 2, `${out}: ${r.stderr}`);
        assert.match(r.stderr, /^gloss: Cannot export to .*: that is the project file itself \(or one of its working files\); choose another name\.\n$/);
      }
    }
    assert.ok(readFileSync(path).equals(before));
    // Nothing was written beside it (read-only opens may leave SQLite's empty -wal/-shm).
    assert.deepEqual(readdirSync(dir).filter((f) => !/^p\.gloss-(wal|shm)$/.test(f)).sort(), ['link.gloss', 'p.gloss']);
    assert.equal((await cli(['stats', path])).code, 0);
  });

  test('is refused through the contract with conflict, and the open project keeps working', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const path = join(dir, 'open.gloss');
    await callOk(call, 'project.create', { path });
    await callOk(call, 'codes.create', { name: 'Frames' });
    const rows = snapshot(session.currentProject!.db);
    for (const [name, target] of [['export.json', path], ['export.csv', path], ['export.json', `${path}-wal`]] as const) {
      const reply = await call(name, { path: target });
      assert.equal(!reply.ok && reply.error.code, 'conflict', `${name} to ${target}`);
    }
    assert.deepEqual(snapshot(session.currentProject!.db), rows);
    assert.equal(session.currentProject!.db.pragma('integrity_check', { simple: true }), 'ok');
    await callOk(call, 'codes.create', { name: 'Actors' });
  });
});

describe('an export reads one snapshot', () => {
  /**
   * The project as the export sees it, except that another connection writes just before the export reads the
   * codebook, i.e. between its first queries (counts, articles) and its last (codings).
   */
  function withWriteBetweenQueries(reader: Project, write: () => void): Project {
    let done = false;
    const codes = new Proxy(reader.codes, {
      get(target, prop, receiver) {
        if (prop === 'list' && !done) {
          done = true;
          write();
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return new Proxy(reader, { get: (target, prop, receiver) => (prop === 'codes' ? codes : Reflect.get(target, prop, receiver)) });
  }

  for (const format of ['csv', 'json'] as const) {
    test(`${format}: codings written by another connection meanwhile are not paired with articles the export never listed`, async () => {
      const { project: writer, path, dir } = newProject();
      const first = await importText(writer, 'First article\nAid convoy waits at the crossing.', 'first.txt');
      const code = writer.codes.ensurePath('Frames/Humanitarian').id;
      writer.codings.apply({ articleId: first, codeId: code, start: 0, end: 5, coder: 'a' });
      const reader = Project.open(path, { readOnly: true });
      const target = join(dir, `out.${format}`);
      const concurrent = () => {
        // The app imports and codes a new article, and removes a coding, while the CLI export runs.
        const id = writer.articles.insert({
          title: 'Second article',
          sourceFile: 'second.txt',
          contentHash: 'second',
          encoding: 'UTF-8',
          hadBom: false,
          originalLineEndings: 'LF',
          normalizedToNfc: false,
          text: 'Second article\nwritten meanwhile',
          length: 32,
        });
        writer.codings.apply({ articleId: id, codeId: code, start: 0, end: 6, coder: 'a' });
        writer.codings.apply({ articleId: first, codeId: code, start: 6, end: 13, coder: 'a' });
      };
      const seen = withWriteBetweenQueries(reader, concurrent);
      const result = format === 'csv' ? await exportCsv(seen, target, { snapshot: true }) : await exportJson(seen, target, { snapshot: true });
      assert.equal(writer.codings.count(), 3, 'the concurrent write happened');
      assert.deepEqual([result.articles, result.codings], [1, 1], 'the export describes the project as it was when it started');
      if (format === 'csv') {
        const rows = parseCsv(readFileSync(target, 'utf8').replace(/^\ufeff/, '')) as string[][];
        assert.deepEqual(rows.slice(1).map((r) => [r[1], r[2], r[8]]), [[String(first), 'First article', 'First']]);
      } else {
        const doc = JSON.parse(readFileSync(target, 'utf8')) as { articles: { id: number }[]; codings: { articleId: number }[] };
        assert.deepEqual(doc.articles.map((a) => a.id), [first]);
        assert.deepEqual(doc.codings.map((k) => k.articleId), [first]);
      }
      assert.equal(reader.db.inTransaction, false, 'the snapshot ends with the export');
      reader.close();
      writer.close();
    });
  }
});

describe('the export writer', () => {
  test('writes everything even when the disk takes each write only in part', async () => {
    const got: Buffer[] = [];
    // A file handle whose every write stores at most 7 bytes and says so, as write(2) may when a disk fills up.
    const stingy = {
      write: async (buf: Buffer, offset: number, length: number) => {
        const n = Math.min(length, 7);
        got.push(Buffer.from(buf.subarray(offset, offset + n)));
        return { bytesWritten: n, buffer: buf };
      },
    } as unknown as FileHandle;
    const out = new BufferedWriter(stingy);
    const text = 'Ceasefire \u{1F1F1}\u{1F1E7} talks, "quoted";\n'.repeat(1000);
    for (const line of text.split(/(?<=\n)/)) await out.write(line);
    await out.flush();
    assert.equal(Buffer.concat(got).toString('utf8'), text);
    assert.equal(out.bytesWritten, Buffer.byteLength(text));
  });

  test('a disk that takes nothing is an error, not a silently short file', async () => {
    const full = { write: async (buf: Buffer) => ({ bytesWritten: 0, buffer: buf }) } as unknown as FileHandle;
    const out = new BufferedWriter(full);
    await out.write('something');
    await assert.rejects(out.flush(), /accepted no more data/);
  });
});
