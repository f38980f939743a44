// `gloss agree` on a real project file built with the CLI itself: two coders code the same articles, and the
// printed figures are checked against counts worked out by hand from the documented formulas.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { builtCli, tempDir, writeFiles, runBuiltCli } from './helpers';

const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;

/** The built CLI, run in a test's folder. */
const gloss = runBuiltCli;

/** Articles of 40 and 20 code points (the first with an emoji flag, which is two code points). */
const ONE = 'Aid convoy 🇱🇧 waits at the crossing now!';
const TWO = 'Talks resume in Cairo';

function project(): { dir: string; file: string } {
  const dir = tempDir('gloss-agree-');
  writeFiles(dir, { 'one.txt': ONE, 'two.txt': TWO, 'three.txt': 'Coded by maria only.' });
  assert.equal(gloss(dir, 'init', 'p.gloss').status, 0);
  const imported = gloss(dir, 'import', 'p.gloss', 'one.txt', 'two.txt', 'three.txt', '--json');
  assert.equal(imported.status, 0, imported.stderr);
  const code = (article: number, path: string, start: number, end: number, coder: string) => {
    const r = gloss(dir, 'code', 'p.gloss', '--article', String(article), '--code', path, '--start', String(start), '--end', String(end), '--coder', coder);
    assert.equal(r.status, 0, r.stderr);
  };
  // Article 1 (40 code points), code Frames/Aid: maria 4..20, omar 11..25 → both 11..20 = 9, mariaOnly 7, omarOnly 5.
  code(1, 'Frames/Aid', 4, 20, 'maria');
  code(1, 'Frames/Aid', 11, 25, 'omar');
  // Article 2 (21 code points), code Frames/Diplomacy by omar only, 0..5.
  code(2, 'Frames/Diplomacy', 0, 5, 'omar');
  code(2, 'Frames/Aid', 6, 12, 'maria');
  code(2, 'Frames/Aid', 7, 12, 'omar');
  // Article 3 only maria coded: out of scope (missing data for omar).
  code(3, 'Frames/Aid', 0, 5, 'maria');
  return { dir, file: join(dir, 'p.gloss') };
}

describe('gloss agree', { skip }, () => {
  test('--json: rows per code × article, pooled codes and overall, as the issue documents', () => {
    assert.equal([...ONE].length, 40);
    assert.equal([...TWO].length, 21);
    const { dir } = project();
    const r = gloss(dir, 'agree', 'p.gloss', '--coders', 'maria,omar', '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.unit, 'codepoint');
    assert.deepEqual(report.coders, ['maria', 'omar']);
    assert.deepEqual(report.articleIds, [1, 2], 'article 3 was coded by maria only, so it is out of scope');

    const row = (code: string, articleId: number) => report.rows.find((x: { code: string; articleId: number }) => x.code === code && x.articleId === articleId);
    const aid1 = row('Frames/Aid', 1);
    assert.deepEqual([aid1.both, aid1.xOnly, aid1.yOnly, aid1.neither], [9, 7, 5, 19]);
    // p_o = 28/40, p_x = 16/40, p_y = 14/40, p_e = 0.14 + 0.39 = 0.53, κ = (0.7 − 0.53)/0.47.
    assert.ok(Math.abs(aid1.percent - 0.7) < 1e-12);
    assert.ok(Math.abs(aid1.kappa - 0.17 / 0.47) < 1e-12);
    // D = 12, n = 80, n1 = 30, n0 = 50: α = 1 − 79·12/1500.
    assert.ok(Math.abs(aid1.alpha - (1 - (79 * 12) / 1500)) < 1e-12);
    const aid2 = row('Frames/Aid', 2);
    assert.deepEqual([aid2.both, aid2.xOnly, aid2.yOnly, aid2.neither], [5, 1, 0, 15]);
    assert.ok(Math.abs(aid2.percent - 20 / 21) < 1e-12);
    const dip2 = row('Frames/Diplomacy', 2);
    assert.deepEqual([dip2.both, dip2.xOnly, dip2.yOnly, dip2.neither], [0, 0, 5, 16]);
    assert.equal(row('Frames/Diplomacy', 1), undefined, 'no row where neither coder applied the code');
    assert.equal(report.rows.length, 3);

    // Codes pool over every in-scope article: Diplomacy's article 1 counts 40 code points of "neither".
    const dip = report.codes.find((c: { code: string }) => c.code === 'Frames/Diplomacy');
    assert.deepEqual([dip.both, dip.xOnly, dip.yOnly, dip.neither], [0, 0, 5, 56]);
    const aid = report.codes.find((c: { code: string }) => c.code === 'Frames/Aid');
    assert.deepEqual([aid.both, aid.xOnly, aid.yOnly, aid.neither], [14, 8, 5, 34]);
    assert.equal(typeof aid.alphaU, 'number');
    assert.equal(report.codes.some((c: { code: string }) => c.code === 'Frames'), false, 'Frames itself was never applied');
    assert.deepEqual([report.overall.both, report.overall.xOnly, report.overall.yOnly, report.overall.neither], [14, 8, 10, 90]);
  });

  test('--roll-up counts sub-codes for their parent; --code narrows to one code', () => {
    const { dir } = project();
    const r = gloss(dir, 'agree', 'p.gloss', '--coders', 'maria,omar', '--code', 'Frames', '--roll-up', '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.codes.map((c: { code: string }) => c.code), ['Frames']);
    const frames = report.codes[0];
    // Article 1 as Aid; article 2: omar 0..5 and 7..12, maria 6..12 → both 5, xOnly 1, yOnly 5, neither 10.
    assert.deepEqual([frames.both, frames.xOnly, frames.yOnly, frames.neither], [14, 8, 10, 29]);
  });

  test('--articles chooses the scope; --format csv is one table with a level column', () => {
    const { dir } = project();
    const r = gloss(dir, 'agree', 'p.gloss', '--coders', 'maria,omar', '--articles', '1', '--format', 'csv');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith('\ufeff'), 'UTF-8 BOM for spreadsheets');
    const rows: Record<string, string>[] = parse(r.stdout.slice(1), { columns: true });
    assert.deepEqual(Object.keys(rows[0]!), ['level', 'code', 'article_id', 'both', 'x_only', 'y_only', 'neither', 'percent', 'kappa', 'alpha', 'alpha_u']);
    assert.deepEqual(
      rows.map((x) => [x.level, x.code, x.article_id, x.both]),
      [
        ['article', 'Frames/Aid', '1', '9'],
        ['code', 'Frames/Aid', '', '9'],
        ['overall', '', '', '9'],
      ],
    );
  });

  test('clear errors: unknown coder, one coder, unknown code', () => {
    const { dir } = project();
    const unknown = gloss(dir, 'agree', 'p.gloss', '--coders', 'maria,nobody');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^gloss: No codings by "nobody" in this project \(coders: "maria", "omar"\)\.\n$/);
    const one = gloss(dir, 'agree', 'p.gloss', '--coders', 'maria');
    assert.equal(one.status, 2);
    assert.match(one.stderr, /at least two coder names/);
    const code = gloss(dir, 'agree', 'p.gloss', '--coders', 'maria,omar', '--code', 'Nope');
    assert.equal(code.status, 2);
    assert.match(code.stderr, /There is no code "Nope"/);
  });
});
