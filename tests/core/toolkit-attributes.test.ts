// Article attributes (typed values, filters on the article list, CSV import with preview), memos (plain + rich, on
// codings, articles, codes and the project), their undo, and how both appear in the JSON and CSV exports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import type { ArticleAttribute, AttributeDefinition, AttributeImportReport, Memo } from '../../src-main/contract/types';
import { DOCUMENTED_CSV_HEADER, exportSchemaPath, spanOf, nth } from './helpers';
import { GAZA_AID, GAZA_VOWELLED, corpus, type Corpus } from './toolkit-fixture';

const values = async (c: Corpus, articleId: number) =>
  Object.fromEntries(
    (await c.ok<{ attributes: ArticleAttribute[] }>('articles.attributes', { articleId })).attributes.map((a) => [a.name, a.value]),
  );

const listIds = async (c: Corpus, attributes: unknown[], extra: Record<string, unknown> = {}) =>
  (await c.ok<{ total: number; items: { id: number }[] }>('articles.list', { attributes, ...extra })).items.map((a) => a.id);

describe('attributes', () => {
  test('built-ins, defining, renaming, deleting; names are unique ignoring case', async () => {
    const c = await corpus();
    const list = async () => (await c.ok<{ attributes: AttributeDefinition[] }>('attributes.list')).attributes;
    assert.deepEqual((await list()).map((a) => [a.name, a.type, a.builtIn]), [
      ['outlet', 'text', true],
      ['publication date', 'date', true],
      ['author', 'text', true],
      ['country', 'text', true],
      ['language', 'text', true],
    ]);
    await c.ok('attributes.define', { name: 'Word count', type: 'number' });
    await c.ok('attributes.define', { name: 'front page', type: 'boolean' });
    await c.fails('attributes.define', { name: 'word COUNT', type: 'text' }, 'conflict');
    await c.fails('attributes.define', { name: 'x', type: 'colour' }, 'invalid_request');
    await c.fails('attributes.rename', { name: 'outlet', newName: 'Source' }, 'invalid_request');
    await c.fails('attributes.delete', { name: 'publication date' }, 'invalid_request');
    await c.fails('attributes.rename', { name: 'Word count', newName: 'Author' }, 'conflict');
    const renamed = await c.ok<AttributeDefinition>('attributes.rename', { name: 'word count', newName: 'Length (words)' });
    assert.deepEqual([renamed.name, renamed.type, renamed.builtIn], ['Length (words)', 'number', false]);
    await c.ok('attributes.set', { articleId: c.ids.gaza, name: 'length (WORDS)', value: 812 });
    assert.deepEqual(await c.ok('attributes.delete', { name: 'Length (words)' }), { deletedValues: 1 });
    assert.deepEqual((await list()).map((a) => a.name).slice(5), ['front page']);
    // Undo brings the attribute and its value back.
    await c.ok('history.undo');
    assert.equal((await values(c, c.ids.gaza))['Length (words)'], 812);
  });

  test('values are checked against the type, stored typed, cleared with null or "", and undone', async () => {
    const c = await corpus();
    await c.ok('attributes.define', { name: 'pages', type: 'number' });
    await c.ok('attributes.define', { name: 'front page', type: 'boolean' });
    const set = (name: string, value: unknown) => c.ok<ArticleAttribute>('attributes.set', { articleId: c.ids.gaza, name, value });
    assert.deepEqual(await set('publication date', '2024-02-29'), { name: 'publication date', type: 'date', value: '2024-02-29' });
    assert.equal((await set('pages', '١٢')).value, 12, 'Eastern Arabic digits are read as digits');
    assert.equal((await set('pages', 3.5)).value, 3.5);
    assert.equal((await set('front page', 'yes')).value, true);
    assert.equal((await set('outlet', '  Al Jazeera  ')).value, 'Al Jazeera');
    for (const [name, value] of [
      ['publication date', '2023-02-29'],
      ['publication date', '29/02/2024'],
      ['pages', 'twelve'],
      ['front page', 'maybe'],
    ] as const) {
      const error = await c.fails('attributes.set', { articleId: c.ids.gaza, name, value }, 'invalid_request');
      assert.match(error.message, new RegExp(`"${name}"`));
    }
    await c.fails('attributes.set', { articleId: 98765, name: 'outlet', value: 'x' }, 'not_found');
    await c.fails('attributes.set', { articleId: c.ids.gaza, name: 'nope', value: 'x' }, 'not_found');
    assert.deepEqual(await values(c, c.ids.gaza), {
      outlet: 'Al Jazeera',
      'publication date': '2024-02-29',
      author: null,
      country: null,
      language: null,
      pages: 3.5,
      'front page': true,
    });
    const raw = c.session.currentProject!.db.prepare("SELECT typeof(value) AS t FROM article_attribute_values ORDER BY id").pluck().all();
    assert.deepEqual(raw, ['text', 'real', 'integer', 'text'], 'dates and text as text, numbers as numbers, yes/no as 0/1');
    await set('outlet', '');
    await set('pages', null);
    assert.deepEqual([(await values(c, c.ids.gaza)).outlet, (await values(c, c.ids.gaza)).pages], [null, null]);
    assert.equal((await c.ok<{ label: string }>('history.undo')).label, 'Set attribute');
    assert.equal((await values(c, c.ids.gaza)).pages, 3.5);
    await c.ok('history.undo');
    assert.equal((await values(c, c.ids.gaza)).outlet, 'Al Jazeera');
  });

  test('the article list filtered by attributes: eq, contains, lt, gt, between, empty, together', async () => {
    const c = await corpus();
    const { gaza, arabic, hebrew, lebanon } = c.ids;
    await c.ok('attributes.define', { name: 'pages', type: 'number' });
    const set = (articleId: number, name: string, value: unknown) => c.ok('attributes.set', { articleId, name, value });
    await set(gaza, 'outlet', 'Al Jazeera English');
    await set(arabic, 'outlet', 'Al Jazeera');
    await set(hebrew, 'outlet', 'Haaretz');
    await set(gaza, 'publication date', '2024-01-01');
    await set(arabic, 'publication date', '2024-01-07');
    await set(hebrew, 'publication date', '2024-01-08');
    await set(lebanon, 'publication date', '2024-02-15');
    await set(gaza, 'pages', 2);
    await set(arabic, 'pages', 10);
    assert.deepEqual(await listIds(c, [{ name: 'outlet', op: 'eq', value: 'al jazeera' }]), [arabic]);
    assert.deepEqual(await listIds(c, [{ name: 'outlet', op: 'contains', value: 'JAZEERA' }]), [gaza, arabic]);
    assert.deepEqual(await listIds(c, [{ name: 'outlet', op: 'empty' }]), [lebanon]);
    assert.deepEqual(await listIds(c, [{ name: 'publication date', op: 'lt', value: '2024-01-08' }]), [gaza, arabic]);
    assert.deepEqual(await listIds(c, [{ name: 'publication date', op: 'between', value: ['2024-01-07', '2024-01-31'] }]), [arabic, hebrew]);
    // Numbers compare as numbers (10 > 9), not as text.
    assert.deepEqual(await listIds(c, [{ name: 'pages', op: 'gt', value: 9 }]), [arabic]);
    assert.deepEqual(
      await listIds(c, [
        { name: 'outlet', op: 'contains', value: 'jazeera' },
        { name: 'publication date', op: 'gt', value: '2024-01-01' },
      ]),
      [arabic],
    );
    // Combined with the title filter, sorting and paging as before.
    const page = await c.ok<{ total: number; items: { id: number }[] }>('articles.list', {
      attributes: [{ name: 'publication date', op: 'lt', value: '2024-12-31' }],
      sort: 'title',
      limit: 2,
    });
    assert.equal(page.total, 4);
    assert.equal(page.items.length, 2);
    assert.deepEqual(await listIds(c, []), [gaza, arabic, hebrew, lebanon]);
    await c.fails('articles.list', { attributes: [{ name: 'publication date', op: 'contains', value: '2024' }] }, 'invalid_request');
    await c.fails('articles.list', { attributes: [{ name: 'publication date', op: 'lt', value: 'January' }] }, 'invalid_request');
    await c.fails('articles.list', { attributes: [{ name: 'pages', op: 'between', value: 3 }] }, 'invalid_request');
    await c.fails('articles.list', { attributes: [{ name: 'missing', op: 'empty' }] }, 'not_found');
  });
});

describe('attributes.importCsv', () => {
  const CSV = [
    'File;Outlet;publication date;pages;front page;Notes',
    'gaza-aid.txt;Al Jazeera;2024-01-01;3;yes;"first; with ""quotes"""',
    'ARABIC.TXT;Al Jazeera;2024-01-07;12;no;',
    'hebrew.txt;Haaretz;8 January 2024;x;;line',
    'missing.txt;BBC;2024-01-09;1;no;',
    'sub/lebanon.txt;;;;;',
    '',
  ].join('\r\n');

  test('the preview reports every row and writes nothing; applying writes the same, as one undo step', async () => {
    const c = await corpus();
    const db = c.session.currentProject!.db;
    const count = () => db.prepare('SELECT count(*) FROM article_attribute_values').pluck().get();
    const preview = await c.ok<AttributeImportReport>('attributes.importCsv', { csvText: CSV, matchBy: 'file', preview: true });
    assert.equal(count(), 0, 'a preview writes nothing');
    assert.equal((await c.ok<{ attributes: AttributeDefinition[] }>('attributes.list')).attributes.length, 5);
    assert.deepEqual([preview.preview, preview.applied, preview.keyColumn], [true, false, 'File']);
    assert.deepEqual(preview.columns, [
      { name: 'outlet', type: 'text', status: 'existing' },
      { name: 'publication date', type: 'date', status: 'existing' },
      { name: 'pages', type: 'text', status: 'new' },
      { name: 'front page', type: 'boolean', status: 'new' },
      { name: 'Notes', type: 'text', status: 'new' },
    ]);
    assert.deepEqual(
      preview.rows.map((r) => [r.row, r.key, r.status, r.articleId, r.values.length, r.errors.map((e) => e.column)]),
      [
        [2, 'gaza-aid.txt', 'matched', c.ids.gaza, 5, []],
        [3, 'ARABIC.TXT', 'matched', c.ids.arabic, 4, []],
        [4, 'hebrew.txt', 'matched', c.ids.hebrew, 3, ['publication date']],
        [5, 'missing.txt', 'no match', null, 0, []],
        [6, 'sub/lebanon.txt', 'matched', c.ids.lebanon, 0, []],
      ],
    );
    const first = nth(preview.rows, 0, 'preview row 1');
    assert.deepEqual(first.values, [
      { name: 'outlet', value: 'Al Jazeera' },
      { name: 'publication date', value: '2024-01-01' },
      { name: 'pages', value: '3' },
      { name: 'front page', value: true },
      { name: 'Notes', value: 'first; with "quotes"' },
    ]);
    assert.equal(first.title, nth(GAZA_AID.split('\n'), 0, 'the Gaza title line'));
    assert.match(nth(nth(preview.rows, 2, 'preview row 3').errors, 0, 'row 3\'s error').message, /not a date written yyyy-mm-dd/);
    assert.deepEqual([preview.matched, preview.unmatched, preview.ambiguous, preview.valuesSet, preview.typeErrors], [4, 1, 0, 12, 1]);

    const applied = await c.ok<AttributeImportReport>('attributes.importCsv', { csvText: CSV, matchBy: 'file', preview: false });
    assert.deepEqual({ ...applied, preview: true, applied: false }, preview, 'applying does what the preview said');
    assert.equal(applied.applied, true);
    assert.equal(count(), 12);
    assert.deepEqual(await values(c, c.ids.arabic), {
      outlet: 'Al Jazeera',
      'publication date': '2024-01-07',
      author: null,
      country: null,
      language: null,
      pages: '12',
      'front page': false,
      Notes: null,
    });
    const undone = await c.ok<{ label: string }>('history.undo');
    assert.equal(undone.label, 'Import attributes from CSV');
    assert.equal(count(), 0);
    assert.deepEqual((await c.ok<{ attributes: AttributeDefinition[] }>('attributes.list')).attributes.map((a) => a.name), [
      'outlet',
      'publication date',
      'author',
      'country',
      'language',
    ]);
    await c.ok('history.redo');
    assert.equal(count(), 12);
  });

  test('matching by title; ambiguous keys; a new number column', async () => {
    const c = await corpus();
    // A second article with the same title as the Lebanon one makes that title ambiguous.
    await c.ok('articles.importFiles', { files: [{ name: 'lebanon-copy.txt', base64: Buffer.from('Ceasefire in Lebanon. CEASEFIRE violated again; ceasefires are fragile\nA different body.').toString('base64') }] });
    const title = nth(GAZA_AID.split('\n'), 0, 'the Gaza title line');
    const csv = `title,score\n"${title.toUpperCase()}",1.5\n"Ceasefire in Lebanon. CEASEFIRE violated again; ceasefires are fragile",2\nNo such title,3\n`;
    const report = await c.ok<AttributeImportReport>('attributes.importCsv', { csvText: csv, matchBy: 'title', preview: false });
    assert.deepEqual(report.columns, [{ name: 'score', type: 'number', status: 'new' }]);
    assert.deepEqual(report.rows.map((r) => [r.status, r.articleId, r.candidates]), [
      ['matched', c.ids.gaza, 1],
      ['ambiguous', null, 2],
      ['no match', null, 0],
    ]);
    assert.equal((await values(c, c.ids.gaza)).score, 1.5);
    await c.fails('attributes.importCsv', { csvText: 'title,a,A\nx,1,2\n', matchBy: 'title', preview: true }, 'invalid_request');
    await c.fails('attributes.importCsv', { csvText: 'title,a\n"unclosed,1\n', matchBy: 'title', preview: true }, 'invalid_request');
  });
});

describe('memos', () => {
  test('on a coding, an article, a code and the project: plain and rich, undoable, validated', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Aid' });
    const coding = await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: code.id, ...spanOf(GAZA_AID, 'Aid convoy'), memo: 'old plain' });
    const rich = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Bold', format: 1 }] }] } });
    const targets = [{ kind: 'coding', id: coding.id }, { kind: 'article', id: c.ids.gaza }, { kind: 'code', id: code.id }, { kind: 'project' }];
    for (const target of targets) {
      const empty = await c.ok<Memo>('memos.get', { target });
      assert.equal(empty.rich, null);
      const set = await c.ok<Memo>('memos.set', { target, plain: `Bold ${target.kind}`, rich });
      assert.deepEqual([set.plain, set.rich, set.target], [`Bold ${target.kind}`, rich, target]);
      assert.deepEqual(await c.ok<Memo>('memos.get', { target }), set);
      assert.equal((await c.ok<{ undoLabel: string }>('history.state')).undoLabel, 'Edit memo');
    }
    // The coding's plain memo is its codings.memo, which the coding list shows.
    const listed = (await c.ok<{ codings: { id: number; memo: string }[] }>('codings.listForArticle', { articleId: c.ids.gaza })).codings;
    assert.equal(nth(listed, 0, 'the Gaza coding').memo, 'Bold coding');
    // Undo, last first: the project memo goes, then the code's.
    await c.ok('history.undo');
    assert.equal((await c.ok<Memo>('memos.get', { target: { kind: 'project' } })).plain, '');
    await c.ok('history.undo');
    assert.equal((await c.ok<Memo>('memos.get', { target: { kind: 'code', id: code.id } })).rich, null);
    await c.ok('history.undo');
    await c.ok('history.undo');
    assert.deepEqual(
      [(await c.ok<Memo>('memos.get', { target: targets[0] })).plain, (await c.ok<Memo>('memos.get', { target: targets[0] })).rich],
      ['old plain', null],
    );
    await c.ok('history.redo');
    // Editing the coding's memo as plain text (codings.update) drops the stale rich form.
    await c.ok('codings.update', { id: coding.id, memo: 'plain again' });
    assert.deepEqual([(await c.ok<Memo>('memos.get', { target: targets[0] })).plain, (await c.ok<Memo>('memos.get', { target: targets[0] })).rich], ['plain again', null]);
    await c.fails('memos.set', { target: { kind: 'article', id: c.ids.gaza }, plain: 'x', rich: 'not json' }, 'invalid_request');
    await c.fails('memos.set', { target: { kind: 'article', id: c.ids.gaza }, plain: 'x', rich: '"a string"' }, 'invalid_request');
    await c.fails('memos.set', { target: { kind: 'article', id: 98765 }, plain: 'x', rich: null }, 'not_found');
    await c.fails('memos.get', { target: { kind: 'project', id: 1 } }, 'invalid_request');
    await c.fails('memos.get', { target: { kind: 'chapter', id: 1 } }, 'invalid_request');
  });

  test('deleting an article or a code takes its memo along, and undo brings it back', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Aid' });
    await c.ok('memos.set', { target: { kind: 'article', id: c.ids.arabic }, plain: `about ${GAZA_VOWELLED}`, rich: null });
    await c.ok('memos.set', { target: { kind: 'code', id: code.id }, plain: 'code memo', rich: '{"root":{}}' });
    await c.ok('attributes.set', { articleId: c.ids.arabic, name: 'outlet', value: 'Al Jazeera' });
    const db = c.session.currentProject!.db;
    const rows = () => db.prepare('SELECT kind, plain FROM memos ORDER BY id').all();
    const before = rows();
    await c.ok('articles.delete', { id: c.ids.arabic });
    await c.ok('codes.delete', { id: code.id });
    assert.deepEqual(rows(), []);
    await c.ok('history.undo');
    await c.ok('history.undo');
    assert.deepEqual(rows(), before);
    assert.equal((await values(c, c.ids.arabic)).outlet, 'Al Jazeera');
    // Memos are searchable again after the undo.
    assert.equal((await c.ok<{ total: number }>('memos.search', { query: 'code memo' })).total, 1);
  });
});

describe('exports', () => {
  async function project() {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Aid' });
    const k1 = await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: code.id, ...spanOf(GAZA_AID, 'Aid convoy') });
    const k2 = await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: code.id, ...spanOf(GAZA_AID, 'Rafah'), memo: 'plain only' });
    await c.ok('attributes.define', { name: 'pages', type: 'number' });
    await c.ok('attributes.define', { name: 'text', type: 'text' });
    await c.ok('attributes.define', { name: 'unused', type: 'text' });
    await c.ok('attributes.set', { articleId: c.ids.gaza, name: 'publication date', value: '2024-01-01' });
    await c.ok('attributes.set', { articleId: c.ids.gaza, name: 'pages', value: 4 });
    await c.ok('attributes.set', { articleId: c.ids.gaza, name: 'outlet', value: '=cmd' });
    await c.ok('attributes.set', { articleId: c.ids.gaza, name: 'text', value: 'clashes with a column' });
    await c.ok('memos.set', { target: { kind: 'coding', id: k1.id }, plain: 'Bold memo', rich: '{"root":{"children":[{"text":"Bold memo","format":1}]}}' });
    await c.ok('memos.set', { target: { kind: 'article', id: c.ids.gaza }, plain: 'article memo', rich: null });
    await c.ok('memos.set', { target: { kind: 'code', id: code.id }, plain: 'code memo', rich: '{"root":{}}' });
    await c.ok('memos.set', { target: { kind: 'project' }, plain: 'project memo', rich: '{"root":{"x":1}}' });
    return { c, code, k1, k2 };
  }

  test('JSON: attributes and memos where they exist, memoRich as JSON; the document validates against the schema', async () => {
    const { c, code, k1, k2 } = await project();
    const out = join(c.dir, 'export.json');
    await c.ok('export.json', { path: out });
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(doc.project, { name: 'Toolkit', memo: 'project memo', memoRich: { root: { x: 1 } } });
    assert.deepEqual(doc.codes[0], { id: code.id, name: 'Aid', path: 'Aid', color: doc.codes[0].color, description: '', parentId: null, memo: 'code memo', memoRich: { root: {} } });
    const gaza = doc.articles.find((a: { id: number }) => a.id === c.ids.gaza);
    assert.deepEqual(gaza.attributes, { outlet: '=cmd', 'publication date': '2024-01-01', pages: 4, text: 'clashes with a column' });
    assert.deepEqual([gaza.memo, gaza.memoRich], ['article memo', null]);
    const other = doc.articles.find((a: { id: number }) => a.id === c.ids.hebrew);
    assert.deepEqual(Object.keys(other), ['id', 'title', 'sourceFile', 'encoding', 'importedAt', 'text'], 'nothing added where there is nothing');
    const codings = new Map(doc.codings.map((k: { id: number }) => [k.id, k]));
    assert.deepEqual([(codings.get(k1.id) as { memo: string }).memo, (codings.get(k1.id) as { memoRich: unknown }).memoRich], ['Bold memo', { root: { children: [{ text: 'Bold memo', format: 1 }] } }]);
    assert.ok(!('memoRich' in (codings.get(k2.id) as object)));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
    const validate = ajv.compile(JSON.parse(readFileSync(exportSchemaPath, 'utf8')));
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
    // The schema still refuses what is not a value or a memo.
    const broken = JSON.parse(JSON.stringify(doc));
    broken.articles.find((a: { id: number }) => a.id === c.ids.gaza).attributes.pages = { n: 4 };
    assert.equal(validate(broken), false);
    const broken2 = JSON.parse(JSON.stringify(doc));
    broken2.codings[0].memoRich = 'a string';
    assert.equal(validate(broken2), false);
  });

  test('CSV: one column per attribute in use after the fixed ones, typed as text, formulas defused; memo stays plain', async () => {
    const { c, k1 } = await project();
    const out = join(c.dir, 'export.csv');
    await c.ok('export.csv', { path: out, formulaGuard: true });
    const raw = readFileSync(out, 'utf8');
    const records = parse(raw, { bom: true }) as string[][];
    const header = nth(records, 0, 'the CSV header');
    assert.deepEqual(header, [...DOCUMENTED_CSV_HEADER.split(','), 'outlet', 'publication date', 'pages', 'text (attribute)']);
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    const row = rows.find((r) => Number(r.coding_id) === k1.id)!;
    assert.deepEqual([row.outlet, row['publication date'], row.pages, row['text (attribute)'], row.memo], ["'=cmd", '2024-01-01', '4', 'clashes with a column', 'Bold memo']);
    const rawExport = join(c.dir, 'raw.csv');
    await c.ok('export.csv', { path: rawExport });
    const rawRows = parse(readFileSync(rawExport, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(nth(rawRows, 0, 'the raw export\'s first row').outlet, '=cmd');
  });
});
