import type { Database, Statement } from 'better-sqlite3';
import { cleanText } from '../../contract/text';
import { GlossError } from '../../contract/errors';
import type {
  ArticleAttribute,
  AttributeDefinition,
  AttributeFilter,
  AttributeType,
  AttributeValue,
} from '../../contract/types';

/** A condition on `a.id` (an articles row aliased `a`), ready to AND into a WHERE clause. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

interface AttributeRow {
  id: number;
  name: string;
  type: AttributeType;
  builtIn: number;
}

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['text', 'number', 'date', 'boolean'];
const MAX_TEXT_VALUE = 10_000;
const MAX_NAME = 100;

/** Eastern Arabic and Persian digits, which Arabic-language metadata often uses, read as 0–9. */
function westernDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

const YES = new Set(['yes', 'y', 'true', '1', 'כן', 'نعم']);
const NO = new Set(['no', 'n', 'false', '0', 'לא', 'لا']);

/** True when `s` is a real calendar date written yyyy-mm-dd. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Checks a value against an attribute's type and returns it in its canonical form, or null for "no value" (an
 * empty or blank string). Text from a CSV cell is read leniently: "1 234,5" is not a number, but " 12.5 ", "١٢"
 * and "yes"/"no"/"true"/"false"/"1"/"0" are. Throws invalid_request with a message naming the problem.
 */
export function coerceAttributeValue(type: AttributeType, value: AttributeValue, name: string): AttributeValue | null {
  const fail = (expected: string): never => {
    throw new GlossError('invalid_request', `"${String(value)}" is not ${expected}, which attribute "${name}" holds.`);
  };
  if (typeof value === 'string' && cleanText(value).trim() === '') return null;
  switch (type) {
    case 'text': {
      const s = typeof value === 'string' ? cleanText(value).trim() : String(value);
      if (s.length > MAX_TEXT_VALUE) throw new GlossError('invalid_request', `A value of "${name}" may have at most ${MAX_TEXT_VALUE} characters.`);
      return s;
    }
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : fail('a number');
      if (typeof value !== 'string') return fail('a number');
      const s = westernDigits(value.trim());
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return fail('a number');
      const n = Number(s);
      return Number.isFinite(n) ? n : fail('a number');
    }
    case 'date': {
      const s = typeof value === 'string' ? westernDigits(value.trim()) : '';
      return isIsoDate(s) ? s : fail('a date written yyyy-mm-dd');
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (YES.has(s)) return true;
      if (NO.has(s)) return false;
      return fail('yes or no');
    }
  }
}

/**
 * How a value is stored: booleans as INTEGER 0/1 (SQLite has no boolean), whole numbers as INTEGER and others as
 * REAL (better-sqlite3 binds every JS number as REAL; a BigInt binds as INTEGER), text and dates as TEXT.
 */
function toStored(value: AttributeValue): string | number | bigint {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return value;
}

function fromStored(type: AttributeType, stored: unknown): AttributeValue {
  if (type === 'boolean') return stored === 1 || stored === 1n;
  if (type === 'number') return Number(stored);
  return String(stored);
}

/** A value as text, for CSV cells and group keys: numbers as JavaScript writes them, yes/no, dates as stored. */
export function attributeValueText(value: AttributeValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function validateAttributeName(raw: string): string {
  const name = cleanText(raw).trim();
  if (!name) throw new GlossError('invalid_request', 'An attribute needs a name.');
  if (name.length > MAX_NAME) throw new GlossError('invalid_request', `An attribute name may have at most ${MAX_NAME} characters.`);
  return name;
}

/** Typed article attributes: their definitions and each article's values. */
export class AttributeStore {
  private readonly listStmt: Statement;
  private readonly byNameStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly setStmt: Statement;
  private readonly clearStmt: Statement;
  private readonly forArticleStmt: Statement;
  private readonly articleExistsStmt: Statement;
  private readonly valuesOfAttributeStmt: Statement;

  constructor(private readonly db: Database) {
    this.listStmt = db.prepare(`SELECT t.id, t.name, t.type, t.built_in AS builtIn,
        (SELECT count(*) FROM article_attribute_values v WHERE v.attribute_id = t.id) AS articleCount
      FROM attributes t ORDER BY t.sort_order, t.id`);
    this.byNameStmt = db.prepare('SELECT id, name, type, built_in AS builtIn FROM attributes WHERE name = ? COLLATE NOCASE');
    this.insertStmt = db.prepare(`INSERT INTO attributes (name, type, built_in, sort_order, created_at)
      VALUES (?, ?, 0, (SELECT ifnull(max(sort_order), -1) + 1 FROM attributes), ?)`);
    this.setStmt = db.prepare(`INSERT INTO article_attribute_values (article_id, attribute_id, value) VALUES (?, ?, ?)
      ON CONFLICT (article_id, attribute_id) DO UPDATE SET value = excluded.value`);
    this.clearStmt = db.prepare('DELETE FROM article_attribute_values WHERE article_id = ? AND attribute_id = ?');
    this.forArticleStmt = db.prepare(`SELECT t.name, t.type, v.value FROM attributes t
      LEFT JOIN article_attribute_values v ON v.attribute_id = t.id AND v.article_id = ?
      ORDER BY t.sort_order, t.id`);
    this.articleExistsStmt = db.prepare('SELECT 1 FROM articles WHERE id = ?');
    this.valuesOfAttributeStmt = db.prepare('SELECT article_id AS articleId, value FROM article_attribute_values WHERE attribute_id = ?');
  }

  list(): AttributeDefinition[] {
    return (this.listStmt.all() as (Omit<AttributeDefinition, 'builtIn'> & { builtIn: number })[]).map((r) => ({ ...r, builtIn: r.builtIn === 1 }));
  }

  /** The definition named `name` (ignoring ASCII case), or not_found. */
  get(name: string): { id: number; name: string; type: AttributeType; builtIn: boolean } {
    const row = this.byNameStmt.get(name.trim()) as AttributeRow | undefined;
    if (!row) throw new GlossError('not_found', `There is no article attribute named "${name}".`);
    return { ...row, builtIn: row.builtIn === 1 };
  }

  find(name: string): { id: number; name: string; type: AttributeType; builtIn: boolean } | undefined {
    const row = this.byNameStmt.get(name.trim()) as AttributeRow | undefined;
    return row && { ...row, builtIn: row.builtIn === 1 };
  }

  define(rawName: string, type: AttributeType): AttributeDefinition {
    const name = validateAttributeName(rawName);
    if (this.find(name)) throw new GlossError('conflict', `There is already an attribute named "${name}".`);
    const id = Number(this.insertStmt.run(name, type, new Date().toISOString()).lastInsertRowid);
    return this.list().find((d) => d.id === id)!;
  }

  rename(name: string, rawNewName: string): AttributeDefinition {
    const current = this.get(name);
    if (current.builtIn) throw new GlossError('invalid_request', `"${current.name}" is a built-in attribute; it cannot be renamed.`);
    const newName = validateAttributeName(rawNewName);
    const clash = this.find(newName);
    if (clash && clash.id !== current.id) throw new GlossError('conflict', `There is already an attribute named "${clash.name}".`);
    this.db.prepare('UPDATE attributes SET name = ? WHERE id = ?').run(newName, current.id);
    return this.list().find((d) => d.id === current.id)!;
  }

  /** Deletes the definition and every article's value for it; returns how many values went. */
  delete(name: string): { deletedValues: number } {
    const current = this.get(name);
    if (current.builtIn) throw new GlossError('invalid_request', `"${current.name}" is a built-in attribute; it cannot be deleted.`);
    return this.db.transaction(() => {
      const deletedValues = (this.db.prepare('SELECT count(*) AS n FROM article_attribute_values WHERE attribute_id = ?').get(current.id) as { n: number }).n;
      this.db.prepare('DELETE FROM attributes WHERE id = ?').run(current.id);
      return { deletedValues };
    })();
  }

  private assertArticle(articleId: number): void {
    if (!this.articleExistsStmt.get(articleId)) throw new GlossError('not_found', `There is no article ${articleId} in this project.`);
  }

  /** Sets (or with null, or an empty string, clears) one article's value, checked against the attribute's type. */
  set(articleId: number, name: string, value: AttributeValue | null): ArticleAttribute {
    this.assertArticle(articleId);
    const attribute = this.get(name);
    const canonical = value === null ? null : coerceAttributeValue(attribute.type, value, attribute.name);
    if (canonical === null) this.clearStmt.run(articleId, attribute.id);
    else this.setStmt.run(articleId, attribute.id, toStored(canonical));
    return { name: attribute.name, type: attribute.type, value: canonical };
  }

  /** Writes an already checked value (the CSV import checks every cell before anything is written). */
  setChecked(articleId: number, attributeId: number, value: AttributeValue): void {
    this.setStmt.run(articleId, attributeId, toStored(value));
  }

  /** Row ids of these articles' values (what an undo step snapshots before values are written). */
  valueIds(articleIds: number[]): number[] {
    return this.db
      .prepare('SELECT id FROM article_attribute_values WHERE article_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(articleIds)) as number[];
  }

  /** Every defined attribute with this article's value (null where it has none), in definition order. */
  forArticle(articleId: number): ArticleAttribute[] {
    this.assertArticle(articleId);
    return (this.forArticleStmt.all(articleId) as { name: string; type: AttributeType; value: unknown }[]).map((r) => ({
      name: r.name,
      type: r.type,
      value: r.value === null ? null : fromStored(r.type, r.value),
    }));
  }

  /** Each article's values for one attribute. */
  valuesOf(name: string): { attribute: { id: number; name: string; type: AttributeType }; values: Map<number, AttributeValue> } {
    const attribute = this.get(name);
    const values = new Map<number, AttributeValue>();
    for (const r of this.valuesOfAttributeStmt.all(attribute.id) as { articleId: number; value: unknown }[]) {
      values.set(r.articleId, fromStored(attribute.type, r.value));
    }
    return { attribute, values };
  }

  /** Every article's values by attribute name, for exports; articles without any value are absent. */
  valuesByArticle(): Map<number, Record<string, AttributeValue>> {
    const rows = this.db
      .prepare(`SELECT v.article_id AS articleId, t.name, t.type, v.value FROM article_attribute_values v
        JOIN attributes t ON t.id = v.attribute_id ORDER BY v.article_id, t.sort_order, t.id`)
      .all() as { articleId: number; name: string; type: AttributeType; value: unknown }[];
    const out = new Map<number, Record<string, AttributeValue>>();
    for (const r of rows) {
      const values = out.get(r.articleId) ?? {};
      values[r.name] = fromStored(r.type, r.value);
      out.set(r.articleId, values);
    }
    return out;
  }

  /** Attributes at least one article has a value for, in definition order (the CSV export's extra columns). */
  inUse(): { name: string; type: AttributeType }[] {
    return this.list()
      .filter((d) => d.articleCount > 0)
      .map(({ name, type }) => ({ name, type }));
  }

  /** Articles as the CSV import matches them: by source file or by title. */
  matchableArticles(): { id: number; title: string; sourceFile: string }[] {
    return this.db.prepare('SELECT id, title, source_file AS sourceFile FROM articles ORDER BY id').all() as {
      id: number;
      title: string;
      sourceFile: string;
    }[];
  }

  /**
   * SQL conditions on `a.id` for attribute filters (all must hold). Values are checked against the attribute's
   * type first, so a date filter with "March" is a clear error rather than an empty list.
   */
  filterConditions(filters: AttributeFilter[]): SqlCondition[] {
    return filters.map((f) => {
      const attribute = this.get(f.name);
      const one = (v: unknown): string | number | bigint => {
        if (Array.isArray(v) || v === undefined || v === null) {
          throw new GlossError('invalid_request', `The "${f.op}" filter on "${attribute.name}" needs one value.`);
        }
        const c = coerceAttributeValue(attribute.type, v as AttributeValue, attribute.name);
        if (c === null) throw new GlossError('invalid_request', `The "${f.op}" filter on "${attribute.name}" needs a value.`);
        return toStored(c);
      };
      const has = (cond: string) => `a.id IN (SELECT article_id FROM article_attribute_values WHERE attribute_id = ? AND ${cond})`;
      switch (f.op) {
        case 'empty':
          return { sql: 'a.id NOT IN (SELECT article_id FROM article_attribute_values WHERE attribute_id = ?)', params: [attribute.id] };
        case 'eq':
          return attribute.type === 'text'
            ? { sql: has('value = ? COLLATE NOCASE'), params: [attribute.id, one(f.value)] }
            : { sql: has('value = ?'), params: [attribute.id, one(f.value)] };
        case 'contains': {
          if (attribute.type !== 'text') throw new GlossError('invalid_request', `"contains" needs a text attribute; "${attribute.name}" holds ${attribute.type} values.`);
          // SQLite's lower() folds ASCII only; fold the needle the same way so both sides agree.
          const needle = String(one(f.value)).replace(/[A-Z]/g, (c) => c.toLowerCase());
          return { sql: has("instr(lower(value), ?) > 0"), params: [attribute.id, needle] };
        }
        case 'lt':
        case 'gt':
          if (attribute.type === 'boolean') throw new GlossError('invalid_request', `"${f.op}" does not apply to the yes/no attribute "${attribute.name}".`);
          return { sql: has(`value ${f.op === 'lt' ? '<' : '>'} ?`), params: [attribute.id, one(f.value)] };
        case 'between': {
          if (!Array.isArray(f.value) || f.value.length !== 2) {
            throw new GlossError('invalid_request', `The "between" filter on "${attribute.name}" needs two values, [from, to].`);
          }
          if (attribute.type === 'boolean') throw new GlossError('invalid_request', `"between" does not apply to the yes/no attribute "${attribute.name}".`);
          return { sql: has('value BETWEEN ? AND ?'), params: [attribute.id, one(f.value[0]), one(f.value[1])] };
        }
      }
    });
  }
}
