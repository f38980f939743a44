import type { Database } from 'better-sqlite3';

// The first schema. Offsets are code points; SQLite's length() and substr() on TEXT count code points too,
// which lets the database itself check that a coding's text is exactly its slice of the article.
export const migration001 = {
  version: 1,
  name: 'initial',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE project_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE articles (
        id                  INTEGER PRIMARY KEY,
        title               TEXT NOT NULL CHECK (length(title) > 0),
        source_file         TEXT NOT NULL,
        imported_at         TEXT NOT NULL,
        content_hash        TEXT NOT NULL UNIQUE,
        encoding            TEXT NOT NULL,
        had_bom             INTEGER NOT NULL DEFAULT 0,
        original_line_endings TEXT NOT NULL DEFAULT 'LF',
        normalized_to_nfc   INTEGER NOT NULL DEFAULT 0,
        text                TEXT NOT NULL,
        length              INTEGER NOT NULL CHECK (length = length(text))
      ) STRICT;

      -- Stored text is immutable in this version: the offsets of every coding depend on it.
      CREATE TRIGGER articles_text_immutable BEFORE UPDATE OF text, length ON articles
      BEGIN
        SELECT RAISE(ABORT, 'article text cannot change after import');
      END;

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_rename AFTER UPDATE OF title ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;

      CREATE TABLE codes (
        id          INTEGER PRIMARY KEY,
        parent_id   INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND instr(name, '/') = 0),
        color       TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        sort_order  INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL
      ) STRICT;
      -- Names are unique among siblings, ignoring case: "Gaza" and "gaza" side by side would only confuse.
      CREATE UNIQUE INDEX codes_sibling_name ON codes (ifnull(parent_id, 0), name COLLATE NOCASE);
      CREATE INDEX codes_parent ON codes (parent_id, sort_order);

      CREATE TABLE codings (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        code_id    INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL CHECK (start >= 0),
        "end"      INTEGER NOT NULL CHECK ("end" > start),
        text       TEXT NOT NULL,
        memo       TEXT NOT NULL DEFAULT '',
        coder      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (article_id, code_id, start, "end")
      ) STRICT;
      CREATE INDEX codings_article ON codings (article_id, start);
      CREATE INDEX codings_code ON codings (code_id);

      -- The database, not just the code, guarantees 0 <= start < end <= article length and that the stored
      -- passage is exactly the article's code-point slice: an export can then never disagree with the text.
      CREATE TRIGGER codings_bounds_insert BEFORE INSERT ON codings BEGIN
        SELECT RAISE(ABORT, 'coding end is past the end of the article')
          WHERE new."end" > (SELECT length FROM articles WHERE id = new.article_id);
        SELECT RAISE(ABORT, 'coding text differs from the article text at its offsets')
          WHERE new.text IS NOT (SELECT substr(text, new.start + 1, new."end" - new.start) FROM articles WHERE id = new.article_id);
      END;
      CREATE TRIGGER codings_bounds_update BEFORE UPDATE OF start, "end", text, article_id ON codings BEGIN
        SELECT RAISE(ABORT, 'coding end is past the end of the article')
          WHERE new."end" > (SELECT length FROM articles WHERE id = new.article_id);
        SELECT RAISE(ABORT, 'coding text differs from the article text at its offsets')
          WHERE new.text IS NOT (SELECT substr(text, new.start + 1, new."end" - new.start) FROM articles WHERE id = new.article_id);
      END;
    `);
  },
};
