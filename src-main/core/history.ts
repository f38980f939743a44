import type { Database } from 'better-sqlite3';
import type { HistoryState } from '../contract/types';
import type { Project } from './store/Project';
import { prepared } from './store/statementCache';

/**
 * Undo and redo for every change an analyst makes in a session, kept in main (not the renderer) so it survives a
 * reload of the window while the project stays open.
 *
 * Each step stores the affected rows as they were before and after the change. Undo writes the "before" rows back
 * (and removes rows that did not exist before); redo writes the "after" rows. Working on rows rather than on
 * per-operation inverse functions means every operation — including merges and cascading deletes — is undone
 * exactly, with the same ids, and a new operation needs only to say which rows it touches.
 */

type Row = Record<string, unknown>;

export interface Scope {
  articles?: number[];
  /** 'all': the codebook is small and moves/merges renumber many rows, so snapshot it whole. */
  codes?: number[] | 'all';
  codings?: number[];
  /** Every coding of these codes (for deleting or merging codes). */
  codingsOfCodes?: number[];
  /** Every coding of these articles (for deleting articles). */
  codingsOfArticles?: number[];
  /**
   * Rows of `memos` (article, code and project memos). The memos of the articles and codes in scope come along
   * without being named, since deleting an article or a code cascades to its memo.
   */
  memos?: number[];
  /** Attribute definitions; the values of these attributes come along (deleting one cascades to them). */
  attributes?: number[];
  /** Rows of `article_attribute_values`; the values of the articles in scope come along too. */
  attributeValues?: number[];
  /** Rows of `saved_searches`. */
  savedSearches?: number[];
  /** Rows of `coders`. */
  coders?: number[];
  /** These coders' rows with every coding and memo they made (a rename changes them all through the foreign key). */
  ofCoders?: number[];
  /**
   * Code sets (with their members). A whole-codebook scope (`codes: 'all'`) takes every set along, since deleting,
   * moving or merging codes changes memberships; naming codes takes their memberships along.
   */
  codeSets?: number[];
}

/** The tables the history restores, parents before the tables that reference them. */
const TABLES = ['articles', 'article_sources', 'codes', 'code_sets', 'code_set_members', 'attributes', 'coders', 'codings', 'memos', 'article_attribute_values', 'saved_searches'] as const;
type Table = (typeof TABLES)[number];
/** Each table's key; article_sources is keyed by its article (one kept file per article). */
const KEY: Record<Table, string> = {
  articles: 'id',
  article_sources: 'article_id',
  codes: 'id',
  code_sets: 'id',
  code_set_members: 'id',
  attributes: 'id',
  coders: 'id',
  codings: 'id',
  memos: 'id',
  article_attribute_values: 'id',
  saved_searches: 'id',
};

interface Snapshot {
  rows: Record<Table, Map<number, Row>>;
  /** Which ids each table's snapshot covers (a covered id missing from the map did not exist). Only the codebook's tables may be 'all'. */
  covered: Record<Table, Set<number> | 'all'>;
}

export interface HistoryStep {
  label: string;
  before: Snapshot;
  after: Snapshot;
}

const LIMIT = 500;

/**
 * How long after one change of a burst the next still joins its undo step (keyboard adjustment of a coding: a run
 * of Shift+arrow presses, key repeat included, is one step, #14).
 */
export const BURST_WINDOW_MS = 1500;

export class History {
  private undoStack: HistoryStep[] = [];
  private redoStack: HistoryStep[] = [];
  /** The burst the last recorded step belongs to, if it may still grow (cleared by any other step, undo or redo). */
  private lastBurst: { key: string; at: number } | null = null;

  /**
   * `actingCoder`: who makes the changes (the session's current coder), written on the tombstones a step leaves.
   * Tombstones (migration 010) are not part of any step: an undone creation is a deletion a teammate who already
   * merged the record must see, and an undone deletion removes its tombstone by itself (a trigger), so the table
   * always lists exactly the GUIDs that existed here and are gone.
   */
  constructor(
    private readonly project: Project,
    private readonly actingCoder?: () => string,
  ) {}

  private tombstoneMark(): number {
    return prepared(this.project.db, 'SELECT ifnull(max(rowid), 0) FROM tombstones').pluck().get() as number;
  }

  private stampTombstones(mark: number): void {
    const coder = this.actingCoder?.();
    if (coder) prepared(this.project.db, 'UPDATE tombstones SET coder = ? WHERE rowid > ? AND coder IS NULL').run(coder, mark);
  }

  /**
   * Runs `change` in one transaction and records it. `scopeBefore` names the rows it will touch; `scopeAfter`
   * (from the result) adds rows it created. A change with a `burst` key that follows a step of the same key within
   * BURST_WINDOW_MS (nothing recorded, undone or redone in between) joins that step: its "after" becomes this
   * change's, its "before" stays, so one undo takes the whole burst back.
   */
  record<T>(label: string, scopeOrThunk: Scope | (() => Scope), change: () => T, scopeAfter?: (result: T) => Scope, burst?: string): T {
    const db = this.project.db;
    return db.transaction(() => {
      // Derived inside the transaction, so the rows named are the rows as the change finds them.
      const scopeBefore = typeof scopeOrThunk === 'function' ? scopeOrThunk() : scopeOrThunk;
      const before = capture(db, scopeBefore);
      const mark = this.tombstoneMark();
      const result = change();
      this.stampTombstones(mark);
      const extra = scopeAfter?.(result) ?? {};
      const scope = mergeScopes(scopeBefore, extra);
      // Both sides cover the same ids: a row missing on one side is deleted when that side is restored.
      const afterRows = capture(db, scope);
      const beforeFull = widenCoverage(db, before, scope);
      const after = { rows: afterRows.rows, covered: beforeFull.covered };
      const now = Date.now();
      const top = this.undoStack.at(-1);
      const joins = burst !== undefined && top && this.lastBurst?.key === burst && now - this.lastBurst.at <= BURST_WINDOW_MS && sameCoverage(top.after, after);
      if (joins) top.after = after;
      else this.undoStack.push({ label, before: beforeFull, after });
      this.lastBurst = burst !== undefined ? { key: burst, at: now } : null;
      if (this.undoStack.length > LIMIT) this.undoStack.shift();
      this.redoStack = [];
      return result;
    }).immediate();
  }

  state(): HistoryState {
    const u = this.undoStack.at(-1);
    const r = this.redoStack.at(-1);
    return { canUndo: Boolean(u), canRedo: Boolean(r), undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  undo(): string | null {
    return this.replay(this.undoStack, this.redoStack, 'before');
  }

  redo(): string | null {
    return this.replay(this.redoStack, this.undoStack, 'after');
  }

  /** Undo and redo alike: the top step of `from` restored to its `side` snapshot, then moved onto `to`. */
  private replay(from: HistoryStep[], to: HistoryStep[], side: 'before' | 'after'): string | null {
    this.lastBurst = null;
    const step = from.pop();
    if (!step) return null;
    this.project.db
      .transaction(() => {
        const mark = this.tombstoneMark();
        restore(this.project.db, step[side]);
        this.stampTombstones(mark);
      })
      .immediate();
    to.push(step);
    this.project.codes.invalidate();
    return step.label;
  }
}

/** Whether two snapshots cover the same rows (a burst only joins a step over exactly its rows). */
function sameCoverage(a: Snapshot, b: Snapshot): boolean {
  return TABLES.every((t) => {
    const x = a.covered[t];
    const y = b.covered[t];
    if (x === 'all' || y === 'all') return x === y;
    return x.size === y.size && [...x].every((id) => y.has(id));
  });
}

function mergeScopes(a: Scope, b: Scope): Scope {
  const ids = (x?: number[], y?: number[]) => [...new Set([...(x ?? []), ...(y ?? [])])];
  return {
    articles: ids(a.articles, b.articles),
    codes: a.codes === 'all' || b.codes === 'all' ? 'all' : ids(a.codes as number[] | undefined, b.codes as number[] | undefined),
    codings: ids(a.codings, b.codings),
    codingsOfCodes: ids(a.codingsOfCodes, b.codingsOfCodes),
    codingsOfArticles: ids(a.codingsOfArticles, b.codingsOfArticles),
    memos: ids(a.memos, b.memos),
    attributes: ids(a.attributes, b.attributes),
    attributeValues: ids(a.attributeValues, b.attributeValues),
    savedSearches: ids(a.savedSearches, b.savedSearches),
    coders: ids(a.coders, b.coders),
    ofCoders: ids(a.ofCoders, b.ofCoders),
    codeSets: ids(a.codeSets, b.codeSets),
  };
}

function rowsByIds(db: Database, table: Table, ids: number[]): Map<number, Row> {
  const key = KEY[table];
  const out = new Map<number, Row>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = prepared(db, `SELECT * FROM ${table} WHERE ${key} IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Row[];
    for (const r of rows) out.set(r[key] as number, r);
  }
  return out;
}

function idsWhere(db: Database, sql: string, keys: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    out.push(...(prepared(db, sql.replace('?*', chunk.map(() => '?').join(','))).pluck().all(...chunk) as number[]));
  }
  return out;
}

/** The ids a scope names in each table, as the database is now ('all' for the whole codebook). */
function resolveIds(db: Database, scope: Scope): Record<Table, number[] | 'all'> {
  const articles = scope.articles ?? [];
  const attributes = scope.attributes ?? [];
  const ofCoders = scope.ofCoders ?? [];
  const unique = (xs: number[]) => [...new Set(xs)];
  const codeMemos =
    scope.codes === 'all'
      ? (prepared(db, "SELECT id FROM memos WHERE kind = 'code'").pluck().all() as number[])
      : idsWhere(db, 'SELECT id FROM memos WHERE code_id IN (?*)', scope.codes ?? []);
  return {
    articles,
    // The original bytes travel with their article, so an undone delete can still be re-decoded.
    article_sources: idsWhere(db, 'SELECT article_id FROM article_sources WHERE article_id IN (?*)', articles),
    codes: scope.codes === 'all' ? 'all' : (scope.codes ?? []),
    code_sets: scope.codes === 'all' ? 'all' : unique(scope.codeSets ?? []),
    code_set_members:
      scope.codes === 'all'
        ? 'all'
        : unique([
            ...idsWhere(db, 'SELECT id FROM code_set_members WHERE set_id IN (?*)', scope.codeSets ?? []),
            ...idsWhere(db, 'SELECT id FROM code_set_members WHERE code_id IN (?*)', scope.codes ?? []),
          ]),
    attributes,
    codings: unique([
      ...(scope.codings ?? []),
      ...idsWhere(db, 'SELECT id FROM codings WHERE code_id IN (?*)', scope.codingsOfCodes ?? []),
      ...idsWhere(db, 'SELECT id FROM codings WHERE article_id IN (?*)', scope.codingsOfArticles ?? []),
      ...idsWhere(db, 'SELECT k.id FROM codings k JOIN coders c ON c.name = k.coder WHERE c.id IN (?*)', ofCoders),
    ]),
    memos: unique([
      ...(scope.memos ?? []),
      ...idsWhere(db, 'SELECT id FROM memos WHERE article_id IN (?*)', articles),
      ...codeMemos,
      ...idsWhere(db, 'SELECT m.id FROM memos m JOIN coders c ON c.name = m.coder WHERE c.id IN (?*)', ofCoders),
    ]),
    coders: unique([...(scope.coders ?? []), ...ofCoders]),
    article_attribute_values: unique([
      ...(scope.attributeValues ?? []),
      ...idsWhere(db, 'SELECT id FROM article_attribute_values WHERE article_id IN (?*)', articles),
      ...idsWhere(db, 'SELECT id FROM article_attribute_values WHERE attribute_id IN (?*)', attributes),
    ]),
    saved_searches: unique(scope.savedSearches ?? []),
  };
}

/** The rows a scope names, as they are now. */
function capture(db: Database, scope: Scope): Snapshot {
  const ids = resolveIds(db, scope);
  const rows = {} as Snapshot['rows'];
  const covered = {} as Snapshot['covered'];
  for (const table of TABLES) {
    const tableIds = ids[table];
    if (tableIds === 'all') {
      rows[table] = new Map((prepared(db, `SELECT * FROM ${table}`).all() as Row[]).map((r) => [r[KEY[table]] as number, r]));
      covered[table] = 'all';
    } else {
      rows[table] = rowsByIds(db, table, tableIds);
      covered[table] = new Set(tableIds);
    }
  }
  return { rows, covered };
}

/**
 * `base` extended to cover the ids `scope` names now, treating ids not in `base` as absent (the change created
 * them, so restoring `base` deletes them).
 */
function widenCoverage(db: Database, base: Snapshot, scope: Scope): Snapshot {
  const ids = resolveIds(db, scope);
  const covered = {} as Snapshot['covered'];
  for (const table of TABLES) {
    const was = base.covered[table];
    const now = ids[table];
    covered[table] = was === 'all' || now === 'all' ? 'all' : new Set([...was, ...now]);
  }
  return { rows: base.rows, covered };
}

/** Makes the database hold exactly the snapshot's rows for every id it covers. */
function restore(db: Database, snap: Snapshot): void {
  // Remove first, children before parents; then write back, parents before children.
  for (const table of [...TABLES].reverse()) {
    const covered = snap.covered[table];
    const rows = snap.rows[table];
    // A whole-table snapshot (the codebook): every row that is there now but was not then goes.
    const candidates = covered === 'all' ? (prepared(db, `SELECT ${KEY[table]} FROM ${table}`).pluck().all() as number[]) : [...covered];
    deleteIds(db, table, candidates.filter((id) => !rows.has(id)));
  }
  for (const table of TABLES) {
    const rows = [...snap.rows[table].values()];
    if (table === 'articles') for (const row of rows) upsert(db, table, row, ['text', 'length']);
    // Codes reference their parents; insert in an order where parents come first.
    else if (table === 'codes') for (const row of parentFirst(rows)) upsert(db, table, row);
    else for (const row of rows) upsert(db, table, row);
  }
}

function deleteIds(db: Database, table: Table, ids: number[]): void {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length) prepared(db, `DELETE FROM ${table} WHERE ${KEY[table]} IN (${chunk.map(() => '?').join(',')})`).run(...chunk);
  }
}

/**
 * INSERT … ON CONFLICT DO UPDATE rather than INSERT OR REPLACE: REPLACE deletes the old row first, and the foreign
 * keys' ON DELETE CASCADE would take the codings of a code or article with it.
 */
function upsert(db: Database, table: Table, row: Row, immutableOnUpdate: string[] = []): void {
  const key = KEY[table];
  const cols = Object.keys(row);
  const updatable = cols.filter((c) => c !== key && !immutableOnUpdate.includes(c));
  const q = (c: string) => `"${c}"`;
  const sql = `INSERT INTO ${table} (${cols.map(q).join(',')}) VALUES (${cols.map((c) => `@${c}`).join(',')})
    ON CONFLICT(${key}) DO UPDATE SET ${updatable.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
  prepared(db, sql).run(row);
}

function parentFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id as number, r]));
  const out: Row[] = [];
  const seen = new Set<number>();
  const visit = (r: Row) => {
    const id = r.id as number;
    if (seen.has(id)) return;
    seen.add(id);
    const parent = r.parent_id as number | null;
    if (parent !== null && byId.has(parent)) visit(byId.get(parent)!);
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}
