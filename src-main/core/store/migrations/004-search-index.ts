import type { Database } from 'better-sqlite3';

// A second full-text index, over article text with Arabic and Hebrew marks removed. SQLite's unicode61 tokenizer
// treats harakat and niqqud as word separators, so in articles_fts the vowelled كَتَبَ is three one-letter words and
// a search for كتب cannot find it; no built-in tokenizer can drop them. Removing the marks before indexing makes
// the vowelled and unvowelled spellings one word. The removal is plain SQL (nested replace over a frozen list of
// code points, the list in core/text/marks.ts at the time of this migration) so every connection, Gloss's or any
// SQLite tool's, keeps the index right when it inserts, deletes or re-decodes an article; it runs only on text
// that contains Arabic or Hebrew at all. articles_fts (titles and raw text) is left as it was.
//
// Contentless with contentless_delete: the text is already in articles, and the search only needs row ids back.
const MARK_RANGES_V1: [number, number][] = [
  [0x0610, 0x061a],
  [0x0640, 0x0640],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06dc],
  [0x06df, 0x06e4],
  [0x06e7, 0x06e8],
  [0x06ea, 0x06ed],
  [0x0591, 0x05bd],
  [0x05bf, 0x05bf],
  [0x05c1, 0x05c2],
  [0x05c4, 0x05c5],
  [0x05c7, 0x05c7],
];

export function searchTextSql(column: string): string {
  let stripped = column;
  for (const [from, to] of MARK_RANGES_V1) for (let c = from; c <= to; c++) stripped = `replace(${stripped}, char(${c}), '')`;
  // Arabic block and Hebrew block; GLOB compares code points, so the ranges are exact.
  return `CASE WHEN ${column} GLOB '*[\u0590-\u05ff\u0600-\u06ff]*' THEN ${stripped} ELSE ${column} END`;
}

export const MIGRATION_004_MARK_RANGES: readonly (readonly [number, number])[] = MARK_RANGES_V1;

export const migration004 = {
  version: 4,
  name: 'mark-insensitive search index',
  up(db: Database): void {
    db.exec(`
      CREATE VIRTUAL TABLE articles_search USING fts5(
        text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO articles_search (rowid, text) SELECT id, ${searchTextSql('text')} FROM articles;
      CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_search (rowid, text) VALUES (new.id, ${searchTextSql('new.text')});
      END;
      CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_search WHERE rowid = old.id;
      END;
      CREATE TRIGGER articles_search_update AFTER UPDATE OF text ON articles BEGIN
        DELETE FROM articles_search WHERE rowid = old.id;
        INSERT INTO articles_search (rowid, text) VALUES (new.id, ${searchTextSql('new.text')});
      END;
    `);
  },
};
