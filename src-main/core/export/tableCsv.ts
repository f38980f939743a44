import { CSV_BOM, csvText, type CsvCell, type CsvWriteOptions } from './csvFormat';
import type { ExportResult } from '../../contract/types';
import { writeFileAtomically } from './atomicFile';

/** A cell of a table export: text (guarded against formulas unless raw cells are asked for) or a number (as is). */
export type TableCell = CsvCell;

/** A table as CSV text through the one CSV writer (RFC 4180, CRLF records, its formula guard and options). */
export function tableCsvText(header: string[], rows: TableCell[][], options: CsvWriteOptions = {}): string {
  return csvText([header, ...rows], options);
}

/**
 * Writes a table the way the codings CSV is written (export/csv.ts): UTF-8 with a BOM so spreadsheets pick the
 * encoding, the one CSV writer with the caller's options, and atomically.
 */
export async function writeTableCsv(
  target: string,
  header: string[],
  rows: TableCell[][],
  options: CsvWriteOptions & { articles: number; codings: number },
): Promise<ExportResult> {
  await writeFileAtomically(target, async (out) => {
    await out.write(CSV_BOM);
    await out.write(tableCsvText(header, rows, { rawCells: options.rawCells }));
  });
  return { path: target, articles: options.articles, codings: options.codings };
}
