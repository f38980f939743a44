// `gloss search`, `gloss counts` and `gloss attributes` through the built CLI (out/main/cli.js), as a pipeline runs
// them: real processes on a real project file, judged by exit code, stdout and stderr.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Project } from '../../src-main/core/store/Project';
import { builtCli, cpSlice, nth, present, tempDir, writeFiles } from './helpers';
import { ARABIC, GAZA_AID, GAZA_PLAIN, GAZA_VOWELLED, LEBANON, TEXTS, nthSpan } from './toolkit-fixture';
import { builtOrSkip } from './built';

const skip = builtOrSkip(builtCli);

function gloss(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project with the toolkit corpus imported through the CLI; article ids in file-name order of the import. */
function cliCorpus(): { dir: string; ids: Record<keyof typeof TEXTS, number> } {
  const dir = tempDir('gloss-toolkit-cli-');
  writeFiles(join(dir, 'news'), TEXTS);
  assert.equal(gloss(dir, 'init', 'study.gloss').status, 0);
  const imported = gloss(dir, 'import', 'study.gloss', 'news', '--json');
  assert.equal(imported.status, 0, imported.stderr);
  const report = JSON.parse(imported.stdout) as { imported: { file: string; articleId: number }[] };
  const id = (name: keyof typeof TEXTS) => present(report.imported.find((i) => i.file.split(/[\\/]/).pop() === name), `the import of ${name}`).articleId;
  const ids = { 'gaza-aid.txt': id('gaza-aid.txt'), 'arabic.txt': id('arabic.txt'), 'hebrew.txt': id('hebrew.txt'), 'lebanon.txt': id('lebanon.txt') };
  return { dir, ids };
}

interface CliHit {
  articleId: number;
  start: number;
  end: number;
  text: string;
  context: string;
}

describe('gloss search / counts / attributes', { skip }, () => {
  test('search --json: code-point offsets as in the exports, the hit inside its context', () => {
    const { dir, ids } = cliCorpus();
    const r = gloss(dir, 'search', 'study.gloss', 'ceasefire', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const hits = JSON.parse(r.stdout) as CliHit[];
    assert.deepEqual(Object.keys(nth(hits, 0, 'the first hit')), ['articleId', 'start', 'end', 'text', 'context']);
    const expected = [
      [ids['gaza-aid.txt'], GAZA_AID, nthSpan(GAZA_AID, 'ceasefire', 0)],
      [ids['gaza-aid.txt'], GAZA_AID, nthSpan(GAZA_AID, 'ceasefire', 1)],
      [ids['lebanon.txt'], LEBANON, nthSpan(LEBANON, 'Ceasefire')],
      [ids['lebanon.txt'], LEBANON, nthSpan(LEBANON, 'CEASEFIRE')],
    ] as const;
    assert.deepEqual(
      hits.map((h) => [h.articleId, h.start, h.end, h.text]),
      expected.map(([id, text, s]) => [id, s.start, s.end, cpSlice(text, s.start, s.end)]),
    );
    for (const [i, h] of hits.entries()) {
      const [, text, s] = nth(expected, i, `expected hit ${i}`);
      assert.equal(h.context, cpSlice(text, Math.max(0, s.start - 80), s.end + 80));
    }
    // Arabic: the plain spelling finds the vowelled word, whole, with its marks.
    const arabic = JSON.parse(gloss(dir, 'search', 'study.gloss', GAZA_PLAIN, '--json').stdout) as CliHit[];
    assert.deepEqual(arabic.map((h) => [h.articleId, h.start, h.end, h.text]), [
      [ids['arabic.txt'], 0, 6, GAZA_VOWELLED],
      [ids['arabic.txt'], nthSpan(ARABIC, GAZA_PLAIN).start, nthSpan(ARABIC, GAZA_PLAIN).end, GAZA_PLAIN],
    ]);
    // Without --json: one line per hit, a count on stderr.
    const plain = gloss(dir, 'search', 'study.gloss', '"ceasefire talks"');
    assert.equal(plain.status, 0);
    assert.match(plain.stdout, /^\d+\t\d+-\d+\t.*\[ceasefire talks\].*\n$/);
    assert.equal(plain.stderr, '1 hit in 1 article\n');
  });

  test('search --regex with options, and a runaway expression stopped with a clear one-line error', () => {
    const { dir, ids } = cliCorpus();
    const r = gloss(dir, 'search', 'study.gloss', 'cease\\w+', '--regex', '--case-sensitive', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as CliHit[]).map((h) => [h.articleId, h.text]), [
      [ids['gaza-aid.txt'], 'ceasefire'],
      [ids['gaza-aid.txt'], 'ceasefire'],
      [ids['lebanon.txt'], 'ceasefires'],
    ]);
    const marks = JSON.parse(gloss(dir, 'search', 'study.gloss', GAZA_PLAIN, '--regex', '--ignore-marks', '--whole-words', '--json').stdout) as CliHit[];
    assert.deepEqual(marks.map((h) => h.text), [GAZA_VOWELLED, GAZA_PLAIN]);
    writeFiles(dir, { 'aaa.txt': `${'a'.repeat(60)}b` });
    assert.equal(gloss(dir, 'import', 'study.gloss', 'aaa.txt').status, 0);
    const started = Date.now();
    const runaway = gloss(dir, 'search', 'study.gloss', '(a+)+$', '--regex', '--timeout', '500', '--json');
    assert.ok(Date.now() - started < 10_000);
    assert.equal(runaway.status, 2);
    assert.equal(runaway.stdout, '');
    assert.match(runaway.stderr, /^gloss: The regular expression was stopped after 500 ms[^\n]*\n$/);
    const bad = gloss(dir, 'search', 'study.gloss', '(', '--regex');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^gloss: This is not a regular expression/);
    assert.match(gloss(dir, 'search', 'study.gloss').stderr, /query is missing/);
  });

  test('search --code codes every hit as one batch, creating the code; a second run adds nothing', () => {
    const { dir, ids } = cliCorpus();
    const r = gloss(dir, 'search', 'study.gloss', 'ceasefire', '--code', 'Frames/Truce', '--widen', 'sentence', '--coder', 'cli-test', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as CliHit[]).length, 4, 'the hits are printed as usual');
    assert.equal(r.stderr, 'Coded 4 hits with "Frames/Truce" (created the code "Frames/Truce"): 4 new codings, 0 already had the code\n');
    // The same coder: each coder codes on their own, so only their own codings make a hit "already coded".
    const again = gloss(dir, 'search', 'study.gloss', 'ceasefire', '--code', 'frames/truce', '--widen', 'sentence', '--coder', 'cli-test');
    assert.match(again.stderr, /Coded 4 hits with "Frames\/Truce": 0 new codings, 4 already had the code\n$/);
    const project = Project.open(join(dir, 'study.gloss'), { readOnly: true });
    try {
      assert.deepEqual(project.codes.list().map((c) => c.path), ['Frames', 'Frames/Truce']);
      const texts = [ids['gaza-aid.txt'], ids['lebanon.txt']].flatMap((id) => project.codings.listForArticle(id).map((k) => [k.text, k.coder]));
      assert.deepEqual(texts, [
        ['The ceasefire talks resumed in Cairo.', 'cli-test'],
        ['Officials said the ceasefire could hold!', 'cli-test'],
        ['Ceasefire in Lebanon.', 'cli-test'],
        ['CEASEFIRE violated again; ceasefires are fragile', 'cli-test'],
      ]);
    } finally {
      project.close();
    }
  });

  test('counts --by code | article | attribute, as JSON [{key, count}] and as CSV', () => {
    const { dir, ids } = cliCorpus();
    assert.equal(gloss(dir, 'search', 'study.gloss', 'ceasefire', '--code', 'Frames/Truce').status, 0);
    assert.equal(gloss(dir, 'search', 'study.gloss', GAZA_PLAIN, '--code', 'Places').status, 0);
    const json = (...args: string[]) => {
      const r = gloss(dir, 'counts', 'study.gloss', ...args, '--format', 'json');
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { key: string | number | null; count: number }[];
    };
    assert.deepEqual(json('--by', 'code'), [
      { key: 'Frames', count: 0 },
      { key: 'Frames/Truce', count: 4 },
      { key: 'Places', count: 2 },
    ]);
    assert.deepEqual(json('--by', 'code', '--roll-up')[0], { key: 'Frames', count: 4 });
    assert.deepEqual(json('--by', 'article'), [
      { key: ids['arabic.txt'], count: 2 },
      { key: ids['gaza-aid.txt'], count: 2 },
      { key: ids['hebrew.txt'], count: 0 },
      { key: ids['lebanon.txt'], count: 2 },
    ].sort((a, b) => a.key - b.key));
    const csv = gloss(dir, 'counts', 'study.gloss', '--by', 'code');
    assert.equal(csv.stdout, 'key,count\r\nFrames,0\r\nFrames/Truce,4\r\nPlaces,2\r\n');

    // Attributes from a CSV (with a row that matches nothing: exit 1, the rest applied), then counts by one.
    writeFiles(dir, {
      'meta.csv': `file,outlet,publication date\ngaza-aid.txt,Al Jazeera,2024-01-01\narabic.txt,Al Jazeera,2024-01-07\nlebanon.txt,BBC,2024-02-15\nnope.txt,X,2024-01-01\n`,
    });
    const dry = gloss(dir, 'attributes', 'study.gloss', '--import', 'meta.csv', '--match', 'file', '--dry-run', '--json');
    assert.equal(dry.status, 1);
    assert.deepEqual(JSON.parse(dry.stdout).applied, false);
    assert.deepEqual(json('--by', 'outlet'), [{ key: null, count: 6 }], 'a dry run writes nothing');
    const applied = gloss(dir, 'attributes', 'study.gloss', '--import', 'meta.csv', '--match', 'file');
    assert.equal(applied.status, 1, 'one row matched nothing');
    assert.match(applied.stdout, /line 5\tnope\.txt\tno match/);
    assert.match(applied.stderr, /^Set 6 values for 3 articles; 1 without a match/);
    assert.deepEqual(json('--by', 'outlet'), [
      { key: 'Al Jazeera', count: 4 },
      { key: 'BBC', count: 2 },
      { key: null, count: 0 },
    ]);
    const rows = parse(gloss(dir, 'counts', 'study.gloss', '--by', 'publication date').stdout, { columns: true }) as { key: string; count: string }[];
    assert.deepEqual(rows, [
      { key: '2024-01-01', count: '2' },
      { key: '2024-01-07', count: '2' },
      { key: '2024-02-15', count: '2' },
      { key: '', count: '0' },
    ]);
    const listed = gloss(dir, 'attributes', 'study.gloss');
    assert.match(listed.stdout, /^outlet\ttext, built-in\t3 articles\n/);
    const unknown = gloss(dir, 'counts', 'study.gloss', '--by', 'nothing');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^gloss: There is no article attribute named "nothing"\.\n$/);
    assert.match(gloss(dir, 'counts', 'study.gloss').stderr, /--by is required/);
    assert.match(gloss(dir, 'counts', 'study.gloss', '--by', 'code', '--format', 'xml').stderr, /--format must be csv or xlsx or json/);
  });

  test('--help documents the new commands', () => {
    const dir = tempDir('gloss-toolkit-cli-');
    const help = gloss(dir, '--help').stdout;
    for (const usage of [
      'gloss search <project.gloss> <query> [--regex]',
      '[--timeout <ms>] [--json] [--code <code path> [--widen none|sentence|paragraph] [--coder <name>]]',
      'gloss counts <project.gloss> --by code|article|<attribute name> [--format csv|xlsx|json] [--out <file>] [--formula-guard] [--roll-up]',
      'gloss attributes <project.gloss> [--import <file.csv> --match file|title [--dry-run]] [--json]',
    ]) {
      assert.ok(help.includes(usage), usage);
    }
  });
});
