// One batch of placed annotations → the project, in one transaction: new articles (as the importer stores them),
// codes along their paths (missing levels created), codings inserted unless an exact duplicate (same article, code,
// start, end, coder — the codings table's UNIQUE rule) exists, which is skipped and counted. Runs on the import writer's
// worker thread in the app; the batch is plain data so it can be posted there.
import type { ReadyArticle } from '../../import/articleWriter';
import { newArticleFrom } from '../../import/newArticle';
import type { Project } from '../../store/Project';

export interface AnnotationBatch {
  createdAt: string;
  documents: {
    name: string;
    existingId?: number;
    create?: ReadyArticle;
    codings: { codePath: string; start: number; end: number; text: string; memo: string; coder: string }[];
  }[];
}

export interface AnnotationBatchResult {
  inserted: number;
  duplicates: number;
  codesCreated: number;
  /** Per document, in order: the article its codings went to. */
  articles: { articleId: number; title: string; created: boolean }[];
}

export function writeAnnotationBatch(project: Project, batch: AnnotationBatch): AnnotationBatchResult {
  const db = project.db;
  const insert = db.prepare(`INSERT OR IGNORE INTO codings (article_id, code_id, start, "end", text, memo, coder, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const titleOf = db.prepare('SELECT title FROM articles WHERE id = ?').pluck();
  const result = db
    .transaction((): AnnotationBatchResult => {
      const codesBefore = project.codes.count();
      const codeIds = new Map<string, number>();
      const codeId = (path: string) => {
        let id = codeIds.get(path);
        if (id === undefined) codeIds.set(path, (id = project.codes.ensurePath(path).id));
        return id;
      };
      const out: AnnotationBatchResult = { inserted: 0, duplicates: 0, codesCreated: 0, articles: [] };
      for (const doc of batch.documents) {
        let articleId = doc.existingId;
        let created = false;
        let title = '';
        if (articleId === undefined && doc.create) {
          const a = doc.create;
          // The same text may come twice in one import (two lines of a JSONL): the first creates it.
          const existing = project.articles.findByHash(a.hash);
          if (existing) [articleId, title] = [existing.id, existing.title];
          else {
            articleId = project.articles.insert(newArticleFrom(a));
            [created, title] = [true, a.title];
          }
        } else if (articleId !== undefined) title = (titleOf.get(articleId) as string | undefined) ?? '';
        for (const c of doc.codings) {
          const changes = insert.run(articleId!, codeId(c.codePath), c.start, c.end, c.text, c.memo, c.coder, batch.createdAt, batch.createdAt).changes;
          if (changes > 0) out.inserted++;
          else out.duplicates++;
        }
        out.articles.push({ articleId: articleId!, title, created });
      }
      out.codesCreated = project.codes.count() - codesBefore;
      return out;
    })
    .immediate();
  project.codes.invalidate();
  return result;
}
