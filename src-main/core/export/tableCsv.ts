import { csvRows } from './csvFormat';
import type { ExportResult } from '../../contract/types';
import { writeFileAtomically } from './atomicFile';
import { defuseFormula } from './csv';

/** A cell: text (defused unless raw cells are asked for) or a number (written as is; never a formula). */
export type TableCell = string | number | null;

function cells(row: TableCell[], rawCells: boolean): string[] {
  return row.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : rawCells ? c : defuseFormula(c)));
}

/** A table as CSV text with the exports' conventions: RFC 4180 with CRLF records, formulas defused unless `rawCells`. */
export function tableCsvText(header: string[], rows: TableCell[][], rawCells = false): string {
  return csvRows([header, ...rows.map((r) => cells(r, rawCells))]);
}

/**
 * Writes a table the way the codings CSV is written (export/csv.ts): UTF-8 with a BOM so spreadsheets pick the
 * encoding, RFC 4180, cells a spreadsheet would run as formulas defused unless `rawCells`, and atomically.
 */
export async function writeTableCsv(
  target: string,
  header: string[],
  rows: TableCell[][],
  options: { rawCells?: boolean; articles: number; codings: number },
): Promise<ExportResult> {
  await writeFileAtomically(target, async (out) => {
    await out.write('\ufeff');
    await out.write(tableCsvText(header, rows, options.rawCells ?? false));
  });
  return { path: target, articles: options.articles, codings: options.codings };
}
