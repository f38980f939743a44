// The project check (`gloss check`, the app's Check Project…, and the gate before every daily backup): SQLite's own
// structural check, foreign keys, and Gloss's invariants — every article's text matches its fingerprint, every
// coding's stored text is its code-point slice of the article, the code tree has no cycles. It reads only, and keeps
// going past damage: a table that cannot be read is itself a finding, not a reason to stop.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { GlossError } from '../../contract/errors';
import { OffsetIndex } from '../../contract/offsets';
import type { CheckFinding, CheckReport } from '../../contract/types';
import { APPLICATION_ID } from './database';
import { codingMatches, textHash } from './integrity';

export interface CheckOptions {
  /** PRAGMA quick_check instead of integrity_check (skips index-content cross-checks; what the backup gate runs). */
  quick?: boolean;
  /** Stop listing after this many findings (the count of the rest is one more finding). */
  maxFindings?: number;
}

const title = (t: unknown) => JSON.stringify(typeof t === 'string' ? (t.length > 80 ? `${t.slice(0, 79)}…` : t) : String(t));
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Checks an open connection to a project file (read-only is enough). */
export function checkDatabase(db: Db, options: CheckOptions = {}): CheckReport {
  const max = options.maxFindings ?? 1000;
  const findings: CheckFinding[] = [];
  let more = 0;
  const add = (f: CheckFinding) => {
    if (findings.length < max) findings.push(f);
    else more++;
  };

  // 1. SQLite's own check of the file's structure.
  try {
    const rows = db.pragma(options.quick ? 'quick_check(200)' : 'integrity_check(200)', { simple: false }) as Record<string, string>[];
    const lines = rows.map((r) => Object.values(r)[0]);
    if (!(lines.length === 1 && lines[0] === 'ok')) {
      for (const line of lines) add({ kind: 'integrity', message: `SQLite's ${options.quick ? 'quick_check' : 'integrity_check'}: ${line}` });
    }
  } catch (err) {
    add({ kind: 'integrity', message: `SQLite could not check the file's structure: ${message(err)}` });
  }

  // 2. Rows that point at rows that do not exist.
  try {
    for (const r of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
      const ids = r.table === 'codings' ? { codingId: r.rowid } : r.table === 'codes' ? { codeId: r.rowid } : r.table === 'articles' ? { articleId: r.rowid } : {};
      add({ kind: 'foreign-key', message: `Row ${r.rowid} of ${r.table} points at a row of ${r.parent} that does not exist.`, ...ids });
    }
  } catch (err) {
    add({ kind: 'integrity', message: `The foreign-key check could not run: ${message(err)}` });
  }

  // 3. Every article's text against its fingerprint (ids first, then one article at a time, so one unreadable row
  // is one finding and the others are still checked).
  const damaged = new Set<number>();
  const titles = new Map<number, string>();
  let articleIds: number[] = [];
  try {
    articleIds = db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[];
  } catch (err) {
    add({ kind: 'integrity', message: `The list of articles could not be read: ${message(err)}` });
  }
  const articleStmt = db.prepare('SELECT id, title, text, content_hash AS contentHash FROM articles WHERE id = ?');
  for (const id of articleIds) {
    try {
      const a = articleStmt.get(id) as { id: number; title: string; text: unknown; contentHash: unknown } | undefined;
      if (!a) continue;
      titles.set(id, String(a.title));
      if (typeof a.text !== 'string' || textHash(a.text) !== a.contentHash) {
        damaged.add(id);
        add({
          kind: 'article-hash',
          message: `Article ${id} (${title(a.title)}): its text does not match the fingerprint stored when it was imported.`,
          articleId: id,
        });
      }
    } catch (err) {
      damaged.add(id);
      add({ kind: 'integrity', message: `Article ${id} could not be read: ${message(err)}`, articleId: id });
    }
  }

  // 4. Every coding's stored text against its slice of the article, by code points.
  try {
    const codings = db.prepare('SELECT id, article_id AS articleId, start, "end", text FROM codings ORDER BY article_id, start, id');
    const textStmt = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
    let current: { text: string; index: OffsetIndex } | null = null;
    let currentId = -1;
    for (const k of codings.iterate() as IterableIterator<{ id: number; articleId: number; start: number; end: number; text: unknown }>) {
      if (currentId !== k.articleId) {
        currentId = k.articleId;
        let text: unknown;
        try {
          text = textStmt.get(k.articleId);
        } catch {
          text = undefined;
        }
        current = typeof text === 'string' ? { text, index: new OffsetIndex(text) } : null;
      }
      if (!current) continue; // a missing article is a foreign-key finding, an unreadable one already reported
      if (typeof k.text !== 'string' || !codingMatches(current, { start: k.start, end: k.end, text: k.text })) {
        add({
          kind: 'coding-text',
          message: `Coding ${k.id} in article ${k.articleId} (${title(titles.get(k.articleId))}): its stored text is not the article's text at ${k.start}–${k.end}.`,
          articleId: k.articleId,
          codingId: k.id,
        });
      }
    }
  } catch (err) {
    add({ kind: 'integrity', message: `The codings could not all be read: ${message(err)}` });
  }

  // 5. The code tree: following parents from any code must end at a top-level code.
  try {
    const parents = new Map((db.prepare('SELECT id, parent_id AS parentId FROM codes').all() as { id: number; parentId: number | null }[]).map((c) => [c.id, c.parentId]));
    const reported = new Set<number>();
    for (const start of parents.keys()) {
      const path: number[] = [];
      const onPath = new Set<number>();
      let id: number | null | undefined = start;
      while (id !== null && id !== undefined && !onPath.has(id)) {
        onPath.add(id);
        path.push(id);
        id = parents.get(id);
      }
      if (id === null || id === undefined) continue;
      const cycle = path.slice(path.indexOf(id));
      const first = Math.min(...cycle);
      if (reported.has(first)) continue;
      reported.add(first);
      add({ kind: 'code-cycle', message: `Codes ${cycle.join(' → ')} → ${id} are each other's parents (the code tree has a cycle).`, codeId: first });
    }
  } catch (err) {
    add({ kind: 'integrity', message: `The codebook could not be read: ${message(err)}` });
  }

  if (more > 0) findings.push({ kind: 'integrity', message: `…and ${more} more finding${more === 1 ? '' : 's'}.` });
  return { ok: findings.length === 0, findings };
}

/**
 * Checks a project file without changing it: opened read-only and without the one-writer lock (a project open in the
 * app can be checked), even when damaged. Throws a project_error only when the file is missing or not a Gloss project.
 */
export function checkProjectFile(path: string, options: CheckOptions = {}): CheckReport {
  if (!existsSync(path)) throw new GlossError('project_error', `Cannot open ${path}: no such project file.`);
  if (statSync(path).isDirectory()) throw new GlossError('project_error', `Cannot open ${path}: it is a folder, not a project file.`);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new GlossError('project_error', `Cannot open ${path}: ${message(err)}`);
  }
  try {
    let appId: unknown;
    try {
      appId = db.pragma('application_id', { simple: true });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') throw new GlossError('project_error', `${path} is not a Gloss project (not an SQLite database).`);
      // The header is readable enough to be SQLite but the file is damaged: that is a finding, not a refusal.
      return { ok: false, findings: [{ kind: 'integrity', message: `The file could not be read: ${message(err)}` }] };
    }
    if (appId !== APPLICATION_ID) throw new GlossError('project_error', `${path} is an SQLite database but not a Gloss project.`);
    db.pragma('busy_timeout = 5000');
    return checkDatabase(db, options);
  } finally {
    db.close();
  }
}
