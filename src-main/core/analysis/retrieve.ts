// Retrieval: the coded passages of one or more codes, narrowed by article attributes, coder and text, with a
// little of the article around each — the analyst's "show me everything coded Humanitarian in Lebanese outlets".
import { GlossError } from '../../contract/errors';
import type { ExportResult, RetrievedPassage, RetrieveQuery } from '../../contract/types';
import type { RetrieveFilter, RetrieveRow } from '../store/AnalysisQueries';
import type { Project } from '../store/Project';
import { writeTable, type TableWriteOptions } from '../export/tableWriter';
import { checkExportTarget } from '../export/json';
import { VerifiedTexts } from '../store/integrity';

export const DEFAULT_RETRIEVE_CONTEXT = 80;

/** The code ids a query covers: the given codes (each must exist) and, if asked, all their sub-codes. */
export function expandCodeIds(project: Project, codeIds: number[], includeSubcodes: boolean): number[] {
  const known = new Set(project.codes.list().map((c) => c.id));
  const ids = new Set<number>();
  for (const id of codeIds) {
    if (!known.has(id)) throw new GlossError('not_found', `There is no code ${id} in this codebook.`);
    ids.add(id);
    if (includeSubcodes) for (const d of project.codes.descendants(id)) ids.add(d);
  }
  return [...ids];
}

/** The store's filter for a query: its codes (with sub-codes if asked), coder, attribute conditions and text. */
function retrieveFilter(project: Project, query: RetrieveQuery): RetrieveFilter {
  return {
    codeIds: expandCodeIds(project, query.codeIds, query.includeSubcodes ?? false),
    coder: query.coder,
    conditions: project.attributes.filterConditions(query.attributes ?? []),
    text: query.text,
  };
}

/** A passage with its context; its article's text is verified and the passage checked against it first. */
function passage(
  project: Project,
  row: RetrieveRow,
  context: number,
  codes: Map<number, { path: string; color: string }>,
  verified: VerifiedTexts,
): RetrievedPassage {
  verified.checkCoding({ id: row.codingId, articleId: row.articleId, start: row.start, end: row.end, text: row.text });
  const code = codes.get(row.codeId)!;
  return { ...row, codePath: code.path, codeColor: code.color, ...project.analysis.context(row.articleId, row.start, row.end, context) };
}

/** One page of the passages a query retrieves, in article then offset order, with the total. */
export function retrievePassages(
  project: Project,
  query: RetrieveQuery,
  page: { offset?: number; limit?: number; context?: number } = {},
): { total: number; items: RetrievedPassage[] } {
  const filter = retrieveFilter(project, query);
  const rows = project.analysis.retrieveRows(filter, { offset: page.offset ?? 0, limit: page.limit ?? 200 });
  const codes = new Map(project.codes.list().map((c) => [c.id, c]));
  const context = page.context ?? DEFAULT_RETRIEVE_CONTEXT;
  const verified = new VerifiedTexts(project.db);
  return { total: project.analysis.retrieveCount(filter), items: rows.map((r) => passage(project, r, context, codes, verified)) };
}

export const RETRIEVE_CSV_COLUMNS = [
  'coding_id',
  'article_id',
  'article_title',
  'code_path',
  'start',
  'end',
  'context_before',
  'text',
  'context_after',
  'memo',
  'coder',
] as const;

/** Every passage a query retrieves, as CSV (the codings CSV's conventions). */
export async function exportRetrievedCsv(
  project: Project,
  query: RetrieveQuery,
  target: string,
  options: TableWriteOptions & { context?: number } = {},
): Promise<ExportResult> {
  checkExportTarget(project, target);
  const rows = project.analysis.retrieveRows(retrieveFilter(project, query));
  const codes = new Map(project.codes.list().map((c) => [c.id, c]));
  const context = options.context ?? DEFAULT_RETRIEVE_CONTEXT;
  const verified = new VerifiedTexts(project.db);
  const table = rows.map((r) => {
    const p = passage(project, r, context, codes, verified);
    return [p.codingId, p.articleId, p.articleTitle, p.codePath, p.start, p.end, p.before, p.text, p.after, p.memo, p.coder];
  });
  return writeTable(target, [...RETRIEVE_CSV_COLUMNS], table, {
    format: options.format,
    formulaGuard: options.formulaGuard,
    sheetName: 'Passages',
    articles: new Set(rows.map((r) => r.articleId)).size,
    codings: rows.length,
  });
}
