import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importSources } from '../../src-main/core/import/importer';
import { workerWriter } from '../../src-main/core/import/articleWriter';
import { Project } from '../../src-main/core/store/Project';
import { runExport } from '../../src-main/core/export/exportJob';
import { builtOrSkip } from './built';

const WORKER = resolve(__dirname, '..', '..', 'out', 'main', 'importWriter.js');

// The app stores imported articles on a worker thread; its report and stored rows must equal the inline path's.
test('the import writer worker stores exactly what the inline writer stores', { skip: builtOrSkip(WORKER) }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-worker-'));
  const src = join(dir, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'a.txt'), 'Title A\r\nشكرا 🇱🇧 e\u0301\r\n');
  writeFileSync(join(src, 'b.txt'), 'Title B\nplain');
  writeFileSync(join(src, 'b-copy.txt'), 'Title B\nplain');
  writeFileSync(join(src, 'bad.txt'), Buffer.from([0xff, 0x00, 0x01]));
  const run = async (name: string, useWorker: boolean) => {
    const file = join(dir, name);
    const project = Project.create(file);
    const writer = useWorker ? workerWriter(WORKER, file) : undefined;
    const report = await importSources(project, [{ kind: 'path', path: src }], { writer });
    await writer?.close();
    const rows = project.db.prepare('SELECT title, text, length, encoding, original_line_endings FROM articles ORDER BY id').all();
    project.close();
    return { report: { ...report, imported: report.imported.map((i) => ({ ...i, file: i.file })) }, rows };
  };
  const inline = await run('inline.gloss', false);
  const worker = await run('worker.gloss', true);
  assert.equal(worker.report.imported.length, 2);
  assert.equal(worker.report.skipped.length, 1);
  assert.equal(worker.report.rejected.length, 1);
  assert.deepEqual(worker.report, inline.report);
  assert.deepEqual(worker.rows, inline.rows);
});

const EXPORT_WORKER = resolve(__dirname, '..', '..', 'out', 'main', 'exportWorker.js');

test('exports on the worker thread write the same files as inline exports, and a cancel leaves nothing', { skip: builtOrSkip(EXPORT_WORKER) }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-export-worker-'));
  const file = join(dir, 'p.gloss');
  const project = Project.create(file);
  const src = join(dir, 'a.txt');
  writeFileSync(src, 'Title\n=SUM(A1) 👩🏽‍⚕️ "quoted", text\n');
  await importSources(project, [{ kind: 'path', path: src }]);
  const code = project.codes.ensurePath('Frames/Humanitarian');
  project.codings.apply({ articleId: 1, codeId: code.id, start: 6, end: 20, memo: '-memo', coder: 't' });
  const strip = (s: string) => s.replace(/"exportedAt":"[^"]+"/, '');
  for (const format of ['csv', 'json'] as const) {
    const inline = await runExport(project, { format, target: join(dir, `inline.${format}`) });
    const viaWorker = await runExport(project, { format, target: join(dir, `worker.${format}`) }, { workerFile: EXPORT_WORKER });
    assert.deepEqual({ ...viaWorker, path: '' }, { ...inline, path: '' });
    assert.equal(strip(readFileSync(viaWorker.path, 'utf8')), strip(readFileSync(inline.path, 'utf8')));
  }
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    runExport(project, { format: 'csv', target: join(dir, 'cancelled.csv') }, { workerFile: EXPORT_WORKER, signal: controller.signal }),
    (err: Error & { code?: string }) => err.code === 'cancelled',
  );
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('cancelled') || f.endsWith('.tmp')), []);
  project.close();
});
