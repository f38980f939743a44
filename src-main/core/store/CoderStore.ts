import type { Database } from 'better-sqlite3';
import { cleanText } from '../../contract/text';
import { GlossError } from '../../contract/errors';
import type { Coder, Tombstone } from '../../contract/types';
import { CODER_PALETTE_V1 } from './migrations/010-coders';
import { prepared } from './statementCache';

const SELECT = `SELECT c.id, c.guid, c.name, upper(c.color) AS colour, c.created_at AS createdAt,
  (SELECT count(*) FROM codings k WHERE k.coder = c.name) AS codings,
  (SELECT count(*) FROM memos m WHERE m.coder = c.name) AS memos
  FROM coders c`;

/**
 * The project's coders: people with a stable GUID, a display name (unique ignoring case) and a colour. Codings and
 * memos carry their coder's name, which a foreign key with ON UPDATE CASCADE keeps right when a coder is renamed
 * (migration 010), so a rename is one UPDATE here. Rows for new names also appear on their own when a coding or memo
 * names them (a trigger), whatever wrote it.
 */
export class CoderStore {
  constructor(private readonly db: Database) {}

  list(): Coder[] {
    return prepared(this.db, `${SELECT} ORDER BY c.name COLLATE NOCASE, c.id`).all() as Coder[];
  }

  get(id: number): Coder {
    const row = prepared(this.db, `${SELECT} WHERE c.id = ?`).get(id) as Coder | undefined;
    if (!row) throw new GlossError('not_found', `There is no coder ${id} in this project.`);
    return row;
  }

  /** The coder of that name (ignoring case), if the project has one. */
  byName(name: string): Coder | undefined {
    return prepared(this.db, `${SELECT} WHERE c.name = ?`).get(cleanText(name).trim()) as Coder | undefined;
  }

  /** The coder named so, created (with the next palette colour) when the project has none. */
  ensure(name: string): Coder {
    return this.byName(name) ?? this.create({ name });
  }

  create(request: { name: string; colour?: string }): Coder {
    const name = this.checkName(request.name);
    if (this.byName(name)) throw new GlossError('conflict', `There is already a coder named "${this.byName(name)!.name}".`);
    const colour = (request.colour ?? this.nextColour()).toUpperCase();
    const id = Number(
      prepared(this.db, 'INSERT INTO coders (name, color, created_at) VALUES (?, ?, ?)').run(name, colour, new Date().toISOString()).lastInsertRowid,
    );
    return this.get(id);
  }

  /** Renames (everywhere: codings and memos follow through the foreign key) and/or recolours a coder. */
  update(id: number, changes: { name?: string; colour?: string }): Coder {
    const current = this.get(id);
    if (changes.name !== undefined) {
      const name = this.checkName(changes.name);
      const other = this.byName(name);
      if (other && other.id !== id) throw new GlossError('conflict', `There is already a coder named "${other.name}".`);
      if (name !== current.name) prepared(this.db, 'UPDATE coders SET name = ? WHERE id = ?').run(name, id);
    }
    if (changes.colour !== undefined) prepared(this.db, 'UPDATE coders SET color = ? WHERE id = ?').run(changes.colour.toUpperCase(), id);
    return this.get(id);
  }

  /** How many codings this coder made of each code (by code id). */
  codingCountsByCode(coder: string): Map<number, number> {
    const rows = prepared(this.db, 'SELECT code_id AS id, count(*) AS n FROM codings WHERE coder = ? GROUP BY code_id').all(coder) as { id: number; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** How many coders have at least one coding. */
  codersWithCodings(): number {
    return prepared(this.db, 'SELECT count(DISTINCT coder) FROM codings').pluck().get() as number;
  }

  /** Deletions a merge can see, newest first (see migration 010). */
  tombstones(): Tombstone[] {
    return prepared(this.db, 'SELECT kind, guid, deleted_at AS deletedAt, coder FROM tombstones ORDER BY deleted_at DESC, kind, guid').all() as Tombstone[];
  }

  private nextColour(): string {
    const n = prepared(this.db, 'SELECT count(*) FROM coders').pluck().get() as number;
    return CODER_PALETTE_V1[n % CODER_PALETTE_V1.length]!;
  }

  private checkName(raw: string): string {
    const name = cleanText(raw).trim();
    if (!name) throw new GlossError('invalid_request', 'A coder needs a name.');
    if ([...name].length > 200) throw new GlossError('invalid_request', 'A coder name has at most 200 characters.');
    return name;
  }
}
