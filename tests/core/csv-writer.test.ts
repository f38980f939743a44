// Every table Gloss writes goes through one CSV writer and one XLSX writer with one set of options (issue 14, item 15):
// the codings export, the coded-passages table, the counts table, and `gloss counts` / `gloss agree` on standard
// output or to a file. A CSV holds every cell exactly by default and the export says how many cells could run as
// formulas in a spreadsheet, pointing to XLSX; the formula guard (`formulaGuard`, `--formula-guard`) prefixes them
// and says how many it changed; an XLSX has the same columns, its text cells strings (never formulas), numbers numbers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { builtCli, callOk, repoRoot, tempDir, writeFiles, importArticle, openNewProject } from './helpers';

const FORMULA_CODE = '=1+1';
const FORMULA_MEMO = '@SUM(A1:A9)';
// A news bullet list: passages starting with "-" were changed by the old default guard.
const TEXT = '-2 casualties reported\n- Aid arrives at noon.\n+3 trucks\n=HYPERLINK("http://x")\n@here and\tthere';

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** An XLSX's first sheet as rows of cell values, read with the library that wrote it. */
async function readXlsx(path: string): Promise<{ header: string[]; rows: Record<string, unknown>[]; types: Record<string, number>[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const all: unknown[][] = [];
  const types: number[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    const kinds: number[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      values.push(cell.value);
      kinds.push(cell.type);
    }
    all.push(values);
    types.push(kinds);
  });
  const header = all[0] as string[];
  const toRecord = <T>(r: T[]) => Object.fromEntries(header.map((h, i) => [h, r[i]]));
  return { header, rows: all.slice(1).map(toRecord), types: types.slice(1).map(toRecord) as Record<string, number>[] };
}

const cpSlice = (text: string, start: number, end: number) => [...text].slice(start, end).join('');

async function codedSession() {
  const { dir, session, call } = await openNewProject('csv.gloss');
  const articleId = await importArticle(call, 'casualties.txt', TEXT);
  const code = await callOk<{ id: number }>(call, 'codes.create', { name: FORMULA_CODE });
  const article = await callOk<{ text: string }>(call, 'articles.get', { id: articleId });
  // Every line of the article coded: each passage starts with one of = + - @ (or is plain text after a tab).
  let at = 0;
  const lines = article.text.split('\n');
  for (const line of lines) {
    const length = [...line].length;
    await callOk(call, 'codings.apply', { articleId, codeId: code.id, start: at, end: at + length, memo: FORMULA_MEMO });
    at += length + 1;
  }
  return { dir, session, call, code, article, lines };
}

describe('one CSV writer, one XLSX writer', () => {
  test('codings, passages and counts CSV files are exact by default, count formula-like cells, and guard them when asked', async () => {
    const { dir, session, call, code, lines } = await codedSession();
    const risky = (s: string) => /^[=+\-@\t\r]/.test(s);

    for (const formulaGuard of [undefined, false, true]) {
      const guarded = formulaGuard === true;
      const shown = (s: string) => (guarded && risky(s) ? `'${s}` : s);
      const suffix = String(formulaGuard);
      const codings = join(dir, `codings-${suffix}.csv`);
      const passages = join(dir, `passages-${suffix}.csv`);
      const counts = join(dir, `counts-${suffix}.csv`);
      const option = formulaGuard === undefined ? {} : { formulaGuard };
      const results = [
        await callOk<{ formulaLikeCells?: number; guardedCells?: number }>(call, 'export.csv', { path: codings, ...option }),
        await callOk<{ formulaLikeCells?: number; guardedCells?: number }>(call, 'retrieve.exportCsv', { codeIds: [code.id], path: passages, ...option }),
        await callOk<{ formulaLikeCells?: number; guardedCells?: number }>(call, 'counts.exportCsv', { rollUp: false, path: counts, ...option }),
      ];

      const codingRows = readCsv(codings);
      assert.deepEqual(
        codingRows.map((r) => r.text),
        lines.map(shown),
        `codings CSV text, formulaGuard ${suffix}`,
      );
      for (const row of codingRows) {
        assert.equal(row.code, shown(FORMULA_CODE));
        assert.equal(row.memo, shown(FORMULA_MEMO));
        assert.equal(row.article_title, shown('-2 casualties reported'));
      }
      const passageRows = readCsv(passages);
      assert.deepEqual(passageRows.map((r) => r.text), lines.map(shown), `passages CSV, formulaGuard ${suffix}`);
      const countRow = readCsv(counts).find((r) => r.code_path!.endsWith(FORMULA_CODE))!;
      assert.equal(countRow.code_path, shown(FORMULA_CODE), `counts CSV, formulaGuard ${suffix}`);
      assert.equal(countRow.codings, String(lines.length), 'numbers are written as numbers');

      // The counts in each result: every text cell that begins with = + - @, tab or CR, whatever the guard did.
      const textCells = (rows: Record<string, string>[], columns: string[]) =>
        rows.flatMap((r) => columns.map((c) => (guarded && r[c]!.startsWith("'") ? r[c]!.slice(1) : r[c]!))).filter(risky).length;
      const expected = [
        textCells(codingRows, ['article_title', 'source_file', 'code', 'code_path', 'text', 'memo', 'coder']),
        textCells(passageRows, ['article_title', 'code_path', 'context_before', 'text', 'context_after', 'memo', 'coder']),
        textCells(readCsv(counts), ['group', 'group_label', 'code_path']),
      ];
      assert.ok(expected[0]! >= lines.length * 3);
      assert.deepEqual(
        results.map((r) => r.formulaLikeCells),
        expected,
        `formula-like cells counted, formulaGuard ${suffix}`,
      );
      assert.deepEqual(
        results.map((r) => r.guardedCells),
        guarded ? expected : [undefined, undefined, undefined],
      );
    }
    session.closeProject();
  });

  test('passages starting with "-" are their exact article slice in the default CSV', async () => {
    const { dir, session, call, article } = await codedSession();
    await callOk(call, 'export.csv', { path: join(dir, 'c.csv') });
    const rows = readCsv(join(dir, 'c.csv'));
    const dashed = rows.filter((r) => r.text!.startsWith('-'));
    assert.equal(dashed.length, 2);
    for (const row of rows) assert.equal(row.text, cpSlice(article.text, Number(row.start), Number(row.end)));
    session.closeProject();
  });

  test('XLSX: the same columns as the CSV, every text cell a string equal to the article slice, numbers as numbers', async () => {
    const { dir, session, call, code, article } = await codedSession();
    const written = {
      codings: await callOk<{ path: string; codings: number; formulaLikeCells?: number }>(call, 'export.csv', { path: join(dir, 'c.xlsx'), format: 'xlsx' }),
      passages: await callOk<{ path: string }>(call, 'retrieve.exportCsv', { codeIds: [code.id], path: join(dir, 'p.xlsx'), format: 'xlsx' }),
      counts: await callOk<{ path: string }>(call, 'counts.exportCsv', { rollUp: false, path: join(dir, 'n.xlsx'), format: 'xlsx' }),
    };
    assert.equal(written.codings.formulaLikeCells, undefined, 'an XLSX has no formula-like cells to report');
    await callOk(call, 'export.csv', { path: join(dir, 'c.csv') });
    await callOk(call, 'retrieve.exportCsv', { codeIds: [code.id], path: join(dir, 'p.csv') });
    await callOk(call, 'counts.exportCsv', { rollUp: false, path: join(dir, 'n.csv') });

    for (const [xlsx, csv] of [['c.xlsx', 'c.csv'], ['p.xlsx', 'p.csv'], ['n.xlsx', 'n.csv']] as const) {
      const book = await readXlsx(join(dir, xlsx));
      const csvRows = readCsv(join(dir, csv));
      assert.deepEqual(book.header, Object.keys(csvRows[0]!), `${xlsx} has the CSV's columns`);
      assert.equal(book.rows.length, csvRows.length);
      // Cell for cell the CSV's content: text as strings, numbers as numbers, empty cells empty.
      for (const [i, row] of book.rows.entries()) {
        for (const [column, value] of Object.entries(row)) {
          const csvValue = csvRows[i]![column]!;
          if (typeof value === 'number') assert.equal(String(value), csvValue, `${xlsx} ${column}`);
          else if (value === null) assert.equal(csvValue, '', `${xlsx} ${column}`);
          else assert.equal(value, csvValue, `${xlsx} ${column} row ${i + 1}`);
          assert.notEqual(book.types[i]![column], ExcelJS.ValueType.Formula, 'never a formula');
        }
      }
    }
    const codings = await readXlsx(join(dir, 'c.xlsx'));
    for (const [i, row] of codings.rows.entries()) {
      assert.equal(typeof row.start, 'number');
      assert.equal(typeof row.end, 'number');
      assert.equal(typeof row.coding_id, 'number');
      assert.equal(row.text, cpSlice(article.text, row.start as number, row.end as number), `coding row ${i + 1} is its slice`);
      assert.equal(codings.types[i]!.text, ExcelJS.ValueType.String);
      assert.equal(row.code, FORMULA_CODE, '"=1+1" reads back as the string');
      assert.equal(codings.types[i]!.code, ExcelJS.ValueType.String);
    }
    session.closeProject();
  });

  test('an XLSX export is written whole or not at all: a refused cell leaves no file and no temporary file', async () => {
    const { dir, session, call } = await openNewProject('long.gloss');
    const long = `${'word '.repeat(7000)}end`;
    const articleId = await importArticle(call, 'long.txt', `Long\n${long}`);
    const code = await callOk<{ id: number }>(call, 'codes.create', { name: 'All' });
    await callOk(call, 'codings.apply', { articleId, codeId: code.id, start: 5, end: 5 + long.length });
    const out = join(dir, 'out', 'long.xlsx');
    spawnSync('mkdir', ['-p', join(dir, 'out')]);
    const r = await session.handlers['export.csv']({ path: out, format: 'xlsx' }).then(
      () => null,
      (e: Error) => e,
    );
    assert.ok(r, 'refused');
    assert.match(r.message, /holds 35,003 characters, more than the 32,767 a spreadsheet cell holds; export it as CSV/);
    assert.deepEqual(readdirSync(join(dir, 'out')), [], 'no file, no temporary file');
    session.closeProject();
  });

  test("the README's documented CSV header is the codings CSV's header, literally", async () => {
    const { dir, session, call } = await codedSession();
    await callOk(call, 'export.csv', { path: join(dir, 'c.csv') });
    const header = readFileSync(join(dir, 'c.csv'), 'utf8').replace(/^\ufeff/, '').split('\r\n')[0]!;
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const block = /### CSV and XLSX\n[\s\S]*?```\n([^\n]+)\n/.exec(readme);
    assert.ok(block, 'README has a CSV section with a code block');
    assert.equal(block[1], header);
    session.closeProject();
  });

  const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;
  const gloss = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

  test('gloss counts / agree / export: exact CSV with a note, --formula-guard, --format xlsx, and --raw-cells refused', { skip }, async () => {
    const dir = tempDir('gloss-csv-cli-');
    writeFiles(dir, { 'casualties.txt': TEXT });
    assert.equal(gloss(dir, 'init', 'study.gloss').status, 0);
    assert.equal(gloss(dir, 'import', 'study.gloss', 'casualties.txt').status, 0);
    for (const [coder, end] of [['ana', '13'], ['ben', '10']]) {
      const coded = gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', FORMULA_CODE, '--start', '0', '--end', end!, '--coder', coder!);
      assert.equal(coded.status, 0, coded.stderr);
    }

    const exact = gloss(dir, 'counts', 'study.gloss', '--by', 'code');
    assert.equal(exact.status, 0, exact.stderr);
    assert.deepEqual(parse(exact.stdout, { columns: true }), [{ key: FORMULA_CODE, count: '2' }]);
    assert.equal(
      exact.stderr,
      'note: 1 cell begins with = + - @, a tab or a carriage return; a spreadsheet may run it as formulas. The CSV holds it exactly (for R, pandas); for a spreadsheet use --format xlsx (or --formula-guard).\n',
    );
    const guarded = gloss(dir, 'counts', 'study.gloss', '--by', 'code', '--formula-guard');
    assert.deepEqual(parse(guarded.stdout, { columns: true }), [{ key: `'${FORMULA_CODE}`, count: '2' }]);
    assert.match(guarded.stderr, /note: The formula guard changed 1 cell:/);

    const agree = gloss(dir, 'agree', 'study.gloss', '--coders', 'ana,ben', '--format', 'csv');
    assert.equal(agree.status, 0, agree.stderr);
    const agreeRows = parse(agree.stdout, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(agreeRows.find((r) => r.level === 'code')!.code, FORMULA_CODE, 'agreement CSV exact');
    assert.match(agree.stderr, /note: 2 cells begin with/);

    for (const [args, file] of [
      [['counts', 'study.gloss', '--by', 'code', '--format', 'xlsx', '--out', 'counts.xlsx'], 'counts.xlsx'],
      [['agree', 'study.gloss', '--coders', 'ana,ben', '--format', 'xlsx', '--out', 'agree.xlsx'], 'agree.xlsx'],
      [['export', 'study.gloss', '--format', 'xlsx', '--out', 'codings.xlsx'], 'codings.xlsx'],
    ] as const) {
      const r = gloss(dir, ...args);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const book = await readXlsx(join(dir, file));
      const formulaColumn = file === 'counts.xlsx' ? 'key' : 'code';
      assert.ok(book.rows.some((row) => row[formulaColumn] === FORMULA_CODE), `${file} holds "=1+1" as a string`);
    }
    const counts = await readXlsx(join(dir, 'counts.xlsx'));
    assert.deepEqual(counts.header, ['key', 'count']);
    assert.deepEqual(counts.rows, [{ key: FORMULA_CODE, count: 2 }]);

    const refused = gloss(dir, 'export', 'study.gloss', '--format', 'csv', '--out', 'x.csv', '--raw-cells');
    assert.equal(refused.status, 2);
    assert.equal(refused.stderr, 'gloss: --raw-cells is now the default; use --formula-guard to prefix risky cells\n');
    // Where no CSV is written the guard would be accepted and ignored; it is refused instead. XLSX needs a file.
    for (const [args, message] of [
      [['counts', 'study.gloss', '--by', 'code', '--format', 'json', '--formula-guard'], /--formula-guard applies to CSV output/],
      [['stats', 'study.gloss', '--formula-guard'], /--formula-guard applies to CSV output/],
      [['export', 'study.gloss', '--format', 'xlsx', '--out', 'x.xlsx', '--formula-guard'], /--formula-guard applies to CSV output/],
      [['counts', 'study.gloss', '--by', 'code', '--format', 'xlsx'], /--format xlsx writes a file: name it with --out/],
    ] as const) {
      const r = gloss(dir, ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
    assert.ok(!existsSync(join(dir, 'x.csv')));
    assert.ok(!existsSync(join(dir, 'x.xlsx')));
  });
});
