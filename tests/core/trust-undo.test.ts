// Deleting asks first and can be undone in the session. history.test.ts checks each kind of undo on its own; this
// runs the two destructive deletes an analyst fears most back to back — a code with a tree of sub-codes, then an
// article — over overlapping codings and memos, through the dispatcher, and requires that:
//   - what the confirmation showed (codes.impact, the article's codingCount) is exactly what the deletes removed;
//   - two undos give back every row of every table, byte for byte, with the same ids, and sound search indexes;
//   - redo and undo again land on the same states; and the undone state is on disk (it survives reopening).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import type { ArticleSummary, Code } from '../../src-main/contract/types';
import { allRows, callOk, TRICKY_TEXT, spanOf, FAMILY, FLAG_LB, present, createFramesTree, importArticles, openNewProject } from './helpers';



function assertIndexesSound(db: Database.Database, when: string): void {
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', when);
  const virtual = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").pluck().all() as string[];
  for (const fts of virtual) db.prepare(`INSERT INTO "${fts}"("${fts}") VALUES('integrity-check')`).run();
}

test('deleting a code tree and then an article, over overlapping codings, undoes and redoes exactly', async () => {
  const { session, call, path } = await openNewProject('undo.gloss');
  const second = 'Second report\nThe convoy waited at the crossing; officials traded blame.\n';
  await importArticles(call, { 'tricky.txt': TRICKY_TEXT, 'second.txt': second });
  const { frames, humanitarian, security, border, actors, apply } = await createFramesTree(call);
  // Article 1 carries codings of the doomed tree and of the surviving code, on the same passages.
  for (const [codeId, needle, memo] of [
    [humanitarian, FLAG_LB, 'flag'],
    [security, FAMILY, 'family, "quoted"'],
    [border, 'Cairo', ''],
    [actors, FLAG_LB, 'same span, other code'],
    [actors, 'Ceasefire', ''],
    [frames, 'resume', '=formula?'],
  ] as const) {
    await apply(1, codeId, spanOf(TRICKY_TEXT, needle), memo);
  }
  await apply(2, border, spanOf(second, 'crossing'));
  await apply(2, actors, spanOf(second, 'officials'));
  await apply(2, humanitarian, spanOf(second, 'convoy'), 'second article');
  const db = () => session.currentProject!.db;
  // Memos hang off codes and articles too, and go with them.
  await callOk(call, 'memos.set', { target: { kind: 'code', id: security }, plain: 'Security memo', rich: null });
  await callOk(call, 'memos.set', { target: { kind: 'article', id: 1 }, plain: 'Article memo', rich: null });
  const original = allRows(db());
  assert.equal(present(original.codings, 'the codings table').length, 9);
  assert.equal(present(original.memos, 'the memos table').length, 2);

  // What the confirmation dialogs show.
  const impact = await callOk<{ codings: number; descendants: number }>(call, 'codes.impact', { id: frames });
  assert.deepEqual(impact, { codings: 6, descendants: 3 });
  const deletedTree = await callOk<{ deletedCodings: number; deletedCodes: number }>(call, 'codes.delete', { id: frames });
  assert.deepEqual(deletedTree, { deletedCodings: impact.codings, deletedCodes: impact.descendants + 1 });
  const afterTree = allRows(db());
  assert.deepEqual(present(afterTree.codes, 'the codes table').map((c) => c.name), ['Actors']);

  const summary = (await callOk<{ items: ArticleSummary[] }>(call, 'articles.list', {})).items.find((a) => a.id === 1)!;
  assert.equal(summary.codingCount, 2, 'only the Actors codings are left on article 1');
  const deletedArticle = await callOk<{ deletedCodings: number }>(call, 'articles.delete', { id: 1 });
  assert.equal(deletedArticle.deletedCodings, summary.codingCount);
  const afterBoth = allRows(db());
  assert.deepEqual(present(afterBoth.codings, 'the codings table').map((k) => [k.article_id, k.code_id]), [[2, actors]]);
  assert.deepEqual(present(afterBoth.articles, 'the articles table').map((a) => a.id), [2]);
  assert.deepEqual(afterBoth.memos, [], 'both memos went with their code and article');

  // Undo, undo: everything back, the same ids, the same bytes.
  assert.equal((await callOk<{ label: string }>(call, 'history.undo')).label, 'Delete article');
  assert.deepEqual(allRows(db()), afterTree);
  assert.equal((await callOk<{ label: string }>(call, 'history.undo')).label, 'Delete code');
  assert.deepEqual(allRows(db()), original);
  assertIndexesSound(db(), 'after undoing both deletes');
  assert.deepEqual(db().prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Ceasefire'").pluck().all(), [1]);
  assert.deepEqual(
    (await callOk<{ codes: Code[] }>(call, 'codes.list')).codes.map((c) => [c.path, c.codingCount]),
    [['Frames', 1], ['Frames/Humanitarian', 2], ['Frames/Security', 1], ['Frames/Security/Border', 2], ['Actors', 3]],
  );

  // Redo both, undo both again: the same states each time.
  await callOk(call, 'history.redo');
  assert.deepEqual(allRows(db()), afterTree);
  await callOk(call, 'history.redo');
  assert.deepEqual(allRows(db()), afterBoth);
  await callOk(call, 'history.undo');
  await callOk(call, 'history.undo');
  assert.deepEqual(allRows(db()), original);
  assertIndexesSound(db(), 'after redo and undo again');

  // Undo is written to the project, not held in memory: it is there after closing and reopening.
  await callOk(call, 'project.close');
  await callOk(call, 'project.open', { path });
  assert.deepEqual(allRows(db()), original);
  assert.deepEqual(await callOk(call, 'history.state'), { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
});
