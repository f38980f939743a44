import { createHash } from 'node:crypto';
import { cleanText } from '../../contract/text';
import type { Database, Statement } from 'better-sqlite3';
import { GlossError } from '../../contract/errors';
import type { Article, ArticleSummary, EncodingBasis } from '../../contract/types';
import { verifyArticleText } from './integrity';

export interface NewArticle {
  title: string;
  sourceFile: string;
  contentHash: string;
  encoding: string;
  hadBom: boolean;
  originalLineEndings: string;
  normalizedToNfc: boolean;
  text: string;
  /** Code points. */
  length: number;
  importedAt?: string;
  /** How the encoding was decided (default 'unknown'). */
  encodingBasis?: EncodingBasis;
  encodingConfidence?: number | null;
  /** The encoding that came second, for a detected or guessed one. */
  encodingRunnerUp?: string | null;
  /** The file's original bytes, kept so the article can be re-decoded with another encoding. */
  source?: ArticleSource;
}

/** What an article was read from: the file's bytes, and how they become text. */
export interface ArticleSource {
  kind: SourceKind;
  bytes: Uint8Array;
  /** What reading a Word, PDF or RTF document left out or reshaped, kept with the article. */
  notes?: string[];
}

/** How a source's bytes become text: plain text, an HTML page, or a Word, PDF or RTF document. */
export type SourceKind = 'text' | 'html' | 'docx' | 'pdf' | 'rtf';

export interface ListArticlesQuery {
  filter?: string;
  /** Further conditions on `a.id` (the attribute filters, built by AttributeStore.filterConditions). */
  conditions?: { sql: string; params: unknown[] }[];
  sort?: 'title' | 'imported' | 'codings' | 'length';
  descending?: boolean;
  offset?: number;
  limit?: number;
  /** Count only this coder's codings (a blind window). */
  coder?: string;
}

const SUMMARY_COLUMNS = `a.id, a.title, a.source_file AS sourceFile, a.imported_at AS importedAt, a.encoding, a.length,
  (SELECT count(*) FROM codings c WHERE c.article_id = a.id) AS codingCount,
  (SELECT v.value FROM article_attribute_values v JOIN attributes t ON t.id = v.attribute_id
    WHERE v.article_id = a.id AND t.name = 'folder' COLLATE NOCASE AND t.type = 'text') AS folder,
  EXISTS (SELECT 1 FROM memos m WHERE m.kind = 'article' AND m.article_id = a.id AND trim(m.plain) <> '') AS hasMemo`;

type SummaryRow = Omit<ArticleSummary, 'hasMemo'> & { hasMemo: number };

/** SQLite answers booleans as 0/1. */
function fromSummaryRow(row: SummaryRow): ArticleSummary {
  return { ...row, hasMemo: row.hasMemo === 1 };
}

const DETAIL_COLUMNS = `a.text, a.content_hash AS contentHash, a.had_bom AS hadBom,
  a.original_line_endings AS originalLineEndings, a.normalized_to_nfc AS normalizedToNfc,
  a.encoding_basis AS encodingBasis, a.encoding_confidence AS encodingConfidence, a.encoding_runner_up AS encodingRunnerUp,
  EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id) AS hasSourceBytes,
  (SELECT s.kind FROM article_sources s WHERE s.article_id = a.id) AS sourceKind,
  (SELECT s.notes FROM article_sources s WHERE s.article_id = a.id) AS importNotes`;

type ArticleRow = Omit<Article, 'hadBom' | 'normalizedToNfc' | 'hasSourceBytes' | 'importNotes' | 'sourceKind' | 'hasMemo'> & {
  hasMemo: number;
  hadBom: number;
  normalizedToNfc: number;
  hasSourceBytes: number;
  sourceKind: SourceKind | null;
  importNotes: string | null;
};

function fromRow(row: ArticleRow): Article {
  const { sourceKind, importNotes, ...rest } = row;
  return {
    ...rest,
    hasMemo: Boolean(row.hasMemo),
    hadBom: Boolean(row.hadBom),
    normalizedToNfc: Boolean(row.normalizedToNfc),
    hasSourceBytes: Boolean(row.hasSourceBytes),
    ...(sourceKind ? { sourceKind } : {}),
    importNotes: importNotes ? (JSON.parse(importNotes) as string[]) : [],
  };
}

const SORT_SQL: Record<NonNullable<ListArticlesQuery['sort']>, string> = {
  title: 'a.title COLLATE NOCASE',
  imported: 'a.id',
  codings: 'codingCount',
  length: 'a.length',
};

export class ArticleStore {
  private readonly insertStmt: Statement;
  private readonly byHashStmt: Statement;
  private readonly getStmt: Statement;
  private readonly summaryStmt: Statement;
  private readonly renameStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly countCodingsStmt: Statement;
  private readonly countStmt: Statement;
  private readonly insertSourceStmt: Statement;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO articles
      (title, source_file, imported_at, content_hash, encoding, had_bom, original_line_endings, normalized_to_nfc, text, length,
       encoding_basis, encoding_confidence, encoding_runner_up)
      VALUES (@title, @sourceFile, @importedAt, @contentHash, @encoding, @hadBom, @originalLineEndings, @normalizedToNfc, @text, @length,
       @encodingBasis, @encodingConfidence, @encodingRunnerUp)`);
    this.insertSourceStmt = db.prepare(`INSERT INTO article_sources (article_id, kind, bytes, byte_length, sha256, import_encoding, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.byHashStmt = db.prepare('SELECT id, title FROM articles WHERE content_hash = ?');
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, ${DETAIL_COLUMNS} FROM articles a WHERE a.id = ?`);
    this.summaryStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?`);
    this.renameStmt = db.prepare('UPDATE articles SET title = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM articles WHERE id = ?');
    this.countCodingsStmt = db.prepare('SELECT count(*) AS n FROM codings WHERE article_id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM articles');
  }

  /** Inserts the article and, when given, its source bytes: both or neither (a savepoint inside a batch). */
  insert(article: NewArticle): number {
    const { source, encodingBasis, encodingConfidence, encodingRunnerUp, ...fields } = article;
    return this.db.transaction(() => {
      const result = this.insertStmt.run({
        ...fields,
        importedAt: article.importedAt ?? new Date().toISOString(),
        hadBom: article.hadBom ? 1 : 0,
        normalizedToNfc: article.normalizedToNfc ? 1 : 0,
        encodingBasis: encodingBasis ?? 'unknown',
        encodingConfidence: encodingConfidence ?? null,
        encodingRunnerUp: encodingRunnerUp ?? null,
      });
      const id = Number(result.lastInsertRowid);
      if (source) {
        const bytes = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        this.insertSourceStmt.run(id, source.kind, bytes, bytes.length, sha256, article.encoding, JSON.stringify(source.notes ?? []));
      }
      return id;
    })();
  }

  findByHash(contentHash: string): { id: number; title: string } | undefined {
    return this.byHashStmt.get(contentHash) as { id: number; title: string } | undefined;
  }

  /** The article with its text, verified against its fingerprint (a damaged article throws 'damaged'). */
  get(id: number): Article {
    const row = this.getStmt.get(id) as ArticleRow | undefined;
    if (!row) throw new GlossError('not_found', `There is no article ${id} in this project.`);
    verifyArticleText(row);
    return fromRow(row);
  }

  summary(id: number): ArticleSummary {
    const row = this.summaryStmt.get(id) as SummaryRow | undefined;
    if (!row) throw new GlossError('not_found', `There is no article ${id} in this project.`);
    return fromSummaryRow(row);
  }

  list(query: ListArticlesQuery = {}): { total: number; items: ArticleSummary[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const filter = query.filter?.trim();
    if (filter) {
      // A substring match on the title: the article list filter is "find the one I mean", not full-text search.
      where.push("a.title LIKE ? ESCAPE '\\' COLLATE NOCASE");
      params.push(`%${filter.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    for (const c of query.conditions ?? []) {
      where.push(c.sql);
      params.push(...c.params);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_SQL[query.sort ?? 'imported']} ${query.descending ? 'DESC' : 'ASC'}, a.id ASC`;
    const limit = query.limit ?? 1000;
    const offset = query.offset ?? 0;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM articles a ${whereSql}`).get(...params) as { n: number }).n;
    // The coder's parameter comes first: the SELECT list precedes the WHERE clause in the statement's text.
    const columns = query.coder === undefined ? SUMMARY_COLUMNS : SUMMARY_COLUMNS.replace('c.article_id = a.id)', 'c.article_id = a.id AND c.coder = ?)');
    const items = this.db
      .prepare(`SELECT ${columns} FROM articles a ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...(query.coder === undefined ? [] : [query.coder]), ...params, limit, offset) as SummaryRow[];
    return { total, items: items.map(fromSummaryRow) };
  }

  rename(id: number, title: string): ArticleSummary {
    if (this.renameStmt.run(cleanText(title).trim(), id).changes === 0) throw new GlossError('not_found', `There is no article ${id} in this project.`);
    return this.summary(id);
  }

  /** Deletes the article and, through the foreign key, its codings; returns how many codings went. */
  delete(id: number): number {
    return this.db.transaction(() => {
      const n = (this.countCodingsStmt.get(id) as { n: number }).n;
      if (this.deleteStmt.run(id).changes === 0) throw new GlossError('not_found', `There is no article ${id} in this project.`);
      return n;
    }).immediate();
  }

  /** Title and source file of every article, for exports (without the per-article counts `list` computes). */
  titlesById(): Map<number, { title: string; sourceFile: string }> {
    const rows = this.db.prepare('SELECT id, title, source_file AS sourceFile FROM articles').all() as { id: number; title: string; sourceFile: string }[];
    return new Map(rows.map((r) => [r.id, { title: r.title, sourceFile: r.sourceFile }]));
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  /** Streams every article in id order, for exports, without holding them all in memory; each one verified. */
  *iterate(): IterableIterator<Article> {
    const stmt = this.db.prepare(`SELECT ${SUMMARY_COLUMNS}, ${DETAIL_COLUMNS} FROM articles a ORDER BY a.id`);
    for (const row of stmt.iterate() as IterableIterator<ArticleRow>) {
      verifyArticleText(row);
      yield fromRow(row);
    }
  }
}
