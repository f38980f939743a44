// The project file and its stores: one SQLite file per project, checked on open; articles with a full-text index
// kept in sync; a codebook with sibling-unique names; codings whose offsets and text the database itself guards.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GlossError } from '../../src-main/contract/errors';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/store/migrations';
import { Project } from '../../src-main/core/store/Project';
import {
  ARABIC_PLAIN,
  FAMILY,
  FLAG_LB,
  TRICKY_PASSAGES,
  TRICKY_TEXT,
  cpSlice,
  cps,
  importText,
  newProject,
  nth,
  spanOf,
  tempDir,
} from './helpers';

const GLOSS_APPLICATION_ID = 0x474c5353;

/** Asserts `fn` throws a GlossError with this code whose message matches `message`. */
function throwsGloss(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof GlossError, `expected a GlossError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

function ftsIds(project: Project, query: string): number[] {
  return (project.db.prepare('SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid').all(query) as { id: number }[]).map(
    (r) => r.id,
  );
}

/** FTS5's own consistency check between the index and the articles table; throws when they disagree. */
function assertFtsConsistent(project: Project): void {
  project.db.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");
}

describe('project file', () => {
  test('a new project is one SQLite file in WAL mode, with foreign keys on and the latest schema version', () => {
    const { project, path } = newProject('Field study');
    assert.equal(project.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(project.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(project.name, 'Field study');
    project.close();
    const raw = new Database(path, { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal', 'WAL is a property of the file, kept after closing');
      assert.equal(raw.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.equal(raw.pragma('application_id', { simple: true }), GLOSS_APPLICATION_ID);
      assert.equal((raw.prepare("SELECT value FROM project_meta WHERE key = 'name'").get() as { value: string }).value, 'Field study');
    } finally {
      raw.close();
    }
    assert.equal(readFileSync(path).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
  });

  test('what is written is there after closing and reopening', async () => {
    const { project, path } = newProject();
    const articleId = await importText(project, 'Title line\nBody text.');
    const code = project.codes.create({ name: 'Frames' });
    const coding = project.codings.apply({ articleId, codeId: code.id, start: 0, end: 5, coder: 'ana' });
    project.close();
    const again = Project.open(path);
    try {
      assert.equal(again.db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on for every connection');
      assert.equal(again.articles.get(articleId).title, 'Title line');
      assert.deepEqual(again.codings.get(coding.id), coding);
    } finally {
      again.close();
    }
  });

  test('refuses a project saved by a newer version, with a message that says so, and leaves it untouched', () => {
    const { project, path } = newProject();
    project.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const bytes = readFileSync(path);
    throwsGloss(() => Project.open(path), 'project_error', new RegExp(`newer version of Gloss.*format ${LATEST_SCHEMA_VERSION + 1}.*Update Gloss`));
    throwsGloss(() => Project.open(path, { readOnly: true }), 'project_error', /newer version of Gloss/);
    assert.deepEqual(readFileSync(path), bytes);
  });

  test('refuses an SQLite database that is not a Gloss project, and does not change it', () => {
    const dir = tempDir();
    const path = join(dir, 'other.db');
    const raw = new Database(path);
    raw.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)");
    raw.close();
    const bytes = readFileSync(path);
    throwsGloss(() => Project.open(path), 'project_error', /is an SQLite database but not a Gloss project/);
    assert.deepEqual(readFileSync(path), bytes);

    const versioned = join(dir, 'versioned.db');
    const raw2 = new Database(versioned);
    raw2.pragma('user_version = 3');
    raw2.close();
    throwsGloss(() => Project.open(versioned), 'project_error', /not a Gloss project/);
  });

  test('refuses a file that is not SQLite at all', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.gloss');
    writeFileSync(text, 'These are my notes, not a database.\n'.repeat(200));
    throwsGloss(() => Project.open(text), 'project_error', /not a Gloss project \(not an SQLite database\)/);
    assert.equal(readFileSync(text, 'utf8'), 'These are my notes, not a database.\n'.repeat(200));
  });

  test('refuses a missing file with a clear message instead of creating one', () => {
    const dir = tempDir();
    throwsGloss(() => Project.open(join(dir, 'missing.gloss')), 'project_error', /no such project file/);
  });

  test('one writer at a time: a second open for writing is refused, a read-only open is not', () => {
    const { project, path } = newProject();
    try {
      throwsGloss(() => Project.open(path), 'project_error', /already open/);
      const reader = Project.open(path, { readOnly: true });
      assert.equal(reader.readOnly, true);
      reader.close();
    } finally {
      project.close();
    }
    Project.open(path).close();
  });
});

describe('articles', () => {
  test('stored with title, source, time, encoding, code-point length and the sha256 of the stored text', async () => {
    const { project } = newProject();
    const before = new Date().toISOString();
    const id = await importText(project, `\n   \n  ${TRICKY_TEXT}\n`, 'tricky.txt');
    const after = new Date().toISOString();
    const a = project.articles.get(id);
    assert.equal(a.title, 'Ceasefire talks \u{1F54A}\uFE0F resume in Cairo');
    assert.equal(a.sourceFile, 'tricky.txt');
    assert.ok(a.importedAt >= before && a.importedAt <= after, `importedAt ${a.importedAt} is the time of the import`);
    assert.equal(a.encoding, 'UTF-8');
    assert.equal(a.text, `\n   \n  ${TRICKY_TEXT}\n`);
    assert.equal(a.length, cps(a.text).length);
    assert.equal(a.contentHash, createHash('sha256').update(a.text, 'utf8').digest('hex'));
    assert.equal(project.articles.summary(id).length, a.length);
  });

  test('the full-text index finds imported words, follows renames and forgets deleted articles', async () => {
    const { project } = newProject();
    const a = await importText(project, 'Convoy reaches the crossing\nAid workers describe the café queue.', 'a.txt');
    const b = await importText(project, `Talks in Cairo\nDelegates from ${ARABIC_PLAIN} and Tel Aviv.`, 'b.txt');
    assert.deepEqual(ftsIds(project, 'convoy'), [a]);
    assert.deepEqual(ftsIds(project, 'cafe'), [a], 'diacritics are folded');
    assert.deepEqual(ftsIds(project, ARABIC_PLAIN), [b]);
    assert.deepEqual(ftsIds(project, 'delegates'), [b]);
    assert.deepEqual(ftsIds(project, 'title:cairo'), [b]);

    project.articles.rename(b, 'Negotiations resume');
    assert.deepEqual(ftsIds(project, 'title:negotiations'), [b]);
    assert.deepEqual(ftsIds(project, 'title:cairo'), [], 'the old title is gone from the index');
    assert.deepEqual(ftsIds(project, 'cairo'), [b], 'the text still says Cairo');
    assertFtsConsistent(project);

    project.articles.delete(a);
    assert.deepEqual(ftsIds(project, 'convoy'), []);
    assert.deepEqual(ftsIds(project, 'cafe'), []);
    assertFtsConsistent(project);
  });

  test('rename returns the new summary; unknown ids are not_found', async () => {
    const { project } = newProject();
    const id = await importText(project, 'Old title\ntext');
    const summary = project.articles.rename(id, 'New title');
    assert.equal(summary.title, 'New title');
    assert.equal(project.articles.get(id).title, 'New title');
    throwsGloss(() => project.articles.rename(id + 100, 'x'), 'not_found');
    throwsGloss(() => project.articles.get(id + 100), 'not_found');
  });

  test('delete returns how many codings went with the article, and only those', async () => {
    const { project } = newProject();
    const a = await importText(project, 'Article A with several passages', 'a.txt');
    const b = await importText(project, 'Article B with one passage', 'b.txt');
    const x = project.codes.create({ name: 'X' });
    const y = project.codes.create({ name: 'Y' });
    for (const [articleId, codeId, start, end] of [[a, x.id, 0, 7], [a, y.id, 0, 7], [a, x.id, 8, 9], [b, x.id, 0, 7]] as const) {
      project.codings.apply({ articleId, codeId, start, end, coder: 't' });
    }
    assert.equal(project.articles.delete(a), 3);
    assert.equal(project.codings.count(), 1);
    assert.equal(project.codings.listForArticle(b).length, 1);
    assert.equal(project.articles.count(), 1);
    assert.equal(project.articles.delete(b), 1);
    throwsGloss(() => project.articles.delete(b), 'not_found');
  });

  test('the stored text cannot be changed once imported (every offset depends on it)', async () => {
    const { project } = newProject();
    const id = await importText(project, 'Fixed text');
    assert.throws(() => project.db.prepare("UPDATE articles SET text = 'Other text', length = 10 WHERE id = ?").run(id), /cannot change after import/);
    assert.throws(() => project.db.prepare('UPDATE articles SET length = 3 WHERE id = ?').run(id), /cannot change after import/);
    assert.equal(project.articles.get(id).text, 'Fixed text');
  });

  test('list filters titles literally (% and _ are not wildcards), sorts and pages', async () => {
    const { project } = newProject();
    const [percent, underscore, plain] = [
      await importText(project, '100% sure\nlong body text here', '1.txt'),
      await importText(project, 'a_b\nx', '2.txt'),
      await importText(project, 'Plain title\nmedium body', '3.txt'),
    ];
    const code = project.codes.create({ name: 'C' });
    project.codings.apply({ articleId: plain, codeId: code.id, start: 0, end: 5, coder: 't' });
    assert.deepEqual(project.articles.list({ filter: '%' }).items.map((a) => a.id), [percent]);
    assert.deepEqual(project.articles.list({ filter: '_' }).items.map((a) => a.id), [underscore]);
    assert.deepEqual(project.articles.list({ filter: 'PLAIN' }).items.map((a) => a.id), [plain]);
    assert.deepEqual(project.articles.list({ sort: 'codings', descending: true }).items.map((a) => a.id)[0], plain);
    assert.deepEqual(project.articles.list({ sort: 'length' }).items.map((a) => a.id), [underscore, plain, percent]);
    const page = project.articles.list({ limit: 1, offset: 1 });
    assert.equal(page.total, 3);
    assert.deepEqual(page.items.map((a) => a.id), [underscore]);
    assert.equal(nth(page.items, 0, 'the page\'s article').codingCount, 0);
  });
});

describe('codes', () => {
  test('create: trimmed name, colour, description, parent, sort order and path', () => {
    const { project } = newProject();
    const frames = project.codes.create({ name: '  Frames ', color: '#112233', description: 'How the story is framed' });
    const hum = project.codes.create({ name: 'Humanitarian', parentId: frames.id });
    const sec = project.codes.create({ name: 'Security', parentId: frames.id });
    const actors = project.codes.create({ name: 'Actors' });
    assert.equal(frames.name, 'Frames');
    assert.equal(frames.color, '#112233');
    assert.equal(frames.description, 'How the story is framed');
    assert.equal(frames.parentId, null);
    assert.match(actors.color, /^#[0-9a-f]{6}$/, 'a colour is picked when none is given');
    assert.equal(hum.parentId, frames.id);
    assert.equal(hum.path, 'Frames/Humanitarian');
    assert.deepEqual([hum.sortOrder, sec.sortOrder], [0, 1]);
    assert.deepEqual([frames.sortOrder, actors.sortOrder], [0, 1]);
    assert.deepEqual(project.codes.list().map((c) => c.path), ['Frames', 'Frames/Humanitarian', 'Frames/Security', 'Actors']);
  });

  test('names are unique among siblings ignoring case, but may repeat under other parents', () => {
    const { project } = newProject();
    const frames = project.codes.create({ name: 'Frames' });
    project.codes.create({ name: 'Gaza', parentId: frames.id });
    throwsGloss(() => project.codes.create({ name: 'gaza', parentId: frames.id }), 'conflict', /already a code named "Gaza" at that level/);
    throwsGloss(() => project.codes.create({ name: 'FRAMES' }), 'conflict');
    const topGaza = project.codes.create({ name: 'Gaza' });
    assert.equal(topGaza.path, 'Gaza');
    throwsGloss(() => project.codes.update(topGaza.id, { name: 'frames' }), 'conflict');
    assert.equal(project.codes.update(frames.id, { name: 'FRAMES' }).name, 'FRAMES', 'changing the case of its own name is fine');
    assert.equal(project.codes.count(), 3);
  });

  test('ignoring case means in every script, not only ASCII', () => {
    const { project } = newProject();
    const emigres = project.codes.create({ name: '\u00c9migr\u00e9s' }); // Émigrés
    throwsGloss(() => project.codes.create({ name: '\u00e9migr\u00e9s' }), 'conflict', /already a code named "\u00c9migr\u00e9s"/);
    throwsGloss(() => project.codes.create({ name: 'E\u0301MIGRE\u0301S' }), 'conflict', undefined); // decomposed capitals
    const greek = project.codes.create({ name: '\u0393\u0391\u0396\u0391' }); // ΓΑΖΑ
    throwsGloss(() => project.codes.create({ name: '\u03b3\u03b1\u03b6\u03b1' }), 'conflict'); // γαζα
    throwsGloss(() => project.codes.update(greek.id, { name: '\u00c9MIGR\u00c9S' }), 'conflict');
    const nested = project.codes.create({ name: '\u00e9migr\u00e9s', parentId: greek.id });
    throwsGloss(() => project.codes.move(nested.id, null, 0), 'conflict');
    assert.equal(project.codes.update(emigres.id, { name: '\u00c9MIGR\u00c9S' }).name, '\u00c9MIGR\u00c9S', 'its own name in other case is fine');
    assert.equal(project.codes.ensurePath('\u00e9migr\u00e9s').id, emigres.id, 'a path finds the code whatever the case');
    assert.equal(project.codes.ensurePath('\u03b3\u03b1\u03b6\u03b1/\u00c9MIGR\u00c9S').id, nested.id);
    assert.deepEqual(project.codes.list().map((c) => c.path), ['\u00c9MIGR\u00c9S', '\u0393\u0391\u0396\u0391', '\u0393\u0391\u0396\u0391/\u00e9migr\u00e9s']);
  });

  test('a name may hold "/" (its path escapes it, #14) but may not be empty, in the store and in the database', () => {
    const { project } = newProject();
    assert.equal(project.codes.create({ name: 'Frames/Humanitarian' }).path, 'Frames\\/Humanitarian');
    throwsGloss(() => project.codes.create({ name: '   ' }), 'invalid_request');
    const c = project.codes.create({ name: 'Ok' });
    assert.equal(project.codes.update(c.id, { name: 'a/b' }).path, 'a\\/b');
    const now = new Date().toISOString();
    project.db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('x/y', '#000000', ?)").run(now);
    assert.throws(() => project.db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('  ', '#000000', ?)").run(now), /CHECK constraint/);
    assert.equal(project.codes.count(), 3);
  });

  test('update changes colour and description; unknown ids are not_found', () => {
    const { project } = newProject();
    const c = project.codes.create({ name: 'Victims' });
    const updated = project.codes.update(c.id, { color: '#abcdef', description: 'People harmed' });
    assert.equal(updated.color, '#abcdef');
    assert.equal(updated.description, 'People harmed');
    throwsGloss(() => project.codes.update(c.id + 50, { color: '#000000' }), 'not_found');
  });

  test('move reorders siblings and re-parents, and never inside itself', () => {
    const { project } = newProject();
    const a = project.codes.create({ name: 'A' });
    const b = project.codes.create({ name: 'B' });
    const c = project.codes.create({ name: 'C' });
    const a1 = project.codes.create({ name: 'A1', parentId: a.id });
    project.codes.move(c.id, null, 0);
    assert.deepEqual(project.codes.list().filter((x) => x.parentId === null).map((x) => x.name), ['C', 'A', 'B']);
    project.codes.move(c.id, null, 99);
    assert.deepEqual(project.codes.list().filter((x) => x.parentId === null).map((x) => x.name), ['A', 'B', 'C']);
    project.codes.move(b.id, a.id, 0);
    assert.equal(project.codes.get(b.id).path, 'A/B');
    assert.deepEqual(project.codes.list().filter((x) => x.parentId === a.id).map((x) => x.name), ['B', 'A1']);
    throwsGloss(() => project.codes.move(a.id, a.id, 0), 'conflict', /inside itself/);
    throwsGloss(() => project.codes.move(a.id, a1.id, 0), 'conflict', /inside itself or one of its own sub-codes/);
    throwsGloss(() => project.codes.move(a.id, 999, 0), 'not_found');
    assert.equal(project.codes.get(a.id).parentId, null);
  });

  test('merge moves codings to the target, collapses duplicates, moves sub-codes under it and removes the source', async () => {
    const { project } = newProject();
    const articleId = await importText(project, 'One two three four five six');
    const source = project.codes.create({ name: 'Aid' });
    const sub = project.codes.create({ name: 'Convoys', parentId: source.id });
    const target = project.codes.create({ name: 'Humanitarian' });
    const apply = (codeId: number, start: number, end: number) => project.codings.apply({ articleId, codeId, start, end, coder: 't' });
    const dup = apply(source.id, 0, 3); // "One": the target has it too
    apply(target.id, 0, 3);
    const moved = apply(source.id, 4, 7); // "two"
    const subCoding = apply(sub.id, 8, 13); // "three"
    assert.deepEqual(project.codes.merge(source.id, target.id), { movedCodings: 1, droppedDuplicates: 1 });
    throwsGloss(() => project.codes.get(source.id), 'not_found');
    throwsGloss(() => project.codings.get(dup.id), 'not_found');
    const after = project.codings.get(moved.id);
    assert.equal(after.codeId, target.id);
    assert.equal(after.codePath, 'Humanitarian');
    assert.equal(after.text, 'two');
    assert.equal(project.codes.get(sub.id).path, 'Humanitarian/Convoys');
    assert.equal(project.codings.get(subCoding.id).codePath, 'Humanitarian/Convoys');
    assert.deepEqual(
      project.codings.listForArticle(articleId).map((k) => [k.codePath, k.text]),
      [['Humanitarian', 'One'], ['Humanitarian', 'two'], ['Humanitarian/Convoys', 'three']],
    );
  });

  test('merge refuses itself, its own sub-codes and unknown codes, changing nothing', async () => {
    const { project } = newProject();
    const a = project.codes.create({ name: 'A' });
    const a1 = project.codes.create({ name: 'A1', parentId: a.id });
    throwsGloss(() => project.codes.merge(a.id, a.id), 'conflict');
    throwsGloss(() => project.codes.merge(a.id, a1.id), 'conflict');
    throwsGloss(() => project.codes.merge(a.id, 999), 'not_found');
    assert.deepEqual(project.codes.list().map((c) => c.path), ['A', 'A/A1']);
  });

  test('delete reports, and removes, the codings of the code and of all its sub-codes', async () => {
    const { project } = newProject();
    const articleId = await importText(project, 'alpha beta gamma delta epsilon');
    const top = project.codes.create({ name: 'Top' });
    const child = project.codes.create({ name: 'Child', parentId: top.id });
    const grandchild = project.codes.create({ name: 'Grandchild', parentId: child.id });
    const sibling = project.codes.create({ name: 'Sibling' });
    const apply = (codeId: number, start: number, end: number) => project.codings.apply({ articleId, codeId, start, end, coder: 't' });
    apply(top.id, 0, 5);
    apply(child.id, 6, 10);
    apply(grandchild.id, 11, 16);
    apply(grandchild.id, 0, 5);
    const kept = apply(sibling.id, 0, 5);
    assert.deepEqual(project.codes.impact(top.id), { codings: 4, descendants: 2 });
    assert.deepEqual(project.codes.impact(child.id), { codings: 3, descendants: 1 });
    assert.deepEqual(project.codes.impact(sibling.id), { codings: 1, descendants: 0 });
    assert.deepEqual(project.codes.delete(top.id), { deletedCodings: 4, deletedCodes: 3 });
    assert.deepEqual(project.codes.list().map((c) => c.path), ['Sibling']);
    assert.deepEqual(project.codings.listForArticle(articleId).map((k) => k.id), [kept.id]);
    throwsGloss(() => project.codes.delete(top.id), 'not_found');
    throwsGloss(() => project.codes.impact(top.id), 'not_found');
  });

  test('ensurePath finds existing levels ignoring case and creates the missing ones', () => {
    const { project } = newProject();
    const frames = project.codes.create({ name: 'Frames' });
    const hum = project.codes.ensurePath('frames/Humanitarian');
    assert.equal(hum.parentId, frames.id);
    assert.equal(hum.path, 'Frames/Humanitarian');
    assert.equal(project.codes.ensurePath('Frames/humanitarian').id, hum.id);
    throwsGloss(() => project.codes.ensurePath('Frames//X'), 'invalid_request');
    assert.equal(project.codes.count(), 2);
  });
});

describe('codings', () => {
  test('apply stores exactly the code-point slice of the article, with the code path', async () => {
    const { project } = newProject();
    const articleId = await importText(project, TRICKY_TEXT);
    const code = project.codes.ensurePath('Frames/Humanitarian');
    for (const passage of TRICKY_PASSAGES) {
      const span = spanOf(TRICKY_TEXT, passage);
      const coding = project.codings.apply({ articleId, codeId: code.id, ...span, memo: `memo ${passage}`, coder: 'ana' });
      assert.equal(coding.text, passage);
      assert.equal(coding.text, cpSlice(TRICKY_TEXT, coding.start, coding.end));
      assert.equal(coding.codePath, 'Frames/Humanitarian');
      assert.equal(coding.memo, `memo ${passage}`);
      assert.equal(coding.coder, 'ana');
      assert.equal(coding.createdAt, coding.updatedAt);
    }
    assert.equal(project.codings.listForArticle(articleId).length, TRICKY_PASSAGES.length);
  });

  test('the same code on the same span twice by one coder is a conflict; another coder, code or span is not', async () => {
    const { project } = newProject();
    const articleId = await importText(project, 'Aid convoy waits at the crossing.');
    const a = project.codes.create({ name: 'A' });
    const b = project.codes.create({ name: 'B' });
    project.codings.apply({ articleId, codeId: a.id, start: 0, end: 3, coder: 't' });
    throwsGloss(() => project.codings.apply({ articleId, codeId: a.id, start: 0, end: 3, coder: 't' }), 'conflict', /already has that code/);
    // Coder names compare ignoring case, like the coders they name.
    throwsGloss(() => project.codings.apply({ articleId, codeId: a.id, start: 0, end: 3, coder: 'T' }), 'conflict', /already has that code/);
    // Two coders code independently: the same span with the same code by someone else is their own coding.
    project.codings.apply({ articleId, codeId: a.id, start: 0, end: 3, coder: 'someone else' });
    project.codings.apply({ articleId, codeId: b.id, start: 0, end: 3, coder: 't' });
    project.codings.apply({ articleId, codeId: a.id, start: 0, end: 4, coder: 't' });
    assert.equal(project.codings.count(), 4);
  });

  test('apply refuses spans outside the article or reversed, and unknown articles or codes', async () => {
    const { project } = newProject();
    const articleId = await importText(project, `x${FLAG_LB}y`); // 4 code points, 6 UTF-16 units
    const code = project.codes.create({ name: 'C' });
    const apply = (start: number, end: number) => () => project.codings.apply({ articleId, codeId: code.id, start, end, coder: 't' });
    throwsGloss(apply(0, 5), 'invalid_request', /not inside article/);
    throwsGloss(apply(0, 6), 'invalid_request', /0–4/);
    throwsGloss(apply(-1, 2), 'invalid_request');
    throwsGloss(apply(2, 2), 'invalid_request');
    throwsGloss(apply(3, 1), 'invalid_request');
    throwsGloss(() => project.codings.apply({ articleId: 999, codeId: code.id, start: 0, end: 1, coder: 't' }), 'not_found');
    throwsGloss(() => project.codings.apply({ articleId, codeId: 999, start: 0, end: 1, coder: 't' }), 'not_found');
    assert.equal(project.codings.apply({ articleId, codeId: code.id, start: 0, end: 4, coder: 't' }).text, `x${FLAG_LB}y`);
    assert.equal(project.codings.count(), 1);
  });

  test('the database itself rejects raw inserts that break 0 ≤ start < end ≤ length or the text', async () => {
    const { project } = newProject();
    const text = `ab${FAMILY}cd`; // 11 code points
    const articleId = await importText(project, text);
    const codeId = project.codes.create({ name: 'C' }).id;
    const insert = project.db.prepare(
      `INSERT INTO codings (article_id, code_id, start, "end", text, coder, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'raw', 'now', 'now')`,
    );
    const attempt = (article: number, code: number, start: number, end: number, passage: string) => () => insert.run(article, code, start, end, passage);
    assert.throws(attempt(articleId, codeId, -1, 2, 'ab'), /CHECK constraint/, 'negative start');
    assert.throws(attempt(articleId, codeId, 2, 2, ''), /CHECK constraint/, 'empty span');
    assert.throws(attempt(articleId, codeId, 3, 2, ''), /CHECK constraint|differs from the article text/, 'reversed span');
    assert.throws(attempt(articleId, codeId, 9, 12, 'cd'), /past the end of the article/, 'end past the article');
    assert.throws(attempt(articleId, codeId, 0, 2, 'xx'), /differs from the article text/, 'wrong text');
    // The slice by UTF-16 units instead of code points: what a renderer bug would send.
    assert.throws(attempt(articleId, codeId, 2, 9, text.slice(2, 9)), /differs from the article text/, 'a UTF-16 slice');
    assert.throws(attempt(articleId, codeId, 0, 2, 'a'), /differs/, 'a shorter text');
    assert.throws(attempt(articleId + 1, codeId, 0, 2, 'ab'), /FOREIGN KEY|differs/, 'an unknown article');
    assert.throws(attempt(articleId, codeId + 1, 0, 2, 'ab'), /FOREIGN KEY/, 'an unknown code');
    assert.equal(project.codings.count(), 0);

    // The same statement with the right slice goes in, so the failures above are the constraints, not the statement.
    insert.run(articleId, codeId, 2, 9, FAMILY);
    insert.run(articleId, codeId, 9, 11, 'cd');
    assert.equal(project.codings.count(), 2);
    const id = (project.db.prepare('SELECT id FROM codings WHERE start = 2').get() as { id: number }).id;
    assert.throws(() => project.db.prepare('UPDATE codings SET start = 3 WHERE id = ?').run(id), /differs from the article text/, 'a move without the text');
    assert.throws(() => project.db.prepare('UPDATE codings SET "end" = 12 WHERE id = ?').run(id), /past the end/, 'a move past the end');
    assert.throws(() => project.db.prepare("UPDATE codings SET text = 'zz' WHERE id = ?").run(id), /differs/, 'a text edit');
    assert.equal(project.codings.get(id).text, FAMILY);
  });

  test('update moves the span (the text follows), changes code or memo, and refuses duplicates', async () => {
    const { project } = newProject();
    const articleId = await importText(project, TRICKY_TEXT);
    const a = project.codes.create({ name: 'A' });
    const b = project.codes.create({ name: 'B' });
    const flag = spanOf(TRICKY_TEXT, FLAG_LB);
    const family = spanOf(TRICKY_TEXT, FAMILY);
    const k1 = project.codings.apply({ articleId, codeId: a.id, ...flag, coder: 't' });
    const k2 = project.codings.apply({ articleId, codeId: b.id, ...flag, coder: 't' });
    const moved = project.codings.update(k1.id, family);
    assert.equal(moved.text, FAMILY);
    assert.equal(moved.start, family.start);
    const widened = project.codings.update(k1.id, { end: family.end + 3 });
    assert.equal(widened.text, `${FAMILY} in`);
    assert.equal(project.codings.update(k1.id, { memo: 'note' }).memo, 'note');
    throwsGloss(() => project.codings.update(k2.id, { codeId: a.id, ...family, end: family.end + 3 }), 'conflict');
    throwsGloss(() => project.codings.update(k2.id, { end: cps(TRICKY_TEXT).length + 1 }), 'invalid_request');
    throwsGloss(() => project.codings.update(k2.id, { codeId: 999 }), 'not_found');
    throwsGloss(() => project.codings.update(999, { memo: 'x' }), 'not_found');
    const k2After = project.codings.get(k2.id);
    assert.deepEqual([k2After.codeId, k2After.start, k2After.end, k2After.text], [b.id, flag.start, flag.end, FLAG_LB]);
    assert.equal(project.codings.update(k2.id, { codeId: a.id }).codePath, 'A');
  });

  test('remove reports whether there was such a coding', async () => {
    const { project } = newProject();
    const articleId = await importText(project, 'Some text');
    const code = project.codes.create({ name: 'C' });
    const k = project.codings.apply({ articleId, codeId: code.id, start: 0, end: 4, coder: 't' });
    assert.equal(project.codings.remove(k.id), true);
    assert.equal(project.codings.remove(k.id), false);
    assert.equal(project.codings.count(), 0);
  });
});
