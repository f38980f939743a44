import type { Database } from 'better-sqlite3';

// A code name may now hold "/" (#14): a path writes it escaped as "\/" (contract/codePath.ts), so the separator no
// longer needs to be banned from names. The codes table's CHECK refused it. SQLite cannot drop a CHECK with ALTER
// TABLE, and rebuilding the table would cascade-delete every coding (foreign keys cannot be switched off inside the
// migration's transaction), so the CHECK is edited in the schema text: the procedure SQLite's ALTER TABLE page
// documents as safe for removing a CHECK constraint (no stored row changes; schema_version bumped so every
// connection re-reads the schema). better-sqlite3 runs in SQLite's defensive mode, which forbids writing the
// schema, so unsafe mode is on for this step only.

const BAN = ` AND instr(name, '/') = 0`;

export const migration012 = {
  version: 12,
  name: 'code names may hold a slash',
  up(db: Database): void {
    const row = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'codes'`).get() as { sql: string } | undefined;
    if (!row?.sql.includes(BAN)) return;
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'codes'`).run(row.sql.replace(BAN, ''));
      db.pragma(`schema_version = ${version + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the codes table's schema did not check out after the edit: ${String(check)}`);
  },
};
