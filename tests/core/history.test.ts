import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppState } from '../../src-main/core/appState';
import { dispatch } from '../../src-main/core/dispatch';
import { Session, type HostAdapter } from '../../src-main/core/session';

// Undo/redo through the same dispatcher the app uses, on a real project file.
function newSession() {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-history-'));
  const adapter: HostAdapter = {
    kind: 'cli',
    version: 'test',
    sampleDir: '',
    sampleProjectPath: join(dir, 'sample.gloss'),
    chooseNewProjectPath: async (name) => join(dir, `${name}.gloss`),
    chooseProjectToOpen: async () => null,
    chooseImportPaths: async () => null,
    chooseExportPath: async () => null,
  };
  const session = new Session(new AppState(join(dir, 'state')), adapter);
  const call = async (name: string, payload: unknown = {}) => {
    const r = await dispatch(session, name, payload);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.result as never;
  };
  return { dir, session, call };
}

async function projectWithCodings() {
  const s = newSession();
  await s.call('project.create', { name: 'h' });
  const file = join(s.dir, 'a.txt');
  writeFileSync(file, 'Aid convoy waits 🇱🇧 at the crossing.\nOfficials trade blame.');
  await s.call('articles.importPaths', { paths: [file] });
  const parent = (await s.call('codes.create', { name: 'Frames' })) as { id: number };
  const child = (await s.call('codes.create', { name: 'Humanitarian', parentId: parent.id })) as { id: number };
  const other = (await s.call('codes.create', { name: 'Actors' })) as { id: number };
  const k1 = (await s.call('codings.apply', { articleId: 1, codeId: child.id, start: 0, end: 10, memo: 'm1' })) as { id: number };
  const k2 = (await s.call('codings.apply', { articleId: 1, codeId: other.id, start: 4, end: 20 })) as { id: number };
  return { ...s, parent, child, other, k1, k2 };
}

const codings = async (call: (n: string, p?: unknown) => Promise<never>) =>
  ((await call('codings.listForArticle', { articleId: 1 })) as { codings: { id: number; codePath: string; start: number; end: number; text: string; memo: string }[] }).codings;

test('undo and redo of applying and removing a coding', async () => {
  const { call, k2 } = await projectWithCodings();
  assert.equal((await codings(call)).length, 2);
  await call('codings.remove', { id: k2.id });
  assert.equal((await codings(call)).length, 1);
  const undone = (await call('history.undo')) as { label: string };
  assert.equal(undone.label, 'Remove coding');
  const back = await codings(call);
  assert.deepEqual(
    back.map((k) => [k.id, k.codePath, k.start, k.end, k.text]),
    [
      [1, 'Frames/Humanitarian', 0, 10, 'Aid convoy'],
      [2, 'Actors', 4, 20, 'convoy waits 🇱🇧 '],
    ],
  );
  await call('history.redo');
  assert.equal((await codings(call)).length, 1);
});

test('undoing a delete of a code with sub-codes restores codes and codings with the same ids', async () => {
  const { call, parent } = await projectWithCodings();
  const before = await codings(call);
  const res = (await call('codes.delete', { id: parent.id })) as { deletedCodings: number; deletedCodes: number };
  assert.deepEqual(res, { deletedCodings: 1, deletedCodes: 2 });
  assert.equal((await codings(call)).length, 1);
  await call('history.undo');
  assert.deepEqual(await codings(call), before);
  const codes = ((await call('codes.list')) as { codes: { path: string }[] }).codes.map((c) => c.path);
  assert.deepEqual(codes, ['Frames', 'Frames/Humanitarian', 'Actors']);
});

test('undoing an article delete restores its text, search index and codings', async () => {
  const { call, session } = await projectWithCodings();
  const before = await codings(call);
  const r = (await call('articles.delete', { id: 1 })) as { deletedCodings: number };
  assert.equal(r.deletedCodings, 2);
  await call('history.undo');
  assert.deepEqual(await codings(call), before);
  const hits = session.currentProject!.db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'convoy'").pluck().all();
  assert.deepEqual(hits, [1]);
});

test('undoing a merge puts codings back on the source code', async () => {
  const { call, child, other } = await projectWithCodings();
  const before = await codings(call);
  await call('codes.merge', { sourceId: other.id, targetId: child.id });
  assert.deepEqual((await codings(call)).map((k) => k.codePath), ['Frames/Humanitarian', 'Frames/Humanitarian']);
  await call('history.undo');
  const after = await codings(call);
  assert.deepEqual(after.map((k) => [k.id, k.codePath]), before.map((k) => [k.id, k.codePath]));
});

test('a memo edit and a span change undo one at a time; a new change clears redo', async () => {
  const { call, k1 } = await projectWithCodings();
  await call('codings.update', { id: k1.id, memo: 'changed' });
  await call('codings.update', { id: k1.id, start: 4, end: 10 });
  const state = (await call('history.state')) as { undoLabel: string };
  assert.equal(state.undoLabel, 'Adjust coding');
  await call('history.undo');
  let k = (await codings(call)).find((x) => x.id === k1.id)!;
  assert.deepEqual([k.start, k.end, k.text, k.memo], [0, 10, 'Aid convoy', 'changed']);
  await call('history.undo');
  k = (await codings(call)).find((x) => x.id === k1.id)!;
  assert.equal(k.memo, 'm1');
  await call('codings.update', { id: k1.id, memo: 'third' });
  const final = (await call('history.state')) as { canRedo: boolean };
  assert.equal(final.canRedo, false);
});

test('an undone article delete keeps the original bytes, so the article can still be re-decoded', async () => {
  const { call, session } = await projectWithCodings();
  const bytes = () => session.currentProject!.db.prepare('SELECT bytes FROM article_sources WHERE article_id = 1').pluck().get() as Buffer | undefined;
  const before = bytes();
  assert.ok(before && before.length > 0);
  await call('articles.delete', { id: 1 });
  assert.equal(bytes(), undefined);
  await call('history.undo');
  assert.deepEqual(bytes(), before);
  const preview = (await call('articles.redecode', { id: 1, encoding: 'windows-1252' })) as { changed: boolean };
  assert.equal(typeof preview.changed, 'boolean');
});
