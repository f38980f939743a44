import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

// From this version on, an article's content hash (SHA-256 of its text, which finds duplicates on import) is also the
// check that its text is intact: every reader verifies it. Gloss's importers always stored a SHA-256; a hash of any
// other shape was never one (a project written by hand or by a script), so it is computed once here, from the text as
// it is, rather than have every read of that article report damage. Hashes of the right shape are left alone: a
// migration must never bless text that no longer matches its fingerprint.
export const migration006 = {
  version: 6,
  name: 'text fingerprints',
  up(db: Database): void {
    const rows = db
      .prepare(`SELECT id, text FROM articles WHERE length(content_hash) <> 64 OR content_hash GLOB '*[^0-9a-f]*'`)
      .all() as { id: number; text: string }[];
    const update = db.prepare('UPDATE OR IGNORE articles SET content_hash = ? WHERE id = ?');
    for (const r of rows) update.run(createHash('sha256').update(r.text, 'utf8').digest('hex'), r.id);
  },
};
