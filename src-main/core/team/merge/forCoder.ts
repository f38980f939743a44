// "Export for a coder": a new .gloss holding the chosen articles and the whole codebook (GUIDs kept, so the coder's
// work merges back by GUID), without the codings of anyone else. Written as a copy of the project (SQLite's VACUUM
// INTO, one consistent snapshot), trimmed, vacuumed again so nothing removed lingers in free pages, and renamed into
// place: the file appears whole or not at all.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import Database from 'better-sqlite3';
import { GlossError } from '../../../contract/errors';
import type { ExportResult } from '../../../contract/types';
import { checkReplaceableTarget } from '../../export/atomicFile';
import { checkExportTarget } from '../../export/json';
import type { Project } from '../../store/Project';

export interface ForCoderOptions {
  /** The articles to hand out (all when absent). */
  articleIds?: number[];
  /** The coder the file is for: their own codings stay in it. */
  coder?: string;
}

export async function exportForCoder(project: Project, target: string, options: ForCoderOptions): Promise<ExportResult> {
  checkExportTarget(project, target);
  await checkReplaceableTarget(target);
  const ids = options.articleIds ? [...new Set(options.articleIds)] : undefined;
  if (ids) {
    const known = new Set(project.db.prepare('SELECT id FROM articles').pluck().all() as number[]);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) throw new GlossError('not_found', `There is no article ${missing.slice(0, 5).join(', ')} in this project; nothing was exported.`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    project.db.prepare('VACUUM INTO ?').run(temp);
    const copy = new Database(temp);
    let counts: { articles: number; codings: number };
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('foreign_keys = ON');
      copy.transaction(() => {
        if (ids) {
          copy.exec('CREATE TEMP TABLE keep_articles (id INTEGER PRIMARY KEY)');
          const keep = copy.prepare('INSERT INTO keep_articles (id) VALUES (?)');
          for (const id of ids) keep.run(id);
          // Cascades take each other article's codings, memo, attribute values and kept source bytes with it.
          copy.exec('DELETE FROM articles WHERE id NOT IN (SELECT id FROM keep_articles)');
        }
        if (options.coder !== undefined) copy.prepare('DELETE FROM codings WHERE coder <> ?').run(options.coder);
        else copy.exec('DELETE FROM codings');
        copy.exec('DELETE FROM article_word_counts WHERE article_id NOT IN (SELECT id FROM articles)');
        const has = (table: string) => copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
        if (has('coders')) {
          // Coders with nothing left in the file are not the coder's business (blind coding).
          const memoCoders = (copy.prepare("SELECT 1 FROM pragma_table_info('memos') WHERE name = 'coder'").get() ? 'UNION SELECT coder FROM memos WHERE coder IS NOT NULL' : '');
          copy.prepare(`DELETE FROM coders WHERE name <> ? AND name NOT IN (SELECT coder FROM codings ${memoCoders})`).run(options.coder ?? '');
        }
        // The trimming above is not a deletion the coder made: no tombstone of it may travel with the file.
        if (has('tombstones')) copy.exec('DELETE FROM tombstones');
        const name = copy.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get() as string | undefined;
        const base = name ?? basename(project.path).replace(/\.gloss$/i, '');
        const label = `${base} – for ${options.coder ?? 'a coder'}`.slice(0, 200);
        copy.prepare("INSERT INTO project_meta (key, value) VALUES ('name', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(label);
      })();
      counts = {
        articles: copy.prepare('SELECT count(*) FROM articles').pluck().get() as number,
        codings: copy.prepare('SELECT count(*) FROM codings').pluck().get() as number,
      };
      // Removed texts and codings must not survive in the file's free pages, nor in the full-text index.
      copy.exec("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')");
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    await rename(temp, target);
    return { path: target, ...counts };
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
