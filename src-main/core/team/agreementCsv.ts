// The agreement report as one table for R or pandas, shared by `gloss agree --format csv` and the app's Export CSV:
// a `level` column tells article rows, code rows and the overall row apart.
import type { AgreementFigures, AgreementReport } from '../../contract/types';
import type { TableCell } from '../export/tableCsv';

export const AGREEMENT_CSV_COLUMNS = ['level', 'code', 'article_id', 'both', 'x_only', 'y_only', 'neither', 'percent', 'kappa', 'alpha', 'alpha_u'];

function figureCells(f: AgreementFigures): TableCell[] {
  return [f.both, f.xOnly, f.yOnly, f.neither, f.percent, f.kappa, f.alpha];
}

export function agreementTable(report: AgreementReport): TableCell[][] {
  return [
    ...report.rows.map((r) => ['article', r.code, r.articleId, ...figureCells(r), null]),
    ...report.codes.map((c) => ['code', c.code, null, ...figureCells(c), c.alphaU]),
    ['overall', null, null, ...figureCells(report.overall), report.overall.alphaU],
  ];
}
