import type { Project } from '../store/Project';
import { canonicalPath } from '../store/projectLock';
import { writeFileAtomically } from './atomicFile';
import type { ExportResult } from '../../contract/types';
import { GlossError } from '../../contract/errors';
import type { AttributeValue } from '../../contract/types';
import { VerifiedTexts } from '../store/integrity';

export interface ExportOptions {
  signal?: AbortSignal;
  /** Only this coder's codings (a blind window's export). */
  coder?: string;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
  /**
   * Read the whole export from one snapshot of the project (one read transaction), so writes made meanwhile by
   * another connection (the app while an export runs on its worker, or while the CLI exports) cannot leave codings
   * that point at articles missing from the file. Only for a connection the export has to itself: on a shared one,
   * other calls' writes would join the transaction.
   */
  snapshot?: boolean;
}

/** Runs `work` inside one read transaction when asked to (see ExportOptions.snapshot). */
export async function inSnapshot<T>(project: Project, snapshot: boolean | undefined, work: () => Promise<T>): Promise<T> {
  if (!snapshot) return work();
  project.db.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (project.db.inTransaction) project.db.exec('ROLLBACK');
  }
}

/**
 * Refuses an export over the project itself (or its journal, shared-memory or lock file): the atomic rename would
 * replace the analyst's project with the export. A save dialog or a typo in `--out` is all it takes.
 */
export function checkExportTarget(project: Project, target: string): void {
  const t = canonicalPath(target);
  const p = canonicalPath(project.path);
  if (['', '-wal', '-shm', '-journal', '.lock'].some((suffix) => t === `${p}${suffix}`)) {
    throw new GlossError('conflict', `Cannot export to ${target}: that is the project file itself (or one of its working files); choose another name.`);
  }
}

export const GLOSS_EXPORT_VERSION = 1;

/**
 * Writes the whole project as one JSON document (format described by gloss-export.schema.json). Offsets are code
 * points into each article's `text`, end exclusive. Rows are streamed, so the export never holds the project in memory.
 */
export async function exportJson(project: Project, target: string, options: ExportOptions = {}): Promise<ExportResult> {
  checkExportTarget(project, target);
  return inSnapshot(project, options.snapshot, () => writeJson(project, target, options));
}

async function writeJson(project: Project, target: string, options: ExportOptions): Promise<ExportResult> {
  const total = project.codings.count(options.coder);
  let articles = 0;
  let codings = 0;
  // The toolkit's additions are written only where they exist, so a project that uses none of them exports exactly
  // the document version 1 always described: memos and rich memos, and each article's attribute values.
  const attributes = project.attributes.valuesByArticle();
  const richCodingMemos = project.memos.richCodingMemos();
  const articleMemos = project.memos.memosOf('article');
  const codeMemos = project.memos.memosOf('code');
  const projectMemo = project.memos.memosOf('project').get(0);
  await writeFileAtomically(target, async (out) => {
    checkCancelled(options.signal);
    const head = {
      format: 'gloss',
      version: GLOSS_EXPORT_VERSION,
      offsetUnit: 'codepoint',
      exportedAt: (options.now ?? new Date()).toISOString(),
      project: { name: project.name, ...memoFields(projectMemo) },
    };
    const headJson = JSON.stringify(head);
    await out.write(`${headJson.slice(0, -1)},\n"codes":[`);
    let first = true;
    for (const c of project.codes.list()) {
      const code = { id: c.id, name: c.name, path: c.path, color: c.color, description: c.description, parentId: c.parentId, ...memoFields(codeMemos.get(c.id)) };
      await out.write(`${first ? '\n' : ',\n'}${JSON.stringify(code)}`);
      first = false;
    }
    await out.write('],\n"articles":[');
    first = true;
    const verifiedIds = new Set<number>();
    for (const a of project.articles.iterate()) {
      checkCancelled(options.signal);
      const values: Record<string, AttributeValue> | undefined = attributes.get(a.id);
      const article = {
        ...{ id: a.id, title: a.title, sourceFile: a.sourceFile, encoding: a.encoding, importedAt: a.importedAt, text: a.text },
        ...(values ? { attributes: values } : {}),
        ...memoFields(articleMemos.get(a.id)),
      };
      await out.write(`${first ? '\n' : ',\n'}${JSON.stringify(article)}`);
      first = false;
      articles++;
      verifiedIds.add(a.id);
    }
    await out.write('],\n"codings":[');
    first = true;
    // The articles were verified as they were written (ArticleStore.iterate); each passage is checked against its
    // article's text, read once per article (codings come in article order).
    const verified = new VerifiedTexts(project.db, 1, verifiedIds);
    for (const k of project.codings.iterate(options.coder)) {
      verified.checkCoding(k);
      const coding = {
        id: k.id,
        articleId: k.articleId,
        codeId: k.codeId,
        codePath: project.codes.pathOf(k.codeId),
        start: k.start,
        end: k.end,
        text: k.text,
        memo: k.memo,
        coder: k.coder,
        createdAt: k.createdAt,
        updatedAt: k.updatedAt,
        ...(richCodingMemos.has(k.id) ? { memoRich: parseRich(richCodingMemos.get(k.id)!) } : {}),
      };
      await out.write(`${first ? '\n' : ',\n'}${JSON.stringify(coding)}`);
      first = false;
      codings++;
      if (codings % 5000 === 0) {
        checkCancelled(options.signal);
        options.onProgress?.(codings, total);
      }
    }
    await out.write('\n]}\n');
    // Last chance before the rename, so a cancel during the last codings still leaves the previous file in place.
    checkCancelled(options.signal);
  });
  options.onProgress?.(codings, total);
  return { path: target, articles, codings };
}

/** A memo as the export writes it: `memo` the plain text, `memoRich` the editor's state (JSON) or null. */
function memoFields(memo: { plain: string; rich: string | null } | undefined): { memo?: string; memoRich?: unknown } {
  return memo ? { memo: memo.plain, memoRich: memo.rich === null ? null : parseRich(memo.rich) } : {};
}

/** The stored rich form is checked to be a JSON object when it is set; embed it as JSON, not as a string of JSON. */
function parseRich(rich: string): unknown {
  try {
    return JSON.parse(rich);
  } catch {
    return null;
  }
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GlossError('cancelled', 'The export was cancelled; no file was written.');
}
