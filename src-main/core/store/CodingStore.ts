import type { Database, Statement } from 'better-sqlite3';
import { cleanText } from '../../contract/text';
import { GlossError } from '../../contract/errors';
import type { Coding } from '../../contract/types';
import { GRAPHEME_CONTEXT, snapSpanToGraphemes } from '../../contract/offsets';
import { prepared } from './statementCache';

export interface ApplyCoding {
  articleId: number;
  codeId: number;
  /** Code points, end exclusive. */
  start: number;
  end: number;
  memo?: string;
  coder: string;
}

/** A coding as its row holds it: the contract's Coding but for the code's path, which the caller joins in. */
export type CodingRow = Omit<Coding, 'codePath'>;

const COLUMNS = `k.id, k.article_id AS articleId, k.code_id AS codeId, k.start, k."end", k.text, k.memo, k.coder,
  k.created_at AS createdAt, k.updated_at AS updatedAt`;

export class CodingStore {
  private readonly applyStmt: Statement;
  private readonly getStmt: Statement;
  private readonly forArticleStmt: Statement;
  private readonly removeStmt: Statement;
  private readonly countStmt: Statement;
  private readonly articleLengthStmt: Statement;
  private readonly articleSliceStmt: Statement;

  /** `codePath` resolves a code id to its path; the store does not own the codebook. */
  constructor(
    private readonly db: Database,
    private readonly codePath: (codeId: number) => string,
  ) {
    // The passage is cut from the stored article by SQLite itself (substr counts code points), so the text we
    // store and export is by construction the slice at the offsets.
    this.applyStmt = db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, memo, coder, created_at, updated_at)
      SELECT a.id, @codeId, @start, @end, substr(a.text, @start + 1, @end - @start), @memo, @coder, @now, @now
      FROM articles a WHERE a.id = @articleId`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM codings k WHERE k.id = ?`);
    this.forArticleStmt = db.prepare(`SELECT ${COLUMNS} FROM codings k WHERE k.article_id = ? ORDER BY k.start, k."end", k.id`);
    this.removeStmt = db.prepare('DELETE FROM codings WHERE id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM codings');
    this.articleLengthStmt = db.prepare('SELECT length FROM articles WHERE id = ?');
    this.articleSliceStmt = db.prepare('SELECT substr(text, ? + 1, ?) FROM articles WHERE id = ?').pluck();
  }

  private withPath(row: CodingRow): Coding {
    return { ...row, codePath: this.codePath(row.codeId) };
  }

  private checkSpan(articleId: number, start: number, end: number): void {
    const article = this.articleLengthStmt.get(articleId) as { length: number } | undefined;
    if (!article) throw new GlossError('not_found', `There is no article ${articleId} in this project.`);
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= article.length)) {
      throw new GlossError(
        'invalid_request',
        `The span ${start}–${end} is not inside article ${articleId} (0–${article.length}, start before end).`,
      );
    }
  }

  /**
   * Widens a span outward to whole grapheme clusters (contract/offsets.ts: the rule the reader applies to every
   * selection), so no host can store a coding that splits a flag or a letter from its marks. Only the text around
   * each edge is read, so a batch of thousands of codings on a long article stays cheap.
   */
  private snapToGraphemes(articleId: number, start: number, end: number): { start: number; end: number } {
    const edge = (at: number) => {
      const from = Math.max(0, at - GRAPHEME_CONTEXT);
      const around = this.articleSliceStmt.get(from, at - from + GRAPHEME_CONTEXT, articleId) as string;
      return snapSpanToGraphemes(around, from, at, at);
    };
    return { start: edge(start).start, end: edge(end).end };
  }

  private checkCode(codeId: number): void {
    if (!prepared(this.db, 'SELECT 1 FROM codes WHERE id = ?').get(codeId)) {
      throw new GlossError('not_found', `There is no code ${codeId} in this codebook.`);
    }
  }

  /** Stores a coding; a span that splits a grapheme cluster is widened to whole clusters (the returned coding says where). */
  apply(coding: ApplyCoding): Coding {
    this.checkSpan(coding.articleId, coding.start, coding.end);
    this.checkCode(coding.codeId);
    const span = this.snapToGraphemes(coding.articleId, coding.start, coding.end);
    try {
      const id = Number(
        this.applyStmt.run({ ...coding, ...span, memo: cleanText(coding.memo ?? ''), coder: cleanText(coding.coder), now: new Date().toISOString() })
          .lastInsertRowid,
      );
      return this.get(id);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new GlossError('conflict', 'This passage already has that code.');
      }
      throw err;
    }
  }

  get(id: number): Coding {
    const row = this.getStmt.get(id) as CodingRow | undefined;
    if (!row) throw new GlossError('not_found', `There is no coding ${id} in this project.`);
    return this.withPath(row);
  }

  /** The article's codings; with `coder`, only that coder's (the name, ignoring case). */
  listForArticle(articleId: number, coder?: string): Coding[] {
    const rows =
      coder === undefined
        ? (this.forArticleStmt.all(articleId) as CodingRow[])
        : (prepared(this.db, `SELECT ${COLUMNS} FROM codings k WHERE k.article_id = ? AND k.coder = ? ORDER BY k.start, k."end", k.id`).all(articleId, coder) as CodingRow[]);
    return rows.map((r) => this.withPath(r));
  }

  update(id: number, changes: { codeId?: number; start?: number; end?: number; memo?: string }): Coding {
    const current = this.get(id);
    const codeId = changes.codeId ?? current.codeId;
    this.checkSpan(current.articleId, changes.start ?? current.start, changes.end ?? current.end);
    const { start, end } = this.snapToGraphemes(current.articleId, changes.start ?? current.start, changes.end ?? current.end);
    if (changes.codeId !== undefined) this.checkCode(codeId);
    try {
      // A memo written as plain text replaces the rich form too, which would otherwise show the old memo.
      prepared(
        this.db,
        `UPDATE codings SET code_id = @codeId, start = @start, "end" = @end, memo = @memo, updated_at = @now,
           memo_rich = CASE WHEN @memoChanged = 1 THEN NULL ELSE memo_rich END,
           text = (SELECT substr(a.text, @start + 1, @end - @start) FROM articles a WHERE a.id = codings.article_id)
         WHERE id = @id`,
      ).run({
        id,
        codeId,
        start,
        end,
        memo: changes.memo === undefined ? current.memo : cleanText(changes.memo),
        memoChanged: changes.memo !== undefined && cleanText(changes.memo) !== current.memo ? 1 : 0,
        now: new Date().toISOString(),
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new GlossError('conflict', 'The passage already has that code there.');
      }
      throw err;
    }
    return this.get(id);
  }

  remove(id: number): boolean {
    return this.removeStmt.run(id).changes > 0;
  }

  count(coder?: string): number {
    if (coder !== undefined) return prepared(this.db, 'SELECT count(*) FROM codings WHERE coder = ?').pluck().get(coder) as number;
    return (this.countStmt.get() as { n: number }).n;
  }

  /** Every coding (only `coder`'s when given) in article then offset order, streamed for exports. */
  iterate(coder?: string): IterableIterator<CodingRow> {
    if (coder !== undefined) {
      return this.db
        .prepare(`SELECT ${COLUMNS} FROM codings k WHERE k.coder = ? ORDER BY k.article_id, k.start, k."end", k.id`)
        .iterate(coder) as IterableIterator<CodingRow>;
    }
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM codings k ORDER BY k.article_id, k.start, k."end", k.id`)
      .iterate() as IterableIterator<CodingRow>;
  }
}
