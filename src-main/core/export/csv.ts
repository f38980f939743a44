import type { CsvCell } from './csvFormat';
import { openTable, type TableReport, type TableWriteOptions } from './tableWriter';
import type { Project } from '../store/Project';
import type { ExportResult } from '../../contract/types';
import { writeFileAtomically } from './atomicFile';
import { attributeValueText } from '../store/AttributeStore';
import { ARTICLE_BYTES_COLUMNS, codingMatches, damagedCodingError, verifiedArticleFrom, type ArticleBytesRow, type VerifiedArticle } from '../store/integrity';
import { GlossError } from '../../contract/errors';
import { checkCancelled, checkExportTarget, inSnapshot, type ExportOptions } from './json';

export const CSV_COLUMNS = [
  'coding_id',
  'article_id',
  'article_title',
  'source_file',
  'code',
  'code_path',
  'start',
  'end',
  'text',
  'memo',
  'coder',
  'created_at',
  'updated_at',
] as const;

/**
 * The codings table takes the table writer's options (export/tableWriter.ts): `format` 'xlsx' writes a workbook with
 * the same columns; a CSV holds every cell exactly unless `formulaGuard` asks for apostrophes before formula-like cells.
 */
export interface CsvOptions extends ExportOptions, TableWriteOptions {}

/**
 * One row per coding: a CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs pick the right encoding) or, with
 * `format: 'xlsx'`, an XLSX workbook with the same columns.
 */
export async function exportCsv(project: Project, target: string, options: CsvOptions = {}): Promise<ExportResult> {
  checkExportTarget(project, target);
  return inSnapshot(project, options.snapshot, () => writeCsv(project, target, options));
}

async function writeCsv(project: Project, target: string, options: CsvOptions): Promise<ExportResult> {
  const total = project.codings.count(options.coder);
  const articleCount = project.articles.count();
  const codes = new Map(project.codes.list().map((c) => [c.id, c]));
  // One column per article attribute that some article has a value for, after the fixed columns (a project without
  // attributes keeps exactly the documented header). A name that clashes with a fixed column gets " (attribute)".
  const attributeNames = project.attributes.inUse().map((a) => a.name);
  const attributeColumns = attributeNames.map((n) => ((CSV_COLUMNS as readonly string[]).includes(n) ? `${n} (attribute)` : n));
  const attributeValues = project.attributes.valuesByArticle();
  const articles = new CodedArticlesInOrder(project, options.coder);
  let codings = 0;
  let report: TableReport = {};
  try {
    await writeFileAtomically(target, async (out) => {
      checkCancelled(options.signal);
      const table = await openTable(out, [...CSV_COLUMNS, ...attributeColumns], 'Codings', options);
      for (const k of project.codings.iterate(options.coder)) {
        // Every passage is checked against its article's verified text before its row is written: a damaged project
        // stops the export (and the old file stays) instead of exporting altered text.
        const article = articles.article(k.articleId, k.id);
        if (!codingMatches(article, k)) throw damagedCodingError(article, k.id);
        const code = codes.get(k.codeId);
        if (!code) throw new GlossError('damaged', `Coding ${k.id} has code ${k.codeId}, which is not in the codebook. Check the project (Check project… or gloss check).`);
        const cells: CsvCell[] = [k.id, k.articleId, article.title, article.sourceFile, code.name, code.path, k.start, k.end, k.text, k.memo, k.coder, k.createdAt, k.updatedAt];
        if (attributeNames.length) {
          const values = attributeValues.get(k.articleId);
          for (const n of attributeNames) {
            const value = values?.[n];
            cells.push(value === undefined ? '' : attributeValueText(value));
          }
        }
        table.row(cells);
        codings++;
        if (codings % 2000 === 0) {
          await table.flush();
          checkCancelled(options.signal);
          options.onProgress?.(codings, total);
        }
      }
      report = await table.end();
      // Last chance before the rename: a cancel that came during the final rows (or a project with fewer rows than one
      // chunk, where the loop never checks) must still leave the previous file in place.
      checkCancelled(options.signal);
    });
  } finally {
    articles.close();
  }
  options.onProgress?.(codings, total);
  return { path: target, articles: articleCount, codings, ...report };
}

/**
 * The articles the exported codings belong to, read in one ordered pass beside the codings (which come in article
 * order): each article's text is read once, hashed against its fingerprint and decoded once, by a sequential scan
 * rather than one lookup per article.
 */
class CodedArticlesInOrder {
  private readonly rows: IterableIterator<ArticleBytesRow & { sourceFile: string }>;
  private current: (VerifiedArticle & { sourceFile: string }) | undefined;

  constructor(project: Project, coder: string | undefined) {
    const codedBy = coder === undefined ? '' : ' AND k.coder = ?';
    const stmt = project.db.prepare(`SELECT ${ARTICLE_BYTES_COLUMNS}, a.source_file AS sourceFile FROM articles a
      WHERE EXISTS (SELECT 1 FROM codings k WHERE k.article_id = a.id${codedBy}) ORDER BY a.id`);
    this.rows = (coder === undefined ? stmt.iterate() : stmt.iterate(coder)) as IterableIterator<ArticleBytesRow & { sourceFile: string }>;
  }

  /** The verified article `id` (codings ask in ascending order); `damaged` when it is not there. */
  article(id: number, codingId: number): VerifiedArticle & { sourceFile: string } {
    while (!this.current || this.current.id < id) {
      const next = this.rows.next();
      if (next.done) break;
      this.current = { ...verifiedArticleFrom(next.value), sourceFile: next.value.sourceFile };
    }
    if (this.current?.id !== id) {
      throw new GlossError('damaged', `Coding ${codingId} belongs to article ${id}, which is not in the project. Check the project (Check project… or gloss check).`);
    }
    return this.current;
  }

  close(): void {
    this.rows.return?.();
  }
}
