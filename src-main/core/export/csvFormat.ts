import Papa from 'papaparse';

// The one place rows become CSV text (RFC 4180, CRLF records). Papa Parse's writer, because exports of 100,000
// codings spent most of their time inside csv-stringify's per-field option handling (twice the time of the whole
// rest of the export); Papa's unparse quotes exactly when RFC 4180 needs it (a delimiter, quote or line break —
// and, harmlessly, a leading or trailing space) and doubles embedded quotes.
const OPTIONS = { newline: '\r\n', quotes: false, header: false, escapeFormulae: false, skipEmptyLines: false } as const;

/** CSV text for the rows, each record ending in CRLF. Cells must already be strings (formula defusing happens before). */
export function csvRows(rows: string[][]): string {
  return rows.length ? `${Papa.unparse(rows, OPTIONS)}\r\n` : '';
}
