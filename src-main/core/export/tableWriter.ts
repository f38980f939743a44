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
  /** Adds one row to what the next `flush` writes (a CSV turns it into its record at once; no array of rows). */
  row(cells: CsvCell[]): void;
  flush(): Promise<void>;
  end(): Promise<TableReport>;
}

/** Starts a table in `out`: the header now, rows as they come. `sheetName` names the XLSX sheet. */
export async function openTable(out: BufferedWriter, header: string[], sheetName: string, options: TableWriteOptions = {}): Promise<TableSink> {
  if (options.format === 'xlsx') {
    const xlsx = await openXlsxTable(out, sheetName, header);
    let pending: CsvCell[][] = [];
    const flush = async () => {
      if (pending.length) await xlsx.rows(pending);
      pending = [];
    };
    return {
      rows: async (rows) => {
        await flush();
        await xlsx.rows(rows);
      },
      row: (cells) => void pending.push(cells),
      flush,
      end: async () => {
        await flush();
        await xlsx.end();
        return {};
      },
    };
  }
  const csv = csvWriter(options);
  await out.write(CSV_BOM);
  await out.write(csv.rows([header]));
  let pending = '';
  const flush = async () => {
    if (pending) await out.write(pending);
    pending = '';
  };
  return {
    rows: async (rows) => {
      await flush();
      if (rows.length) await out.write(csv.rows(rows));
    },
    row: (cells) => {
      pending += csv.line(cells);
    },
    flush,
    end: async () => {
      await flush();
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
