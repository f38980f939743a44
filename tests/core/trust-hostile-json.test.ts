// Issue 9, hole 7: a hostile Gloss JSON (20 KB, one code path 5,000 levels deep) froze the host's thread for tens of
// seconds — in the app, the Electron main process. A Gloss JSON file now has limits (README, "Keeping the project
// safe": 64 code levels, 10,000 codes, 100,000 articles, 1,000,000 codings, 64 MB per article) named in the refusal,
// and is parsed, checked and applied on the import writer's worker thread, so the host answers while it imports.
// Issue 10's hot spot is here too: each coding's check rebuilt its article's offset index (seconds for 3,000 codings
// on a 300,000-character article).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Code, ImportReport } from '../../src-main/contract/types';
import { AppState } from '../../src-main/core/appState';
import { dispatch } from '../../src-main/core/dispatch';
import { parseGlossExport } from '../../src-main/core/import/glossJson';
import { importSources } from '../../src-main/core/import/importer';
import { Project } from '../../src-main/core/store/Project';
import { Session } from '../../src-main/core/session';
import { callOk, directTransport, tempDir, testHostAdapter, nth } from './helpers';

/** The import writer worker from source: the test runner's tsx loader reaches worker threads too. */
const WORKER_SOURCE = resolve(__dirname, '..', '..', 'src-main', 'core', 'import', 'importWriterWorker.ts');

const header = { format: 'gloss', version: 1, offsetUnit: 'codepoint', exportedAt: '2026-12-01T00:00:00.000Z', project: { name: 'x' } };
const code = (path: string) => ({ path, color: '#3cb44b', description: '' });
const deepPath = (levels: number, name = 'level') => Array.from({ length: levels }, (_, i) => `${name}${i % 10}`).join('/');
const reasonOf = (doc: unknown): string => {
  const parsed = parseGlossExport(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)));
  return parsed.ok ? 'accepted' : parsed.reason;
};

describe('Gloss JSON limits', () => {
  test('a code path deeper than 64 levels is refused, naming the limit; 64 levels are fine', () => {
    const hostile = { ...header, codes: [code(deepPath(5000, 'a'))], articles: [], codings: [] };
    assert.equal(reasonOf(hostile), 'not imported: codes[0].path is a code path 5,000 levels deep; Gloss allows at most 64 levels (the code depth limit)');
    assert.equal(reasonOf({ ...header, codes: [code(deepPath(64))], articles: [], codings: [] }), 'accepted');
    const text = 'Talks resume in Cairo.';
    const coding = { articleId: 1, codePath: deepPath(65), start: 0, end: 5, text: 'Talks', memo: '', coder: 'm', createdAt: 'x', updatedAt: 'x' };
    const article = { id: 1, title: 'T', sourceFile: 't.txt', encoding: 'UTF-8', importedAt: 'x', text };
    assert.match(reasonOf({ ...header, codes: [], articles: [article], codings: [coding] }), /^not imported: codings\[0\]\.codePath is a code path 65 levels deep; .*\(the code depth limit\)$/);
  });

  test('counts over the limits are refused before anything else is read', () => {
    const many = (n: number) => `[${'{},'.repeat(n - 1)}{}]`;
    const doc = (key: string, n: number) => {
      const rest = { codes: '[]', articles: '[]', codings: '[]', [key]: many(n) };
      return `{"format":"gloss","version":1,"offsetUnit":"codepoint","codes":${rest.codes},"articles":${rest.articles},"codings":${rest.codings}}`;
    };
    assert.equal(reasonOf(doc('codes', 10_001)), 'not imported: the file has 10,001 codes; a Gloss JSON file may hold at most 10,000 (the codes limit)');
    assert.equal(reasonOf(doc('articles', 100_001)), 'not imported: the file has 100,001 articles; a Gloss JSON file may hold at most 100,000 (the articles limit)');
    assert.equal(reasonOf(doc('codings', 1_000_001)), 'not imported: the file has 1,000,001 codings; a Gloss JSON file may hold at most 1,000,000 (the codings limit)');
    // At the limit, the counts pass and the entries' shape is what is wrong.
    assert.match(reasonOf(doc('codes', 10_000)), /^not a valid Gloss export: codes\.0\.path /);
  });

  test('an article over 64 MB and an over-long memo are refused, naming the limit and the field', () => {
    const article = (text: string) => ({ id: 1, title: 'T', sourceFile: 't.txt', encoding: 'UTF-8', importedAt: 'x', text });
    const huge = 'é'.repeat(32 * 1024 * 1024 + 1); // two bytes each in UTF-8: just over 64 MB
    assert.equal(reasonOf({ ...header, codes: [], articles: [article(huge)], codings: [] }), 'not imported: articles[0].text is 64.0 MB; Gloss allows at most 64 MB per article (the article size limit)');
    const memo = { articleId: 1, codePath: 'A', start: 0, end: 1, text: 'T', memo: 'm'.repeat(1_000_001), coder: 'm', createdAt: 'x', updatedAt: 'x' };
    assert.match(reasonOf({ ...header, codes: [], articles: [article('Talks')], codings: [memo] }), /^not a valid Gloss export: codings\.0\.memo .*1000000/);
  });

  test('3,000 codings on a 300,000-character article are checked in well under a second', () => {
    const line = 'Aid convoy waits 🇱🇧 at the crossing; شكرا 👍🏿.\n';
    const text = line.repeat(Math.ceil(300_000 / line.length));
    const cps = [...text];
    const codings = Array.from({ length: 3000 }, (_, i) => {
      const start = (i * 97) % (cps.length - 40);
      return { articleId: 1, codePath: `Frames/F${i % 50}`, start, end: start + 30, text: cps.slice(start, start + 30).join(''), memo: '', coder: 'm', createdAt: 'x', updatedAt: 'x' };
    });
    const bytes = Buffer.from(JSON.stringify({ ...header, codes: [], articles: [{ id: 1, title: 'T', sourceFile: 't.txt', encoding: 'UTF-8', importedAt: 'x', text }], codings }));
    const started = performance.now();
    const parsed = parseGlossExport(bytes);
    const ms = performance.now() - started;
    assert.equal(parsed.ok, true);
    assert.ok(ms < 1000, `checking took ${Math.round(ms)} ms`);
  });
});

describe('a file at the limits', () => {
  test('a codebook of 10,000 codes imports in seconds, not minutes, and each code keeps its look', async () => {
    const dir = tempDir('gloss-hostile-json-');
    const project = Project.create(join(dir, 'p.gloss'));
    try {
      const codes = Array.from({ length: 10_000 }, (_, i) => ({ path: i % 2 ? `Frames/Code ${i}` : `Code ${i}`, color: '#0a0b0c', description: `d${i}` }));
      const file = join(dir, 'codebook.json');
      writeFileSync(file, JSON.stringify({ ...header, codes, articles: [], codings: [] }));
      const started = performance.now();
      const report = await importSources(project, [{ kind: 'path', path: file }]);
      const ms = performance.now() - started;
      assert.deepEqual(report.rejected, []);
      assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
      const stored = project.codes.list();
      assert.equal(stored.length, 10_001); // and the parent "Frames"
      const sample = stored.find((c) => c.path === 'Frames/Code 9999')!;
      assert.deepEqual({ color: sample.color, description: sample.description }, { color: '#0a0b0c', description: 'd9999' });
    } finally {
      project.close();
    }
  });
});

/** A session as the app runs it: the import writer on a worker thread. */
function appSession(): { dir: string; session: Session } {
  const dir = tempDir('gloss-hostile-json-');
  return { dir, session: new Session(new AppState(join(dir, 'state')), { ...testHostAdapter(dir), kind: 'electron', importWriterFile: WORKER_SOURCE }) };
}

/**
 * Runs `work` while `app.info` is asked every 20 ms, as a window or browser would ask at any moment. Each answer is
 * timed from the moment its request was due, not from when this thread got round to sending it: a blocked thread
 * delays the sending too, and that wait is what the user feels.
 */
async function whileAnswering<T>(session: Session, work: Promise<T>): Promise<{ result: T; slowestMs: number; asked: number }> {
  let finished = false;
  const done = work.finally(() => (finished = true));
  let slowestMs = 0;
  let asked = 0;
  const start = performance.now();
  while (!finished) {
    const due = start + asked * 20;
    await new Promise((ok) => setTimeout(ok, Math.max(0, due - performance.now())));
    const reply = await dispatch(session, 'app.info', {});
    slowestMs = Math.max(slowestMs, performance.now() - due);
    asked++;
    assert.equal(reply.ok, true);
  }
  return { result: await done, slowestMs, asked };
}

describe('importing Gloss JSON off the host thread', () => {
  test('app.info answers within 200 ms while a hostile 20 KB JSON with a 5,000-level code path imports; it is refused', async () => {
    const { dir, session } = appSession();
    const call = directTransport(session);
    await callOk(call, 'project.create', { path: join(dir, 'p.gloss') });
    const file = join(dir, 'hostile.json');
    // One-letter levels: the path stays under the 10,000 characters a code path may have; the description pads the
    // file to 20 KB.
    const path = Array.from({ length: 5000 }, () => 'a').join('/');
    const doc = JSON.stringify({ ...header, codes: [{ ...code(path), description: 'd'.repeat(10_000) }], articles: [], codings: [] });
    assert.ok(doc.length >= 19_000 && doc.length <= 21_000, `${doc.length} bytes`);
    writeFileSync(file, doc);
    const { result: reply, slowestMs, asked } = await whileAnswering(session, dispatch(session, 'articles.importPaths', { paths: [file] }));
    assert.ok(asked >= 1);
    assert.ok(slowestMs < 200, `app.info took ${Math.round(slowestMs)} ms`);
    assert.ok(reply.ok, JSON.stringify(reply));
    const report = reply.result as ImportReport;
    assert.deepEqual(report.imported, []);
    assert.equal(report.rejected.length, 1);
    assert.match(nth(report.rejected, 0, 'the rejection').reason, /5,000 levels deep; Gloss allows at most 64 levels \(the code depth limit\)/);
    assert.deepEqual((await callOk<{ codes: Code[] }>(call, 'codes.list')).codes, [], 'nothing of it was stored');
    await callOk(call, 'project.close');
  });

  test('a large valid export imports on the worker: the host keeps answering, and everything arrives', async () => {
    const { dir, session } = appSession();
    const call = directTransport(session);
    await callOk(call, 'project.create', { path: join(dir, 'p.gloss') });
    const line = 'Ceasefire talks 🕊️ resume in Cairo; גבול 🇱🇧.\n';
    const text = line.repeat(Math.ceil(300_000 / line.length));
    const cps = [...text];
    const codings = Array.from({ length: 3000 }, (_, i) => {
      const start = (i * 89) % (cps.length - 40);
      return { articleId: 7, codePath: `Frames/Sub${i % 40}/Leaf${i % 7}`, start, end: start + 25, text: cps.slice(start, start + 25).join(''), memo: `memo ${i}`, coder: 'maria', createdAt: 'x', updatedAt: 'x' };
    });
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify({ ...header, codes: [code('Frames')], articles: [{ id: 7, title: 'Talks', sourceFile: 'talks.txt', encoding: 'UTF-8', importedAt: 'x', text }], codings }));
    const { result: reply, slowestMs } = await whileAnswering(session, dispatch(session, 'articles.importPaths', { paths: [file] }));
    assert.ok(reply.ok, JSON.stringify(reply));
    const report = reply.result as ImportReport;
    assert.deepEqual(report.rejected, []);
    assert.equal(report.imported.length, 1);
    assert.ok(slowestMs < 200, `app.info took ${Math.round(slowestMs)} ms`);
    const stats = await callOk<{ articles: number; codes: number; codings: number }>(call, 'project.current');
    assert.deepEqual({ articles: stats.articles, codes: stats.codes, codings: stats.codings }, { articles: 1, codes: 1 + 40 + 40 * 7, codings: 3000 });
    // The host's own connection sees the codebook the worker wrote, paths included.
    const codes = (await callOk<{ codes: Code[] }>(call, 'codes.list')).codes;
    assert.ok(codes.some((c) => c.path === 'Frames/Sub3/Leaf3'));
    await callOk(call, 'project.close');
  });
});
