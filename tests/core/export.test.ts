// Exports are what an analyst's statistics are computed from: every offset must cut exactly the exported text by
// code points, the JSON must match its published schema, the CSV must be RFC 4180 that spreadsheets open safely,
// and a failed or cancelled export must never damage the file it would have replaced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { GlossError } from '../../src-main/contract/errors';
import { exportCsv } from '../../src-main/core/export/csv';
import { exportJson } from '../../src-main/core/export/json';
import { writeFileAtomically } from '../../src-main/core/export/atomicFile';
import { Project } from '../../src-main/core/store/Project';
import {
  DOCUMENTED_CSV_HEADER,
  FAMILY,
  FLAG_LB,
  TRICKY_PASSAGES,
  TRICKY_TEXT,
  cpSlice,
  exportSchemaPath,
  importText,
  newProject,
  repoRoot,
  spanOf,
  tempDir,
} from './helpers';
import { nth, present } from './present';

interface JsonExport {
  format: string;
  version: number;
  offsetUnit: string;
  exportedAt: string;
  project: { name: string };
  codes: { id: number; name: string; path: string; color: string; description: string; parentId: number | null }[];
  articles: { id: number; title: string; sourceFile: string; encoding: string; importedAt: string; text: string }[];
  codings: {
    id: number;
    articleId: number;
    codeId: number;
    codePath: string;
    start: number;
    end: number;
    text: string;
    memo: string;
    coder: string;
    createdAt: string;
    updatedAt: string;
  }[];
}

const CRLF_SOURCE = 'Beirut, Monday\r\nStrikes hit the southern suburbs \u{1F1F1}\u{1F1E7}.\r\nResidents fled north.\r\n';

/**
 * A project with everything that makes offsets hard: the tricky text coded at every hard passage, a CRLF source,
 * a UTF-16 source, nested codes, memos with quotes, commas and line breaks.
 */
async function hardProject(): Promise<{ project: Project; dir: string }> {
  const { project, dir } = newProject('Hard cases');
  const tricky = await importText(project, TRICKY_TEXT, 'tricky.txt');
  const crlf = await importText(project, CRLF_SOURCE, 'crlf.txt');
  const utf16 = await importText(project, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`UTF-16 story ${FAMILY}\nEnd.`, 'utf16le')]), 'utf16.txt');
  const hum = project.codes.ensurePath('Frames/Humanitarian');
  const sec = project.codes.ensurePath('Frames/Security');
  project.codes.update(sec.id, { description: 'Threat, "security", defence' });
  const actors = project.codes.ensurePath('Actors');
  TRICKY_PASSAGES.forEach((passage, i) => {
    project.codings.apply({
      articleId: tricky,
      codeId: i % 2 ? hum.id : sec.id,
      ...spanOf(TRICKY_TEXT, passage),
      memo: i === 0 ? 'memo with "quotes", commas,\nand a line break' : '',
      coder: 'ana',
    });
  });
  const stored = project.articles.get(crlf).text;
  assert.equal(stored, CRLF_SOURCE.replace(/\r\n/g, '\n'));
  project.codings.apply({ articleId: crlf, codeId: actors.id, ...spanOf(stored, 'Residents fled north.'), coder: 'ben' });
  project.codings.apply({ articleId: crlf, codeId: hum.id, ...spanOf(stored, `suburbs ${FLAG_LB}.\nResidents`), coder: 'ben' });
  project.codings.apply({ articleId: utf16, codeId: actors.id, ...spanOf(project.articles.get(utf16).text, FAMILY), coder: 'ana' });
  return { project, dir };
}

function readJson(path: string): JsonExport {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonExport;
}

function newAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s: string) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s,
  });
  return ajv;
}

/** Files a failed export might leave behind: anything in the folder besides the expected ones. */
function leftovers(dir: string, expected: string[]): string[] {
  return readdirSync(dir).filter((f) => !expected.includes(f));
}

describe('JSON export', () => {
  test('has exactly the documented shape, and every coding is its code-point slice of its article', async () => {
    const { project, dir } = await hardProject();
    const out = join(dir, 'export.json');
    const now = new Date('2026-03-01T12:34:56.789Z');
    const result = await exportJson(project, out, { now });
    assert.deepEqual(result, { path: out, articles: 3, codings: TRICKY_PASSAGES.length + 3 });
    const doc = readJson(out);
    assert.deepEqual(Object.keys(doc), ['format', 'version', 'offsetUnit', 'exportedAt', 'project', 'codes', 'articles', 'codings']);
    assert.equal(doc.format, 'gloss');
    assert.equal(doc.version, 1);
    assert.equal(doc.offsetUnit, 'codepoint');
    assert.equal(doc.exportedAt, '2026-03-01T12:34:56.789Z');
    assert.deepEqual(doc.project, { name: 'Hard cases' });

    assert.deepEqual(
      doc.codes.map((c) => Object.keys(c)),
      doc.codes.map(() => ['id', 'name', 'path', 'color', 'description', 'parentId']),
    );
    assert.deepEqual(doc.codes.map((c) => c.path), ['Frames', 'Frames/Humanitarian', 'Frames/Security', 'Actors']);
    assert.equal(doc.codes.find((c) => c.path === 'Frames/Security')!.description, 'Threat, "security", defence');
    const codeById = new Map(doc.codes.map((c) => [c.id, c]));
    for (const c of doc.codes) if (c.parentId !== null) assert.equal(c.path, `${codeById.get(c.parentId)!.path}/${c.name}`);

    assert.deepEqual(
      doc.articles.map((a) => Object.keys(a)),
      doc.articles.map(() => ['id', 'title', 'sourceFile', 'encoding', 'importedAt', 'text']),
    );
    assert.deepEqual(doc.articles.map((a) => [a.sourceFile, a.encoding]), [['tricky.txt', 'UTF-8'], ['crlf.txt', 'UTF-8'], ['utf16.txt', 'UTF-16LE']]);
    for (const a of doc.articles) assert.deepEqual(a, (({ id, title, sourceFile, encoding, importedAt, text }) => ({ id, title, sourceFile, encoding, importedAt, text }))(project.articles.get(a.id)));
    assert.equal(nth(doc.articles, 0, 'exported articles').text, TRICKY_TEXT);
    assert.ok(!nth(doc.articles, 1, 'exported articles').text.includes('\r'), 'the CRLF source is exported as stored, with LF');

    const articleById = new Map(doc.articles.map((a) => [a.id, a]));
    assert.equal(doc.codings.length, TRICKY_PASSAGES.length + 3);
    for (const k of doc.codings) {
      assert.deepEqual(Object.keys(k), ['id', 'articleId', 'codeId', 'codePath', 'start', 'end', 'text', 'memo', 'coder', 'createdAt', 'updatedAt']);
      const article = articleById.get(k.articleId);
      assert.ok(article, `coding ${k.id} names article ${k.articleId}, which is in the export`);
      assert.ok(k.start >= 0 && k.start < k.end, `coding ${k.id}: 0 <= start < end`);
      assert.equal([...article.text].slice(k.start, k.end).join(''), k.text, `coding ${k.id} (${k.codePath})`);
      assert.equal(k.codePath, codeById.get(k.codeId)!.path);
      assert.deepEqual(k, project.codings.get(k.id));
    }
    assert.deepEqual(
      doc.codings.filter((k) => k.articleId === nth(doc.articles, 0, 'exported articles').id).map((k) => k.text).sort(),
      [...TRICKY_PASSAGES].sort(),
    );
    assert.equal(doc.codings.find((k) => k.memo.includes('quotes'))!.memo, 'memo with "quotes", commas,\nand a line break');
    const sorted = [...doc.codings].sort((a, b) => a.articleId - b.articleId || a.start - b.start || a.end - b.end);
    assert.deepEqual(doc.codings.map((k) => k.id), sorted.map((k) => k.id), 'codings are in article, then offset order');
  });

  test('an empty project exports valid, empty lists', async () => {
    const { project, dir } = newProject('Empty');
    const out = join(dir, 'empty.json');
    assert.deepEqual(await exportJson(project, out), { path: out, articles: 0, codings: 0 });
    const doc = readJson(out);
    assert.deepEqual([doc.codes, doc.articles, doc.codings], [[], [], []]);
    const validate = newAjv().compile(JSON.parse(readFileSync(exportSchemaPath, 'utf8')));
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  });

  test('validates against gloss-export.schema.json (draft 2020-12)', async () => {
    const schema = JSON.parse(readFileSync(exportSchemaPath, 'utf8')) as Record<string, unknown>;
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const validate = newAjv().compile(schema);
    const { project, dir } = await hardProject();
    const out = join(dir, 'export.json');
    await exportJson(project, out);
    const doc = readJson(out);
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));

    // The schema is exact: each of these departures from the format must be refused.
    const broken: [string, (d: JsonExport) => void][] = [
      ['another format', (d) => void (d.format = 'qdpx')],
      ['another version', (d) => void (d.version = 2)],
      ['UTF-16 offsets', (d) => void (d.offsetUnit = 'utf16')],
      ['a date that is not ISO', (d) => void (d.exportedAt = 'yesterday')],
      ['an extra top-level field', (d) => void ((d as unknown as Record<string, unknown>).extra = 1)],
      ['a missing codings list', (d) => void delete (d as Partial<JsonExport>).codings],
      ['an extra project field', (d) => void ((d.project as Record<string, unknown>).path = '/home/x')],
      // A name may hold "/" (#14), but a path must write it escaped: an empty level or a lone trailing "\\" is refused.
      ['a code name with surrounding space', (d) => void (nth(d.codes, 1, 'codes').name = ' Humanitarian')],
      ['a code path with an empty level', (d) => void (nth(d.codes, 1, 'codes').path = 'Frames//Humanitarian')],
      ['a code path with an unescaped backslash', (d) => void (nth(d.codes, 1, 'codes').path = 'Frames/Human\\itarian')],
      ['a colour that is not #rrggbb', (d) => void (nth(d.codes, 0, 'codes').color = 'red')],
      ['a code without parentId', (d) => void delete (nth(d.codes, 0, 'codes') as Partial<JsonExport['codes'][0]>).parentId],
      ['an article without text', (d) => void delete (nth(d.articles, 0, 'articles') as Partial<JsonExport['articles'][0]>).text],
      ['an article id of 0', (d) => void (nth(d.articles, 0, 'articles').id = 0)],
      ['a negative start', (d) => void (nth(d.codings, 0, 'codings').start = -1)],
      ['a fractional end', (d) => void (nth(d.codings, 0, 'codings').end = 2.5)],
      ['an offset as a string', (d) => void ((nth(d.codings, 0, 'codings') as unknown as Record<string, unknown>).start = '3')],
      ['an empty passage', (d) => void (nth(d.codings, 0, 'codings').text = '')],
      ['a coding with an extra field', (d) => void ((nth(d.codings, 0, 'codings') as unknown as Record<string, unknown>).utf16Start = 0)],
      ['a coding without a memo', (d) => void delete (nth(d.codings, 0, 'codings') as Partial<JsonExport['codings'][0]>).memo],
      ['a null coder', (d) => void ((nth(d.codings, 0, 'codings') as unknown as Record<string, unknown>).coder = null)],
    ];
    for (const [what, breakIt] of broken) {
      const copy = structuredClone(doc);
      breakIt(copy);
      assert.equal(validate(copy), false, `the schema must refuse ${what}`);
    }
  });

  test('a project opened read-only exports the same document', async () => {
    const { project, dir } = await hardProject();
    const now = new Date('2026-01-01T00:00:00.000Z');
    await exportJson(project, join(dir, 'rw.json'), { now });
    const path = project.path;
    project.close();
    const reader = Project.open(path, { readOnly: true });
    try {
      await exportJson(reader, join(dir, 'ro.json'), { now });
    } finally {
      reader.close();
    }
    assert.equal(readFileSync(join(dir, 'ro.json'), 'utf8'), readFileSync(join(dir, 'rw.json'), 'utf8'));
  });
});

describe('CSV export', () => {
  function parseCsv(path: string): { raw: string; header: string[]; rows: Record<string, string>[] } {
    const raw = readFileSync(path, 'utf8');
    const records = parse(raw, { bom: true, relax_quotes: false, relax_column_count: false }) as string[][];
    const [header, ...body] = records;
    assert.ok(header, 'the CSV has a header record');
    return { raw, header, rows: body.map((r, n) => Object.fromEntries(header.map((h, i) => [h, nth(r, i, `cells of record ${n + 2}`)]))) };
  }

  test('UTF-8 with a BOM, the documented header, CRLF records, and every passage exact by code points (the default)', async () => {
    const { project, dir } = await hardProject();
    const out = join(dir, 'codings.csv');
    const result = await exportCsv(project, out);
    const { formulaLikeCells, ...rest } = result;
    assert.deepEqual(rest, { path: out, articles: 3, codings: TRICKY_PASSAGES.length + 3 });
    assert.equal(typeof formulaLikeCells, 'number');
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    const { raw, header, rows } = parseCsv(out);
    assert.deepEqual(header, [
      'coding_id', 'article_id', 'article_title', 'source_file', 'code', 'code_path', 'start', 'end', 'text', 'memo', 'coder', 'created_at', 'updated_at',
    ]);
    assert.equal(header.join(','), DOCUMENTED_CSV_HEADER);
    assert.ok(readFileSync(join(repoRoot, 'README.md'), 'utf8').includes(`\n${DOCUMENTED_CSV_HEADER}\n`), 'README.md documents this header');
    assert.ok(raw.startsWith(`\ufeff${header.join(',')}\r\n`), 'the header record ends with CRLF');
    assert.ok(raw.endsWith('\r\n'));
    assert.equal(rows.length, TRICKY_PASSAGES.length + 3);
    for (const row of rows) {
      const article = project.articles.get(Number(row.article_id));
      const coding = project.codings.get(Number(row.coding_id));
      const start = Number(row.start);
      const end = Number(row.end);
      assert.equal(row.text, [...article.text].slice(start, end).join(''), `row ${row.coding_id}`);
      assert.deepEqual(
        [row.article_title, row.source_file, row.code_path, row.memo, row.coder, row.created_at, row.updated_at],
        [article.title, article.sourceFile, coding.codePath, coding.memo, coding.coder, coding.createdAt, coding.updatedAt],
      );
      assert.equal(row.code, coding.codePath.split('/').pop());
      assert.deepEqual([start, end], [coding.start, coding.end]);
    }
    // A quoted field with a line break inside is one record, and quotes are doubled (RFC 4180).
    assert.ok(raw.includes('"memo with ""quotes"", commas,\nand a line break"'));
  });

  test('the CSV and the JSON export agree on every coding', async () => {
    const { project, dir } = await hardProject();
    await exportJson(project, join(dir, 'a.json'));
    await exportCsv(project, join(dir, 'a.csv'));
    const doc = readJson(join(dir, 'a.json'));
    const { rows } = parseCsv(join(dir, 'a.csv'));
    assert.deepEqual(
      rows.map((r) => [Number(r.coding_id), Number(r.article_id), r.code_path, Number(r.start), Number(r.end), r.text, r.memo]),
      doc.codings.map((k) => [k.id, k.articleId, k.codePath, k.start, k.end, k.text, k.memo]),
    );
  });

  test('cells a spreadsheet would run as formulas are exact by default and counted; the formula guard prefixes them and says how many', async () => {
    const { project, dir } = newProject();
    const text = '=HYPERLINK("http://x")\n+1 blast\n-3 dead\n@everyone\n\ttabbed line\nplain';
    const articleId = await importText(project, text, '=cmd.txt');
    const code = project.codes.ensurePath('+Plus/-Minus');
    const starts = ['=HYPERLINK', '+1 blast', '-3 dead', '@everyone', '\ttabbed', '\nplain', 'plain'];
    for (const s of starts) {
      project.codings.apply({ articleId, codeId: code.id, ...spanOf(text, s), memo: s === 'plain' ? '\rmemo' : '', coder: '@coder' });
    }
    const exact = await exportCsv(project, join(dir, 'exact.csv'));
    const guarded = await exportCsv(project, join(dir, 'guarded.csv'), { formulaGuard: true });
    const raw = parseCsv(join(dir, 'exact.csv')).rows;
    const safe = parseCsv(join(dir, 'guarded.csv')).rows;
    assert.equal(safe.length, starts.length);
    // The set: = + - @, tab or CR at the start (a line feed is not in it).
    const risky = (cell: string) => /^[=+\-@\t\r]/.test(cell);
    let expected = 0;
    for (const [i, row] of raw.entries()) {
      const coding = project.codings.get(Number(row.coding_id));
      assert.equal(row.text, cpSlice(text, Number(row.start), Number(row.end)), 'cells are exact by default');
      assert.equal(row.text, coding.text);
      assert.equal(row.code_path, '+Plus/-Minus');
      const s = nth(safe, i, 'guarded rows');
      assert.equal(s.coding_id, row.coding_id);
      for (const column of ['article_title', 'source_file', 'code', 'code_path', 'text', 'memo', 'coder'] as const) {
        const cell = present(row[column], `${column} of coding ${row.coding_id}`);
        if (risky(cell)) expected++;
        assert.equal(s[column], risky(cell) ? `'${cell}` : cell, `${column} of coding ${row.coding_id}`);
      }
      assert.deepEqual([s.start, s.end, s.created_at], [row.start, row.end, row.created_at], 'numbers and dates are never touched');
    }
    assert.ok(expected > 20);
    assert.equal(exact.formulaLikeCells, expected, 'the export counts the formula-like cells it wrote exactly');
    assert.equal(exact.guardedCells, undefined);
    assert.equal(guarded.guardedCells, expected, 'and the guard says how many cells it changed');
    const firstGuarded = nth(safe, 0, 'guarded rows');
    assert.equal(firstGuarded.article_title, "'=HYPERLINK(\"http://x\")");
    assert.equal(firstGuarded.source_file, "'=cmd.txt");
    assert.ok(safe.some((r) => r.text === '\nplain'), 'a line feed at the start is not in the set');
    assert.ok(safe.every((r) => r.coder === "'@coder"));
  });

  test('a project without codings exports just the header', async () => {
    const { project, dir } = newProject();
    await importText(project, 'Uncoded article');
    await exportCsv(project, join(dir, 'none.csv'));
    assert.equal(readFileSync(join(dir, 'none.csv'), 'utf8'), `\ufeff${DOCUMENTED_CSV_HEADER}\r\n`);
  });
});

describe('atomic writes', () => {
  /** A project with `n` codings, enough for the exporters' progress checkpoints to fire mid-export. */
  async function manyCodings(n: number): Promise<{ project: Project; dir: string }> {
    const { project, dir } = newProject();
    const articleId = await importText(project, 'word '.repeat(n));
    const code = project.codes.create({ name: 'W' });
    project.db.transaction(() => {
      for (let i = 0; i < n; i++) project.codings.apply({ articleId, codeId: code.id, start: i * 5, end: i * 5 + 4, coder: 't' });
    })();
    return { project, dir };
  }

  const exporters = [
    ['JSON', 'out.json', (p: Project, f: string, signal?: AbortSignal, onProgress?: () => void) => exportJson(p, f, { signal, onProgress })],
    ['CSV', 'out.csv', (p: Project, f: string, signal?: AbortSignal, onProgress?: () => void) => exportCsv(p, f, { signal, onProgress })],
    ['XLSX', 'out.xlsx', (p: Project, f: string, signal?: AbortSignal, onProgress?: () => void) => exportCsv(p, f, { signal, onProgress, format: 'xlsx' })],
  ] as const;

  for (const [what, name, run] of exporters) {
    test(`${what}: a cancel before the export starts leaves the previous file and no temp file`, async () => {
      const { project, dir } = await hardProject();
      const target = join(dir, name);
      writeFileSync(target, 'PREVIOUS EXPORT');
      const before = readdirSync(dir).sort();
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(run(project, target, controller.signal), (err: unknown) => err instanceof GlossError && err.code === 'cancelled');
      assert.equal(readFileSync(target, 'utf8'), 'PREVIOUS EXPORT');
      assert.deepEqual(readdirSync(dir).sort(), before);
    });

    test(`${what}: a cancel during the export leaves the previous file and no temp file`, async () => {
      const { project, dir } = await manyCodings(5_500);
      const target = join(dir, name);
      writeFileSync(target, 'PREVIOUS EXPORT');
      const before = readdirSync(dir).sort();
      const controller = new AbortController();
      let progressCalls = 0;
      const onProgress = () => {
        progressCalls++;
        controller.abort(); // the analyst presses Cancel while rows are being written
      };
      await assert.rejects(run(project, target, controller.signal, onProgress), (err: unknown) => err instanceof GlossError && err.code === 'cancelled');
      assert.ok(progressCalls >= 1, 'the export reported progress before it was cancelled');
      assert.equal(readFileSync(target, 'utf8'), 'PREVIOUS EXPORT');
      assert.deepEqual(readdirSync(dir).sort(), before);
    });

    test(`${what}: an export that completes replaces the previous file in one step`, async () => {
      const { project, dir } = await hardProject();
      const target = join(dir, name);
      writeFileSync(target, 'PREVIOUS EXPORT');
      const before = readdirSync(dir).sort();
      await run(project, target);
      assert.notEqual(readFileSync(target, 'utf8'), 'PREVIOUS EXPORT');
      assert.deepEqual(readdirSync(dir).sort(), before, 'no temp file is left next to it');
    });
  }

  test('a failure while writing removes the temp file and keeps the previous file', async () => {
    const dir = tempDir();
    const target = join(dir, 'target.json');
    writeFileSync(target, 'PREVIOUS');
    await assert.rejects(
      writeFileAtomically(target, async (out) => {
        await out.write('x'.repeat(3 << 20)); // past the buffer, so some bytes reach the temp file
        assert.equal(leftovers(dir, ['target.json']).length, 1, 'the data goes to a temp file beside the target');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.equal(readFileSync(target, 'utf8'), 'PREVIOUS');
    assert.deepEqual(leftovers(dir, ['target.json']), []);
  });

  test('a target that cannot be replaced (a folder) fails cleanly, leaving no temp file', async () => {
    const { project, dir } = await hardProject();
    const target = join(dir, 'taken.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'inside');
    const before = readdirSync(dir).sort();
    await assert.rejects(exportJson(project, target), /^GlossError: Cannot export to .*taken\.json: it is not a regular file \(a folder\); Gloss only replaces regular files\.$/);
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.equal(readFileSync(join(target, 'keep.txt'), 'utf8'), 'inside');
  });

  test('a target in a folder that does not exist fails without creating anything', async () => {
    const { project, dir } = await hardProject();
    const before = readdirSync(dir).sort();
    await assert.rejects(exportCsv(project, join(dir, 'missing', 'out.csv')), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    assert.deepEqual(readdirSync(dir).sort(), before);
  });
});
