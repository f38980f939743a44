// Every project change is a command, and every command undoes and redoes exactly. The test enumerates the
// commands (not a hand-kept list of calls): each needs a request here, runs through the dispatcher on a rich
// project, and undo → redo → undo must give back every row of every table byte for byte. A command whose declared
// scope misses rows fails — the self-check at the end proves that with a deliberately wrong scope.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { callNames, type CallName, type CallRequest } from '../../src-main/contract/calls';
import type { Code, GlossEvent } from '../../src-main/contract/types';
import { projectCommands, deleteCode } from '../../src-main/core/commands/projectCommands';
import { command } from '../../src-main/core/commands/command';
import type { Session } from '../../src-main/core/session';
import { allRows, callOk, spanOf, FAMILY, FLAG_LB, TRICKY_TEXT, type Transport, createFramesTree, importArticles, nth, openNewProject } from './helpers';

type CommandName = keyof typeof projectCommands;


const SECOND = 'Second report\nThe convoy waited at the crossing; officials traded blame.\nAid groups asked for access.\n';

/** A project with something of every kind a command can touch. */
async function richProject() {
  const { session, call } = await openNewProject('rich.gloss');
  const ids = await importArticles(call, { 'tricky.txt': TRICKY_TEXT, 'second.txt': SECOND });
  const [tricky, second] = [nth(ids, 0, 'tricky.txt'), nth(ids, 1, 'second.txt')];
  const { frames, humanitarian, security, border, actors, apply } = await createFramesTree(call);
  const flag = await apply(tricky, humanitarian, spanOf(TRICKY_TEXT, FLAG_LB), 'flag');
  const family = await apply(tricky, security, spanOf(TRICKY_TEXT, FAMILY), 'family');
  await apply(tricky, border, spanOf(TRICKY_TEXT, FAMILY));
  const convoy = await apply(second, humanitarian, spanOf(SECOND, 'convoy waited'), 'wait');
  await apply(second, actors, spanOf(SECOND, 'officials'));
  // agree12: a second coder who codes the convoy passage a little wider, for the consensus decision.
  const { coderName: firstCoder } = await callOk<{ coderName: string }>(call, 'settings.get');
  await callOk(call, 'settings.update', { coderName: 'Ben' });
  await apply(second, humanitarian, spanOf(SECOND, 'convoy waited at'));
  await callOk(call, 'settings.update', { coderName: firstCoder });
  await callOk(call, 'memos.set', { target: { kind: 'article', id: second }, plain: 'Article memo', rich: null });
  await callOk(call, 'memos.set', { target: { kind: 'code', id: security }, plain: 'Code memo', rich: null });
  await callOk(call, 'memos.set', { target: { kind: 'project' }, plain: 'Project memo', rich: null });
  await callOk(call, 'attributes.define', { name: 'desk', type: 'text' });
  await callOk(call, 'attributes.define', { name: 'year', type: 'number' });
  await callOk(call, 'attributes.set', { articleId: tricky, name: 'outlet', value: 'Al Jazeera' });
  await callOk(call, 'attributes.set', { articleId: second, name: 'desk', value: 'Middle East' });
  await callOk(call, 'attributes.set', { articleId: second, name: 'year', value: 2024 });
  const saved = await callOk<{ id: number }>(call, 'search.saved.save', { name: 'convoys', query: 'convoy', mode: 'fts' });
  const coder = (await callOk<{ coders: { id: number }[] }>(call, 'coders.list', {})).coders[0]!.id;
  // Memberships of codes that deleting, merging and moving codes touch.
  const set = await callOk<{ id: number }>(call, 'codes.sets.create', { name: 'Round 1', codeIds: [humanitarian, security, border] });
  await callOk(call, 'codes.sets.create', { name: 'Actors only', codeIds: [actors] });
  return {
    session,
    call,
    ids: { firstCoder, tricky, second, frames, humanitarian, security, border, actors, flag: flag.id, family: family.id, convoy: convoy.id, saved: saved.id, coder, set: set.id },
  };
}

type Ids = Awaited<ReturnType<typeof richProject>>['ids'];

/** A request for every command, on the rich project. A new command without one here fails the first test. */
const requests: { [N in CommandName]: (ids: Ids) => CallRequest<N> } = {
  'articles.rename': (i) => ({ id: i.second, title: 'Renamed report' }),
  'articles.delete': (i) => ({ id: i.tricky }),
  'codes.create': (i) => ({ name: 'Casualties', parentId: i.frames, color: '#123456' }),
  'codes.update': (i) => ({ id: i.security, name: 'Safety', color: '#abcdef', description: 'renamed' }),
  'codes.move': (i) => ({ id: i.border, parentId: null, index: 0 }),
  'codes.merge': (i) => ({ sourceId: i.security, targetId: i.humanitarian }),
  'codes.delete': (i) => ({ id: i.frames }),
  'codings.apply': (i) => ({ articleId: i.second, codeId: i.actors, ...spanOf(SECOND, 'Aid groups'), memo: 'new' }),
  'codings.update': (i) => ({ id: i.convoy, start: spanOf(SECOND, 'The convoy').start, codeId: i.actors, memo: 'moved' }),
  'codings.remove': (i) => ({ id: i.family }),
  'search.codeHits': (i) => ({ search: { query: 'convoy OR crossing', mode: 'fts' }, codeId: i.actors, widen: 'sentence' }),
  'search.saved.save': () => ({ name: 'CONVOYS', query: 'convoy*', mode: 'fts', wholeWords: true }),
  'search.saved.delete': (i) => ({ id: i.saved }),
  'memos.set': (i) => ({ target: { kind: 'article', id: i.second }, plain: '', rich: null }),
  'attributes.define': () => ({ name: 'beat', type: 'text' }),
  'attributes.rename': () => ({ name: 'desk', newName: 'newsroom' }),
  'attributes.delete': () => ({ name: 'year' }),
  'attributes.set': (i) => ({ articleId: i.tricky, name: 'year', value: 2023 }),
  'team.decide': (i) => ({
    coderX: i.firstCoder,
    coderY: 'Ben',
    codeId: i.humanitarian,
    disagreement: { articleId: i.second, ...spanOf(SECOND, 'convoy waited at') },
    decision: 'acceptBoth',
  }),
  'codes.sets.create': (i) => ({ name: 'Round 2', description: 'second pass', codeIds: [i.frames, i.actors] }),
  'codes.sets.update': (i) => ({ id: i.set, name: 'Round one', codeIds: [i.actors] }),
  'codes.sets.addCodes': (i) => ({ id: i.set, codeIds: [i.actors, i.humanitarian] }),
  'codes.sets.delete': (i) => ({ id: i.set }),
  'attributes.importCsv': () => ({ csvText: 'file,outlet,section\ntricky.txt,BBC,World\nsecond.txt,Reuters,Middle East\n', matchBy: 'file', preview: false }),
  'coders.create': () => ({ name: 'Second coder', colour: '#12AB34' }),
  'coders.update': (i) => ({ id: i.coder, name: 'Renamed coder', colour: '#00FF00' }),
  'project.merge': () => ({ path: teammateExport(), defaultDecision: 'theirs' }),
};

/**
 * A teammate's Gloss JSON export for the merge command: the second article (matched by its text) with a new coding,
 * a memo and attribute values, a new article, a code whose look conflicts with ours and a new one.
 */
function teammateExport(): string {
  const third = 'Third report\nTrucks crossed at dawn.\n';
  const file = join(mkdtempSync(join(tmpdir(), 'gloss-merge-cmd-')), 'teammate.json');
  const at = '2024-05-01T10:00:00.000Z';
  const coding = (articleId: number, text: string, passage: string, codePath: string) => ({
    articleId, codePath, ...spanOf(text, passage), text: passage, memo: 'theirs', coder: 'teammate', createdAt: at, updatedAt: at,
  });
  writeFileSync(
    file,
    JSON.stringify({
      format: 'gloss', version: 1, offsetUnit: 'codepoint', project: { name: 'Theirs', memo: 'Their project memo' },
      codes: [
        { path: 'Frames', color: '#111111', description: 'their frames' },
        { path: 'Frames/Casualties', color: '#222222', description: '' },
      ],
      articles: [
        { id: 1, title: 'Second', sourceFile: 'second.txt', encoding: 'UTF-8', importedAt: at, text: SECOND, memo: 'Their article memo', attributes: { desk: 'Gaza', beat: 'aid' } },
        { id: 2, title: 'Third', sourceFile: 'third.txt', encoding: 'UTF-8', importedAt: at, text: third, attributes: { year: 2025 } },
      ],
      codings: [coding(1, SECOND, 'Aid groups', 'Frames/Casualties'), coding(2, third, 'Trucks', 'Frames')],
    }),
  );
  return file;
}

/**
 * Calls that change nothing in a project, each with why. A new call must be a command or be listed here, so no
 * change can bypass the history and the change event unnoticed.
 */
const NOT_COMMANDS: Record<Exclude<CallName, CommandName>, string> = {
  'app.info': 'reads',
  'project.current': 'reads',
  'project.create': 'lifecycle: a new file',
  'project.open': 'lifecycle',
  'project.openSample': 'lifecycle',
  'project.recent': 'reads app state',
  'project.close': 'lifecycle',
  'project.check': 'reads (integrity checks)',
  'projects.list': 'reads the web host\'s data folder',
  'projects.open': 'lifecycle',
  'projects.upload': 'lifecycle: a project file joins the data folder and opens',
  'projects.rename': 'lifecycle: renames a project file, not its contents',
  'projects.delete': 'lifecycle: moves a project file to the trash (projects.restore undoes it)',
  'projects.restore': 'lifecycle: brings a project file back from the trash',
  'articles.list': 'reads',
  'codes.sets.list': 'reads',
  'articles.get': 'reads',
  'articles.encodings': 'reads',
  'articles.redecode': 'a job on one article; replaces its text, so the history restarts (documented)',
  'articles.importPaths': 'a job; imports commit per batch and are not undone (a REFI-QDA file is one recorded History step)',
  'articles.importFiles': 'a job; imports commit per batch and are not undone (a REFI-QDA file is one recorded History step)',
  'articles.importUploads': 'a job; imports commit per batch and are not undone (a REFI-QDA file is one recorded History step)',
  'articles.discardUploads': 'removes uploaded files, not project data',
  'articles.previewFiles': 'reads files and lists what an import would do; stores nothing',
  'articles.previewUploads': 'reads uploads and lists what an import would do; stores nothing',
  'annotations.importPaths': 'a job; imports commit per batch and are not undone',
  'annotations.importUploads': 'a job; imports commit per batch and are not undone',
  'jobs.cancel': 'jobs',
  'codes.list': 'reads',
  'codes.impact': 'reads',
  'codings.listForArticle': 'reads',
  'codings.listForReader': 'reads',
  'export.json': 'writes a file, not the project',
  'export.csv': 'writes a file, not the project',
  'export.refi': 'writes a file, not the project',
  'export.annotations': 'writes files, not the project',
  'retrieve.passages': 'reads',
  'retrieve.exportCsv': 'writes a file, not the project',
  'search.run': 'reads',
  'search.saved.list': 'reads',
  'memos.get': 'reads',
  'memos.search': 'reads',
  'attributes.list': 'reads',
  'articles.attributes': 'reads',
  'counts.codes': 'reads',
  'counts.table': 'reads',
  'counts.exportCsv': 'writes a file, not the project',
  'counts.coverage': 'reads',
  'counts.cooccurrence': 'reads',
  'counts.cooccurrencePassages': 'reads',
  'team.coders': 'reads',
  'team.agreement': 'reads',
  'team.disagreements': 'reads',
  'team.exportAgreementCsv': 'writes a file, not the project',
  'history.state': 'reads',
  'history.undo': 'the history itself',
  'history.redo': 'the history itself',
  'backups.list': 'reads',
  'backups.restore': 'lifecycle: replaces the file; keeps a before-restore backup',
  'settings.get': 'app state, not the project',
  'settings.update': 'app state, not the project',
  'project.mergePreview': 'reads the teammate\'s file and lists what a merge would do; stores nothing',
  'export.forCoder': 'writes a new project file, not this project',
  'coders.list': 'reads',
  'coders.setCurrent': "this window's coder (app state); a new name is created through the coders.create command",
  'team.blind': 'reads',
  'team.setBlind': "this window's view, not the project",
  'team.setup': 'a project setting (project_meta), like the project name: not an undo step',
  'team.tombstones': 'reads',
};

async function undoRedoRoundTrip(session: Session, call: Transport, run: () => Promise<unknown>): Promise<string[]> {
  const db = session.currentProject!.db;
  const before = allRows(db);
  await run();
  const after = allRows(db);
  const problems: string[] = [];
  if (JSON.stringify(after) === JSON.stringify(before)) problems.push('the command changed nothing (the request does not exercise it)');
  // Tombstones are a log outside the history (history.ts); what must hold is that none names a record that exists.
  const revived = db
    .prepare(`SELECT t.kind, t.guid FROM tombstones t WHERE t.guid IN (SELECT guid FROM articles UNION ALL SELECT guid FROM codes
      UNION ALL SELECT guid FROM codings UNION ALL SELECT guid FROM memos UNION ALL SELECT guid FROM coders)`)
    .all();
  if (revived.length) problems.push(`tombstones name live records: ${JSON.stringify(revived)}`);
  await callOk(call, 'history.undo');
  const undone = allRows(db);
  for (const table of Object.keys(before)) {
    if (JSON.stringify(undone[table]) !== JSON.stringify(before[table])) problems.push(`undo left ${table} different from before`);
  }
  await callOk(call, 'history.redo');
  const redone = allRows(db);
  for (const table of Object.keys(after)) {
    if (JSON.stringify(redone[table]) !== JSON.stringify(after[table])) problems.push(`redo left ${table} different from after`);
  }
  await callOk(call, 'history.undo');
  if (JSON.stringify(allRows(db)) !== JSON.stringify(before)) problems.push('a second undo did not return to before');
  return problems;
}

describe('commands', () => {
  test('every call is a command or is listed as changing nothing in a project', () => {
    const commands = Object.keys(projectCommands).sort();
    const others = Object.keys(NOT_COMMANDS).sort();
    assert.deepEqual([...commands, ...others].sort(), [...callNames].sort());
    assert.deepEqual(Object.keys(requests).sort(), commands, 'every command has a request in this test');
  });

  for (const name of Object.keys(projectCommands) as CommandName[]) {
    test(`${name}: undo → redo → undo restores every table byte for byte, and one change event names what changed`, async () => {
      const { session, call, ids } = await richProject();
      const events: GlossEvent[] = [];
      session.onEvent((e) => events.push(e));
      const problems = await undoRedoRoundTrip(session, call, async () => {
        await callOk(call, name, (requests[name] as (ids: Ids) => unknown)(ids));
        const changed = events.filter((e) => e.type === 'changed');
        assert.equal(changed.length, 1, `one change event, got ${JSON.stringify(events)}`);
        assert.ok(changed[0]!.type === 'changed' && changed[0]!.entities.length > 0);
      });
      assert.deepEqual(problems, []);
      session.closeProject();
    });
  }

  test('a code named by path is created along the path, and one undo takes the coding and the new codes back', async () => {
    const { session, call, ids } = await richProject();
    const problems = await undoRedoRoundTrip(session, call, async () => {
      const coding = await callOk<{ codeId: number; codePath: string }>(call, 'codings.apply', {
        articleId: ids.second,
        codePath: 'Frames/Security/Checkpoints/Rafah',
        ...spanOf(SECOND, 'crossing'),
      });
      assert.equal(coding.codePath, 'Frames/Security/Checkpoints/Rafah');
    });
    assert.deepEqual(problems, []);
    const both = await call('codings.apply', { articleId: ids.second, codeId: ids.actors, codePath: 'Actors', start: 0, end: 3 });
    assert.equal(both.ok, false);
    assert.match(!both.ok ? both.error.message : '', /name the code by codeId or by codePath/);
    const empty = await call('codings.apply', { articleId: ids.second, codePath: 'Frames//Aid', start: 0, end: 3 });
    assert.equal(empty.ok, false);
  });

  test('codes.create with a path makes its missing parents in the same undo step (#14)', async () => {
    const { session, call } = await richProject();
    const problems = await undoRedoRoundTrip(session, call, async () => {
      const code = await callOk<Code>(call, 'codes.create', { codePath: 'Frames/Security/Aid\\/relief/Convoys', color: '#123456' });
      assert.equal(code.path, 'Frames/Security/Aid\\/relief/Convoys');
      assert.equal(code.name, 'Convoys');
    });
    assert.deepEqual(problems, []);
  });

  test('search hits coded under a new code path: one step, created codes included', async () => {
    const { session, call } = await richProject();
    const problems = await undoRedoRoundTrip(session, call, async () => {
      const r = await callOk<{ created: number }>(call, 'search.codeHits', { search: { query: 'convoy', mode: 'fts' }, codePath: 'Logistics/Convoys' });
      assert.equal(r.created, 1);
    });
    assert.deepEqual(problems, []);
  });

  test('calls that only read change no table', async () => {
    const { session, call, ids } = await richProject();
    const db = session.currentProject!.db;
    const before = allRows(db);
    const reads: [CallName, unknown][] = [
      ['articles.list', {}],
      ['articles.get', { id: ids.second }],
      ['codes.list', {}],
      ['codes.sets.list', {}],
      ['codes.impact', { id: ids.frames }],
      ['codings.listForArticle', { articleId: ids.tricky }],
      ['codings.listForReader', { articleId: ids.tricky }],
      ['search.run', { query: 'convoy', mode: 'fts' }],
      ['memos.get', { target: { kind: 'project' } }],
      ['memos.search', { query: 'memo' }],
      ['attributes.list', {}],
      ['articles.attributes', { articleId: ids.tricky }],
      ['counts.codes', { by: 'none', rollUp: false }],
      ['counts.cooccurrence', { unit: 'overlap', rollUp: false }],
      ['retrieve.passages', { codeIds: [ids.humanitarian] }],
      ['team.coders', {}],
      ['history.state', {}],
    ];
    for (const [name, payload] of reads) await callOk(call, name, payload);
    assert.deepEqual(allRows(db), before);
  });

  test('self-check: a command that declares too small a scope fails the round trip', async () => {
    const { session, call, ids } = await richProject();
    // Deleting a code cascades to its codings; a scope without them cannot bring them back.
    const wrong = command<'codes.delete', number[]>({ ...deleteCode, scope: () => ({ codes: 'all' }) });
    const problems = await undoRedoRoundTrip(session, call, () => session.execute(wrong, { id: ids.frames }));
    assert.ok(problems.includes('undo left codings different from before'), `the harness must notice: ${JSON.stringify(problems)}`);
    const right = await richProject();
    assert.deepEqual(await undoRedoRoundTrip(right.session, right.call, () => right.session.execute(deleteCode, { id: right.ids.frames })), []);
  });
});
