import type { Database, Statement } from 'better-sqlite3';

/** One coding as agreement needs it: where, which code, whose. */
export interface CoderSpan {
  articleId: number;
  codeId: number;
  start: number;
  end: number;
  coder: string;
}

/**
 * Read-only queries behind inter-coder agreement. Coder and article lists travel as one JSON array parameter
 * (json_each), so a long list never meets SQLite's limit on bound variables.
 */
export class AgreementQueries {
  private readonly codersStmt: Statement;
  private readonly spansStmt: Statement;
  private readonly articlesCodedByStmt: Statement;
  private readonly lengthsStmt: Statement;

  constructor(db: Database) {
    this.codersStmt = db.prepare('SELECT coder, count(*) AS codings FROM codings GROUP BY coder ORDER BY coder');
    this.spansStmt = db.prepare(`SELECT article_id AS articleId, code_id AS codeId, start, "end", coder FROM codings
      WHERE coder IN (SELECT value FROM json_each(?)) AND article_id IN (SELECT value FROM json_each(?))
      ORDER BY article_id, code_id, start`);
    this.articlesCodedByStmt = db.prepare('SELECT DISTINCT article_id FROM codings WHERE coder = ? ORDER BY article_id').pluck();
    this.lengthsStmt = db.prepare('SELECT id, length FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');
  }

  /** Every coder who has coded something, with how many codings. */
  coders(): { coder: string; codings: number }[] {
    return this.codersStmt.all() as { coder: string; codings: number }[];
  }

  /** Ids of the articles in which `coder` has at least one coding. */
  articlesCodedBy(coder: string): number[] {
    return this.articlesCodedByStmt.all(coder) as number[];
  }

  /** Length in code points of each existing article among `ids`. */
  lengths(ids: number[]): Map<number, number> {
    const rows = this.lengthsStmt.all(JSON.stringify(ids)) as { id: number; length: number }[];
    return new Map(rows.map((r) => [r.id, r.length]));
  }

  /** The codings of these coders in these articles. */
  spans(coders: string[], articleIds: number[]): CoderSpan[] {
    return this.spansStmt.all(JSON.stringify(coders), JSON.stringify(articleIds)) as CoderSpan[];
  }
}
