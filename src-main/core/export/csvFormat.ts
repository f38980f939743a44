import Papa from 'papaparse';

// The one CSV writer: every CSV Gloss writes (the codings export, the coded-passages and counts tables, `gloss counts`
// on standard output) turns its rows into text here, with one set of options. RFC 4180 with CRLF records through Papa
// Parse's writer, because exports of 100,000 codings spent most of their time inside csv-stringify's per-field option
// handling (twice the time of the whole rest of the export); Papa's unparse quotes exactly when RFC 4180 needs it (a
// delimiter, quote or line break — and, harmlessly, a leading or trailing space) and doubles embedded quotes.
const PAPA = { newline: '\r\n', quotes: false, header: false, escapeFormulae: false, skipEmptyLines: false } as const;

/**
 * Whether a CSV defuses formula cells when the caller does not say. The one place this default lives: the export
 * dialog, every contract call that writes CSV and every CLI command that prints or writes it follow it.
 */
export const FORMULA_GUARD_BY_DEFAULT = true;

/** What any caller may ask of a CSV Gloss writes: the contract's `rawCells`, the CLI's `--raw-cells`. */
export interface CsvWriteOptions {
  /** Write every text cell exactly as stored (no formula guard). Absent: FORMULA_GUARD_BY_DEFAULT decides. */
  rawCells?: boolean;
}

/** True when text cells that a spreadsheet would run as formulas get a leading apostrophe. */
export function formulaGuardOn(options: CsvWriteOptions = {}): boolean {
  return options.rawCells === undefined ? FORMULA_GUARD_BY_DEFAULT : !options.rawCells;
}

/** A cell: text (guarded against formulas unless raw cells are asked for), a number (written as is), or empty. */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r\n]/;

/** Neutralises a cell a spreadsheet would treat as a formula (OWASP's CSV-injection advice). */
export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The UTF-8 byte order mark files start with, so spreadsheet programs pick the encoding (not on standard output). */
export const CSV_BOM = '\ufeff';

/**
 * A writer bound to one set of options. NUL never reaches a CSV whatever the options: R's and pandas' C readers
 * end a field at it, and no text Gloss stores needs it (memos and names cannot hold it; see contract/text.ts).
 */
export function csvWriter(options: CsvWriteOptions = {}): { cell: (value: CsvCell) => string; rows: (rows: CsvCell[][]) => string } {
  const guard = formulaGuardOn(options);
  const cell = (value: CsvCell): string => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const text = value.includes('\0') ? value.replaceAll('\0', '') : value;
    return guard ? defuseFormula(text) : text;
  };
  return {
    cell,
    rows: (rows) => (rows.length ? `${Papa.unparse(rows.map((r) => r.map(cell)), PAPA)}\r\n` : ''),
  };
}

/** CSV text for the rows, each record ending in CRLF, with the given (or default) options. */
export function csvText(rows: CsvCell[][], options: CsvWriteOptions = {}): string {
  return csvWriter(options).rows(rows);
}
