import type { Database } from 'better-sqlite3';

// Retrieval asks for the codings of some codes in article then offset order, one page at a time (LIMIT/OFFSET in
// SQL). With codings indexed by code alone SQLite read every coding of the codes and sorted them for each page;
// ordered by (code, article, start) it walks each code's codings in order and merges them. The old index on code
// alone is the new one's prefix, so it goes (one index less to keep up on every coding written).
export const migration011 = {
  version: 11,
  name: 'retrieval index',
  up(db: Database): void {
    db.exec(`
      CREATE INDEX codings_code_article_start ON codings (code_id, article_id, start);
      DROP INDEX codings_code;
    `);
  },
};
