// Re-importing: migration 002 on a version-1 project with data, re-decoding an article with an encoding chosen by
// hand (preview, confirm, which codings go), and re-importing a Gloss JSON export (exactly, once, or not at all).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import type { Article, Code, Coding, EncodingOption, ImportReport, RedecodeResult } from '../../src-main/contract/types';
import { exportJson } from '../../src-main/core/export/json';
import { importSources } from '../../src-main/core/import/importer';
import { Project } from '../../src-main/core/store/Project';
import { builtCli, cpSlice, importBytes, importPaths, newProject, newSession, tempDir, writeFile } from './import-support';
import { builtOrSkip } from './built';
import { VERSION_ONE_TEXT, openUpgraded, versionOneProject } from './old-formats';
import { firstItems, nth, present } from './present';

const RUSSIAN = '2024: Правительство объявило в среду, что переговоры о бюджете начнутся на следующей неделе. Депутаты оппозиции раскритиковали проект.';
const TRICKY = [
  'Ceasefire talks \u{1F54A}\uFE0F resume in Cairo',
  'Flag \u{1F1F1}\u{1F1E7}, skin tone \u{1F44D}\u{1F3FF}, family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}.',
  'Arabic: \u0643\u064E\u062A\u064E\u0628\u064E \u2014 Hebrew: \u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD; bidi \u202Eevil\u202C.',
  'Combining q\u0323\u0307 and CJK \u{20000}; "quoted", =SUM(A1)',
].join('\n');

/** Code-point span of the first occurrence of `needle`. */
function span(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in the text`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

describe('migration 002 on a version-1 project', () => {
  /** The first Gloss's project (see old-formats.ts) with a second article, read from UTF-16 with a BOM. */
  function versionOneProjectWithBom(): string {
    const path = versionOneProject();
    const db = new Database(path);
    db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, had_bom, original_line_endings,
      normalized_to_nfc, text, length) VALUES ('BOM article', 'bom.txt', '2026-01-01T00:00:00Z', 'h2', 'UTF-16LE', 1, 'LF', 0, 'Second one', 10)`).run();
    db.close();
    return path;
  }

  it('upgrades in place, keeping every row, and backfills how the encoding was decided', () => {
    const project = openUpgraded(versionOneProjectWithBom());
    try {
      const a = project.articles.get(1);
      assert.deepEqual([a.text, a.encoding, a.encodingBasis, a.encodingConfidence, a.hasSourceBytes], [VERSION_ONE_TEXT, 'UTF-8', 'utf8', null, false]);
      assert.equal(project.articles.get(2).encodingBasis, 'bom');
      const [coding] = firstItems(project.codings.listForArticle(1), 1, 'codings of article 1');
      assert.deepEqual([coding.text, coding.memo, coding.codePath], ['\u{1F600}', 'memo', 'Frames']);
    } finally {
      project.close();
    }
  });

  it('still refuses any change of an article\'s text outside re-decoding, and keeps full-text search in step', () => {
    const project = Project.open(versionOneProjectWithBom());
    try {
      assert.throws(() => project.db.prepare("UPDATE articles SET text = 'x', length = 1 WHERE id = 1").run(), /article text cannot change/);
      project.articles.rename(1, 'Renamed zebra');
      const hits = project.db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zebra'").all();
      assert.deepEqual(hits, [{ rowid: 1 }]);
      assert.deepEqual(project.db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'text'").all(), [{ rowid: 1 }]);
    } finally {
      project.close();
    }
  });

  it('stores the source bytes of articles imported after the upgrade', async () => {
    const project = Project.open(versionOneProjectWithBom());
    try {
      const report = await importBytes(project, 'new.txt', 'New article after the upgrade');
      assert.equal(project.articles.get(nth(report.imported, 0, 'imported files').articleId).hasSourceBytes, true);
    } finally {
      project.close();
    }
  });
});

describe('re-decoding an article with another encoding', () => {
  async function setUp() {
    const s = newSession();
    await s.call('project.create', { path: join(s.dir, 'p.gloss') });
    const file = writeFile(tempDir(), 'ru.txt', iconv.encode(RUSSIAN, 'koi8-r'));
    const report = await s.call<ImportReport>('articles.importPaths', { paths: [file] });
    const id = nth(report.imported, 0, 'imported files').articleId;
    const code = await s.call<Code>('codes.create', { name: 'Frames' });
    const ascii = await s.call<Coding>('codings.apply', { articleId: id, codeId: code.id, ...span(RUSSIAN, '2024') });
    const cyrillic = await s.call<Coding>('codings.apply', { articleId: id, codeId: code.id, ...span(RUSSIAN, 'Правительство'), memo: 'gov' });
    return { ...s, id, code, ascii, cyrillic };
  }

  it('lists the encodings the analyst can choose, grouped, common ones marked', async () => {
    const { call } = newSession();
    const { encodings } = await call<{ encodings: EncodingOption[] }>('articles.encodings');
    const names = encodings.map((e) => e.name);
    for (const n of ['UTF-8', 'Windows-1252', 'ISO-8859-2', 'KOI8-R', 'Windows-1256', 'ISO-8859-8', 'Shift_JIS', 'EUC-KR']) assert.ok(names.includes(n), n);
    assert.equal(encodings.find((e) => e.name === 'KOI8-R')?.group, 'Cyrillic');
    assert.equal(encodings.find((e) => e.name === 'KOI8-R')?.common, true);
    assert.equal(encodings.find((e) => e.name === 'MacRoman')?.common, false);
  });

  it('with the same text, only records the chosen encoding', async () => {
    const { call, id } = await setUp();
    const r = await call<RedecodeResult>('articles.redecode', { id, encoding: 'koi8-r' });
    assert.deepEqual([r.changed, r.applied, r.encoding, r.codingsAffected, r.codingsKept], [false, true, 'KOI8-R', 0, 2]);
    const a = await call<Article>('articles.get', { id });
    assert.deepEqual([a.encoding, a.encodingBasis, a.encodingConfidence, a.text], ['KOI8-R', 'chosen', null, RUSSIAN]);
  });

  it('without confirm, previews a change that would remove codings and changes nothing', async () => {
    const { call, session, id } = await setUp();
    const before = session.currentProject!.db.prepare('SELECT * FROM articles').all();
    const r = await call<RedecodeResult>('articles.redecode', { id, encoding: 'Windows-1251' });
    const expected = iconv.decode(iconv.encode(RUSSIAN, 'koi8-r'), 'windows-1251');
    assert.deepEqual([r.changed, r.applied, r.encoding, r.codingsAffected, r.codingsKept], [true, false, 'Windows-1251', 1, 1]);
    // The text's first line is a long sentence, not a headline: the title stays the file's name.
    assert.equal(r.newTitle, 'ru');
    assert.equal(r.newLength, [...expected].length);
    assert.ok(r.sample.startsWith('2024: ') && expected.startsWith(r.sample.replace(/…$/, '')), r.sample);
    assert.deepEqual(session.currentProject!.db.prepare('SELECT * FROM articles').all(), before);
    assert.equal((await call<{ codings: Coding[] }>('codings.listForArticle', { articleId: id })).codings.length, 2);
  });

  it('with confirm, replaces the text, removes exactly the codings that no longer match, and clears undo', async () => {
    const { call, id, ascii } = await setUp();
    assert.equal((await call<{ canUndo: boolean }>('history.state')).canUndo, true);
    const r = await call<RedecodeResult>('articles.redecode', { id, encoding: 'Windows-1251', confirm: true });
    assert.deepEqual([r.changed, r.applied, r.codingsAffected, r.codingsKept], [true, true, 1, 1]);
    const expected = iconv.decode(iconv.encode(RUSSIAN, 'koi8-r'), 'windows-1251');
    const a = await call<Article>('articles.get', { id });
    assert.deepEqual([a.text, a.encoding, a.encodingBasis, a.title, a.length], [expected, 'Windows-1251', 'chosen', 'ru', [...expected].length]);
    const { codings } = await call<{ codings: Coding[] }>('codings.listForArticle', { articleId: id });
    assert.deepEqual(codings.map((c) => [c.id, c.text]), [[ascii.id, '2024']]);
    assert.equal((await call<{ canUndo: boolean }>('history.state')).canUndo, false);
    // Re-decoding with the first encoding brings the text back (not the removed coding).
    const back = await call<RedecodeResult>('articles.redecode', { id, encoding: 'KOI8-R', confirm: true });
    assert.deepEqual([back.changed, back.applied, back.codingsAffected], [true, true, 0]);
    assert.equal((await call<Article>('articles.get', { id })).text, RUSSIAN);
  });

  it('keeps full-text search in step with the new text', async () => {
    const { call, session, id } = await setUp();
    await call('articles.redecode', { id, encoding: 'ISO-8859-5', confirm: true });
    const text = (await call<Article>('articles.get', { id })).text;
    const word = nth(text.split(/\s+/), 1, 'words of the re-decoded text').replace(/[^\p{L}]/gu, '');
    const db = session.currentProject!.db;
    assert.deepEqual(db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').all(`"${word}"`), [{ rowid: id }]);
    assert.deepEqual(db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').all('"Правительство"'), []);
  });

  it('changes an article without codings at once, and keeps a title the analyst typed', async () => {
    const { call, id, ascii, cyrillic } = await setUp();
    await call('codings.remove', { id: ascii.id });
    await call('codings.remove', { id: cyrillic.id });
    await call('articles.rename', { id, title: 'My title' });
    const r = await call<RedecodeResult>('articles.redecode', { id, encoding: 'IBM866' });
    assert.deepEqual([r.changed, r.applied, r.newTitle], [true, true, 'My title']);
    assert.equal((await call<Article>('articles.get', { id })).title, 'My title');
  });

  it('re-decodes an HTML article through the text extractor again', async () => {
    const { call } = await setUp();
    const page = `<html><head><title>${RUSSIAN.slice(6, 19)}</title></head><body><p>${RUSSIAN}</p><p>Ещё абзац.</p><script>x()</script></body></html>`;
    const file = writeFile(tempDir(), 'page.html', iconv.encode(page, 'windows-1251'));
    const id = nth((await call<ImportReport>('articles.importPaths', { paths: [file] })).imported, 0, 'imported files').articleId;
    const r = await call<RedecodeResult>('articles.redecode', { id, encoding: 'KOI8-R' });
    const a = await call<Article>('articles.get', { id });
    assert.equal(a.text, iconv.decode(iconv.encode(`${RUSSIAN}\n\nЕщё абзац.`, 'windows-1251'), 'koi8-r'));
    assert.equal(r.newTitle, iconv.decode(iconv.encode(RUSSIAN.slice(6, 19), 'windows-1251'), 'koi8-r'));
    assert.doesNotMatch(a.text, /[<>]/);
  });

  it('refuses clearly: unknown encodings, bytes the encoding leaves undefined, missing bytes, a text that exists', async () => {
    const { call, fail, id } = await setUp();
    let e = await fail('articles.redecode', { id, encoding: 'klingon' });
    assert.deepEqual([e.code, /does not know the encoding "klingon"/.test(e.message)], ['invalid_request', true]);
    // KOI8-R's lower-case Cyrillic sits at 0xC0–0xDF, which ISO-8859-8 leaves undefined.
    e = await fail('articles.redecode', { id, encoding: 'ISO-8859-8' });
    assert.equal(e.code, 'invalid_request');
    assert.match(e.message, /cannot be read as ISO-8859-8: .* at offset \d+\); nothing was changed/);
    e = await fail('articles.redecode', { id: 99999, encoding: 'UTF-8' });
    assert.equal(e.code, 'not_found');
    e = await fail('articles.redecode', { id, encoding: '' });
    assert.equal(e.code, 'invalid_request');

    // An article from a Gloss export has no bytes to re-decode.
    const project = newProject().project;
    const codeless = await importBytes(project, 'a.txt', 'Some text');
    const out = join(tempDir(), 'x.json');
    await exportJson(project, out);
    project.close();
    const fromExport = nth((await call<ImportReport>('articles.importPaths', { paths: [out] })).imported, 0, 'articles imported from the export').articleId;
    e = await fail('articles.redecode', { id: fromExport, encoding: 'Windows-1252' });
    assert.equal(e.code, 'conflict');
    assert.match(e.message, /original bytes were not kept/);
    assert.ok(codeless.imported.length === 1);

    // Re-decoding into a text another article already has would make two identical articles.
    const czech = 'Příliš žluťoučký kůň úpěl ďábelské ódy, šéf řekl.';
    const bytes1250 = iconv.encode(czech, 'windows-1250');
    const asLatin2 = iconv.decode(bytes1250, 'iso-8859-2');
    const dir = tempDir();
    const first = (await call<ImportReport>('articles.importPaths', { paths: [writeFile(dir, 'latin2.txt', asLatin2)] })).imported[0];
    const second = (await call<ImportReport>('articles.importPaths', { paths: [writeFile(dir, 'cz.txt', bytes1250)] })).imported[0];
    assert.ok(first && second, 'both import');
    e = await fail('articles.redecode', { id: second.articleId, encoding: 'ISO-8859-2', confirm: true });
    assert.equal(e.code, 'conflict');
    assert.match(e.message, new RegExp(`identical to article ${first.articleId}`));
  });
});

describe('re-importing a Gloss JSON export', () => {
  /** A project with hard text, a nested codebook with colours and descriptions, and codings with memos. */
  async function source() {
    const { project, dir } = newProject();
    const report = await importSources(project, [
      { kind: 'bytes', name: 'tricky.txt', bytes: Buffer.from(TRICKY.replace(/\n/g, '\r\n')) },
      { kind: 'bytes', name: 'ru.txt', bytes: iconv.encode(RUSSIAN, 'koi8-r') },
      { kind: 'bytes', name: 'page.html', bytes: Buffer.from('<title>Page</title><p>Page text, two paragraphs.</p><p>Second.</p>') },
    ]);
    assert.equal(report.imported.length, 3, JSON.stringify(report));
    const [tricky, ru, page] = firstItems(report.imported.map((i) => project.articles.get(i.articleId)), 3, 'imported articles');
    const frames = project.codes.create({ name: 'Frames', color: '#123456', description: 'How it is framed' });
    const human = project.codes.create({ name: 'Humanitarian \u{1F54A}', parentId: frames.id, color: '#abcdef', description: 'Aid, civilians' });
    const actors = project.codes.create({ name: '\u0641\u0627\u0639\u0644\u0648\u0646', color: '#00ff00' });
    project.codes.create({ name: 'Unused', parentId: actors.id, description: 'no codings, still recreated' });
    const apply = (articleId: number, codeId: number, text: string, needle: string, memo?: string) =>
      project.codings.apply({ articleId, codeId, ...span(text, needle), memo, coder: 'ana' });
    apply(tricky.id, human.id, tricky.text, '\u{1F1F1}\u{1F1E7}', 'flag, "quoted"\nsecond line');
    apply(tricky.id, human.id, tricky.text, '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}');
    apply(tricky.id, actors.id, tricky.text, '\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD', '=1+1');
    apply(tricky.id, frames.id, tricky.text, 'q\u0323\u0307 and CJK \u{20000}');
    apply(ru.id, frames.id, ru.text, 'Правительство', 'gov');
    apply(page.id, actors.id, page.text, 'Second.');
    const exportPath = join(dir, 'export.json');
    await exportJson(project, exportPath);
    return { project, exportPath, tricky, ru, page };
  }

  /** What must survive a round trip, per article text. */
  function fingerprint(project: Project) {
    const codes = project.codes.list().map((c) => [c.path, c.color, c.description]);
    const articles = project.articles.list({ limit: 1000 }).items.map((s) => {
      const a = project.articles.get(s.id);
      const codings = project.codings
        .listForArticle(a.id)
        .map((k) => [k.codePath, k.start, k.end, k.text, k.memo, k.coder, k.createdAt, k.updatedAt])
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
      return { title: a.title, text: a.text, encoding: a.encoding, sourceFile: a.sourceFile, importedAt: a.importedAt, codings };
    });
    articles.sort((x, y) => x.text.localeCompare(y.text));
    return { codes, articles };
  }

  it('recreates articles, codebook and codings exactly in a fresh project', async () => {
    const { project, exportPath } = await source();
    const target = newProject().project;
    const report = await importPaths(target, [exportPath]);
    assert.equal(report.rejected.length, 0, JSON.stringify(report.rejected));
    assert.equal(report.imported.length, 3);
    const firstImported = nth(report.imported, 0, 'imported articles');
    assert.match(firstImported.file, /export\.json \(article \d+\)$/);
    assert.deepEqual(fingerprint(target), fingerprint(project));
    for (const k of target.codings.iterate()) assert.equal(k.text, cpSlice(target.articles.get(k.articleId).text, k.start, k.end));
    assert.equal(target.articles.get(firstImported.articleId).encodingBasis, 'export');
    project.close();
    target.close();
  });

  it('adds nothing when the same export is imported again', async () => {
    const { project, exportPath } = await source();
    const target = newProject().project;
    await importPaths(target, [exportPath]);
    const once = fingerprint(target);
    const counts = target.info();
    const again = await importPaths(target, [exportPath]);
    assert.deepEqual(again.imported, []);
    assert.equal(again.skipped.length, 3);
    for (const s of again.skipped) assert.match(s.reason, /^already in the project as article \d+ \(".*"\); 0 codings added$/s);
    assert.deepEqual(fingerprint(target), once);
    assert.deepEqual(target.info(), counts);
    project.close();
    target.close();
  });

  it('matches an article the project already has by its text, adding only the codings it lacks', async () => {
    const { project, exportPath, ru } = await source();
    const target = newProject().project;
    const existing = nth((await importBytes(target, 'same-text.txt', RUSSIAN)).imported, 0, 'imported files').articleId;
    target.codings.apply({ articleId: existing, codeId: target.codes.ensurePath('Frames').id, ...span(RUSSIAN, 'Правительство'), coder: 'ana', memo: 'mine' });
    target.codings.apply({ articleId: existing, codeId: target.codes.ensurePath('Frames').id, ...span(RUSSIAN, 'Правительство'), coder: 'bo', memo: 'his' });
    const report = await importPaths(target, [exportPath]);
    assert.equal(report.imported.length, 2);
    const matched = report.skipped.find((s) => s.articleId === existing);
    // The one coding on that article is the same code on the same span by the same coder (ana) as the project's own:
    // nothing to add, and the project's coding (with its memo) is kept. bo's coding of that span is his own.
    assert.match(present(matched, 'the matched article among the skipped').reason, /already in the project as article \d+ .*; 0 codings added$/);
    const kept = target.codings.listForArticle(existing);
    assert.deepEqual(
      kept.map((k) => [k.coder, k.memo]),
      [
        ['ana', 'mine'],
        ['bo', 'his'],
      ],
    );
    assert.equal(target.articles.list().total, 3);
    assert.equal(ru.text, RUSSIAN);
    project.close();
    target.close();
  });

  it('counts the codings it adds to a matched article', async () => {
    const { project, exportPath } = await source();
    const target = newProject().project;
    await importBytes(target, 'tricky-copy.txt', TRICKY);
    const report = await importPaths(target, [exportPath]);
    assert.ok(report.skipped.some((s) => /; 4 codings added$/.test(s.reason)), JSON.stringify(report.skipped));
    project.close();
    target.close();
  });

  it('imports an export sent as bytes (browser upload) too', async () => {
    const { project, exportPath } = await source();
    const target = newProject().project;
    const report = await importSources(target, [{ kind: 'bytes', name: 'export.json', bytes: readFileSync(exportPath) }]);
    assert.equal(report.imported.length, 3);
    assert.deepEqual(fingerprint(target), fingerprint(project));
    project.close();
    target.close();
  });

  it('rejects a broken export whole, with a specific reason, and imports the rest of the batch', async () => {
    const { project, exportPath } = await source();
    const good = JSON.parse(readFileSync(exportPath, 'utf8'));
    const variants: [string, (d: typeof good) => unknown, RegExp][] = [
      ['format', (d) => ({ ...d, format: 'other' }), /^not a Gloss export \(format is "other", expected "gloss"\)$/],
      ['version', (d) => ({ ...d, version: 2 }), /version 2, newer than this Gloss reads/],
      ['unit', (d) => ({ ...d, offsetUnit: 'utf16' }), /offsetUnit is "utf16", expected "codepoint"/],
      ['slice', (d) => ({ ...d, codings: d.codings.map((c: { text: string }, i: number) => (i === 1 ? { ...c, text: `${c.text}x` } : c)) }), /text does not match article \d+ at code points \d+–\d+/],
      ['shifted', (d) => ({ ...d, codings: d.codings.map((c: { start: number; end: number }, i: number) => (i === 0 ? { ...c, start: c.start + 1, end: c.end + 1 } : c)) }), /does not match/],
      ['range', (d) => ({ ...d, codings: [{ ...d.codings[0], end: 1_000_000 }] }), /outside article/],
      ['orphan', (d) => ({ ...d, codings: [{ ...d.codings[0], articleId: 424242 }] }), /refers to article 424242, which is not in the file/],
      ['shape', (d) => ({ ...d, codes: undefined }), /^not a valid Gloss export: codes /],
      ['colour', (d) => ({ ...d, codes: [{ ...d.codes[0], color: 'red' }] }), /codes\.0\.color is not a #rrggbb colour/],
      ['carriage return', (d) => ({ ...d, articles: d.articles.map((a: { text: string }, i: number) => (i === 2 ? { ...a, text: `${a.text}\r` } : a)) }), /carriage return/],
    ];
    const dir = tempDir();
    const files = variants.map(([name, change]) => writeFile(dir, `${name}.json`, JSON.stringify(change(good))));
    files.push(writeFile(dir, 'not-json.json', '{"format": "gloss", '));
    files.push(writeFile(dir, 'fine.txt', 'A plain article in the same batch.'));
    const target = newProject().project;
    const report = await importPaths(target, files);
    assert.deepEqual(report.imported.map((i) => i.file.split('/').pop()), ['fine.txt']);
    const reasons = new Map(report.rejected.map((r) => [r.file.split('/').pop(), r.reason]));
    for (const [name, , reason] of variants) assert.match(reasons.get(`${name}.json`) ?? '(not rejected)', reason, name);
    assert.match(reasons.get('not-json.json')!, /^not valid JSON \(/);
    assert.deepEqual([target.codes.count(), target.codings.count(), target.articles.count()], [0, 0, 1]);
    project.close();
    target.close();
  });

  it('works from the command line: gloss import <project> <export.json>', { skip: builtOrSkip(builtCli) }, async () => {
    const { project, exportPath } = await source();
    const expected = fingerprint(project);
    project.close();
    const dir = tempDir();
    const target = join(dir, 'cli.gloss');
    const run = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
    assert.equal(run('init', target).status, 0);
    const first = run('import', target, exportPath, '--json');
    assert.equal(first.status, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).imported.length, 3);
    const second = run('import', target, exportPath, '--json');
    assert.equal(second.status, 0, second.stderr);
    const again = JSON.parse(second.stdout);
    assert.deepEqual([again.imported.length, again.skipped.length], [0, 3]);
    const reopened = Project.open(target, { readOnly: true });
    assert.deepEqual(fingerprint(reopened), expected);
    reopened.close();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format: 'gloss', version: 9, offsetUnit: 'codepoint' }));
    const bad = run('import', target, join(dir, 'bad.json'));
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /rejected .*bad\.json .*version 9, newer than this Gloss reads/);
  });
});
