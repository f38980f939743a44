import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { GlossError } from '../../contract/errors';
import type { BufferedWriter } from './atomicFile';
import type { CsvCell } from './csvFormat';

// The one XLSX writer, the CSV writer's twin (export/csvFormat.ts): the same tables, for spreadsheet users. ExcelJS's
// streaming workbook writer (rows are committed as they come, never the whole sheet in memory) with inline strings:
// every text cell is a string cell and never a formula, whatever it begins with ("=1+1" reads back as the text), so
// no formula guard is needed and the passages stay exact; numbers are number cells.

/** Excel's limit on the characters of one cell; a longer cell is refused rather than cut. */
export const XLSX_MAX_CELL_CHARS = 32_767;
/** Excel's limit on the rows of one sheet (header included). */
export const XLSX_MAX_ROWS = 1_048_576;

// XML 1.0 cannot carry C0 control characters other than tab, LF and CR (nor U+FFFE/U+FFFF): ExcelJS would drop them
// silently; they become U+FFFD here, as in the REFI-QDA export, so the cell keeps its length.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** A sheet being written: rows in, then end() finishes the workbook into `out`. */
export interface XlsxTable {
  rows(rows: CsvCell[][]): Promise<void>;
  end(): Promise<void>;
}

/** Starts a one-sheet workbook named `sheetName` with the header row, streaming into `out` (an atomic file). */
export async function openXlsxTable(out: BufferedWriter, sheetName: string, header: string[]): Promise<XlsxTable> {
  // ExcelJS writes through a Node stream; each chunk goes on to the atomic file in order (the callback waits).
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.writeBytes(chunk).then(() => done(), done);
    },
  });
  // A table that stops early (a cancel, a refused cell) leaves the zip stream with writes pending on a file the atomic
  // writer has closed and removed: their failure is expected and must not surface as an unhandled stream error.
  sink.on('error', () => undefined);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false });
  workbook.creator = 'Gloss';
  const sheet = workbook.addWorksheet(sheetName);
  let rowNumber = 0;
  const add = (cells: CsvCell[]) => {
    rowNumber++;
    if (rowNumber > XLSX_MAX_ROWS) {
      throw new GlossError('invalid_request', `This table has more than ${XLSX_MAX_ROWS.toLocaleString('en-US')} rows, the most a spreadsheet sheet holds; export it as CSV.`);
    }
    const values = cells.map((value, column) => {
      if (value === null || typeof value === 'number') return value;
      if (value.length > XLSX_MAX_CELL_CHARS) {
        throw new GlossError(
          'invalid_request',
          `Row ${rowNumber}, column "${header[column] ?? column + 1}" holds ${value.length.toLocaleString('en-US')} characters, more than the ` +
            `${XLSX_MAX_CELL_CHARS.toLocaleString('en-US')} a spreadsheet cell holds; export it as CSV (which holds it exactly).`,
        );
      }
      return value.replace(NOT_XML, '\ufffd');
    });
    sheet.addRow(values).commit();
  };
  add(header);
  return {
    async rows(rows) {
      for (const r of rows) add(r);
      // Let the zip stream drain what is committed so far (the writer buffers otherwise).
      await new Promise((ok) => setImmediate(ok));
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
