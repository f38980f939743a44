// The one CSV writer: every CSV Gloss writes (the codings export, the coded-passages and counts tables, `gloss counts`
// and `gloss agree` on standard output) turns its rows into text here, with one set of options. RFC 4180 with CRLF
// records. A field is quoted exactly when RFC 4180 needs it (a delimiter, quote or line break) and, as Papa Parse's
// writer that wrote these files before did (the bytes stay the same), when it holds a byte order mark or starts or
// ends with a space; embedded quotes are doubled. It is written here rather than through a library because the
// export of 100,000 codings spent more time in the library's per-field option handling than in the rest of the export
// (csv-stringify twice that time, Papa Parse still a third of it; issue 16). Its XLSX twin is export/xlsxFormat.ts;
// export/tableWriter.ts picks one of them.

/** Characters that make a field need quotes (besides a leading or trailing space). */
const NEEDS_QUOTES = /[",\r\n\ufeff]/;

/** The field as it stands in a record: quoted when it has to be, its quotes doubled. */
function quoted(text: string): string {
  if (text.length === 0) return text;
  if (NEEDS_QUOTES.test(text) || text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) {
    return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
  }
  return text;
}

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

/**
 * Whether a spreadsheet opening this text cell could run it as a formula: it begins with = + - @, a tab or a carriage
 * return (OWASP). A test of the first character, as every cell of every export is asked.
 */
export function looksLikeFormula(cell: string): boolean {
  const c = cell.charCodeAt(0);
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 /* tab */ || c === 13 /* CR */;
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
  line: (cells: readonly CsvCell[]) => string;
  rows: (rows: readonly (readonly CsvCell[])[]) => string;
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
  // A number's text never needs quotes (digits, sign, point, exponent, NaN, Infinity).
  const field = (value: CsvCell): string => (typeof value === 'number' ? String(value) : quoted(cell(value)));
  /** One record, CRLF included. */
  const line = (cells: readonly CsvCell[]): string => {
    let record = '';
    for (let i = 0; i < cells.length; i++) record += i === 0 ? field(cells[i] ?? null) : `,${field(cells[i] ?? null)}`;
    return `${record}\r\n`;
  };
  return {
    cell,
    line,
    rows: (rows) => {
      let text = '';
      for (const r of rows) text += line(r);
      return text;
    },
    counted: () => ({ formulaLike, guarded: guard ? formulaLike : 0 }),
  };
}

/** CSV text for the rows, each record ending in CRLF, with the given (or default) options. */
export function csvText(rows: CsvCell[][], options: CsvWriteOptions = {}): string {
  return csvWriter(options).rows(rows);
}

