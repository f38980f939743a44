import type { Database } from 'better-sqlite3';
import type { HistoryState } from '../contract/types';
import type { Project } from './store/Project';

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
}

interface Snapshot {
  articles: Map<number, Row>;
  codes: Map<number, Row>;
  codings: Map<number, Row>;
  /** Which ids each table's snapshot covers (a covered id missing from the map did not exist). */
  covered: { articles: Set<number>; codes: Set<number> | 'all'; codings: Set<number> };
}

export interface HistoryStep {
  label: string;
  before: Snapshot;
  after: Snapshot;
}


const LIMIT = 500;

export class History {
  private undoStack: HistoryStep[] = [];
  private redoStack: HistoryStep[] = [];

  constructor(private readonly project: Project) {}

  /**
   * Runs `change` in one transaction and records it. `scopeBefore` names the rows it will touch; `scopeAfter`
   * (from the result) adds rows it created.
   */
  record<T>(label: string, scopeBefore: Scope, change: () => T, scopeAfter?: (result: T) => Scope): T {
    const db = this.project.db;
    return db.transaction(() => {
      const before = snapshot(db, scopeBefore);
      const result = change();
      const extra = scopeAfter?.(result) ?? {};
      const scope = mergeScopes(scopeBefore, extra);
      // Both sides cover the same ids: a row missing on one side is deleted when that side is restored.
      const afterRows = snapshot(db, scope);
      const beforeFull = snapshot(db, {}, before, scope);
      const after = { ...afterRows, covered: beforeFull.covered };
      this.undoStack.push({ label, before: beforeFull, after });
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
    const step = this.undoStack.pop();
    if (!step) return null;
    this.project.db.transaction(() => restore(this.project.db, step.before)).immediate();
    this.redoStack.push(step);
    this.project.codes.invalidate();
    return step.label;
  }

  redo(): string | null {
    const step = this.redoStack.pop();
    if (!step) return null;
    this.project.db.transaction(() => restore(this.project.db, step.after)).immediate();
    this.undoStack.push(step);
    this.project.codes.invalidate();
    return step.label;
  }
}

function mergeScopes(a: Scope, b: Scope): Scope {
  const ids = (x?: number[], y?: number[]) => [...new Set([...(x ?? []), ...(y ?? [])])];
  return {
    articles: ids(a.articles, b.articles),
    codes: a.codes === 'all' || b.codes === 'all' ? 'all' : ids(a.codes as number[] | undefined, b.codes as number[] | undefined),
    codings: ids(a.codings, b.codings),
    codingsOfCodes: ids(a.codingsOfCodes, b.codingsOfCodes),
    codingsOfArticles: ids(a.codingsOfArticles, b.codingsOfArticles),
  };
}

function rowsByIds(db: Database, table: string, ids: number[]): Map<number, Row> {
  const out = new Map<number, Row>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.prepare(`SELECT * FROM ${table} WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Row[];
    for (const r of rows) out.set(r.id as number, r);
  }
  return out;
}

function idsWhere(db: Database, sql: string, keys: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    out.push(...(db.prepare(sql.replace('?*', chunk.map(() => '?').join(','))).pluck().all(...chunk) as number[]));
  }
  return out;
}

/**
 * Captures the rows a scope names. With `base` and `widen`, returns `base` extended to cover `widen`'s ids,
 * treating ids not in `base` as absent (they were created by the change).
 */
function snapshot(db: Database, scope: Scope, base?: Snapshot, widen?: Scope): Snapshot {
  if (base && widen) {
    const codingIds = resolveCodingIds(db, widen);
    return {
      articles: base.articles,
      codes: base.codes,
      codings: base.codings,
      covered: {
        articles: new Set([...base.covered.articles, ...(widen.articles ?? [])]),
        codes: base.covered.codes === 'all' || widen.codes === 'all' ? 'all' : new Set([...base.covered.codes, ...(widen.codes ?? [])]),
        codings: new Set([...base.covered.codings, ...codingIds]),
      },
    };
  }
  const articleIds = scope.articles ?? [];
  const codingIds = resolveCodingIds(db, scope);
  const codes =
    scope.codes === 'all'
      ? new Map((db.prepare('SELECT * FROM codes').all() as Row[]).map((r) => [r.id as number, r]))
      : rowsByIds(db, 'codes', scope.codes ?? []);
  return {
    articles: rowsByIds(db, 'articles', articleIds),
    codes,
    codings: rowsByIds(db, 'codings', codingIds),
    covered: {
      articles: new Set(articleIds),
      codes: scope.codes === 'all' ? 'all' : new Set(scope.codes ?? []),
      codings: new Set(codingIds),
    },
  };
}

function resolveCodingIds(db: Database, scope: Scope): number[] {
  return [
    ...new Set([
      ...(scope.codings ?? []),
      ...idsWhere(db, 'SELECT id FROM codings WHERE code_id IN (?*)', scope.codingsOfCodes ?? []),
      ...idsWhere(db, 'SELECT id FROM codings WHERE article_id IN (?*)', scope.codingsOfArticles ?? []),
    ]),
  ];
}

/** Makes the database hold exactly the snapshot's rows for every id it covers. */
function restore(db: Database, snap: Snapshot): void {
  // Remove first, children before parents; then write back, parents before children.
  const codingIds = [...snap.covered.codings].filter((id) => !snap.codings.has(id));
  deleteIds(db, 'codings', codingIds);
  if (snap.covered.codes === 'all') {
    const existing = db.prepare('SELECT id FROM codes').pluck().all() as number[];
    const gone = existing.filter((id) => !snap.codes.has(id));
    // Detach codings that belong to codes about to vanish only if the snapshot says so; cascade otherwise.
    deleteIds(db, 'codes', gone);
  } else {
    deleteIds(db, 'codes', [...snap.covered.codes].filter((id) => !snap.codes.has(id)));
  }
  deleteIds(db, 'articles', [...snap.covered.articles].filter((id) => !snap.articles.has(id)));

  for (const row of snap.articles.values()) upsert(db, 'articles', row, ['text', 'length']);
  // Codes reference their parents; insert in an order where parents come first.
  for (const row of parentFirst([...snap.codes.values()])) upsert(db, 'codes', row);
  for (const row of snap.codings.values()) upsert(db, 'codings', row);
}

function deleteIds(db: Database, table: string, ids: number[]): void {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length) db.prepare(`DELETE FROM ${table} WHERE id IN (${chunk.map(() => '?').join(',')})`).run(...chunk);
  }
}

/**
 * INSERT … ON CONFLICT DO UPDATE rather than INSERT OR REPLACE: REPLACE deletes the old row first, and the foreign
 * keys' ON DELETE CASCADE would take the codings of a code or article with it.
 */
function upsert(db: Database, table: string, row: Row, immutableOnUpdate: string[] = []): void {
  const cols = Object.keys(row);
  const updatable = cols.filter((c) => c !== 'id' && !immutableOnUpdate.includes(c));
  const q = (c: string) => `"${c}"`;
  const sql = `INSERT INTO ${table} (${cols.map(q).join(',')}) VALUES (${cols.map((c) => `@${c}`).join(',')})
    ON CONFLICT(id) DO UPDATE SET ${updatable.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
  db.prepare(sql).run(row);
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
