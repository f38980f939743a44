import type { Database } from 'better-sqlite3';

// Word, PDF and RTF files are imported as well as text and HTML: their original bytes are kept like any other
// source's, so `article_sources.kind` takes the three new kinds. A CHECK constraint cannot be altered in SQLite, so
// the table is rebuilt (same columns, same rows). `notes` records what reading the document left out or reshaped
// (images, tables as text rows, running headers), a JSON array of sentences shown with the article.
export const migration007 = {
  version: 7,
  name: 'document sources',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE article_sources_new (
        article_id        INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        -- How the bytes become text: decoded ('text'), through the HTML extractor ('html'), or read as a Word,
        -- PDF or RTF document.
        kind              TEXT NOT NULL CHECK (kind IN ('text', 'html', 'docx', 'pdf', 'rtf')),
        bytes             BLOB NOT NULL,
        byte_length       INTEGER NOT NULL CHECK (byte_length = length(bytes)),
        sha256            TEXT NOT NULL,
        import_encoding   TEXT NOT NULL,
        notes             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes) AND json_type(notes) = 'array')
      ) STRICT;
      INSERT INTO article_sources_new (article_id, kind, bytes, byte_length, sha256, import_encoding)
        SELECT article_id, kind, bytes, byte_length, sha256, import_encoding FROM article_sources;
      DROP TABLE article_sources;
      ALTER TABLE article_sources_new RENAME TO article_sources;
    `);
  },
};
