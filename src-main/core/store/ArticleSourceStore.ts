import type { Database, Statement } from 'better-sqlite3';
import { GlossError } from '../../contract/errors';
import type { EncodingBasis } from '../../contract/types';
import type { SourceKind } from './ArticleStore';

/** An article's original file, as kept by migrations 002 and 006. */
export interface StoredSource {
  kind: SourceKind;
  bytes: Uint8Array;
  /** The encoding the import chose (the article's current one may since have been chosen by hand). */
  importEncoding: string;
}

/** Everything about an article that follows from decoding its bytes. */
export interface DecodedArticle {
  text: string;
  /** Code points. */
  length: number;
  contentHash: string;
  title: string;
  encoding: string;
  encodingBasis: EncodingBasis;
  encodingConfidence: number | null;
  hadBom: boolean;
  originalLineEndings: string;
  normalizedToNfc: boolean;
}

/**
 * The original bytes of imported articles and the one sanctioned change of an article's text: re-decoding them.
 * The SQL that decides which codings survive is the same expression the database trigger uses (SQLite's substr
 * counts code points), so the preview and the change can never disagree.
 */
export class ArticleSourceStore {
  private readonly getStmt: Statement;
  private readonly countStmt: Statement;
  private readonly setEncodingStmt: Statement;
  private readonly replaceStmt: Statement;
  private readonly permitStmt: Statement;
  private readonly unpermitStmt: Statement;
  private readonly hashOwnerStmt: Statement;

  constructor(private readonly db: Database) {
    this.getStmt = db.prepare('SELECT kind, bytes, import_encoding AS importEncoding FROM article_sources WHERE article_id = ?');
    this.countStmt = db.prepare(`SELECT count(*) AS total,
        coalesce(sum(CASE WHEN "end" > @length OR text IS NOT substr(@text, start + 1, "end" - start) THEN 1 ELSE 0 END), 0) AS affected
      FROM codings WHERE article_id = @id`);
    // A hand-chosen encoding settles the question: the runner-up of the detection is no longer offered.
    this.setEncodingStmt = db.prepare(`UPDATE articles SET encoding = @encoding, encoding_basis = @encodingBasis,
      encoding_confidence = @encodingConfidence, encoding_runner_up = NULL, had_bom = @hadBom WHERE id = @id`);
    this.replaceStmt = db.prepare(`UPDATE articles SET text = @text, length = @length, content_hash = @contentHash, title = @title,
      encoding = @encoding, encoding_basis = @encodingBasis, encoding_confidence = @encodingConfidence, encoding_runner_up = NULL, had_bom = @hadBom,
      original_line_endings = @originalLineEndings, normalized_to_nfc = @normalizedToNfc WHERE id = @id`);
    this.permitStmt = db.prepare('INSERT INTO article_text_permits (article_id) VALUES (?)');
    this.unpermitStmt = db.prepare('DELETE FROM article_text_permits WHERE article_id = ?');
    this.hashOwnerStmt = db.prepare('SELECT id, title FROM articles WHERE content_hash = ? AND id <> ?');
  }

  get(articleId: number): StoredSource | undefined {
    const row = this.getStmt.get(articleId) as { kind: SourceKind; bytes: Buffer; importEncoding: string } | undefined;
    return row && { kind: row.kind, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength), importEncoding: row.importEncoding };
  }

  /** How many of the article's codings would lose their passage if its text became `text`, and how many keep it. */
  codingsAgainst(articleId: number, text: string, length: number): { affected: number; kept: number } {
    const row = this.countStmt.get({ id: articleId, text, length }) as { total: number; affected: number };
    return { affected: row.affected, kept: row.total - row.affected };
  }

  /** Records another encoding for an article whose text it does not change. */
  setEncoding(articleId: number, d: Pick<DecodedArticle, 'encoding' | 'encodingBasis' | 'encodingConfidence' | 'hadBom'>): void {
    this.setEncodingStmt.run({ id: articleId, ...d, hadBom: d.hadBom ? 1 : 0 });
  }

  /**
   * Replaces the article's text (and everything derived from it) in one transaction, under a permit that exists only
   * inside it. The trigger of migration 002 deletes the codings whose passage no longer matches; returns how many.
   */
  replaceText(articleId: number, d: DecodedArticle): number {
    const owner = this.hashOwnerStmt.get(d.contentHash, articleId) as { id: number; title: string } | undefined;
    if (owner) {
      throw new GlossError('conflict', `Decoded as ${d.encoding}, this article's text would be identical to article ${owner.id} ("${owner.title}"); nothing was changed.`);
    }
    return this.db.transaction(() => {
      const before = (this.db.prepare('SELECT count(*) AS n FROM codings WHERE article_id = ?').get(articleId) as { n: number }).n;
      this.permitStmt.run(articleId);
      try {
        this.replaceStmt.run({ id: articleId, ...d, hadBom: d.hadBom ? 1 : 0, normalizedToNfc: d.normalizedToNfc ? 1 : 0 });
      } finally {
        this.unpermitStmt.run(articleId);
      }
      const after = (this.db.prepare('SELECT count(*) AS n FROM codings WHERE article_id = ?').get(articleId) as { n: number }).n;
      return before - after;
    }).immediate();
  }
}
