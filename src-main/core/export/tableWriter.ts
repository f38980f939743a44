import type { ExportResult } from '../../contract/types';
import { writeFileAtomically, type BufferedWriter } from './atomicFile';
import { CSV_BOM, csvWriter, type CsvCell, type CsvWriteOptions } from './csvFormat';
import { openXlsxTable } from './xlsxFormat';

// Every table Gloss writes to a file — the codings export, the coded passages, the counts table, the agreement table —
// goes through here: one CSV writer (csvFormat.ts) or one XLSX writer (xlsxFormat.ts), same columns either way,
// written atomically (a temporary file renamed into place: never half a file).

export type TableFormat = 'csv' | 'xlsx';

export interface TableWriteOptions extends CsvWriteOptions {
  /** Absent: CSV. */
  format?: TableFormat;
}

/** What a finished table reports (ExportResult's counts of formula-like cells; absent for XLSX). */
export type TableReport = Pick<ExportResult, 'formulaLikeCells' | 'guardedCells'>;

export interface TableSink {
  rows(rows: CsvCell[][]): Promise<void>;
  end(): Promise<TableReport>;
}

/** Starts a table in `out`: the header now, rows as they come. `sheetName` names the XLSX sheet. */
export async function openTable(out: BufferedWriter, header: string[], sheetName: string, options: TableWriteOptions = {}): Promise<TableSink> {
  if (options.format === 'xlsx') {
    const xlsx = await openXlsxTable(out, sheetName, header);
    return {
      rows: (rows) => xlsx.rows(rows),
      end: async () => {
        await xlsx.end();
        return {};
      },
    };
  }
  const csv = csvWriter(options);
  await out.write(CSV_BOM);
  await out.write(csv.rows([header]));
  return {
    rows: async (rows) => {
      if (rows.length) await out.write(csv.rows(rows));
    },
    end: async () => {
      const counted = csv.counted();
      return { formulaLikeCells: counted.formulaLike, ...(options.formulaGuard ? { guardedCells: counted.guarded } : {}) };
    },
  };
}

/** Writes a whole table to `target` atomically, as CSV (UTF-8 with a BOM, so spreadsheets pick the encoding) or XLSX. */
export async function writeTable(
  target: string,
  header: string[],
  rows: CsvCell[][],
  options: TableWriteOptions & { articles: number; codings: number; sheetName: string },
): Promise<ExportResult> {
  let report: TableReport = {};
  await writeFileAtomically(target, async (out) => {
    const table = await openTable(out, header, options.sheetName, options);
    await table.rows(rows);
    report = await table.end();
  });
  return { path: target, articles: options.articles, codings: options.codings, ...report };
}

/** The file extension of a table format. */
export function tableExtension(format: TableFormat | undefined): string {
  return format === 'xlsx' ? 'xlsx' : 'csv';
}
