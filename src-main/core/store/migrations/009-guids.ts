import type { Database } from 'better-sqlite3';

// Stable GUIDs for REFI-QDA exchange (.qdpx/.qdc): an article, code, coding and memo keep the same GUID across
// exports, so another tool that re-imports a Gloss project recognises what it already has. GUIDs are uppercase
// without braces (what the standard's examples show and every peer reads). New rows get one from a trigger, so no
// store and no worker connection can forget it; an importer that carries a producer's GUID overwrites it after the
// insert. Coders are names on codings (no table of their own yet), so their GUIDs live in refi_guids, keyed by name,
// as do the GUIDs of attributes (keyed by id) that the standard calls variables.

/**
 * SQL for a fresh GUID: random bytes as uppercase hex in the 8-4-4-4-12 layout. Five randomblob() calls in one
 * expression rather than one blob cut up in a subquery: SQLite evaluates an uncorrelated subquery once per
 * statement, which would give every row of the UPDATE below the same GUID.
 */
export const NEW_GUID_SQL = `(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))`;

export const GUID_TABLES = ['articles', 'codes', 'codings', 'memos'] as const;

export const migration009 = {
  version: 9,
  name: 'stable guids',
  up(db: Database): void {
    for (const table of GUID_TABLES) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN guid TEXT;
        UPDATE ${table} SET guid = ${NEW_GUID_SQL} WHERE guid IS NULL;
        CREATE UNIQUE INDEX ${table}_guid ON ${table} (guid);
        CREATE TRIGGER ${table}_guid_insert AFTER INSERT ON ${table} WHEN new.guid IS NULL BEGIN
          UPDATE ${table} SET guid = ${NEW_GUID_SQL} WHERE rowid = new.rowid;
        END;
      `);
    }
    db.exec(`
      -- REFI-QDA's isCodable: a code that only groups others (Gloss keeps the flag and hands it back).
      ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1));
      CREATE TABLE refi_guids (
        kind TEXT NOT NULL CHECK (kind IN ('coder', 'attribute')),
        key  TEXT NOT NULL,
        guid TEXT NOT NULL UNIQUE,
        PRIMARY KEY (kind, key)
      ) STRICT;
    `);
  },
};
