import type { Database } from 'better-sqlite3';
import { searchTextSql } from './004-search-index';

// One full-text index instead of two. Migration 004 added articles_search (text without Arabic/Hebrew marks) beside
// articles_fts (title and raw text), so every imported article was tokenised and indexed twice — half of an import's
// time — while only articles_search was ever queried. articles_fts now holds the title and the mark-free text,
// contentless (the text lives in articles), and articles_search goes.
export const migration005 = {
  version: 5,
  name: 'one text index',
  up(db: Database): void {
    db.exec(`
      DROP TRIGGER IF EXISTS articles_search_insert;
      DROP TRIGGER IF EXISTS articles_search_delete;
      DROP TRIGGER IF EXISTS articles_search_update;
      DROP TABLE IF EXISTS articles_search;
      DROP TRIGGER IF EXISTS articles_fts_insert;
      DROP TRIGGER IF EXISTS articles_fts_delete;
      DROP TRIGGER IF EXISTS articles_fts_update;
      DROP TRIGGER IF EXISTS articles_fts_rename;
      DROP TABLE IF EXISTS articles_fts;

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO articles_fts (rowid, title, text) SELECT id, title, ${searchTextSql('text')} FROM articles;
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, ${searchTextSql('new.text')});
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, ${searchTextSql('new.text')});
      END;
    `);
  },
};
