import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importSources } from '../../src-main/core/import/importer';
import { workerWriter } from '../../src-main/core/import/articleWriter';
import { Project } from '../../src-main/core/store/Project';

const WORKER = resolve(__dirname, '..', '..', 'out', 'main', 'importWriter.js');

// The app stores imported articles on a worker thread; its report and stored rows must equal the inline path's.
test('the import writer worker stores exactly what the inline writer stores', { skip: existsSync(WORKER) ? false : 'out/main/importWriter.js is not built (run npm run build)' }, async () => {
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
