import type { Database, Statement } from 'better-sqlite3';
import { GlossError } from '../../contract/errors';
import type { SavedSearch, SearchSpec } from '../../contract/types';

interface SavedRow {
  id: number;
  name: string;
  query: string;
  mode: 'fts' | 'regex';
  caseSensitive: number;
  wholeWords: number;
  ignoreMarks: number;
  createdAt: string;
  updatedAt: string;
}

const SAVED_COLUMNS = `id, name, query, mode, case_sensitive AS caseSensitive, whole_words AS wholeWords, ignore_marks AS ignoreMarks,
  created_at AS createdAt, updated_at AS updatedAt`;

function fromRow(r: SavedRow): SavedSearch {
  return { ...r, caseSensitive: r.caseSensitive === 1, wholeWords: r.wholeWords === 1, ignoreMarks: r.ignoreMarks === 1 };
}

export interface SearchArticle {
  id: number;
  title: string;
  text: string;
  contentHash: string;
}

/** The mark-insensitive full-text index (articles_fts, see migration 005), the article texts a search reads, and saved searches. */
export class SearchStore {
  private readonly ftsStmt: Statement;
  private readonly articleStmt: Statement;
  private readonly listStmt: Statement;
  private readonly upsertStmt: Statement;

  constructor(private readonly db: Database) {
    // Only the text column: a word that appears in a title alone has no passage to show.
    this.ftsStmt = db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'text : (' || ? || ')' ORDER BY rowid").pluck();
    this.articleStmt = db.prepare('SELECT id, title, text, content_hash AS contentHash FROM articles WHERE id = ?');
    this.listStmt = db.prepare(`SELECT ${SAVED_COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE, id`);
    this.upsertStmt = db.prepare(`INSERT INTO saved_searches (name, query, mode, case_sensitive, whole_words, ignore_marks, created_at, updated_at)
      VALUES (@name, @query, @mode, @caseSensitive, @wholeWords, @ignoreMarks, @now, @now)
      ON CONFLICT (name COLLATE NOCASE) DO UPDATE SET name = excluded.name, query = excluded.query, mode = excluded.mode,
        case_sensitive = excluded.case_sensitive, whole_words = excluded.whole_words, ignore_marks = excluded.ignore_marks,
        updated_at = excluded.updated_at`);
  }

  /** Ids of the articles an FTS5 expression (as built by toFts5) selects, ascending. */
  ftsArticleIds(expression: string): number[] {
    try {
      return this.ftsStmt.all(expression) as number[];
    } catch (err) {
      // toFts5 quotes every word, so this is not expected; say so plainly rather than as an internal error.
      throw new GlossError('invalid_request', `The full-text index could not run this query: ${(err as Error).message}`);
    }
  }

  /** The article's text and fingerprint, unverified: verify (integrity.ts) whatever of it reaches the user. */
  article(id: number): SearchArticle | undefined {
    return this.articleStmt.get(id) as SearchArticle | undefined;
  }

  /** Every article's id, title and text, in id order, one at a time. */
  *articles(): IterableIterator<SearchArticle> {
    // Ids first, then one row at a time: an open iterator would keep the connection busy for the whole search.
    for (const id of this.db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[]) {
      const a = this.article(id);
      if (a) yield a;
    }
  }

  listSaved(): SavedSearch[] {
    return (this.listStmt.all() as SavedRow[]).map(fromRow);
  }

  /** Saves under `name`, replacing a saved search of the same name (ignoring case). */
  save(name: string, spec: Omit<SearchSpec, 'timeLimitMs'>): SavedSearch {
    const trimmed = name.trim();
    if (!trimmed) throw new GlossError('invalid_request', 'A saved search needs a name.');
    this.upsertStmt.run({
      name: trimmed,
      query: spec.query,
      mode: spec.mode,
      caseSensitive: spec.caseSensitive ? 1 : 0,
      wholeWords: spec.wholeWords ? 1 : 0,
      ignoreMarks: spec.ignoreMarks ? 1 : 0,
      now: new Date().toISOString(),
    });
    return this.listSaved().find((s) => s.name.toLowerCase() === trimmed.toLowerCase())!;
  }

  deleteSaved(id: number): boolean {
    return this.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
  }
}
