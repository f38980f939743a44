import type { Database, Statement } from 'better-sqlite3';
import { cleanText } from '../../contract/text';
import { GlossError } from '../../contract/errors';
import type { Code } from '../../contract/types';
import { prepared } from './statementCache';
import { codePathProblem, joinCodePath, splitCodePath } from '../../contract/codePath';

/** Distinct, readable on white, and still distinct when two are blended over the same passage. */
export const CODE_PALETTE = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4',
  '#f032e6', '#bfef45', '#469990', '#dcbeff', '#9a6324', '#ffe119',
  '#800000', '#aaffc3', '#808000', '#000075',
] as const;

/** The palette's n-th colour, round and round: new codes get the next one. */
export function paletteColor(n: number): string {
  return CODE_PALETTE[n % CODE_PALETTE.length] ?? CODE_PALETTE[0];
}

export interface NewCode {
  name: string;
  parentId?: number | null;
  color?: string;
  description?: string;
}

/** A code as its row holds it: the path is built from the tree, `hasMemo` only by the list. */
type CodeRow = Omit<Code, 'path' | 'hasMemo'>;

/** 0/1 from SQLite; only the list reads it. */
type ListedCodeRow = CodeRow & { hasMemo: number };

export class CodeStore {
  private readonly listStmt: Statement;
  private readonly rowStmt: Statement;
  private readonly getStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly childrenStmt: Statement;
  private readonly countStmt: Statement;

  constructor(private readonly db: Database) {
    this.listStmt = db.prepare(`SELECT c.id, c.parent_id AS parentId, c.name, c.color, c.description, c.sort_order AS sortOrder,
      (SELECT count(*) FROM codings k WHERE k.code_id = c.id) AS codingCount,
      EXISTS (SELECT 1 FROM memos m WHERE m.kind = 'code' AND m.code_id = c.id AND trim(m.plain) <> '') AS hasMemo
      FROM codes c ORDER BY c.sort_order, c.id`);
    this.rowStmt = db.prepare(`SELECT c.id, c.parent_id AS parentId, c.name, c.color, c.description, c.sort_order AS sortOrder,
      (SELECT count(*) FROM codings k WHERE k.code_id = c.id) AS codingCount
      FROM codes c WHERE c.id = ?`);
    this.getStmt = db.prepare('SELECT id, parent_id AS parentId, name FROM codes WHERE id = ?');
    this.insertStmt = db.prepare(`INSERT INTO codes (parent_id, name, color, description, sort_order, created_at)
      VALUES (?, ?, ?, ?, (SELECT ifnull(max(sort_order), -1) + 1 FROM codes WHERE parent_id IS ?), ?)`);
    this.childrenStmt = db.prepare('SELECT id FROM codes WHERE parent_id IS ? ORDER BY sort_order, id');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM codes');
  }

  /** All codes, parents before children, siblings in their order, each with its full path. */
  list(): Code[] {
    const rows = this.listStmt.all() as ListedCodeRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const pathOf = new Map<number, string>();
    // Paths are written by the one rule (contract/codePath.ts): a "/" or "\\" inside a name is escaped.
    const path = (row: ListedCodeRow): string => {
      const known = pathOf.get(row.id);
      if (known !== undefined) return known;
      const parent = row.parentId === null ? undefined : byId.get(row.parentId);
      const p = parent ? `${path(parent)}/${joinCodePath([row.name])}` : joinCodePath([row.name]);
      pathOf.set(row.id, p);
      return p;
    };
    const children = new Map<number | null, ListedCodeRow[]>();
    for (const r of rows) {
      const list = children.get(r.parentId) ?? [];
      list.push(r);
      children.set(r.parentId, list);
    }
    const out: Code[] = [];
    const walk = (parentId: number | null): void => {
      for (const r of children.get(parentId) ?? []) {
        const { hasMemo, ...rest } = r;
        out.push({ ...rest, path: path(r), ...(hasMemo ? { hasMemo: true } : {}) });
        walk(r.id);
      }
    };
    walk(null);
    return out;
  }

  /** Path of a code, from a cache rebuilt after any codebook change (exports ask once per coding). */
  pathOf(id: number): string {
    this.pathCache ??= new Map(this.list().map((c) => [c.id, c.path]));
    return this.pathCache.get(id) ?? '';
  }

  private pathCache: Map<number, string> | undefined;

  /** Every write to the codebook goes through a method that calls this (and undo/redo, which write rows directly). */
  invalidate(): void {
    this.pathCache = undefined;
  }

  /**
   * One code with its path, read on its own: through `list()` every create and update cost a read of the whole
   * codebook, which made a codebook of thousands of codes (a Gloss JSON import) quadratic.
   */
  get(id: number): Code {
    const row = this.rowStmt.get(id) as CodeRow | undefined;
    if (!row) throw new GlossError('not_found', `There is no code ${id} in this codebook.`);
    const names = [row.name];
    const seen = new Set([row.id]);
    for (let parentId = row.parentId; parentId !== null; ) {
      const parent = this.getStmt.get(parentId) as { id: number; parentId: number | null; name: string } | undefined;
      // A missing parent or a cycle cannot come from Gloss; stop rather than loop.
      if (!parent || seen.has(parent.id)) break;
      seen.add(parent.id);
      names.unshift(parent.name);
      parentId = parent.parentId;
    }
    return { ...row, path: joinCodePath(names) };
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  private assertExists(id: number): { id: number; parentId: number | null; name: string } {
    const row = this.getStmt.get(id) as { id: number; parentId: number | null; name: string } | undefined;
    if (!row) throw new GlossError('not_found', `There is no code ${id} in this codebook.`);
    return row;
  }

  /**
   * Names are unique among siblings ignoring case in every script. The database's NOCASE index folds ASCII only, so
   * without this "Émigrés" and "émigrés" (or "ΓΆΖΑ" and "γάζα") could stand side by side.
   */
  private assertNameFree(parentId: number | null, name: string, exceptId?: number): void {
    const folded = foldName(name);
    const siblings = prepared(this.db, 'SELECT id, name FROM codes WHERE parent_id IS ?').all(parentId) as { id: number; name: string }[];
    const clash = siblings.find((s) => s.id !== exceptId && foldName(s.name) === folded);
    if (clash) throw new GlossError('conflict', `There is already a code named "${clash.name}" at that level.`);
  }

  private nextColor(): string {
    return paletteColor(this.count());
  }

  create(code: NewCode): Code {
    const name = cleanText(code.name).trim();
    validateName(name);
    const parentId = code.parentId ?? null;
    if (parentId !== null) this.assertExists(parentId);
    this.assertNameFree(parentId, name);
    try {
      this.invalidate();
      const id = Number(
        this.insertStmt.run(parentId, name, code.color ?? this.nextColor(), cleanText(code.description ?? ''), parentId, new Date().toISOString())
          .lastInsertRowid,
      );
      return this.get(id);
    } catch (err) {
      throw translateConstraint(err, name);
    }
  }

  /**
   * Creates many codes at once (a Gloss JSON import): the caller keeps its own index of each level's names, folded
   * with `foldName`, and asks `siblingNames` once per parent rather than having every create re-read and re-fold all
   * of a parent's children (quadratic: ten thousand codes took minutes). Returns the new code's id.
   */
  createKnownFree(parentId: number | null, rawName: string, color: string, description: string): number {
    const name = rawName.trim();
    validateName(name);
    this.invalidate();
    try {
      return Number(this.insertStmt.run(parentId, name, color, description, parentId, new Date().toISOString()).lastInsertRowid);
    } catch (err) {
      throw translateConstraint(err, name);
    }
  }

  /** The children of `parentId` (null: the top level) by folded name, for `createKnownFree`. */
  siblingNames(parentId: number | null): Map<string, number> {
    const rows = this.db.prepare('SELECT id, name FROM codes WHERE parent_id IS ?').all(parentId) as { id: number; name: string }[];
    return new Map(rows.map((r) => [foldName(r.name), r.id]));
  }

  update(id: number, changes: { name?: string; color?: string; description?: string }): Code {
    const existing = this.assertExists(id);
    const sets: string[] = [];
    const params: unknown[] = [];
    if (changes.name !== undefined) {
      const name = cleanText(changes.name).trim();
      validateName(name);
      this.assertNameFree(existing.parentId, name, id);
      sets.push('name = ?');
      params.push(name);
    }
    if (changes.color !== undefined) {
      sets.push('color = ?');
      params.push(changes.color);
    }
    if (changes.description !== undefined) {
      sets.push('description = ?');
      params.push(changes.description);
    }
    if (sets.length) {
      this.invalidate();
      try {
        this.db.prepare(`UPDATE codes SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
      } catch (err) {
        throw translateConstraint(err, changes.name ?? '');
      }
    }
    return this.get(id);
  }

  /** Ids of the code's descendants (not the code itself). */
  descendants(id: number): number[] {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT id FROM codes WHERE parent_id = ? UNION ALL SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id)
         SELECT id FROM sub`,
      )
      .all(id) as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** Places the code at `index` among the children of `parentId`, renumbering that sibling list. */
  move(id: number, parentId: number | null, index: number): void {
    const code = this.assertExists(id);
    if (parentId !== null) {
      this.assertExists(parentId);
      if (parentId === id || this.descendants(id).includes(parentId)) {
        throw new GlossError('conflict', 'A code cannot be moved inside itself or one of its own sub-codes.');
      }
    }
    this.assertNameFree(parentId, code.name, id);
    this.invalidate();
    this.db.transaction(() => {
      try {
        this.db.prepare('UPDATE codes SET parent_id = ? WHERE id = ?').run(parentId, id);
      } catch (err) {
        throw translateConstraint(err, this.assertExists(id).name);
      }
      const siblings = (this.childrenStmt.all(parentId) as { id: number }[]).map((r) => r.id).filter((s) => s !== id);
      siblings.splice(Math.min(index, siblings.length), 0, id);
      const setOrder = this.db.prepare('UPDATE codes SET sort_order = ? WHERE id = ?');
      siblings.forEach((s, i) => setOrder.run(i, s));
    }).immediate();
  }

  /** How much a delete would take with it: codings of the code and of all its sub-codes. */
  impact(id: number): { codings: number; descendants: number } {
    this.assertExists(id);
    const ids = [id, ...this.descendants(id)];
    const codings = (
      this.db.prepare(`SELECT count(*) AS n FROM codings WHERE code_id IN (${ids.map(() => '?').join(',')})`).get(...ids) as {
        n: number;
      }
    ).n;
    return { codings, descendants: ids.length - 1 };
  }

  delete(id: number): { deletedCodings: number; deletedCodes: number } {
    return this.db.transaction(() => {
      const { codings, descendants } = this.impact(id);
      this.invalidate();
      this.db.prepare('DELETE FROM codes WHERE id = ?').run(id);
      return { deletedCodings: codings, deletedCodes: descendants + 1 };
    }).immediate();
  }

  /**
   * Moves every coding of `sourceId` to `targetId` (a coding the target already has on the same span is dropped,
   * keeping the target's), re-parents the source's sub-codes under the target, and deletes the source.
   */
  merge(sourceId: number, targetId: number): { movedCodings: number; droppedDuplicates: number } {
    if (sourceId === targetId) throw new GlossError('conflict', 'A code cannot be merged into itself.');
    this.assertExists(sourceId);
    this.assertExists(targetId);
    if (this.descendants(sourceId).includes(targetId)) {
      throw new GlossError('conflict', 'A code cannot be merged into one of its own sub-codes.');
    }
    this.invalidate();
    return this.db.transaction(() => {
      const dropped = this.db
        .prepare(
          `DELETE FROM codings WHERE code_id = ? AND EXISTS (SELECT 1 FROM codings t WHERE t.code_id = ?
             AND t.article_id = codings.article_id AND t.start = codings.start AND t."end" = codings."end" AND t.coder = codings.coder)`,
        )
        .run(sourceId, targetId).changes;
      const moved = this.db
        .prepare('UPDATE codings SET code_id = ?, updated_at = ? WHERE code_id = ?')
        .run(targetId, new Date().toISOString(), sourceId).changes;
      for (const child of this.childrenStmt.all(sourceId) as { id: number }[]) {
        this.move(child.id, targetId, Number.MAX_SAFE_INTEGER);
      }
      // The merged code stands for both: it joins every code set the source was in.
      this.db.prepare('INSERT OR IGNORE INTO code_set_members (set_id, code_id) SELECT set_id, ? FROM code_set_members WHERE code_id = ?').run(targetId, sourceId);
      this.db.prepare('DELETE FROM codes WHERE id = ?').run(sourceId);
      return { movedCodings: moved, droppedDuplicates: dropped };
    }).immediate();
  }

  /** The code at a path like "Frames/Humanitarian" (names compared as ensurePath does), if every level exists. */
  findPath(path: string): Code | undefined {
    let parentId: number | null = null;
    let found: Code | undefined;
    for (const part of splitCodePath(cleanText(path))) {
      const row = this.childNamed(parentId, part);
      if (!row) return undefined;
      found = this.get(row.id);
      parentId = found.id;
    }
    return found;
  }

  private childNamed(parentId: number | null, name: string): { id: number; name: string } | undefined {
    const siblings = prepared(this.db, 'SELECT id, name FROM codes WHERE parent_id IS ?').all(parentId) as { id: number; name: string }[];
    const folded = foldName(name);
    return siblings.find((s) => foldName(s.name) === folded);
  }

  /** The names of a typed path (contract/codePath.ts), or a plain-words error naming what is wrong with it. */
  private namesOf(path: string): string[] {
    const cleaned = cleanText(path);
    const problem = codePathProblem(cleaned);
    if (problem) throw new GlossError('invalid_request', problem);
    return splitCodePath(cleaned);
  }

  /** Finds the code at a path like "Frames/Humanitarian", creating any missing level. */
  ensurePath(path: string): Code {
    const names = this.namesOf(path);
    return this.db.transaction(() => {
      let parentId: number | null = null;
      let found: Code | undefined;
      for (const name of names) {
        const row = this.childNamed(parentId, name);
        found = row ? this.get(row.id) : this.create({ name, parentId });
        parentId = found.id;
      }
      return found!;
    }).immediate();
  }

  /**
   * Creates the code at `path` (under `parentId` when given), creating missing parents along the way: what the
   * app's "+ New code", its code picker and the batch dialog do with "Frames/Humanitarian". The last level must be
   * new; its colour and description are the ones given.
   */
  createPath(path: string, options: { parentId?: number | null; color?: string; description?: string } = {}): Code {
    const names = this.namesOf(path);
    const last = names.pop()!;
    return this.db.transaction(() => {
      let parentId = options.parentId ?? null;
      if (parentId !== null) this.assertExists(parentId);
      for (const name of names) {
        const row = this.childNamed(parentId, name);
        parentId = (row ?? this.create({ name, parentId })).id;
      }
      const clash = this.childNamed(parentId, last);
      if (clash) {
        const where = parentId === null ? 'at the top level' : `in "${this.get(parentId).path}"`;
        throw new GlossError('conflict', `There is already a code named "${clash.name}" ${where}.`);
      }
      return this.create({ name: last, parentId, color: options.color, description: options.description });
    }).immediate();
  }
}

/** The form two code names are compared in: canonically composed, then lower case (full Unicode, not just ASCII). */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A name is any text: a "/" in it is escaped where the name is written in a path (contract/codePath.ts). */
function validateName(name: string): void {
  if (!name) throw new GlossError('invalid_request', 'A code needs a name.');
}

function translateConstraint(err: unknown, name: string): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new GlossError('conflict', `There is already a code named "${name}" at that level.`);
  }
  return err;
}
