import type { Database, Statement } from 'better-sqlite3';

// Statements whose text depends on their input (a table name, a list of ? of some length) cannot be prepared once in
// a constructor; preparing them on every call costs more than running them. This keeps each distinct text's
// statement per connection, so a repeated shape is prepared once.
const caches = new WeakMap<Database, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared the first time this text is seen. */
export function prepared(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
