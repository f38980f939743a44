// Coders as people, blind coding and tombstones (issue #12): migration 010 on a project of the previous format, a
// rename that reaches every coding and memo in one undo step, two coders on the identical span, deletions visible
// as tombstones, and every read a blind window makes narrowed to its own coder — and saying so.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppState } from '../../src-main/core/appState';
import { Session } from '../../src-main/core/session';
import type { BlindState, Coder, Coding, Tombstone } from '../../src-main/contract/types';
import { dispatch } from '../../src-main/core/dispatch';
import { callOk, directTransport, spanOf, tempDir, testHostAdapter } from './helpers';
import { databaseAfterMigrations, openUpgraded } from './old-formats';
import { nth } from './present';

const TEXT = 'Aid convoy waits at the crossing. Officials traded blame.';

/** A project file in the format before coders had a table (schema 9), holding codings by three spellings of two people. */
function projectAtVersion9(): string {
  const path = join(tempDir(), 'v9.gloss');
  const db = databaseAfterMigrations(path, 9);
  db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, text, length)
    VALUES ('Convoy', 'convoy.txt', '2026-01-01T00:00:00.000Z', ?, 'UTF-8', ?, ?)`).run('a'.repeat(64), TEXT, [...TEXT].length);
  db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('Aid', '#e6194b', '2026-01-01T00:00:00.000Z')").run();
  const coding = db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, memo, coder, created_at, updated_at)
    VALUES (1, 1, ?, ?, ?, '', ?, ?, ?)`);
  const add = (needle: string, coder: string, when: string) => {
    const { start, end } = spanOf(TEXT, needle);
    coding.run(start, end, needle, coder, when, when);
  };
  add('Aid convoy', 'Ann', '2026-01-02T00:00:00.000Z');
  add('crossing', 'ann', '2026-01-03T00:00:00.000Z');
  add('Officials', 'Ann', '2026-01-04T00:00:00.000Z');
  add('traded blame', 'Bob', '2026-01-05T00:00:00.000Z');
  // Bob's REFI-QDA GUID, remembered by migration 009 from an imported .qdpx.
  db.prepare("INSERT INTO refi_guids (kind, key, guid) VALUES ('coder', 'Bob', 'ABCDEF01-2345-4678-89AB-CDEF01234567')").run();
  db.prepare("INSERT INTO memos (kind, plain, updated_at) VALUES ('project', 'Project memo', '2026-01-06T00:00:00.000Z')").run();
  db.close();
  return path;
}

/** A session as a window has it (the app or the web host: blind by default once a team is set up). */
function windowSession(dir = tempDir('gloss-team-')): { session: Session; call: ReturnType<typeof directTransport>; dir: string } {
  const session = new Session(new AppState(join(dir, 'state')), { ...testHostAdapter(dir), kind: 'electron' });
  return { session, call: directTransport(session), dir };
}

/** A window with a new project `fileName` open, the convoy TEXT imported as an article, and the code Aid. */
async function convoyProject(fileName: string) {
  const { session, call, dir } = windowSession();
  await callOk(call, 'project.create', { path: join(dir, fileName) });
  const report = await callOk<{ imported: { articleId: number }[] }>(call, 'articles.importFiles', {
    files: [{ name: 'convoy.txt', base64: Buffer.from(TEXT).toString('base64') }],
  });
  const articleId = nth(report.imported, 0, 'imported articles').articleId;
  const aid = (await callOk<{ id: number }>(call, 'codes.create', { name: 'Aid' })).id;
  return { session, call, dir, articleId, aid };
}

async function twoCoderProject() {
  const { session, call, dir, articleId, aid } = await convoyProject('team.gloss');
  const blame = (await callOk<{ id: number }>(call, 'codes.create', { name: 'Blame' })).id;
  const apply = (codeId: number, needle: string) => callOk<Coding>(call, 'codings.apply', { articleId, codeId, ...spanOf(TEXT, needle) });
  await callOk(call, 'coders.setCurrent', { name: 'Ann' });
  await apply(aid, 'Aid convoy');
  await apply(blame, 'traded blame');
  await callOk(call, 'memos.set', { target: { kind: 'article', id: articleId }, plain: "Ann's note", rich: null });
  await callOk(call, 'coders.setCurrent', { name: 'Bob' });
  await apply(aid, 'Aid convoy');
  await apply(aid, 'crossing');
  return { session, call, dir, articleId, aid, blame };
}

describe('migration 010 on a project of the previous format', () => {
  test('every coder named on a coding becomes a coder (one per person, ignoring case), with REFI GUIDs reused; rows, ids and offset triggers kept', () => {
    const path = projectAtVersion9();
    const project = openUpgraded(path);
    try {
      const coders = project.coders.list();
      assert.deepEqual(
        coders.map((c) => [c.name, c.codings]),
        [
          ['Ann', 3],
          ['Bob', 1],
        ],
      );
      const bob = coders.find((c) => c.name === 'Bob')!;
      assert.equal(bob.guid, 'ABCDEF01-2345-4678-89AB-CDEF01234567');
      const ann = coders.find((c) => c.name === 'Ann')!;
      assert.match(ann.guid, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      assert.notEqual(ann.colour, bob.colour);
      assert.match(ann.colour, /^#[0-9A-F]{6}$/);
      // The coding spelt "ann" now names Ann; its id, text and offsets are as they were.
      const codings = project.codings.listForArticle(1);
      assert.deepEqual(
        codings.map((k) => [k.id, k.text, k.coder]),
        [
          [1, 'Aid convoy', 'Ann'],
          [2, 'crossing', 'Ann'],
          [3, 'Officials', 'Ann'],
          [4, 'traded blame', 'Bob'],
        ],
      );
      // The offset triggers of migration 001 still guard the text.
      assert.throws(
        () => project.db.prepare(`UPDATE codings SET start = start + 1 WHERE id = 1`).run(),
        /coding text differs from the article text at its offsets/,
      );
      assert.throws(
        () => project.db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, coder, created_at, updated_at) VALUES (1, 1, 0, 999, 'x', 'Ann', 't', 't')`).run(),
        /coding end is past the end of the article/,
      );
      // Memos from before know when they were written, not who wrote them.
      const memo = project.db.prepare("SELECT coder, created_at AS createdAt FROM memos WHERE kind = 'project'").get() as { coder: string | null; createdAt: string };
      assert.deepEqual(memo, { coder: null, createdAt: '2026-01-06T00:00:00.000Z' });
      assert.deepEqual(project.db.pragma('foreign_key_check'), []);
    } finally {
      project.close();
    }
  });
});

describe('coders', () => {
  test('every coding and memo records the current coder; coders.list counts them and names the current one', async () => {
    const { call, articleId } = await twoCoderProject();
    const list = await callOk<{ coders: Coder[]; current: string | null; remembered: string }>(call, 'coders.list', {});
    assert.deepEqual(
      list.coders.map((c) => [c.name, c.codings, c.memos]),
      [
        ['Ann', 2, 1],
        ['Bob', 2, 0],
      ],
    );
    assert.equal(list.current, 'Bob');
    assert.equal(list.remembered, 'Bob', 'the choice is remembered in the app settings');
    const memo = await callOk<{ coder: string | null; createdAt: string | null; updatedAt: string | null }>(call, 'memos.get', { target: { kind: 'article', id: articleId } });
    assert.equal(memo.coder, 'Ann');
    assert.equal(memo.createdAt, memo.updatedAt);
    await callOk(call, 'team.setBlind', { on: false });
    const all = await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId });
    assert.deepEqual(all.codings.map((k) => `${k.text}/${k.coder}`).sort(), ['Aid convoy/Ann', 'Aid convoy/Bob', 'crossing/Bob', 'traded blame/Ann']);
  });

  test('two coders may code the identical span with the same code; one coder twice is a conflict', async () => {
    const { call, articleId, aid } = await twoCoderProject();
    const again = await call('codings.apply', { articleId, codeId: aid, ...spanOf(TEXT, 'Aid convoy') });
    assert.equal(again.ok, false);
    assert.match(!again.ok ? again.error.message : '', /already has that code/);
    await callOk(call, 'team.setBlind', { on: false });
    const same = (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId })).codings.filter((k) => k.text === 'Aid convoy');
    assert.deepEqual(same.map((k) => k.coder).sort(), ['Ann', 'Bob']);
  });

  test('a rename renames the coder on every coding and memo, and one undo brings the old name back everywhere', async () => {
    const { session, call, articleId } = await twoCoderProject();
    await callOk(call, 'team.setBlind', { on: false });
    const ann = (await callOk<{ coders: Coder[] }>(call, 'coders.list', {})).coders.find((c) => c.name === 'Ann')!;
    const renamed = await callOk<Coder>(call, 'coders.update', { id: ann.id, name: 'Ann Lee', colour: '#123456' });
    assert.deepEqual([renamed.name, renamed.colour, renamed.guid, renamed.codings, renamed.memos], ['Ann Lee', '#123456', ann.guid, 2, 1]);
    const coderNames = async () => (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId })).codings.map((k) => k.coder).sort();
    assert.deepEqual(await coderNames(), ['Ann Lee', 'Ann Lee', 'Bob', 'Bob']);
    const memoCoder = () => session.currentProject!.db.prepare("SELECT coder FROM memos WHERE kind = 'article'").pluck().get();
    assert.equal(memoCoder(), 'Ann Lee');
    // A name another coder has (in any case) is refused.
    const clash = await call('coders.update', { id: ann.id, name: 'BOB' });
    assert.equal(clash.ok, false);
    assert.match(!clash.ok ? clash.error.message : '', /already a coder named "Bob"/);
    const undone = await callOk<{ label: string }>(call, 'history.undo', {});
    assert.equal(undone.label, 'Rename coder');
    assert.deepEqual(await coderNames(), ['Ann', 'Ann', 'Bob', 'Bob']);
    assert.equal(memoCoder(), 'Ann');
    await callOk(call, 'history.redo', {});
    assert.deepEqual(await coderNames(), ['Ann Lee', 'Ann Lee', 'Bob', 'Bob']);
  });

  test("renaming this window's coder: new codings carry the new name, after an undo the old one, and no stray coder appears", async () => {
    const { call, articleId, blame } = await twoCoderProject();
    const bob = (await callOk<{ coders: Coder[] }>(call, 'coders.list', {})).coders.find((c) => c.name === 'Bob')!;
    await callOk(call, 'coders.update', { id: bob.id, name: 'Robert' });
    const listed = await callOk<{ current: string | null; remembered: string }>(call, 'coders.list', {});
    assert.deepEqual([listed.current, listed.remembered], ['Robert', 'Robert']);
    const made = await callOk<Coding>(call, 'codings.apply', { articleId, codeId: blame, ...spanOf(TEXT, 'Officials') });
    assert.equal(made.coder, 'Robert');
    await callOk(call, 'history.undo', {});
    await callOk(call, 'history.undo', {});
    const again = await callOk<Coding>(call, 'codings.apply', { articleId, codeId: blame, ...spanOf(TEXT, 'Officials') });
    assert.equal(again.coder, 'Bob');
    assert.deepEqual((await callOk<{ coders: Coder[] }>(call, 'coders.list', {})).coders.map((c) => c.name), ['Ann', 'Bob']);
  });

  test('coders.create refuses a taken name; setCurrent by id or name, and a new name becomes a coder', async () => {
    const { call } = await twoCoderProject();
    const dup = await call('coders.create', { name: 'ann' });
    assert.equal(dup.ok, false);
    const cy = await callOk<Coder>(call, 'coders.create', { name: 'Cy', colour: '#00aa00' });
    assert.equal(cy.colour, '#00AA00');
    const byId = await callOk<{ current: Coder }>(call, 'coders.setCurrent', { id: cy.id });
    assert.equal(byId.current.name, 'Cy');
    const fresh = await callOk<{ current: Coder }>(call, 'coders.setCurrent', { name: 'Dee' });
    assert.equal(fresh.current.name, 'Dee');
    assert.deepEqual((await callOk<{ coders: Coder[] }>(call, 'coders.list', {})).coders.map((c) => c.name), ['Ann', 'Bob', 'Cy', 'Dee']);
    const both = await call('coders.setCurrent', { id: cy.id, name: 'Cy' });
    assert.equal(both.ok, false);
  });
});

describe('tombstones', () => {
  test('deleting a coding, a memo, a code and an article leaves tombstones with their GUIDs; undoing the deletion removes them', async () => {
    const { session, call, articleId, blame } = await twoCoderProject();
    const db = session.currentProject!.db;
    const guidOf = (table: string, id: number) => db.prepare(`SELECT guid FROM ${table} WHERE id = ?`).pluck().get(id) as string;
    await callOk(call, 'team.setBlind', { on: false });
    const crossing = (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId })).codings.find((k) => k.text === 'crossing')!;
    const codingGuid = guidOf('codings', crossing.id);
    await callOk(call, 'codings.remove', { id: crossing.id });
    let stones = (await callOk<{ tombstones: Tombstone[] }>(call, 'team.tombstones', {})).tombstones;
    assert.deepEqual(
      stones.map((t) => [t.kind, t.guid, t.coder]),
      [['coding', codingGuid, 'Bob']],
    );
    assert.ok(!Number.isNaN(Date.parse(stones[0]!.deletedAt)));
    await callOk(call, 'history.undo', {});
    assert.deepEqual((await callOk<{ tombstones: Tombstone[] }>(call, 'team.tombstones', {})).tombstones, [], 'the coding is back, so is its GUID');

    const blameGuid = guidOf('codes', blame);
    const articleGuid = guidOf('articles', articleId);
    const memoGuid = db.prepare("SELECT guid FROM memos WHERE kind = 'article'").pluck().get() as string;
    await callOk(call, 'codes.delete', { id: blame });
    await callOk(call, 'articles.delete', { id: articleId });
    stones = (await callOk<{ tombstones: Tombstone[] }>(call, 'team.tombstones', {})).tombstones;
    const kinds = new Map<string, string[]>();
    for (const t of stones) kinds.set(t.kind, [...(kinds.get(t.kind) ?? []), t.guid]);
    assert.deepEqual(kinds.get('code'), [blameGuid]);
    assert.deepEqual(kinds.get('article'), [articleGuid]);
    assert.deepEqual(kinds.get('memo'), [memoGuid]);
    // Ann's "traded blame" went with its code; the other three with the article.
    assert.equal(kinds.get('coding')?.length, 4);
  });
});

describe('blind coding', () => {
  test('on by default once two coders have codings; every read that shows codings is narrowed to this window\'s coder and says so', async () => {
    const { call, dir, articleId, aid } = await twoCoderProject();
    const blind = await callOk<BlindState>(call, 'team.blind', {});
    assert.deepEqual(blind, { on: true, coder: 'Bob', explicit: false, teamSetUp: true, setupSetting: false });

    const listed = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForArticle', { articleId });
    assert.equal(listed.filteredToCoder, 'Bob');
    assert.deepEqual(listed.codings.map((k) => k.text), ['Aid convoy', 'crossing']);
    // Asking for another coder's codings does not lift the blind.
    const peek = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForArticle', { articleId, coder: 'Ann' });
    assert.deepEqual([peek.filteredToCoder, peek.codings.length], ['Bob', 2]);

    const articles = await callOk<{ items: { codingCount: number }[]; filteredToCoder?: string }>(call, 'articles.list', {});
    assert.deepEqual([articles.filteredToCoder, articles.items.map((a) => a.codingCount)], ['Bob', [2]]);
    const codes = await callOk<{ codes: { name: string; codingCount: number }[]; filteredToCoder?: string }>(call, 'codes.list', {});
    assert.deepEqual([codes.filteredToCoder, codes.codes.map((c) => [c.name, c.codingCount])], ['Bob', [['Aid', 2], ['Blame', 0]]]);

    const counts = await callOk<{ rows: { codePath: string; codings: number }[]; filteredToCoder?: string }>(call, 'counts.codes', { rollUp: false });
    assert.equal(counts.filteredToCoder, 'Bob');
    assert.deepEqual(counts.rows.map((r) => [r.codePath, r.codings]), [['Aid', 2], ['Blame', 0]]);
    const table = await callOk<{ rows: { key: string; count: number }[]; filteredToCoder?: string }>(call, 'counts.table', { by: 'code' });
    assert.deepEqual([table.filteredToCoder, table.rows], ['Bob', [{ key: 'Aid', count: 2 }, { key: 'Blame', count: 0 }]]);
    const matrix = await callOk<{ matrix: number[][]; filteredToCoder?: string }>(call, 'counts.cooccurrence', { unit: 'article', rollUp: false });
    assert.deepEqual([matrix.filteredToCoder, matrix.matrix], ['Bob', [[1, 0], [0, 0]]]);

    const passages = await callOk<{ total: number; items: { text: string; coder: string }[]; filteredToCoder?: string }>(call, 'retrieve.passages', { codeIds: [aid] });
    assert.deepEqual([passages.filteredToCoder, passages.items.map((p) => `${p.text}/${p.coder}`)], ['Bob', ['Aid convoy/Bob', 'crossing/Bob']]);

    const csvPath = join(dir, 'blind.csv');
    const csv = await callOk<{ codings: number; filteredToCoder?: string }>(call, 'export.csv', { path: csvPath });
    assert.deepEqual([csv.codings, csv.filteredToCoder], [2, 'Bob']);
    const csvText = readFileSync(csvPath, 'utf8');
    assert.ok(!csvText.includes(',Ann,'), 'no coding of Ann in a blind export');
    const jsonPath = join(dir, 'blind.json');
    const json = await callOk<{ codings: number; filteredToCoder?: string }>(call, 'export.json', { path: jsonPath });
    assert.deepEqual([json.codings, json.filteredToCoder], [2, 'Bob']);
    const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { codings: { coder: string }[] };
    assert.deepEqual([...new Set(exported.codings.map((k) => k.coder))], ['Bob']);

    const doccanoPath = join(dir, 'blind.jsonl');
    const doccano = await callOk<{ codings: number; filteredToCoder?: string }>(call, 'export.annotations', { format: 'doccano', path: doccanoPath });
    assert.deepEqual([doccano.codings, doccano.filteredToCoder], [2, 'Bob']);
    assert.ok(!readFileSync(doccanoPath, 'utf8').includes('Ann'), 'no coding of Ann in a blind doccano export');
    // Coding memos: a blind window finds only its own coder's.
    const bobCoding = listed.codings[0]!.id;
    await callOk(call, 'memos.set', { target: { kind: 'coding', id: bobCoding }, plain: 'convoy note by Bob', rich: null });
    await callOk(call, 'team.setBlind', { on: false });
    const annCoding = (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId, coder: 'Ann' })).codings[0]!.id;
    await callOk(call, 'memos.set', { target: { kind: 'coding', id: annCoding }, plain: 'convoy note by Ann', rich: null });
    assert.equal((await callOk<{ total: number }>(call, 'memos.search', { query: 'convoy note' })).total, 2);
    await callOk(call, 'team.setBlind', { on: true });
    const memoHits = await callOk<{ total: number; hits: { text: string }[]; filteredToCoder?: string }>(call, 'memos.search', { query: 'convoy note' });
    assert.deepEqual([memoHits.total, memoHits.filteredToCoder], [1, 'Bob']);

    // Turned off, the window sees everyone again, and nothing says it was filtered.
    const off = await callOk<BlindState>(call, 'team.setBlind', { on: false });
    assert.deepEqual([off.on, off.explicit], [false, true]);
    const open = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForArticle', { articleId });
    assert.deepEqual([open.filteredToCoder, open.codings.length], [undefined, 4]);
    // An explicit coder filter still narrows (and says so) when not blind.
    const asked = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForArticle', { articleId, coder: 'ann' });
    assert.deepEqual([asked.filteredToCoder, asked.codings.length], ['Ann', 2]);
    const all = await callOk<{ codings: number; filteredToCoder?: string }>(call, 'export.csv', { path: join(dir, 'all.csv') });
    assert.deepEqual([all.codings, all.filteredToCoder], [4, undefined]);
  });

  test('off with one coder; the project setting team.setup turns it on by default; search hits skip only my own codings', async () => {
    const { session, call, articleId, aid } = await convoyProject('solo.gloss');
    await callOk(call, 'coders.setCurrent', { name: 'Ann' });
    await callOk(call, 'codings.apply', { articleId, codeId: aid, ...spanOf(TEXT, 'convoy') });
    assert.equal((await callOk<BlindState>(call, 'team.blind', {})).on, false);
    const set = await callOk<BlindState>(call, 'team.setup', { on: true });
    assert.deepEqual([set.on, set.teamSetUp, set.setupSetting], [true, true, true]);
    // Bob codes every "convoy" hit: Ann's identical coding is not his, so it is no reason to skip.
    await callOk(call, 'coders.setCurrent', { name: 'Bob' });
    const hits = await callOk<{ created: number; skipped: number }>(call, 'search.codeHits', { search: { query: 'convoy', mode: 'fts' }, codeId: aid });
    assert.deepEqual([hits.created, hits.skipped], [1, 0]);
    const again = await callOk<{ created: number; skipped: number }>(call, 'search.codeHits', { search: { query: 'convoy', mode: 'fts' }, codeId: aid });
    assert.deepEqual([again.created, again.skipped], [0, 1]);
    session.closeProject();
  });

  test('the command line is never blind by default: a script sees every coder unless it asks for one', async () => {
    const { session } = await twoCoderProject();
    const path = session.currentProject!.path;
    session.closeProject();
    const dir = tempDir('gloss-cli-');
    const cli = new Session(new AppState(join(dir, 'state')), testHostAdapter(dir));
    const call = directTransport(cli);
    await callOk(call, 'project.open', { path });
    assert.equal((await callOk<BlindState>(call, 'team.blind', {})).on, false);
    const listed = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForArticle', { articleId: 1 });
    assert.deepEqual([listed.codings.length, listed.filteredToCoder], [4, undefined]);
    cli.closeProject();
  });

  test('two windows on one project keep their own coder and blind mode', async () => {
    const { session, articleId } = await twoCoderProject();
    const windowOf = (id: string) => (name: string, payload: unknown) => dispatch(session, name, payload, id);
    const ann = windowOf('window-ann');
    const bob = windowOf('window-bob');
    await callOk(ann, 'coders.setCurrent', { name: 'Ann' });
    await callOk(bob, 'coders.setCurrent', { name: 'Bob' });
    const annSees = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(ann, 'codings.listForArticle', { articleId });
    const bobSees = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(bob, 'codings.listForArticle', { articleId });
    assert.deepEqual([annSees.filteredToCoder, annSees.codings.map((k) => k.text)], ['Ann', ['Aid convoy', 'traded blame']]);
    assert.deepEqual([bobSees.filteredToCoder, bobSees.codings.map((k) => k.text)], ['Bob', ['Aid convoy', 'crossing']]);
    // A coding made in Ann's window is Ann's, whatever Bob's window chose.
    const made = await callOk<Coding>(ann, 'codings.apply', { articleId, codeId: 1, ...spanOf(TEXT, 'Officials') });
    assert.equal(made.coder, 'Ann');
    // Bob lifts his blind; Ann's window stays blind.
    await callOk(bob, 'team.setBlind', { on: false });
    assert.equal((await callOk<BlindState>(ann, 'team.blind', {})).on, true);
    assert.equal((await callOk<{ codings: Coding[] }>(bob, 'codings.listForArticle', { articleId })).codings.length, 5);
    assert.equal((await callOk<{ codings: Coding[] }>(ann, 'codings.listForArticle', { articleId })).codings.length, 3);
  });
});
