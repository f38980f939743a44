import Papa from 'papaparse';

// The one CSV writer: every CSV Gloss writes (the codings export, the coded-passages and counts tables, `gloss counts`
// and `gloss agree` on standard output) turns its rows into text here, with one set of options. RFC 4180 with CRLF
// records through Papa Parse's writer, because exports of 100,000 codings spent most of their time inside
// csv-stringify's per-field option handling (twice the time of the whole rest of the export); Papa's unparse quotes
// exactly when RFC 4180 needs it (a delimiter, quote or line break — and, harmlessly, a leading or trailing space)
// and doubles embedded quotes. Its XLSX twin is export/xlsxFormat.ts; export/tableWriter.ts picks one of them.
const PAPA = { newline: '\r\n', quotes: false, header: false, escapeFormulae: false, skipEmptyLines: false } as const;

/**
 * Whether a CSV defuses formula cells when the caller does not say: no. A CSV is for R, pandas and other data tools
 * and holds every cell exactly (issue 14: a guard by default silently changed passages starting with "-"); the
 * export says how many cells a spreadsheet could run as formulas and points to XLSX, which is safe and exact.
 */
export const FORMULA_GUARD_BY_DEFAULT = false;

/** What any caller may ask of a CSV Gloss writes: the contract's `formulaGuard`, the CLI's `--formula-guard`. */
export interface CsvWriteOptions {
  /** Prefix cells a spreadsheet would run as formulas with an apostrophe. Absent: FORMULA_GUARD_BY_DEFAULT. */
  formulaGuard?: boolean;
}

/** True when text cells that a spreadsheet would run as formulas get a leading apostrophe. */
export function formulaGuardOn(options: CsvWriteOptions = {}): boolean {
  return options.formulaGuard ?? FORMULA_GUARD_BY_DEFAULT;
}

/** A cell: text, a number (written as is), or empty. */
export type CsvCell = string | number | null;

/** What a spreadsheet may run as a formula: a text cell beginning with = + - @, a tab or a carriage return (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet opening this text cell could run it as a formula. */
export function looksLikeFormula(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** Neutralises a cell a spreadsheet would treat as a formula (OWASP's CSV-injection advice). */
export function defuseFormula(cell: string): string {
  return looksLikeFormula(cell) ? `'${cell}` : cell;
}

/** The UTF-8 byte order mark files start with, so spreadsheet programs pick the encoding (not on standard output). */
export const CSV_BOM = '\ufeff';

/** How many text cells of a CSV could run as formulas in a spreadsheet, and how many the guard changed. */
export interface FormulaCellCount {
  /** Text cells beginning with = + - @, tab or CR (header included), as written (guard off) or before the guard. */
  formulaLike: number;
  /** Cells the formula guard prefixed (0 when it is off). */
  guarded: number;
}

/**
 * A writer bound to one set of options. NUL never reaches a CSV whatever the options: R's and pandas' C readers
 * end a field at it, and no text Gloss stores needs it (memos and names cannot hold it; see contract/text.ts).
 */
export function csvWriter(options: CsvWriteOptions = {}): {
  cell: (value: CsvCell) => string;
  rows: (rows: CsvCell[][]) => string;
  counted: () => FormulaCellCount;
} {
  const guard = formulaGuardOn(options);
  let formulaLike = 0;
  const cell = (value: CsvCell): string => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const text = value.includes('\0') ? value.replaceAll('\0', '') : value;
    if (!looksLikeFormula(text)) return text;
    formulaLike++;
    return guard ? `'${text}` : text;
  };
  return {
    cell,
    rows: (rows) => (rows.length ? `${Papa.unparse(rows.map((r) => r.map(cell)), PAPA)}\r\n` : ''),
    counted: () => ({ formulaLike, guarded: guard ? formulaLike : 0 }),
  };
}

/** CSV text for the rows, each record ending in CRLF, with the given (or default) options. */
export function csvText(rows: CsvCell[][], options: CsvWriteOptions = {}): string {
  return csvWriter(options).rows(rows);
}

