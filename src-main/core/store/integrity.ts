// Damage is found where text is read, and stopped there. Every article keeps the SHA-256 of its stored text (the
// content hash that also finds duplicates on import); an article whose text no longer hashes to it was changed behind
// Gloss's back — a damaged disk page, a tool writing into the file — and is never passed on to an export, a search
// result, a coded passage or the reader. Each coding keeps its own copy of its passage, which must equal its slice of
// the (verified) article text.
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { GlossError } from '../../contract/errors';
import { OffsetIndex } from '../../contract/offsets';

/** The fingerprint stored with each article: SHA-256 of its text as UTF-8, in lower-case hex. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const quoted = (title: string) => JSON.stringify(title.length > 120 ? `${title.slice(0, 119)}…` : title);

/** The error every reader throws on damage: it names the article, and says what to do. */
export function damagedArticleError(article: { id: number; title: string }, what = 'its text no longer matches the fingerprint stored when it was imported'): GlossError {
  return new GlossError(
    'damaged',
    `Article ${article.id} (${quoted(article.title)}) is damaged: ${what}. Gloss stopped rather than pass on altered text. Check the project (Check project… or gloss check) and restore it from a backup.`,
    { articleId: article.id, title: article.title },
  );
}

export function damagedCodingError(article: { id: number; title: string }, codingId: number): GlossError {
  const err = damagedArticleError(article, `the stored text of coding ${codingId} differs from the article's text at its offsets`);
  return new GlossError('damaged', err.message, { articleId: article.id, title: article.title, codingId });
}

/** Throws `damaged` unless the article's text hashes to its stored fingerprint. */
export function verifyArticleText(article: { id: number; title: string; text: string; contentHash: string }): void {
  if (typeof article.text !== 'string' || textHash(article.text) !== article.contentHash) throw damagedArticleError(article);
}

export interface VerifiedArticle {
  id: number;
  title: string;
  text: string;
  /** Code points ⇄ UTF-16, or null when the text has no characters outside the BMP (then they are the same). */
  index: OffsetIndex | null;
}

/** An article as read to be verified: its text as the UTF-8 bytes SQLite holds (see ARTICLE_BYTES_COLUMNS). */
export interface ArticleBytesRow {
  id: number;
  title: string;
  bytes: unknown;
  /** Code points. */
  length: number;
  contentHash: string;
}

/** The columns of an ArticleBytesRow, from `articles a`. */
export const ARTICLE_BYTES_COLUMNS = 'a.id, a.title, CAST(a.text AS BLOB) AS bytes, a.length, a.content_hash AS contentHash';

/**
 * The row's text, verified: its bytes are hashed as they are (hashing the string would encode it to UTF-8 again) and
 * compared with the stored fingerprint (unless `alreadyHashed`), then decoded once. Throws `damaged`.
 */
export function verifiedArticleFrom(row: ArticleBytesRow, alreadyHashed = false): VerifiedArticle {
  if (!Buffer.isBuffer(row.bytes)) throw damagedArticleError(row);
  if (!alreadyHashed && createHash('sha256').update(row.bytes).digest('hex') !== row.contentHash) throw damagedArticleError(row);
  const text = row.bytes.toString('utf8');
  return { id: row.id, title: row.title, text, index: text.length === row.length ? null : new OffsetIndex(text) };
}

/**
 * Reads article texts for one piece of work (an export, a page of passages, a search), hashing each article once and
 * keeping the last few: readers go through codings in article order, so one article is read and hashed once per pass.
 * The text comes out of SQLite as its UTF-8 bytes, which are hashed as they are and decoded once (hashing the string
 * would encode it to UTF-8 again); the stored code-point length tells whether offsets need converting at all.
 */
export class VerifiedTexts {
  private readonly stmt: Statement;
  private readonly cache = new Map<number, VerifiedArticle>();

  /**
   * `alreadyVerified`: articles this same piece of work has just hashed (the JSON export writes the articles, then
   * their codings), read here for their text alone.
   */
  constructor(
    db: Database,
    private readonly keep = 8,
    private readonly alreadyVerified: ReadonlySet<number> = new Set(),
  ) {
    this.stmt = db.prepare(`SELECT ${ARTICLE_BYTES_COLUMNS} FROM articles a WHERE a.id = ?`);
  }

  /** The article's verified text, or undefined when there is no such article. */
  article(id: number): VerifiedArticle | undefined {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const row = this.stmt.get(id) as ArticleBytesRow | undefined;
    if (!row) return undefined;
    const article = verifiedArticleFrom(row, this.alreadyVerified.has(id));
    if (this.cache.size >= this.keep) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, article);
    return article;
  }

  /** Throws `damaged` unless the coding's stored text is its code-point slice of its (verified) article. */
  checkCoding(coding: { id: number; articleId: number; start: number; end: number; text: string }): void {
    const article = this.article(coding.articleId);
    if (!article) return; // a coding of an article that is gone is a foreign-key matter, reported by the check
    if (!codingMatches(article, coding)) throw damagedCodingError(article, coding.id);
  }
}

/** Whether a coding's stored text is exactly [start, end) of the article, counted in code points. */
export function codingMatches(article: { text: string; index: OffsetIndex | null }, coding: { start: number; end: number; text: string }): boolean {
  const { index, text } = article;
  const length = index ? index.codePointLength : text.length;
  if (!(Number.isInteger(coding.start) && Number.isInteger(coding.end) && coding.start >= 0 && coding.start < coding.end && coding.end <= length)) {
    return false;
  }
  return index ? text.slice(index.toUtf16(coding.start), index.toUtf16(coding.end)) === coding.text : text.slice(coding.start, coding.end) === coding.text;
}
