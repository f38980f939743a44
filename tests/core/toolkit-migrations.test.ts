// Migrations 003 (memos, attributes, saved searches, word counts) and 004 (the mark-insensitive search index), each
// run on a real file of the previous version that holds data, the way an analyst's old project is opened.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/store/migrations';
import { MIGRATION_004_MARK_RANGES, searchTextSql } from '../../src-main/core/store/migrations/004-search-index';
import { IGNORABLE_MARK_RANGES, stripMarks } from '../../src-main/core/text/marks';
import { Project } from '../../src-main/core/store/Project';
import { runSearch } from '../../src-main/core/search/search';
import { importText, newProjectSchemaObjects, schemaObjects, tempDir, nth } from './helpers';
import { databaseAfterMigrations } from './old-formats';
import { ARABIC, GAZA_PLAIN, GAZA_VOWELLED, HEBREW, SHALOM } from './toolkit-fixture';

/** A project file at schema `version`, built by running the migrations up to it, holding two articles, a code and codings. */
function projectAtVersion(version: number): string {
  const path = join(tempDir(), `v${version}.gloss`);
  const db = databaseAfterMigrations(path, version);
  const insert = db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, had_bom, original_line_endings,
    normalized_to_nfc, text, length) VALUES (?, ?, '2026-01-01T00:00:00.000Z', ?, 'UTF-8', 0, 'LF', 0, ?, ?)`);
  insert.run('Arabic', 'ar/arabic.txt', 'h1', ARABIC, [...ARABIC].length);
  insert.run('Hebrew', 'he/hebrew.txt', 'h2', HEBREW, [...HEBREW].length);
  db.prepare("INSERT INTO codes (name, color, created_at) VALUES ('Places', '#e6194b', '2026-01-01T00:00:00.000Z')").run();
  db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, memo, coder, created_at, updated_at)
    VALUES (1, 1, 0, 6, ?, 'a memo from before', 'ana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`).run(GAZA_VOWELLED);
  db.close();
  return path;
}

function version(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('migration 003 (analysis toolkit) on a version-2 project', () => {
  test('upgrades in place: every row kept, coding memos become plain memos without a rich form, built-in attributes exist', () => {
    const path = projectAtVersion(2);
    assert.equal(version(path), 2);
    const project = Project.open(path);
    try {
      assert.equal(project.db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.deepEqual(schemaObjects(project.db), newProjectSchemaObjects(), 'the upgraded schema is not the one a new project gets');
      const coding = nth(project.codings.listForArticle(1), 0, 'the coding from version 2');
      assert.deepEqual([coding.text, coding.memo, coding.codePath, coding.coder], [GAZA_VOWELLED, 'a memo from before', 'Places', 'ana']);
      const memo = project.memos.get({ kind: 'coding', id: coding.id });
      assert.deepEqual([memo.plain, memo.rich], ['a memo from before', null]);
      assert.deepEqual(
        project.attributes.list().map((a) => [a.name, a.type, a.builtIn, a.articleCount]),
        [
          ['outlet', 'text', true, 0],
          ['publication date', 'date', true, 0],
          ['author', 'text', true, 0],
          ['country', 'text', true, 0],
          ['language', 'text', true, 0],
        ],
      );
      // The new tables work on the upgraded file, foreign keys included.
      project.attributes.set(2, 'publication date', '2024-01-08');
      project.memos.set({ kind: 'article', id: 2 }, 'memo on an old article', null);
      project.search.save('old', { query: SHALOM, mode: 'fts' });
      assert.deepEqual([...project.analysis.wordCounts()].sort(), [
        [1, ARABIC.split(/\s+/).filter(Boolean).length],
        [2, HEBREW.split(/\s+/).filter(Boolean).length],
      ]);
      project.articles.delete(2);
      assert.equal(project.db.prepare('SELECT count(*) FROM memos').pluck().get(), 0);
      assert.equal(project.db.prepare('SELECT count(*) FROM article_attribute_values').pluck().get(), 0);
      assert.equal(project.db.prepare('SELECT count(*) FROM article_word_counts').pluck().get(), 1);
    } finally {
      project.close();
    }
  });
});

describe('migrations 004 and 005 (one mark-insensitive text index) on a version-3 project', () => {
  test('indexes the articles already there, and keeps the index in step with inserts, deletes and re-decoded text', async () => {
    const path = projectAtVersion(3);
    const seed = new Database(path);
    seed.prepare("INSERT INTO memos (kind, plain, updated_at) VALUES ('project', 'kept', 'now')").run();
    seed.prepare("INSERT INTO article_attribute_values (article_id, attribute_id, value) VALUES (1, 1, 'Al Jazeera')").run();
    seed.close();
    assert.equal(version(path), 3);
    const project = Project.open(path);
    try {
      assert.equal(project.db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.equal(project.memos.get({ kind: 'project' }).plain, 'kept');
      assert.equal(nth(project.attributes.forArticle(1), 0, 'article 1\'s attribute').value, 'Al Jazeera');
      // Indexed during the upgrade: the unvowelled query finds the vowelled word of an article that predates the index.
      const ids = (query: string) => project.search.ftsArticleIds(`"${query}"`);
      assert.deepEqual(ids(GAZA_PLAIN), [1]);
      assert.deepEqual(ids(SHALOM), [2]);
      const hits = await runSearch(project, { query: GAZA_PLAIN, mode: 'fts' });
      assert.deepEqual(nth(hits.articles, 0, 'the article hit').hits.map((h) => h.text), [GAZA_VOWELLED, GAZA_PLAIN]);
      // A new article is indexed by the trigger; a deleted one leaves the index.
      const added = await importText(project, 'Later story about \u0642\u064F\u062F\u0633 and Gaza', 'later.txt');
      assert.deepEqual(ids('\u0642\u062F\u0633'), [added]);
      project.articles.delete(2);
      assert.deepEqual(ids(SHALOM), []);
      // Re-decoding is the one sanctioned text change (migration 002's permit): the index follows the new text.
      project.db.transaction(() => {
        project.db.prepare('INSERT INTO article_text_permits (article_id) VALUES (?)').run(added);
        project.db.prepare('UPDATE articles SET text = ?, length = ? WHERE id = ?').run('Replaced wording', 16, added);
        project.db.prepare('DELETE FROM article_text_permits WHERE article_id = ?').run(added);
      })();
      assert.deepEqual(ids('\u0642\u062F\u0633'), []);
      assert.deepEqual(ids('replaced'), [added]);
      project.db.exec("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 0)");
      // Migration 005 left one text index: the separate articles_search table is gone.
      assert.equal(project.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'articles_search'").pluck().get(), 0);
    } finally {
      project.close();
    }
  });

  test('the frozen mark list in the migration is the one the search strips, and the SQL strips exactly what JavaScript does', () => {
    assert.deepEqual(MIGRATION_004_MARK_RANGES, IGNORABLE_MARK_RANGES);
    let every = 'x';
    for (const [from, to] of IGNORABLE_MARK_RANGES) for (let c = from; c <= to; c++) every += `\u05D0${String.fromCodePoint(c)}\u0628`;
    const samples = [every, ARABIC, HEBREW, 'Latin caf\u00E9 stays; e\u0301 too', '\u0628\u0640\u0640\u064A\u0631\u0648\u062A'];
    const db = new Database(':memory:');
    try {
      for (const s of samples) {
        const sql = db.prepare(`SELECT ${searchTextSql('@t')} AS v`).pluck().get({ t: s });
        assert.equal(sql, stripMarks(s).text);
      }
    } finally {
      db.close();
    }
  });
});
