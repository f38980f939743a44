import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { NEW_GUID_SQL } from './009-guids';

// Coders become people: a `coders` table (stable GUID, display name, colour), codings and memos that reference
// their coder, two coders who may code the very same span, and deletions a later merge or sync can see.
//
// Why the coder's *name* stays on codings and memos (a foreign key to coders(name) with ON UPDATE CASCADE) rather
// than a coder_id: every reader, export, the agreement queries and the import writers already read and write
// `codings.coder` as a name, and the cascade keeps that name right in the same statement that renames the coder —
// one UPDATE of `coders`, one undo step, nothing to forget. The name is unique ignoring case (NOCASE), and the
// foreign key compares with that collation, so "ann" on a coding can never point at a coder other than "Ann".
//
// No writer can forget the coder row: a trigger creates it (with the next palette colour) before a coding or memo
// names a coder the table lacks, and another writes the coder's own spelling onto the coding. The coder columns
// compare ignoring case like the name they point at, so "ANN" and "Ann" on the same span are one coding, not two.
//
// Tombstones: a row per deleted article, code, coding, memo or coder (kind + GUID + when + who), written by
// triggers, so a deletion made on any path (cascades included) is visible to a merge. A record that comes back (undo
// of its deletion, a merge that re-adds it) loses its tombstone, so the table always says "these GUIDs existed here
// and are gone now". It is kept out of the undo history on purpose: an undone creation *is* a deletion a teammate
// who already merged that record must see, and history.ts restores rows by id, while tombstones are keyed by GUID.

/** Colours for coders, in the order they are given out: distinct from each other and readable as lane marks. */
export const CODER_PALETTE_V1 = ['#4E79A7', '#E15759', '#59A14F', '#B07AA1', '#F28E2B', '#76B7B2', '#EDC948', '#FF9DA7', '#9C755F', '#BAB0AC'];

/** SQL for the palette colour of the n-th coder (n an SQL expression counting from 0). */
function paletteSql(n: string): string {
  return `(CASE (${n}) % ${CODER_PALETTE_V1.length} ${CODER_PALETTE_V1.map((c, i) => `WHEN ${i} THEN '${c}'`).join(' ')} END)`;
}

/** An ISO 8601 UTC time with milliseconds, as JavaScript's toISOString writes it. */
export const NOW_SQL = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** The GUID REFI-QDA exports used for a coder that no imported file named (exportRefi's derivedGuid at version 9). */
function derivedCoderGuid(name: string): string {
  const h = createHash('sha1').update(`gloss-refi:coder:${name}`, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const ensureCoderSql = (nameExpr: string) => `
  INSERT INTO coders (name, color, created_at)
    SELECT ${nameExpr}, ${paletteSql('(SELECT count(*) FROM coders)')}, ${NOW_SQL}
    WHERE NOT EXISTS (SELECT 1 FROM coders WHERE name = ${nameExpr});`;

const TOMBSTONED: [table: string, kind: string][] = [
  ['articles', 'article'],
  ['codes', 'code'],
  ['codings', 'coding'],
  ['memos', 'memo'],
  ['coders', 'coder'],
];

export const migration010 = {
  version: 10,
  name: 'coders',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE coders (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
        color      TEXT NOT NULL CHECK (color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
        created_at TEXT NOT NULL,
        guid       TEXT
      ) STRICT;
      CREATE UNIQUE INDEX coders_guid ON coders (guid);
      CREATE TRIGGER coders_guid_insert AFTER INSERT ON coders WHEN new.guid IS NULL BEGIN
        UPDATE coders SET guid = ${NEW_GUID_SQL} WHERE rowid = new.rowid;
      END;
    `);

    // Every coder named anywhere becomes a row: codings first (the spelling with most codings names the person when
    // names differ only in case), then REFI-QDA users remembered by migration 009.
    const named = db
      .prepare(
        `SELECT name, min(first) AS first FROM (
           SELECT coder AS name, min(created_at) AS first, count(*) AS n FROM codings GROUP BY coder
           UNION ALL SELECT key, NULL, 0 FROM refi_guids WHERE kind = 'coder'
         ) GROUP BY name ORDER BY max(n) DESC, name`,
      )
      .all() as { name: string; first: string | null }[];
    const refiGuid = db.prepare("SELECT guid FROM refi_guids WHERE kind = 'coder' AND key = ?").pluck();
    const exists = db.prepare('SELECT name FROM coders WHERE name = ?').pluck();
    const guidTaken = db.prepare('SELECT 1 FROM coders WHERE guid = ?').pluck();
    const insert = db.prepare('INSERT INTO coders (name, color, created_at, guid) VALUES (?, ?, ?, ?)');
    let n = 0;
    const now = new Date().toISOString();
    for (const { name, first } of named) {
      if (exists.get(name) !== undefined) continue;
      const fromRefi = refiGuid.get(name) as string | undefined;
      let guid: string | null = (fromRefi ?? derivedCoderGuid(name)).toUpperCase();
      if (guidTaken.get(guid) !== undefined) guid = null;
      insert.run(name, CODER_PALETTE_V1[n % CODER_PALETTE_V1.length]!, first ?? now, guid);
      n++;
    }

    // Codings are rebuilt for the new UNIQUE rule (a coder is part of what makes a coding) and the reference to
    // their coder; columns, ids, GUIDs and the offset triggers of 001 stay exactly as they were.
    db.exec(`
      CREATE TABLE codings_new (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        code_id    INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL CHECK (start >= 0),
        "end"      INTEGER NOT NULL CHECK ("end" > start),
        text       TEXT NOT NULL,
        memo       TEXT NOT NULL DEFAULT '',
        coder      TEXT NOT NULL COLLATE NOCASE REFERENCES coders(name) ON UPDATE CASCADE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        memo_rich  TEXT,
        guid       TEXT,
        UNIQUE (article_id, code_id, start, "end", coder)
      ) STRICT;
      -- A coder spelt in another case becomes the coder's own spelling; should that make two codings identical,
      -- the older one is kept.
      INSERT OR IGNORE INTO codings_new (id, article_id, code_id, start, "end", text, memo, coder, created_at, updated_at, memo_rich, guid)
        SELECT k.id, k.article_id, k.code_id, k.start, k."end", k.text, k.memo, (SELECT c.name FROM coders c WHERE c.name = k.coder),
               k.created_at, k.updated_at, k.memo_rich, k.guid
        FROM codings k ORDER BY k.id;
      -- 002's trigger names codings in its body; it goes while the table is replaced and comes back unchanged.
      DROP TRIGGER articles_text_changed;
      DROP TABLE codings;
      ALTER TABLE codings_new RENAME TO codings;
      CREATE TRIGGER articles_text_changed AFTER UPDATE OF text ON articles BEGIN
        DELETE FROM codings WHERE article_id = new.id
          AND ("end" > new.length OR text IS NOT substr(new.text, start + 1, "end" - start));
      END;
      CREATE INDEX codings_article ON codings (article_id, start);
      CREATE INDEX codings_code ON codings (code_id);
      CREATE INDEX codings_coder ON codings (coder);
      CREATE UNIQUE INDEX codings_guid ON codings (guid);
      CREATE TRIGGER codings_guid_insert AFTER INSERT ON codings WHEN new.guid IS NULL BEGIN
        UPDATE codings SET guid = ${NEW_GUID_SQL} WHERE rowid = new.rowid;
      END;

      -- The offset triggers of migration 001, unchanged.
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

      CREATE TRIGGER codings_coder_insert BEFORE INSERT ON codings BEGIN ${ensureCoderSql('new.coder')} END;
      CREATE TRIGGER codings_coder_update BEFORE UPDATE OF coder ON codings BEGIN ${ensureCoderSql('new.coder')} END;
      CREATE TRIGGER codings_coder_spelling AFTER INSERT ON codings
        WHEN new.coder COLLATE BINARY IS NOT (SELECT name FROM coders WHERE name = new.coder)
      BEGIN
        UPDATE codings SET coder = (SELECT name FROM coders WHERE name = new.coder) WHERE id = new.id;
      END;

      -- Memos record who wrote them and when they were first written. Memos from before this version have no
      -- recorded coder (NULL).
      ALTER TABLE memos ADD COLUMN coder TEXT COLLATE NOCASE REFERENCES coders(name) ON UPDATE CASCADE;
      ALTER TABLE memos ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
      UPDATE memos SET created_at = updated_at;
      CREATE INDEX memos_coder ON memos (coder) WHERE coder IS NOT NULL;
      CREATE TRIGGER memos_created_at AFTER INSERT ON memos WHEN new.created_at = '' BEGIN
        UPDATE memos SET created_at = new.updated_at WHERE id = new.id;
      END;
      CREATE TRIGGER memos_coder_insert BEFORE INSERT ON memos WHEN new.coder IS NOT NULL BEGIN ${ensureCoderSql('new.coder')} END;
      CREATE TRIGGER memos_coder_spelling AFTER INSERT ON memos
        WHEN new.coder COLLATE BINARY IS NOT (SELECT name FROM coders WHERE name = new.coder)
      BEGIN
        UPDATE memos SET coder = (SELECT name FROM coders WHERE name = new.coder) WHERE id = new.id;
      END;

      CREATE TABLE tombstones (
        kind       TEXT NOT NULL CHECK (kind IN ('article', 'code', 'coding', 'memo', 'coder')),
        guid       TEXT NOT NULL,
        deleted_at TEXT NOT NULL,
        -- Who deleted it, where the session knew (history.ts stamps it); NULL for other writers.
        coder      TEXT,
        PRIMARY KEY (kind, guid)
      ) STRICT;
    `);
    for (const [table, kind] of TOMBSTONED) {
      db.exec(`
        CREATE TRIGGER ${table}_tombstone AFTER DELETE ON ${table} WHEN old.guid IS NOT NULL BEGIN
          INSERT OR REPLACE INTO tombstones (kind, guid, deleted_at, coder) VALUES ('${kind}', old.guid, ${NOW_SQL}, NULL);
        END;
        CREATE TRIGGER ${table}_revived AFTER INSERT ON ${table} WHEN new.guid IS NOT NULL BEGIN
          DELETE FROM tombstones WHERE kind = '${kind}' AND guid = new.guid;
        END;
        CREATE TRIGGER ${table}_revived_guid AFTER UPDATE OF guid ON ${table} WHEN new.guid IS NOT NULL BEGIN
          DELETE FROM tombstones WHERE kind = '${kind}' AND guid = new.guid;
        END;
      `);
    }
  },
};
