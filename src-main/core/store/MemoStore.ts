import type { Database, Statement } from 'better-sqlite3';
import { cleanRichText, cleanText } from '../../contract/text';
import { GlossError } from '../../contract/errors';
import type { Memo, MemoTarget } from '../../contract/types';

/** A memo's text with what it belongs to, for searching memos. */
export interface MemoForSearch {
  target: MemoTarget;
  label: string;
  articleId: number | null;
  plain: string;
}

interface MemoRow {
  id: number;
  plain: string;
  rich: string | null;
  updatedAt: string;
  coder: string | null;
  createdAt: string | null;
}

/** The largest rich memo accepted: Lexical's JSON for a long memo with formatting is far smaller. */
export const MAX_RICH_MEMO = 5_000_000;

/**
 * Memos on codings (kept in the codings row: `memo`, and `memo_rich` for the rich form), on articles, on codes and on
 * the project (the `memos` table). The plain text is what search, the CSV and the JSON `memo` fields use; the rich
 * form is the editor's own JSON, stored as given after checking it is JSON.
 */
export class MemoStore {
  private readonly codingStmt: Statement;
  private readonly setCodingStmt: Statement;
  private readonly rowStmt: Statement;
  private readonly upsertStmt: Statement;
  private readonly deleteStmt: Statement;

  /** `codePath` resolves a code id to its path (for labels); the store does not own the codebook. */
  constructor(
    private readonly db: Database,
    private readonly codePath: (codeId: number) => string,
  ) {
    this.codingStmt = db.prepare('SELECT memo AS plain, memo_rich AS rich, updated_at AS updatedAt, coder, created_at AS createdAt FROM codings WHERE id = ?');
    this.setCodingStmt = db.prepare('UPDATE codings SET memo = ?, memo_rich = ?, updated_at = ? WHERE id = ?');
    this.rowStmt = db.prepare(`SELECT id, plain, rich, updated_at AS updatedAt, coder, created_at AS createdAt FROM memos
      WHERE kind = ? AND ifnull(article_id, 0) = ? AND ifnull(code_id, 0) = ?`);
    // The coder who first wrote a memo stays its creator (migration 010); later edits change its text and time.
    this.upsertStmt = db.prepare(`INSERT INTO memos (kind, article_id, code_id, plain, rich, updated_at, created_at, coder) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (kind, ifnull(article_id, 0), ifnull(code_id, 0)) DO UPDATE SET plain = excluded.plain, rich = excluded.rich, updated_at = excluded.updated_at`);
    this.deleteStmt = db.prepare('DELETE FROM memos WHERE id = ?');
  }

  private key(target: Exclude<MemoTarget, { kind: 'coding' }>): [string, number, number] {
    if (target.kind === 'project') return ['project', 0, 0];
    return target.kind === 'article' ? ['article', target.id, 0] : ['code', 0, target.id];
  }

  private assertTarget(target: MemoTarget): void {
    if (target.kind === 'project') return;
    const table = { coding: 'codings', article: 'articles', code: 'codes' }[target.kind];
    if (!this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(target.id)) {
      throw new GlossError('not_found', `There is no ${target.kind} ${target.id} in this project.`);
    }
  }

  /** The row id in `memos` that holds the target's memo, if it has one (codings keep theirs in their own row). */
  rowId(target: MemoTarget): number | undefined {
    if (target.kind === 'coding') return undefined;
    return (this.rowStmt.get(...this.key(target)) as MemoRow | undefined)?.id;
  }

  get(target: MemoTarget): Memo {
    this.assertTarget(target);
    if (target.kind === 'coding') {
      const row = this.codingStmt.get(target.id) as Omit<MemoRow, 'id'>;
      return { target, plain: row.plain, rich: row.rich, updatedAt: row.updatedAt, coder: row.coder, createdAt: row.createdAt };
    }
    const row = this.rowStmt.get(...this.key(target)) as MemoRow | undefined;
    return { target, plain: row?.plain ?? '', rich: row?.rich ?? null, updatedAt: row?.updatedAt ?? null, coder: row?.coder ?? null, createdAt: row?.createdAt ?? null };
  }

  /** Sets a memo; an empty plain text without a rich form removes it. `coder`: who writes it (recorded on a new memo). */
  set(target: MemoTarget, rawPlain: string, rawRich: string | null, coder?: string): Memo {
    this.assertTarget(target);
    const plain = cleanText(rawPlain);
    const rich = rawRich === null ? null : cleanRichText(rawRich);
    if (rich !== null) {
      if (rich.length > MAX_RICH_MEMO) throw new GlossError('invalid_request', 'The rich memo is too large.');
      try {
        const parsed: unknown = JSON.parse(rich);
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      } catch {
        throw new GlossError('invalid_request', "A rich memo must be the editor's state as a JSON object.");
      }
    }
    const now = new Date().toISOString();
    if (target.kind === 'coding') {
      this.setCodingStmt.run(plain, rich, now, target.id);
    } else if (plain === '' && rich === null) {
      const id = this.rowId(target);
      if (id !== undefined) this.deleteStmt.run(id);
    } else {
      const [kind, articleId, codeId] = this.key(target);
      this.upsertStmt.run(kind, articleId || null, codeId || null, plain, rich, now, now, coder ?? null);
    }
    return this.get(target);
  }

  /** Rich forms of coding memos, by coding id (only codings that have one). */
  richCodingMemos(): Map<number, string> {
    const rows = this.db.prepare('SELECT id, memo_rich AS rich FROM codings WHERE memo_rich IS NOT NULL').all() as { id: number; rich: string }[];
    return new Map(rows.map((r) => [r.id, r.rich]));
  }

  /** Memos of articles or codes, by article or code id; and the project's memo under id 0. */
  memosOf(kind: 'article' | 'code' | 'project'): Map<number, { plain: string; rich: string | null }> {
    const column = kind === 'article' ? 'article_id' : kind === 'code' ? 'code_id' : '0';
    const rows = this.db.prepare(`SELECT ${column} AS id, plain, rich FROM memos WHERE kind = ?`).all(kind) as {
      id: number;
      plain: string;
      rich: string | null;
    }[];
    return new Map(rows.map((r) => [r.id, { plain: r.plain, rich: r.rich }]));
  }

  /** Every non-empty memo with a label, project first, then codes, articles and codings in id order. */
  forSearch(): MemoForSearch[] {
    const out: MemoForSearch[] = [];
    const project = this.memosOf('project').get(0);
    if (project?.plain) out.push({ target: { kind: 'project' }, label: 'Project', articleId: null, plain: project.plain });
    for (const [id, m] of [...this.memosOf('code')].sort((a, b) => a[0] - b[0])) {
      if (m.plain) out.push({ target: { kind: 'code', id }, label: this.codePath(id), articleId: null, plain: m.plain });
    }
    const articles = this.db
      .prepare(`SELECT m.article_id AS id, a.title, m.plain FROM memos m JOIN articles a ON a.id = m.article_id
        WHERE m.kind = 'article' AND m.plain <> '' ORDER BY m.article_id`)
      .all() as { id: number; title: string; plain: string }[];
    for (const r of articles) out.push({ target: { kind: 'article', id: r.id }, label: r.title, articleId: r.id, plain: r.plain });
    const codings = this.db
      .prepare(`SELECT id, article_id AS articleId, code_id AS codeId, text, memo FROM codings WHERE memo <> '' ORDER BY id`)
      .all() as { id: number; articleId: number; codeId: number; text: string; memo: string }[];
    for (const r of codings) {
      const passage = [...r.text].length > 60 ? `${[...r.text].slice(0, 60).join('')}…` : r.text;
      out.push({ target: { kind: 'coding', id: r.id }, label: `${this.codePath(r.codeId)}: “${passage}”`, articleId: r.articleId, plain: r.memo });
    }
    return out;
  }
}
