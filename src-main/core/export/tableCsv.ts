import { csvWriter, type CsvCell, type CsvWriteOptions } from './csvFormat';
import type { TableReport } from './tableWriter';

/** A cell of a table export: text (exact unless the formula guard is asked for) or a number (as is). */
export type TableCell = CsvCell;

/** A table as CSV text through the one CSV writer (RFC 4180, CRLF records, its options). */
export function tableCsvText(header: string[], rows: TableCell[][], options: CsvWriteOptions = {}): string {
  return tableCsvOutput(header, rows, options).text;
}

/** The CSV text and what the writer counted (formula-like cells, guarded cells), for a host that prints a table. */
export function tableCsvOutput(header: string[], rows: TableCell[][], options: CsvWriteOptions = {}): { text: string } & TableReport {
  const csv = csvWriter(options);
  const text = csv.rows([header, ...rows]);
  const counted = csv.counted();
  return { text, formulaLikeCells: counted.formulaLike, ...(options.formulaGuard ? { guardedCells: counted.guarded } : {}) };
}
