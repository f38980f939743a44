import type { Database } from 'better-sqlite3';
import { NEW_GUID_SQL } from './009-guids';

// Code sets: named groups of codes across the tree ("Frames used in 2024 coding", "Codes for the second round"),
// as MAXQDA, ATLAS.ti (code groups) and NVivo (sets) keep them and REFI-QDA exchanges them (<Sets><Set><MemberCode>).
// A set only groups: deleting it leaves its codes, deleting a code takes its memberships. Memberships have their
// own id so the undo history can restore them row by row like every other table.
export const migration013 = {
  version: 13,
  name: 'code sets',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE code_sets (
        id          INTEGER PRIMARY KEY,
        guid        TEXT UNIQUE,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX code_sets_name ON code_sets (name COLLATE NOCASE);
      CREATE TRIGGER code_sets_guid_insert AFTER INSERT ON code_sets WHEN new.guid IS NULL BEGIN
        UPDATE code_sets SET guid = ${NEW_GUID_SQL} WHERE rowid = new.rowid;
      END;
      CREATE TABLE code_set_members (
        id      INTEGER PRIMARY KEY,
        set_id  INTEGER NOT NULL REFERENCES code_sets(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        UNIQUE (set_id, code_id)
      ) STRICT;
      CREATE INDEX code_set_members_code ON code_set_members (code_id);
    `);
  },
};
