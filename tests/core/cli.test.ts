// The built `gloss` command (out/main/cli.js), run the way a pipeline runs it: a real process in a temp folder,
// judged by its exit code, its stdout and its stderr.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { Project } from '../../src-main/core/store/Project';
import { FAMILY, FLAG_LB, TRICKY_TEXT, builtCli, cpSlice, exportSchemaPath, spanOf, tempDir, writeFiles } from './helpers';
import { builtOrSkip } from './built';

const skip = builtOrSkip(builtCli);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function gloss(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failed command says what went wrong in one line on stderr, prints nothing on stdout, and shows no stack. */
function assertCleanFailure(r: Run, status: number, message: RegExp): void {
  assert.equal(r.status, status, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.match(r.stderr, /^gloss: [^\n]+\n$/, `one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|node:internal/, 'no stack trace');
}

/** A folder with an initialised project, for tests that start from one. */
function initialised(): { dir: string; project: string } {
  const dir = tempDir('gloss-cli-');
  const r = gloss(dir, 'init', 'study.gloss');
  assert.equal(r.status, 0, r.stderr);
  return { dir, project: join(dir, 'study.gloss') };
}

describe('gloss CLI', { skip }, () => {
  test('--help, -h and help print the usage on stdout and exit 0', () => {
    const dir = tempDir('gloss-cli-');
    for (const args of [['--help'], ['-h'], ['help'], ['import', '--help']]) {
      const r = gloss(dir, ...args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      for (const usage of [
        'gloss init <project.gloss>',
        'gloss import <project.gloss> <file-or-folder>... [--json]',
        'gloss code <project.gloss> --article <id> --code <code path> --start <n> --end <n> [--memo <text>] [--coder <name>]',
        'gloss export <project.gloss> --format json|csv|xlsx|qdpx|qdc --out <file> [--formula-guard]',
        'gloss stats <project.gloss> [--json]',
      ]) {
        assert.ok(r.stdout.includes(usage), `${args.join(' ')} documents: ${usage}`);
      }
    }
  });

  test('init creates a Gloss project and refuses to overwrite one', () => {
    const { dir, project } = initialised();
    const opened = Project.open(project, { readOnly: true });
    assert.deepEqual([opened.articles.count(), opened.codes.count(), opened.codings.count()], [0, 0, 0]);
    opened.close();
    const bytes = readFileSync(project);
    assertCleanFailure(gloss(dir, 'init', 'study.gloss'), 2, /already exists/);
    assert.deepEqual(readFileSync(project), bytes);
  });

  test('import --json prints exactly the report on stdout; exit 0 when everything was imported or skipped', () => {
    const { dir } = initialised();
    writeFiles(dir, {
      'in/one.txt': 'First story\nbody',
      'in/nested/two.md': 'Second story\nbody',
      'in/skip.csv': 'ignored,in,a,folder',
      'three.txt': 'Third story\nbody',
      'same.txt': 'First story\nbody',
    });
    const r = gloss(dir, 'import', 'study.gloss', 'in', 'three.txt', 'same.txt', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.endsWith('}\n') && r.stdout.split('\n').length === 2, 'one line of JSON, nothing else');
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ['imported', 'skipped', 'rejected']);
    assert.deepEqual(report.imported, [
      { file: join('in', 'nested', 'two.md'), articleId: 1, title: 'Second story' },
      { file: join('in', 'one.txt'), articleId: 2, title: 'First story' },
      { file: 'three.txt', articleId: 3, title: 'Third story' },
    ]);
    assert.equal(report.skipped.length, 2);
    for (const s of report.skipped) assert.deepEqual(Object.keys(s), ['file', 'reason']);
    assert.deepEqual(report.skipped[0], { file: join('in', 'skip.csv'), reason: 'not a type Gloss imports (.csv)' });
    assert.equal(report.skipped[1].file, 'same.txt');
    assert.match(report.skipped[1].reason, /duplicate of article 2/);
    assert.deepEqual(report.rejected, []);

    const again = gloss(dir, 'import', 'study.gloss', 'three.txt', '--json');
    assert.equal(again.status, 0, 'only duplicates is still success');
    assert.deepEqual(JSON.parse(again.stdout).imported, []);
  });

  test('import exits 1 when a file was rejected, still importing the rest', () => {
    const { dir } = initialised();
    writeFiles(dir, { 'good.txt': 'A good story', 'empty.txt': '', 'photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    const r = gloss(dir, 'import', 'study.gloss', 'empty.txt', 'photo.png', 'good.txt', 'missing.txt', '--json');
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.imported.map((i: { file: string }) => i.file), ['good.txt']);
    const rejected = new Map(report.rejected.map((x: { file: string; reason: string }) => [x.file, x.reason]));
    assert.deepEqual([...rejected.keys()].sort(), ['empty.txt', 'missing.txt', 'photo.png']);
    assert.match(rejected.get('empty.txt') as string, /empty/);
    assert.match(rejected.get('photo.png') as string, /not a text file type/);
    for (const x of report.rejected) assert.deepEqual(Object.keys(x), ['file', 'reason']);

    const human = gloss(dir, 'import', 'study.gloss', 'empty.txt');
    assert.equal(human.status, 1);
    assert.match(human.stdout, /rejected\s+empty\.txt\s+\(empty file\)/);
    assert.match(human.stderr, /0 imported, 0 skipped, 1 rejected/);
  });

  test('usage and project errors exit 2 with one clear line', () => {
    const { dir } = initialised();
    writeFiles(dir, { 'a.txt': 'text', 'notes.gloss': 'not a database' });
    assertCleanFailure(gloss(dir, 'import', 'missing.gloss', 'a.txt'), 2, /missing\.gloss: no such project file/);
    assertCleanFailure(gloss(dir, 'stats', 'missing.gloss', '--json'), 2, /no such project file/);
    assertCleanFailure(gloss(dir, 'export', 'missing.gloss', '--format', 'json', '--out', 'x.json'), 2, /no such project file/);
    assertCleanFailure(gloss(dir, 'stats', 'notes.gloss'), 2, /not a Gloss project/);
    assertCleanFailure(gloss(dir, 'import', 'study.gloss'), 2, /at least one file or folder/);
    assertCleanFailure(gloss(dir, 'frobnicate', 'study.gloss'), 2, /unknown command "frobnicate"/);
    assertCleanFailure(gloss(dir, 'stats', 'study.gloss', '--verbose'), 2, /unknown option --verbose/);
    assertCleanFailure(gloss(dir, 'stats', 'study.gloss', '--json=yes'), 2, /--json takes no value/);
    assertCleanFailure(gloss(dir, 'export', 'study.gloss', '--format', 'xml', '--out', 'x'), 2, /--format must be json, csv, xlsx, qdpx or qdc/);
    assertCleanFailure(gloss(dir, 'export', 'study.gloss', '--format', 'json'), 2, /--out is required/);
    assertCleanFailure(gloss(dir, 'stats'), 2, /project file is missing/);
    assert.ok(!existsSync(join(dir, 'missing.gloss')), 'a missing project is not created by the attempt');
    assert.ok(!existsSync(join(dir, 'x.json')));
  });

  test('code creates missing codes and prints the coding, cut by code points', () => {
    const { dir, project } = initialised();
    writeFiles(dir, { 'tricky.txt': TRICKY_TEXT });
    assert.equal(gloss(dir, 'import', 'study.gloss', 'tricky.txt').status, 0);
    const family = spanOf(TRICKY_TEXT, FAMILY);
    const r = gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'Frames/Humanitarian', '--start', String(family.start), `--end=${family.end}`, '--memo=-starts with a dash', '--coder', 'ana');
    assert.equal(r.status, 0, r.stderr);
    const coding = JSON.parse(r.stdout);
    assert.equal(coding.text, FAMILY);
    assert.equal(coding.text, cpSlice(TRICKY_TEXT, coding.start, coding.end));
    assert.deepEqual([coding.articleId, coding.start, coding.end, coding.codePath, coding.memo, coding.coder], [1, family.start, family.end, 'Frames/Humanitarian', '-starts with a dash', 'ana']);

    const flag = spanOf(TRICKY_TEXT, FLAG_LB);
    const second = gloss(dir, 'code', 'study.gloss', '--article=1', '--code=frames/humanitarian', `--start=${flag.start}`, `--end=${flag.end}`);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).codeId, coding.codeId, 'an existing code path is reused, ignoring case');
    assert.equal(JSON.parse(second.stdout).text, FLAG_LB);

    const p = Project.open(project, { readOnly: true });
    try {
      assert.deepEqual(p.codes.list().map((c) => c.path), ['Frames', 'Frames/Humanitarian']);
      assert.deepEqual(p.codings.listForArticle(1).map((k) => k.text), [FLAG_LB, FAMILY]);
    } finally {
      p.close();
    }
  });

  test('code refuses bad spans, duplicates, unknown articles and dash values without "=", changing nothing', () => {
    const { dir, project } = initialised();
    writeFiles(dir, { 'a.txt': 'Aid convoy waits' }); // 16 code points
    assert.equal(gloss(dir, 'import', 'study.gloss', 'a.txt').status, 0);
    assert.equal(gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'Aid', '--start', '0', '--end', '3').status, 0);
    const code = (...extra: string[]) => gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'Aid', ...extra);
    assertCleanFailure(code('--start', '0', '--end', '3'), 2, /already has that code/);
    assertCleanFailure(code('--start', '0', '--end', '17'), 2, /not inside article 1 \(0–16/);
    assertCleanFailure(code('--start', '5', '--end', '2'), 2, /start must be before end/);
    assertCleanFailure(code('--start', '-1', '--end', '2'), 2, /--start needs a value.*--start=VALUE/);
    assertCleanFailure(code('--start=-1', '--end', '2'), 2, /--start must be a whole number/);
    assertCleanFailure(code('--start', '1.5', '--end', '2'), 2, /whole number/);
    assertCleanFailure(code('--start', '0', '--end', '2', '--memo', '-x'), 2, /--memo needs a value/);
    assertCleanFailure(code('--end', '2'), 2, /--start is required/);
    assertCleanFailure(gloss(dir, 'code', 'study.gloss', '--article', '9', '--code', 'New', '--start', '0', '--end', '1'), 2, /no article 9/);
    assertCleanFailure(gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'A//B', '--start', '0', '--end', '1'), 2, /not a code path/);
    assertCleanFailure(gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'Brand/New', '--start', '0', '--end', '17'), 2, /not inside/);
    const p = Project.open(project, { readOnly: true });
    try {
      assert.deepEqual([p.codes.count(), p.codings.count()], [1, 1], 'no code ("New", "Brand/New") was left behind by the failed calls');
    } finally {
      p.close();
    }
  });

  test('export writes JSON that validates against the schema, and CSV with or without raw cells', () => {
    const { dir } = initialised();
    writeFiles(dir, { 'tricky.txt': TRICKY_TEXT, 'formula.txt': '=1+1 is a formula\nsecond line' });
    assert.equal(gloss(dir, 'import', 'study.gloss', 'tricky.txt', 'formula.txt').status, 0);
    const family = spanOf(TRICKY_TEXT, FAMILY);
    assert.equal(gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'Frames', '--start', `${family.start}`, '--end', `${family.end}`).status, 0);
    assert.equal(gloss(dir, 'code', 'study.gloss', '--article', '2', '--code', 'Formula', '--start', '0', '--end', '4').status, 0);

    const json = gloss(dir, 'export', 'study.gloss', '--format', 'json', '--out', 'out.json');
    assert.equal(json.status, 0, json.stderr);
    assert.equal(json.stdout, '');
    assert.match(json.stderr, /Exported 2 codings from 2 articles/);
    const doc = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      articles: { id: number; text: string }[];
      codings: { articleId: number; start: number; end: number; text: string }[];
    };
    const ajv = new Ajv2020({ strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const validate = ajv.compile(JSON.parse(readFileSync(exportSchemaPath, 'utf8')));
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    for (const k of doc.codings) assert.equal([...doc.articles.find((a) => a.id === k.articleId)!.text].slice(k.start, k.end).join(''), k.text);

    const raw = gloss(dir, 'export', 'study.gloss', '--format=csv', '--out=raw.csv');
    assert.equal(raw.status, 0, raw.stderr);
    // Exact by default; the note says how many cells could run as formulas and points to XLSX.
    assert.match(raw.stderr, /note: 2 cells begin with = \+ - @, a tab or a carriage return; .* use --format xlsx \(or --formula-guard\)/);
    const safe = gloss(dir, 'export', 'study.gloss', '--format', 'csv', '--out', 'safe.csv', '--formula-guard');
    assert.equal(safe.status, 0, safe.stderr);
    assert.match(safe.stderr, /note: The formula guard changed 2 cells/);
    const rows = (file: string) => parse(readFileSync(join(dir, file), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(rows('raw.csv').map((r) => r.text), [FAMILY, '=1+1']);
    assert.deepEqual(rows('safe.csv').map((r) => r.text), [FAMILY, "'=1+1"]);
    assert.deepEqual(rows('safe.csv').map((r) => r.article_title), [TRICKY_TEXT.split('\n')[0], "'=1+1 is a formula"]);
  });

  test('a project open for writing elsewhere is not written by the CLI, but can still be exported', () => {
    const { dir, project } = initialised();
    writeFiles(dir, { 'a.txt': 'A story' });
    const app = Project.open(project); // the app holds the project
    try {
      assertCleanFailure(gloss(dir, 'import', 'study.gloss', 'a.txt'), 2, /already open/);
      assert.equal(app.articles.count(), 0);
      const r = gloss(dir, 'export', 'study.gloss', '--format', 'json', '--out', 'while-open.json');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(readFileSync(join(dir, 'while-open.json'), 'utf8')).format, 'gloss');
    } finally {
      app.close();
    }
    assert.equal(gloss(dir, 'import', 'study.gloss', 'a.txt').status, 0, 'once the app closed it, the CLI may write');
  });

  test('stats --json prints the counts alone', () => {
    const { dir } = initialised();
    writeFiles(dir, { 'a.txt': 'One story', 'b.txt': 'Two story' });
    gloss(dir, 'import', 'study.gloss', 'a.txt', 'b.txt');
    gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'X/Y', '--start', '0', '--end', '3');
    const r = gloss(dir, 'stats', 'study.gloss', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '{"articles":2,"codes":2,"codings":1}\n');
    const human = gloss(dir, 'stats', 'study.gloss');
    assert.equal(human.stdout, 'study: 2 articles, 2 codes, 1 codings\n');
  });
});
