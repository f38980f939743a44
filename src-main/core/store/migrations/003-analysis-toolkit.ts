import type { Database } from 'better-sqlite3';

// The analyst's toolkit: memos on articles, codes and the project (coding memos gain a rich form), typed article
// attributes, saved searches, and a cache of article word counts.
//
// Memos and attribute values reference their article or code with ON DELETE CASCADE, like codings: deleting an
// article takes its memo and attributes with it, and the undo history snapshots those rows with the article so
// an undo brings them back (see history.ts). Without the foreign keys, a deleted article's memo would linger and be
// inherited by the next article that happens to get the same id.
export const migration003 = {
  version: 3,
  name: 'analysis toolkit',
  up(db: Database): void {
    db.exec(`
      -- The rich form of a coding's memo: the editor's state as JSON, opaque to the core. NULL when the memo was
      -- written as plain text only. codings.memo keeps the plain text, which is what search and CSV use.
      ALTER TABLE codings ADD COLUMN memo_rich TEXT;

      CREATE TABLE memos (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('article', 'code', 'project')),
        article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
        code_id    INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        plain      TEXT NOT NULL,
        rich       TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((kind = 'article') = (article_id IS NOT NULL) AND (kind = 'code') = (code_id IS NOT NULL))
      ) STRICT;
      -- One memo per target; the project's memo has neither id.
      CREATE UNIQUE INDEX memos_target ON memos (kind, ifnull(article_id, 0), ifnull(code_id, 0));
      CREATE INDEX memos_article ON memos (article_id) WHERE article_id IS NOT NULL;
      CREATE INDEX memos_code ON memos (code_id) WHERE code_id IS NOT NULL;

      CREATE TABLE attributes (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0 AND name = trim(name)),
        type       TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
        built_in   INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX attributes_name ON attributes (name COLLATE NOCASE);

      -- value keeps its type (ANY in a STRICT table): REAL or INTEGER for numbers, 0/1 for yes/no, TEXT for text
      -- and for dates (ISO yyyy-mm-dd, which sort and compare correctly as text).
      CREATE TABLE article_attribute_values (
        id           INTEGER PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
        value        ANY NOT NULL,
        UNIQUE (article_id, attribute_id)
      ) STRICT;
      CREATE INDEX article_attribute_values_by_attribute ON article_attribute_values (attribute_id, value);

      CREATE TABLE saved_searches (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
        query          TEXT NOT NULL,
        mode           TEXT NOT NULL CHECK (mode IN ('fts', 'regex')),
        case_sensitive INTEGER NOT NULL DEFAULT 0,
        whole_words    INTEGER NOT NULL DEFAULT 0,
        ignore_marks   INTEGER NOT NULL DEFAULT 0,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX saved_searches_name ON saved_searches (name COLLATE NOCASE);

      -- Whitespace-separated words per article, for "codings per 1,000 words". Filled lazily the first time counts
      -- need an article (import stays as fast as before); dropped when the text changes (re-decoding).
      CREATE TABLE article_word_counts (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        words      INTEGER NOT NULL CHECK (words >= 0)
      ) STRICT;
      CREATE TRIGGER article_word_counts_stale AFTER UPDATE OF text ON articles BEGIN
        DELETE FROM article_word_counts WHERE article_id = new.id;
      END;
    `);
    const now = new Date().toISOString();
    const insert = db.prepare('INSERT INTO attributes (name, type, built_in, sort_order, created_at) VALUES (?, ?, 1, ?, ?)');
    // The attributes news analysis nearly always needs; "publication date" is what coverage charts use by default.
    const builtIn: [string, string][] = [
      ['outlet', 'text'],
      ['publication date', 'date'],
      ['author', 'text'],
      ['country', 'text'],
      ['language', 'text'],
    ];
    builtIn.forEach(([name, type], i) => insert.run(name, type, i, now));
  },
};
