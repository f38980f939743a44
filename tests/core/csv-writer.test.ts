// Every CSV Gloss writes goes through one writer with one set of options: the codings export, the coded-passages
// table, the counts table and `gloss counts` on standard output all defuse formula cells by default and all write
// them exactly with raw cells (the contract's `rawCells`, the CLI's `--raw-cells`).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { builtCli, callOk, directTransport, newSession, tempDir, writeFiles } from './helpers';

const FORMULA_CODE = '=1+1';
const FORMULA_MEMO = '@SUM(A1:A9)';
const TEXT = '-2 casualties reported\nAid arrives at noon.';

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

describe('one CSV writer', () => {
  test('codings, passages and counts CSV files defuse formula cells by default and keep them exactly with rawCells', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    await callOk(call, 'project.create', { path: join(dir, 'csv.gloss') });
    const report = await callOk<{ imported: { articleId: number }[] }>(call, 'articles.importFiles', {
      files: [{ name: 'casualties.txt', base64: Buffer.from(TEXT).toString('base64') }],
    });
    const articleId = report.imported[0].articleId;
    const code = await callOk<{ id: number }>(call, 'codes.create', { name: FORMULA_CODE });
    await callOk(call, 'codings.apply', { articleId, codeId: code.id, start: 0, end: 13, memo: FORMULA_MEMO });

    for (const rawCells of [undefined, false, true]) {
      const guarded = rawCells !== true;
      const defused = (s: string) => (guarded ? `'${s}` : s);
      const suffix = String(rawCells);
      const codings = join(dir, `codings-${suffix}.csv`);
      const passages = join(dir, `passages-${suffix}.csv`);
      const counts = join(dir, `counts-${suffix}.csv`);
      await callOk(call, 'export.csv', { path: codings, ...(rawCells === undefined ? {} : { rawCells }) });
      await callOk(call, 'retrieve.exportCsv', { codeIds: [code.id], path: passages, ...(rawCells === undefined ? {} : { rawCells }) });
      await callOk(call, 'counts.exportCsv', { rollUp: false, path: counts, ...(rawCells === undefined ? {} : { rawCells }) });

      const [coding] = readCsv(codings);
      assert.equal(coding.code, defused(FORMULA_CODE), `codings CSV, rawCells ${suffix}`);
      assert.equal(coding.text, defused('-2 casualties'));
      assert.equal(coding.memo, defused(FORMULA_MEMO));
      assert.equal(coding.article_title, defused('-2 casualties reported'));
      const [passage] = readCsv(passages);
      assert.equal(passage.code_path, defused(FORMULA_CODE), `passages CSV, rawCells ${suffix}`);
      assert.equal(passage.text, defused('-2 casualties'));
      assert.equal(passage.memo, defused(FORMULA_MEMO));
      const countRow = readCsv(counts).find((r) => r.code_path.endsWith(FORMULA_CODE))!;
      assert.equal(countRow.code_path, defused(FORMULA_CODE), `counts CSV, rawCells ${suffix}`);
      assert.equal(countRow.codings, '1', 'numbers are written as numbers');
    }
    session.closeProject();
  });

  const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;
  const gloss = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

  test('gloss counts --format csv defuses formula cells like the exports, and honours --raw-cells', { skip }, () => {
    const dir = tempDir('gloss-csv-cli-');
    writeFiles(dir, { 'casualties.txt': TEXT });
    assert.equal(gloss(dir, 'init', 'study.gloss').status, 0);
    assert.equal(gloss(dir, 'import', 'study.gloss', 'casualties.txt').status, 0);
    const coded = gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', FORMULA_CODE, '--start', '0', '--end', '13');
    assert.equal(coded.status, 0, coded.stderr);

    const guarded = gloss(dir, 'counts', 'study.gloss', '--by', 'code');
    assert.equal(guarded.status, 0, guarded.stderr);
    assert.deepEqual(parse(guarded.stdout, { columns: true }), [{ key: `'${FORMULA_CODE}`, count: '1' }]);

    const raw = gloss(dir, 'counts', 'study.gloss', '--by', 'code', '--raw-cells');
    assert.equal(raw.status, 0, raw.stderr);
    assert.deepEqual(parse(raw.stdout, { columns: true }), [{ key: FORMULA_CODE, count: '1' }]);
    assert.match(raw.stderr, /warning: --raw-cells/);

    // Where no CSV is written the flag would be accepted and ignored; it is refused instead.
    for (const args of [
      ['counts', 'study.gloss', '--by', 'code', '--format', 'json', '--raw-cells'],
      ['stats', 'study.gloss', '--raw-cells'],
      ['export', 'study.gloss', '--format', 'json', '--out', 'x.json', '--raw-cells'],
    ]) {
      const r = gloss(dir, ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /--raw-cells applies to CSV output/);
      assert.equal(r.stdout, '');
    }
    assert.ok(!existsSync(join(dir, 'x.json')));
  });
});
