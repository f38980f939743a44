import type { Database } from 'better-sqlite3';

// Keeps each imported file's original bytes, records how its encoding was decided, and opens exactly one sanctioned
// way for an article's text to change: re-decoding those bytes with another encoding.
//
// Why a permit table rather than delete + re-insert: re-inserting would cascade away every coding of the article
// (and its undo history), and the codings that still match their passage in the new text must survive with their
// ids. The immutability trigger now lets an UPDATE of the text through only while a row for that article sits in
// `article_text_permits`, which the re-decoding code inserts and deletes inside its own transaction; every other
// UPDATE of the text is refused exactly as before. A second trigger then removes, in the same statement, every
// coding whose stored passage is no longer the article's slice at its offsets, so the invariant "a coding's text is
// its slice of the article" stays the database's to guarantee, not the caller's.
export const migration002 = {
  version: 2,
  name: 'article sources',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE article_sources (
        article_id        INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        -- 'text' or 'html': how the bytes become text (HTML goes through the text extractor).
        kind              TEXT NOT NULL CHECK (kind IN ('text', 'html')),
        bytes             BLOB NOT NULL,
        byte_length       INTEGER NOT NULL CHECK (byte_length = length(bytes)),
        sha256            TEXT NOT NULL,
        -- What the import decided, kept when the analyst later re-decodes with another encoding.
        import_encoding   TEXT NOT NULL
      ) STRICT;

      ALTER TABLE articles ADD COLUMN encoding_basis TEXT NOT NULL DEFAULT 'unknown'
        CHECK (encoding_basis IN ('bom', 'utf8', 'declared', 'detected', 'guessed', 'chosen', 'export', 'unknown'));
      ALTER TABLE articles ADD COLUMN encoding_confidence REAL;
      -- Version 1 read only Unicode: a BOM, or else strict UTF-8.
      UPDATE articles SET encoding_basis = CASE WHEN had_bom = 1 THEN 'bom' WHEN encoding = 'UTF-8' THEN 'utf8' ELSE 'unknown' END;

      CREATE TABLE article_text_permits (
        article_id INTEGER PRIMARY KEY
      ) STRICT;

      DROP TRIGGER articles_text_immutable;
      CREATE TRIGGER articles_text_immutable BEFORE UPDATE OF text, length ON articles
        WHEN NOT EXISTS (SELECT 1 FROM article_text_permits WHERE article_id = old.id)
      BEGIN
        SELECT RAISE(ABORT, 'article text cannot change after import (only re-decoding its original bytes may change it)');
      END;

      CREATE TRIGGER articles_text_changed AFTER UPDATE OF text ON articles BEGIN
        DELETE FROM codings WHERE article_id = new.id
          AND ("end" > new.length OR text IS NOT substr(new.text, start + 1, "end" - start));
      END;

      -- One trigger for title and text, so an UPDATE that sets both re-indexes the row once (two triggers would
      -- each delete the old entry, and an FTS5 external-content index must not be told to delete a row twice).
      DROP TRIGGER articles_fts_rename;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
    `);
  },
};
