import { CSV_BOM, csvWriter, type CsvCell, type CsvWriteOptions } from './csvFormat';
import type { Project } from '../store/Project';
import type { ExportResult } from '../../contract/types';
import { writeFileAtomically } from './atomicFile';
import { attributeValueText } from '../store/AttributeStore';
import { VerifiedTexts } from '../store/integrity';
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
 * The codings CSV takes the one CSV writer's options (export/csvFormat.ts): `rawCells` writes every cell exactly as
 * stored; without it, a cell a spreadsheet would run as a formula gets a leading apostrophe.
 */
export interface CsvOptions extends ExportOptions, CsvWriteOptions {}

/** One row per coding, RFC 4180, UTF-8 with a BOM so spreadsheet programs pick the right encoding. */
export async function exportCsv(project: Project, target: string, options: CsvOptions = {}): Promise<ExportResult> {
  checkExportTarget(project, target);
  return inSnapshot(project, options.snapshot, () => writeCsv(project, target, options));
}

async function writeCsv(project: Project, target: string, options: CsvOptions): Promise<ExportResult> {
  const total = project.codings.count(options.coder);
  const titles = project.articles.titlesById();
  const codes = new Map(project.codes.list().map((c) => [c.id, c]));
  const csv = csvWriter(options);
  // One column per article attribute that some article has a value for, after the fixed columns (a project without
  // attributes keeps exactly the documented header). A name that clashes with a fixed column gets " (attribute)".
  const attributeNames = project.attributes.inUse().map((a) => a.name);
  const attributeColumns = attributeNames.map((n) => ((CSV_COLUMNS as readonly string[]).includes(n) ? `${n} (attribute)` : n));
  const attributeValues = project.attributes.valuesByArticle();
  // Codings come in article order, so each article's text is read and hashed once, and every passage is checked
  // against it before it is written: a damaged project stops the export (and the old file stays) instead of
  // exporting altered text.
  const verified = new VerifiedTexts(project.db, 1);
  let codings = 0;
  await writeFileAtomically(target, async (out) => {
    checkCancelled(options.signal);
    await out.write(CSV_BOM);
    await out.write(csv.rows([[...CSV_COLUMNS, ...attributeColumns]]));
    let rows: CsvCell[][] = [];
    const flush = async () => {
      if (rows.length) await out.write(csv.rows(rows));
      rows = [];
    };
    for (const k of project.codings.iterate(options.coder)) {
      const article = titles.get(k.articleId)!;
      const code = codes.get(k.codeId)!;
      verified.checkCoding(k);
      rows.push([
        k.id,
        k.articleId,
        article.title,
        article.sourceFile,
        code.name,
        code.path,
        k.start,
        k.end,
        k.text,
        k.memo,
        k.coder,
        k.createdAt,
        k.updatedAt,
        ...attributeNames.map((n) => {
          const value = attributeValues.get(k.articleId)?.[n];
          return value === undefined ? '' : attributeValueText(value);
        }),
      ]);
      codings++;
      if (rows.length === 2000) {
        await flush();
        checkCancelled(options.signal);
        options.onProgress?.(codings, total);
      }
    }
    await flush();
    // Last chance before the rename: a cancel that came during the final rows (or a project with fewer rows than one
    // chunk, where the loop never checks) must still leave the previous file in place.
    checkCancelled(options.signal);
  });
  options.onProgress?.(codings, total);
  return { path: target, articles: titles.size, codings };
}
