import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { EncodingBasis, ImportReport } from '../../contract/types';
import { ArticleStore, type ArticleSource } from '../store/ArticleStore';
import type { Project } from '../store/Project';
import { importGlossJson } from './glossJson';
import { newArticleFrom } from './newArticle';
import type { AttributeStore } from '../store/AttributeStore';
import { attributeStoreFor, storeImportedAttributes, type ImportedAttribute } from './sources/newsdb/attributes';
import { parseRefiSafely, type ParsedRefi } from '../refi/parseRefi';
import { writeAnnotationBatch, type AnnotationBatch, type AnnotationBatchResult } from '../exchange/annotations/writeBatch';

/** A decoded, normalised file ready to be stored. */
export interface ReadyArticle {
  file: string;
  sourceFile: string;
  text: string;
  title: string;
  encoding: string;
  encodingBasis: EncodingBasis;
  encodingConfidence: number | null;
  encodingRunnerUp?: string | null;
  hadBom: boolean;
  originalLineEndings: string;
  normalizedToNfc: boolean;
  hash: string;
  /** The file's bytes, stored with the article for re-decoding. */
  source?: ArticleSource;
  /** Article attributes read from the file (a news-database export's outlet, date, author, …). */
  attributes?: ImportedAttribute[];
}

export type WriteOutcome =
  | { kind: 'imported'; file: string; articleId: number; title: string; encoding: string; guessed: boolean; runnerUp: string | null }
  | { kind: 'skipped'; file: string; reason: string; articleId: number }
  | { kind: 'rejected'; file: string; reason: string };

/** What importing one Gloss JSON file added to the report. */
export type GlossJsonOutcome = Pick<ImportReport, 'imported' | 'skipped' | 'rejected'>;

/** Stores batches of articles, one transaction per batch, and Gloss JSON files, one transaction each. */
export interface ArticleWriter {
  write(batch: ReadyArticle[]): Promise<WriteOutcome[]>;
  /** Parses, checks and applies a Gloss JSON export (see glossJson.ts). */
  importGlossJson(file: string, bytes: Uint8Array): Promise<GlossJsonOutcome>;
  /** Unzips and parses a REFI-QDA file (on the worker in the app: a large or hostile file never holds up the host). */
  parseRefi(file: string, bytes: Uint8Array): Promise<ParsedRefi>;
  /** Stores one batch of placed annotations in one transaction (see exchange/annotations/writeBatch.ts). */
  writeAnnotations(batch: AnnotationBatch): Promise<AnnotationBatchResult>;
  close(): Promise<void>;
}

/**
 * Writes one batch in one transaction on the given connection. Each article is a single INSERT (its FTS trigger runs
 * inside the same statement), so a failing file cannot leave half an article even inside a shared transaction.
 */
export function writeBatch(db: Database, articles: ArticleStore, batch: ReadyArticle[]): WriteOutcome[] {
  let attributeStore: AttributeStore | undefined;
  return db.transaction(() =>
    batch.map((a): WriteOutcome => {
      const existing = articles.findByHash(a.hash);
      if (existing) {
        return { kind: 'skipped', file: a.file, reason: `duplicate of article ${existing.id} ("${existing.title}")`, articleId: existing.id };
      }
      const title = a.title;
      try {
        const insert = () => articles.insert(newArticleFrom(a, title));
        const attributes = a.attributes ?? [];
        // An article with attributes goes in together with them (a savepoint inside the batch's transaction).
        const articleId =
          attributes.length === 0
            ? insert()
            : db.transaction(() => {
                const id = insert();
                attributeStore ??= attributeStoreFor(db);
                storeImportedAttributes(attributeStore, id, attributes);
                return id;
              })();
        return {
          kind: 'imported',
          file: a.file,
          articleId,
          title,
          encoding: a.encoding,
          guessed: a.encodingBasis === 'guessed',
          runnerUp: a.encodingRunnerUp ?? null,
        };
      } catch (err) {
        // A disk-full, I/O or busy error can make SQLite roll back the whole transaction, not just this article.
        // Carrying on would store the rest of the batch outside any transaction while the report still lists the
        // rolled-back articles as imported; fail the batch instead (nothing of it is stored).
        if (!db.inTransaction) throw err;
        return { kind: 'rejected', file: a.file, reason: `could not be stored: ${(err as Error).message}` };
      }
    }),
  ).immediate();
}

/** Writes on the caller's thread and connection (CLI, tests, small imports). */
export function inlineWriter(project: Project): ArticleWriter {
  return {
    async write(batch) {
      return writeBatch(project.db, project.articles, batch);
    },
    async importGlossJson(file, bytes) {
      return importGlossJson(project, file, bytes);
    },
    async parseRefi(file, bytes) {
      return parseRefiSafely(bytes, file);
    },
    async writeAnnotations(batch) {
      return writeAnnotationBatch(project, batch);
    },
    async close() {},
  };
}

/**
 * Writes on a worker thread with its own connection, so the host's thread stays free to answer the window and to
 * read and decode the next batch while this one is indexed and committed.
 */
export function workerWriter(workerFile: string, projectPath: string): ArticleWriter {
  const worker = new Worker(workerFile, { workerData: { projectPath } });
  let nextId = 1;
  const pending = new Map<number, { ok: (r: unknown) => void; fail: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.fail(err);
    pending.clear();
  };
  worker.on('message', (msg: ImportWorkerReply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.fail(new Error(msg.error));
    else p.ok(msg.outcomes ?? msg.glossJson ?? msg.refi ?? msg.annotations);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the import writer stopped (exit ${code})`)));
  const ask = <T>(request: ImportWorkerRequest): Promise<T> =>
    new Promise<T>((ok, fail) => {
      pending.set(request.id, { ok: ok as (r: unknown) => void, fail });
      worker.postMessage(request);
    });
  return {
    write(batch) {
      return ask<WriteOutcome[]>({ id: nextId++, batch });
    },
    importGlossJson(file, bytes) {
      return ask<GlossJsonOutcome>({ id: nextId++, glossJson: { file, bytes } });
    },
    parseRefi(file, bytes) {
      return ask<ParsedRefi>({ id: nextId++, refi: { file, bytes } });
    },
    writeAnnotations(batch) {
      return ask<AnnotationBatchResult>({ id: nextId++, annotations: batch });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** Messages to and from the import writer worker (importWriterWorker.ts). */
export type ImportWorkerRequest =
  | { id: number; batch: ReadyArticle[] }
  | { id: number; glossJson: { file: string; bytes: Uint8Array } }
  | { id: number; refi: { file: string; bytes: Uint8Array } }
  | { id: number; annotations: AnnotationBatch };
export interface ImportWorkerReply {
  id: number;
  outcomes?: WriteOutcome[];
  glossJson?: GlossJsonOutcome;
  refi?: ParsedRefi;
  annotations?: AnnotationBatchResult;
  error?: string;
}
