// Merging a teammate's work (#12, #11): another .gloss, a Gloss JSON export or a .qdpx into the open project, through
// the dispatcher as every host calls it, on real project files. What the analyst gets is checked: which articles,
// codes and codings the project holds afterwards, what the preview and the report say, that a second merge adds
// nothing, that conflicts are decided as asked, that one undo restores every table, and that a broken source is
// refused with a clear message and writes nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Code, Coding } from '../../src-main/contract/types';
import type { MergePreview, MergeReport } from '../../src-main/contract/merge';
import { allRows, callOk, directTransport, newSession, repoRoot, spanOf, tempDir, importArticles, openNewProject, type OpenProject } from './helpers';

const ONE = 'Aid convoy 🇱🇧 waits at the crossing.\nOfficials traded blame.\n';
const TWO = 'Talks resume in Cairo; mediators hope for a truce.\n';
const THREE = 'A third report: trucks crossed at dawn\nThey waited.\n';

/** A new project `name` in `dir` (the projects of one merge share a folder), open in a session of its own. */
const open = (name: string, dir = tempDir('gloss-merge-')): Promise<OpenProject> => openNewProject(name, { dir });

async function code(p: OpenProject, articleId: number, text: string, passage: string, codePath: string, coder: string): Promise<Coding> {
  await callOk(p.call, 'settings.update', { coderName: coder });
  return callOk<Coding>(p.call, 'codings.apply', { articleId, codePath, ...spanOf(text, passage) });
}

async function codes(p: OpenProject): Promise<Code[]> {
  return (await callOk<{ codes: Code[] }>(p.call, 'codes.list')).codes;
}

async function codingsOf(p: OpenProject, articleId: number): Promise<Coding[]> {
  return (await callOk<{ codings: Coding[] }>(p.call, 'codings.listForArticle', { articleId })).codings;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * The lead's project (articles ONE and TWO, maria's codings) and a teammate's copy made with "Export for a coder":
 * omar codes in it, adds an article, a code, and gives Frames/Aid another colour.
 */
async function leadAndTeammate() {
  const lead = await open('lead.gloss');
  const [one, two] = (await importArticles(lead.call, { 'one.txt': ONE, 'two.txt': TWO })) as [number, number];
  await code(lead, one, ONE, 'Aid convoy', 'Frames/Aid', 'maria');
  await code(lead, two, TWO, 'Talks resume', 'Frames/Diplomacy', 'maria');
  await callOk(lead.call, 'codes.update', { id: (await codes(lead)).find((c) => c.path === 'Frames/Aid')!.id, description: 'help arriving' });
  const teamFile = join(lead.dir, 'for-omar.gloss');
  const exported = await callOk<{ articles: number; codings: number }>(lead.call, 'export.forCoder', { coder: 'omar', path: teamFile });
  assert.deepEqual([exported.articles, exported.codings], [2, 0], 'all articles, none of maria\'s codings');

  const { session } = newSession();
  const team: OpenProject = { session, call: directTransport(session), dir: lead.dir, path: teamFile };
  await callOk(team.call, 'project.open', { path: teamFile });
  const [three] = (await importArticles(team.call, { 'three.txt': THREE })) as [number];
  await code(team, one, ONE, 'Aid convoy', 'Frames/Aid', 'omar'); // same span as maria's, another coder
  await code(team, one, ONE, 'Officials traded blame', 'Frames/Blame', 'omar'); // a new code
  await code(team, three, THREE, 'trucks crossed', 'Frames/Aid', 'omar'); // on a new article
  await callOk(team.call, 'codes.update', { id: (await codes(team)).find((c) => c.path === 'Frames/Aid')!.id, color: '#123456' });
  await callOk(team.call, 'memos.set', { target: { kind: 'article', id: one }, plain: 'Omar: check the date', rich: null });
  team.session.closeProject();
  return { lead, teamFile, one, two };
}

describe('merging a teammate\'s .gloss project', () => {
  test('preview lists new, matched and conflicting codes and codings per coder, and writes nothing', async () => {
    const { lead, teamFile } = await leadAndTeammate();
    const before = allRows(lead.session.currentProject!.db);
    const sourceHash = sha(teamFile);
    const preview = await callOk<MergePreview>(lead.call, 'project.mergePreview', { path: teamFile });
    assert.equal(preview.source.kind, 'gloss');
    assert.deepEqual(preview.articles.new.map((a) => a.title), ['A third report: trucks crossed at dawn'], 'titled by its first line');
    assert.equal(preview.articles.matched.length, 2);
    assert.deepEqual(preview.codes.new.map((c) => c.path), ['Frames/Blame']);
    assert.deepEqual(
      preview.codes.matched.map((c) => [c.path, c.by]).sort(),
      [['Frames', 'guid'], ['Frames/Diplomacy', 'guid']],
    );
    assert.equal(preview.codes.conflicts.length, 1);
    const conflict = preview.codes.conflicts[0]!;
    assert.deepEqual([conflict.path, conflict.kind, conflict.ours.color === '#123456', conflict.theirs.color, conflict.decision], ['Frames/Aid', 'look', false, '#123456', 'ours']);
    // Omar's coding of maria's span is added: codings are unique per coder.
    assert.deepEqual(preview.codings.byCoder, [{ coder: 'omar', add: 3, duplicates: 0, sameSpanOtherCoder: 0 }]);
    assert.deepEqual(preview.coders.new, ['omar']);
    assert.deepEqual(allRows(lead.session.currentProject!.db), before, 'a preview writes nothing');
    assert.equal(sha(teamFile), sourceHash, 'the source file is only read');
  });

  test('merge adds their articles, codes and codings with their coder; a second merge adds nothing; one undo restores every table', async () => {
    const { lead, teamFile, one } = await leadAndTeammate();
    const db = lead.session.currentProject!.db;
    const before = allRows(db);
    const sourceHash = sha(teamFile);
    const report = await callOk<MergeReport>(lead.call, 'project.merge', { path: teamFile });
    assert.equal(report.added.articles, 1);
    assert.equal(report.added.codes, 1);
    assert.equal(report.added.coders, 1);
    assert.equal(report.added.memos, 1);
    assert.equal(report.matched.articles, 2);
    assert.equal(report.conflicts[0]!.decision, 'ours');
    assert.match(report.conflicts[0]!.outcome, /kept ours/);
    const onOne = await codingsOf(lead, one);
    assert.ok(onOne.some((c) => c.coder === 'omar' && c.codePath === 'Frames/Blame' && c.text === 'Officials traded blame'));
    assert.ok(onOne.some((c) => c.coder === 'maria' && c.codePath === 'Frames/Aid'), 'nothing of the target is lost');
    assert.equal((await codes(lead)).find((c) => c.path === 'Frames/Aid')!.color !== '#123456', true, 'ours kept by default');
    const three = (await callOk<{ items: { id: number; title: string }[] }>(lead.call, 'articles.list', {})).items.find((a) => a.title.startsWith('A third report'))!;
    assert.deepEqual((await codingsOf(lead, three.id)).map((c) => [c.codePath, c.text, c.coder]), [['Frames/Aid', 'trucks crossed', 'omar']]);
    assert.equal(sha(teamFile), sourceHash, 'the source file is only read');
    // Omar comes over as a person: the GUID and colour his project gave him.
    const theirs = new Database(teamFile, { readonly: true });
    const omar = theirs.prepare("SELECT guid, color FROM coders WHERE name = 'omar'").get();
    theirs.close();
    assert.ok(omar, 'the teammate\'s project has omar as a coder');
    assert.deepEqual(db.prepare("SELECT guid, color FROM coders WHERE name = 'omar'").get(), omar);

    const afterFirst = allRows(db);
    const again = await callOk<MergeReport>(lead.call, 'project.merge', { path: teamFile });
    assert.deepEqual(again.added, { articles: 0, codes: 0, codings: 0, memos: 0, coders: 0, attributeValues: 0 });
    assert.equal(again.skipped.duplicates + again.skipped.sameSpanOtherCoder, report.added.codings + report.skipped.sameSpanOtherCoder);
    assert.equal(again.matched.articles, 3);
    assert.deepEqual(allRows(db), afterFirst, 'the second merge wrote nothing');

    const state = await callOk<{ undoLabel: string }>(lead.call, 'history.state');
    assert.equal(state.undoLabel, 'Merge for-omar.gloss', 'the repeated merge left no empty step');
    await callOk(lead.call, 'history.undo');
    assert.deepEqual(allRows(db), before, 'one undo restores every table byte for byte');
    await callOk(lead.call, 'history.redo');
    assert.deepEqual(allRows(db), afterFirst);
  });

  test('conflicts decided each way: ours keeps our look, theirs takes their colour, both adds "Name (2)" with their codings', async () => {
    for (const decision of ['ours', 'theirs', 'both'] as const) {
      const { lead, teamFile, one } = await leadAndTeammate();
      const ours = (await codes(lead)).find((c) => c.path === 'Frames/Aid')!;
      const preview = await callOk<MergePreview>(lead.call, 'project.mergePreview', { path: teamFile, decisions: { 'Frames/Aid': decision } });
      assert.equal(preview.codes.conflicts[0]!.decision, decision);
      const report = await callOk<MergeReport>(lead.call, 'project.merge', { path: teamFile, decisions: { 'Frames/Aid': decision } });
      const after = await codes(lead);
      const aid = after.find((c) => c.id === ours.id)!;
      if (decision === 'ours') assert.deepEqual([aid.color, aid.description], [ours.color, ours.description]);
      if (decision === 'theirs') assert.deepEqual([aid.color, aid.path], ['#123456', 'Frames/Aid']);
      if (decision === 'both') {
        assert.deepEqual([aid.color, aid.description], [ours.color, ours.description]);
        const two = after.find((c) => c.path === 'Frames/Aid (2)');
        assert.ok(two, `a second code: ${after.map((c) => c.path).join(', ')}`);
        assert.equal(two.color, '#123456');
        assert.ok((await codingsOf(lead, one)).some((c) => c.codePath === 'Frames/Aid (2)' && c.coder === 'omar'));
        assert.match(report.conflicts[0]!.outcome, /Frames\/Aid \(2\)/);
      } else {
        // Omar's coding of the very span maria coded is his own coding (codings are unique per coder).
        const aidCoders = (await codingsOf(lead, one)).filter((c) => c.codePath === 'Frames/Aid').map((c) => c.coder).sort();
        assert.deepEqual(aidCoders, ['maria', 'omar']);
        assert.equal(report.skipped.sameSpanOtherCoder, 0);
      }
    }
  });

  test('the same GUID under another path is a conflict; "theirs" renames our code', async () => {
    const { lead, teamFile } = await leadAndTeammate();
    // The teammate renamed Frames/Diplomacy to Frames/Negotiation: same GUID, another path.
    const db = new Database(teamFile);
    db.prepare("UPDATE codes SET name = 'Negotiation' WHERE name = 'Diplomacy'").run();
    db.close();
    const diplomacy = (await codes(lead)).find((c) => c.path === 'Frames/Diplomacy')!;
    const preview = await callOk<MergePreview>(lead.call, 'project.mergePreview', { path: teamFile });
    const conflict = preview.codes.conflicts.find((c) => c.kind === 'path')!;
    assert.deepEqual([conflict.path, conflict.ours.path], ['Frames/Negotiation', 'Frames/Diplomacy']);
    await callOk(lead.call, 'project.merge', { path: teamFile, defaultDecision: 'theirs' });
    assert.equal((await codes(lead)).find((c) => c.id === diplomacy.id)!.path, 'Frames/Negotiation');
  });
});

describe('merging a Gloss JSON export and a REFI-QDA project', () => {
  for (const format of ['json', 'qdpx'] as const) {
    test(`${format}: articles matched by text, codes by ${format === 'qdpx' ? 'GUID' : 'path'}, codings with their coder; twice adds nothing; undo restores`, async () => {
      const { lead, teamFile, one } = await leadAndTeammate();
      // The teammate's work, exported by the teammate in this format.
      const { session } = newSession();
      const team: OpenProject = { session, call: directTransport(session), dir: lead.dir, path: teamFile };
      await callOk(team.call, 'project.open', { path: teamFile });
      const out = join(lead.dir, `teammate.${format}`);
      if (format === 'json') await callOk(team.call, 'export.json', { path: out });
      else await callOk(team.call, 'export.refi', { format: 'qdpx', path: out });
      team.session.closeProject();

      const db = lead.session.currentProject!.db;
      const before = allRows(db);
      const report = await callOk<MergeReport>(lead.call, 'project.merge', { path: out });
      assert.equal(report.source.kind, format);
      assert.equal(report.added.articles, 1);
      assert.equal(report.matched.articles, 2);
      assert.equal(report.added.codes, 1, 'Frames/Blame');
      assert.ok(report.added.codings >= 2);
      assert.deepEqual(report.unfit, []);
      const onOne = await codingsOf(lead, one);
      assert.ok(onOne.some((c) => c.coder === 'omar' && c.codePath === 'Frames/Blame' && c.text === 'Officials traded blame'));
      const after = allRows(db);
      const again = await callOk<MergeReport>(lead.call, 'project.merge', { path: out });
      assert.equal(again.added.codings, 0);
      assert.equal(again.added.articles, 0);
      assert.deepEqual(allRows(db), after);
      await callOk(lead.call, 'history.undo');
      assert.deepEqual(allRows(db), before);
    });
  }

  const qdpxDir = join(repoRoot, '..', 'shared', 'corpus', 'qdpx');
  const corpus = existsSync(qdpxDir) ? readdirSync(qdpxDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.qdpx')) : [];
  test('real .qdpx files merge into a project, and a second merge adds nothing', { skip: corpus.length ? false : `no .qdpx files under ${qdpxDir}` }, async () => {
    for (const file of corpus) {
      const p = await open('corpus.gloss');
      const first = await p.call('project.merge', { path: join(qdpxDir, file) });
      if (!first.ok) {
        // A file with nothing Gloss can hold (no text sources) is refused with a sentence, never half-merged.
        assert.match(first.error.message, /./);
        continue;
      }
      const report = first.result as MergeReport;
      const rows = allRows(p.session.currentProject!.db);
      assert.equal((rows.articles ?? []).length, report.added.articles, file);
      assert.equal((rows.codings ?? []).length, report.added.codings, file);
      const again = await callOk<MergeReport>(p.call, 'project.merge', { path: join(qdpxDir, file) });
      assert.equal(again.added.codings + again.added.articles + again.added.codes, 0, file);
      p.session.closeProject();
    }
  });
});

describe('a broken source', () => {
  test('is refused with a clear error naming the file and what is wrong, and writes nothing', async () => {
    const { lead, teamFile } = await leadAndTeammate();
    const db = lead.session.currentProject!.db;
    const before = allRows(db);
    const dir = tempDir('gloss-merge-bad-');
    const truncated = join(dir, 'cut.gloss');
    writeFileSync(truncated, readFileSync(teamFile).subarray(0, 1024));
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['notes.txt', 'just some words', /notes\.txt cannot be merged: it is not a Gloss project \(\.gloss\), a Gloss JSON export or a REFI-QDA project/],
      ['empty.gloss', '', /empty\.gloss cannot be merged: the file is empty/],
      ['bad.json', '{"format":"gloss","version":1,"offsetUnit":"codepoint","codes":[],"articles":[{"id":1}],"codings":[]}', /bad\.json cannot be merged: not a valid Gloss export/],
      ['other.json', '{"hello":1}', /other\.json cannot be merged: not a Gloss export/],
      ['fake.qdpx', Buffer.from('PK\u0003\u0004garbage'), /fake\.qdpx cannot be merged: .*zip/],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      const reply = await lead.call('project.merge', { path: join(dir, name) });
      assert.equal(reply.ok, false, name);
      assert.match(!reply.ok ? reply.error.message : '', message);
    }
    const cut = await lead.call('project.merge', { path: truncated });
    assert.equal(cut.ok, false);
    assert.match(!cut.ok ? cut.error.message : '', /cut\.gloss cannot be merged/);
    const missing = await lead.call('project.merge', { path: join(dir, 'nope.gloss') });
    assert.match(!missing.ok ? missing.error.message : '', /nope\.gloss cannot be merged: the file does not exist/);
    const self = await lead.call('project.merge', { path: lead.path });
    assert.match(!self.ok ? self.error.message : '', /cannot be merged into itself/);
    assert.deepEqual(allRows(db), before);
    assert.equal((await callOk<{ canUndo: boolean }>(lead.call, 'history.state')).canUndo, true, 'the lead\'s own steps are still there');
    assert.notEqual((await callOk<{ undoLabel: string }>(lead.call, 'history.state')).undoLabel?.startsWith('Merge'), true);
  });
});

describe('export for a coder', () => {
  test('keeps the chosen articles, the whole codebook with its GUIDs and that coder\'s codings only; merging it back matches by GUID', async () => {
    const lead = await open('lead.gloss');
    const [one, two] = (await importArticles(lead.call, { 'one.txt': ONE, 'two.txt': TWO })) as [number, number];
    await code(lead, one, ONE, 'Aid convoy', 'Frames/Aid', 'maria');
    await code(lead, one, ONE, 'crossing', 'Places', 'omar');
    await code(lead, two, TWO, 'Cairo', 'Places', 'omar');
    const out = join(lead.dir, 'omar.gloss');
    const result = await callOk<{ articles: number; codings: number }>(lead.call, 'export.forCoder', { coder: 'omar', articleIds: [one], path: out });
    assert.deepEqual([result.articles, result.codings], [1, 1]);
    const db = new Database(out, { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT text FROM articles').pluck().all(), [ONE]);
      assert.deepEqual(db.prepare('SELECT coder, text FROM codings').all(), [{ coder: 'omar', text: 'crossing' }]);
      const leadGuids = lead.session.currentProject!.db.prepare('SELECT name, guid FROM codes ORDER BY name').all();
      assert.deepEqual(db.prepare('SELECT name, guid FROM codes ORDER BY name').all(), leadGuids, 'the whole codebook, GUIDs kept');
      // Nothing of the other article or maria's coding lingers anywhere in the file.
      assert.equal(readFileSync(out).includes(Buffer.from('Talks resume')), false);
    } finally {
      db.close();
    }
    const refused = await lead.call('export.forCoder', { coder: 'omar', articleIds: [999], path: join(lead.dir, 'x.gloss') });
    assert.match(!refused.ok ? refused.error.message : '', /no article 999/);
    assert.equal(existsSync(join(lead.dir, 'x.gloss')), false, 'nothing written');
    const back = await callOk<MergeReport>(lead.call, 'project.merge', { path: out });
    assert.equal(back.added.codings, 0, 'omar\'s coding is already in the lead\'s project');
    assert.equal(back.added.codes, 0);
    assert.equal(back.skipped.duplicates, 1);
  });
});
