import type { Database, Statement } from 'better-sqlite3';
import type { Coding } from '../../contract/types';
import type { SqlCondition } from './AttributeStore';
import { prepared } from './statementCache';
import { stripMarks } from '../text/marks';

/** A coding as the counts need it: no text, no memo. */
export type CodingSpan = Pick<Coding, 'id' | 'articleId' | 'codeId' | 'start' | 'end'>;

export type RetrieveRow = Pick<Coding, 'articleId' | 'codeId' | 'start' | 'end' | 'text' | 'memo' | 'coder'> & { codingId: number; articleTitle: string };

/** What a retrieval selects: codings of these codes, by this coder, in articles meeting the conditions. */
export interface RetrieveFilter {
  codeIds: number[];
  coder?: string;
  conditions: SqlCondition[];
  /** Only passages containing this text, compared as `foldForSearch` folds both sides. */
  text?: string;
}

/**
 * Lower case, without Arabic and Hebrew marks: how the retrieval text filter compares. It runs in SQL (as the
 * gloss_fold function every connection registers) rather than with SQLite's lower() and LIKE, which fold ASCII only,
 * so that كَتَبَ and كتب, or Gaza and GAZA, match alike and paging stays in SQL.
 */
export function foldForSearch(s: string): string {
  return stripMarks(s).text.toLowerCase();
}

function retrieveWhere(filter: RetrieveFilter): { where: string; params: unknown[] } {
  const where = ['k.code_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify(filter.codeIds)];
  if (filter.coder !== undefined) {
    where.push('k.coder = ?');
    params.push(filter.coder);
  }
  for (const c of filter.conditions) {
    where.push(c.sql);
    params.push(...c.params);
  }
  if (filter.text) {
    where.push('instr(gloss_fold(k.text), ?) > 0');
    params.push(foldForSearch(filter.text));
  }
  return { where: where.join(' AND '), params };
}

/** JavaScript's \s, by code unit: tab, line breaks, space, no-break space and the Unicode spaces. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whitespace-separated tokens: the "words" of "codings per 1,000 words". */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * Read-only queries behind retrieval, counts, coverage and co-occurrence (and the word-count cache they fill).
 * Code id lists travel as one JSON array parameter (json_each), so a long list never meets SQLite's limit on
 * bound variables.
 */
export class AnalysisQueries {
  private readonly missingWordCountsStmt: Statement;
  private readonly insertWordCountStmt: Statement;
  private readonly wordCountsStmt: Statement;
  private readonly contextStmt: Statement;
  private readonly codingSpansStmt: Statement;
  private readonly allCodingSpansStmt: Statement;
  private readonly articleStmt: Statement;

  constructor(
    private readonly db: Database,
    private readonly readOnly: boolean,
  ) {
    db.function('gloss_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
    this.missingWordCountsStmt = db.prepare(`SELECT a.id FROM articles a
      WHERE NOT EXISTS (SELECT 1 FROM article_word_counts w WHERE w.article_id = a.id)`).pluck();
    this.insertWordCountStmt = db.prepare('INSERT OR REPLACE INTO article_word_counts (article_id, words) VALUES (?, ?)');
    this.wordCountsStmt = db.prepare('SELECT article_id AS articleId, words FROM article_word_counts');
    this.contextStmt = db.prepare(`SELECT substr(text, max(@start - @n, 0) + 1, @start - max(@start - @n, 0)) AS before,
      substr(text, @end + 1, @n) AS after FROM articles WHERE id = @articleId`);
    this.codingSpansStmt = db.prepare(`SELECT id, article_id AS articleId, code_id AS codeId, start, "end" FROM codings
      WHERE code_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, start, "end", id`);
    this.allCodingSpansStmt = db.prepare(`SELECT id, article_id AS articleId, code_id AS codeId, start, "end" FROM codings
      ORDER BY article_id, start, "end", id`);
    this.articleStmt = db.prepare('SELECT id, title, text, length, content_hash AS contentHash FROM articles WHERE id = ?');
  }

  /**
   * Words per article. Each article is counted once and the count kept in article_word_counts; a project opened
   * read-only counts what is missing in memory instead.
   */
  wordCounts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const r of this.wordCountsStmt.all() as { articleId: number; words: number }[]) counts.set(r.articleId, r.words);
    const missing = this.missingWordCountsStmt.all() as number[];
    if (missing.length) {
      const fill = () => {
        for (const id of missing) {
          const article = this.article(id);
          if (!article) continue;
          const words = countWords(article.text);
          counts.set(id, words);
          if (!this.readOnly) this.insertWordCountStmt.run(id, words);
        }
      };
      if (this.readOnly) fill();
      else this.db.transaction(fill)();
    }
    return counts;
  }

  /** The article's text and fingerprint, unverified: verify (integrity.ts) whatever of it reaches the user. */
  article(id: number): { id: number; title: string; text: string; length: number; contentHash: string } | undefined {
    return this.articleStmt.get(id) as { id: number; title: string; text: string; length: number; contentHash: string } | undefined;
  }

  /** Id, title and source file of every article, in id order. */
  articleSummaries(): { id: number; title: string }[] {
    return this.db.prepare('SELECT id, title FROM articles ORDER BY id').all() as { id: number; title: string }[];
  }

  /** Codings of the given codes (all codings without a list), in article then offset order; only `coder`'s when given. */
  codingSpans(codeIds?: number[], coder?: string): CodingSpan[] {
    if (coder !== undefined) {
      return prepared(
        this.db,
        `SELECT id, article_id AS articleId, code_id AS codeId, start, "end" FROM codings
          WHERE coder = ? AND (? IS NULL OR code_id IN (SELECT value FROM json_each(?))) ORDER BY article_id, start, "end", id`,
      ).all(coder, codeIds ? 1 : null, JSON.stringify(codeIds ?? [])) as CodingSpan[];
    }
    return (codeIds ? this.codingSpansStmt.all(JSON.stringify(codeIds)) : this.allCodingSpansStmt.all()) as CodingSpan[];
  }

  codingTexts(ids: number[]): Map<number, string> {
    const rows = this.db.prepare('SELECT id, text FROM codings WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      id: number;
      text: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  /** How many codings a retrieval finds (see retrieveRows). */
  retrieveCount(filter: RetrieveFilter): number {
    const { where, params } = retrieveWhere(filter);
    return this.db
      .prepare(`SELECT count(*) FROM codings k JOIN articles a ON a.id = k.article_id WHERE ${where}`)
      .pluck()
      .get(...params) as number;
  }

  /**
   * Codings of the given codes, with their articles' titles, narrowed by coder, article conditions and text, in
   * article then offset order; one page of them when `page` is given (LIMIT/OFFSET in SQL, over the index on code,
   * article and start), so a page never loads the other matches.
   */
  retrieveRows(filter: RetrieveFilter, page?: { offset: number; limit: number }): RetrieveRow[] {
    const { where, params } = retrieveWhere(filter);
    const paging = page ? ' LIMIT ? OFFSET ?' : '';
    if (page) params.push(page.limit, page.offset);
    return this.db
      .prepare(`SELECT k.id AS codingId, k.article_id AS articleId, a.title AS articleTitle, k.code_id AS codeId, k.start, k."end",
          k.text, k.memo, k.coder
        FROM codings k JOIN articles a ON a.id = k.article_id
        WHERE ${where}
        ORDER BY k.article_id, k.start, k."end", k.id${paging}`)
      .all(...params) as RetrieveRow[];
  }

  /**
   * Up to `n` code points of the article on each side of [start, end). SQLite's substr counts code points, so the
   * context can never split a character.
   */
  context(articleId: number, start: number, end: number, n: number): { before: string; after: string } {
    if (n === 0) return { before: '', after: '' };
    return (this.contextStmt.get({ articleId, start, end, n }) as { before: string; after: string } | undefined) ?? { before: '', after: '' };
  }
}
