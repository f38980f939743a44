// The core's entry points for hosts. A host (Electron main, the CLI, the web host) imports from here and from the
// contract only — a lint rule holds it to that — so every change it makes goes through dispatch, and the store,
// import and export modules stay the core's own business.
export { AppState, MemoryAppState } from './appState';
export { dispatch, type WireResult } from './dispatch';
export { Session, type HostAdapter } from './session';
/** The web host's project library: the .gloss files of its data folder, by name. */
export { ProjectLibrary } from './projectLibrary';
export { assertSqliteIsSafe } from './store/database';
/** Writes a table as CSV text with every export's conventions (for a host that prints one). */
export { tableCsvText, tableCsvOutput, type TableCell } from './export/tableCsv';
/** Writes a table the CLI prints (counts, agreement) to a file instead, as CSV or XLSX, atomically. */
export { writeTable, type TableFormat } from './export/tableWriter';
export { AGREEMENT_CSV_COLUMNS, agreementTable } from './team/agreementCsv'; // agree12
/** Size limits the web host enforces on uploads before the importer sees them. */
export { MAX_FILE_BYTES } from './import/importer';
export { GLOSS_JSON_MAX_BYTES } from './import/glossJson';
export { REFI_MAX_BYTES } from './refi/parseRefi';
export { MERGE_PROJECT_MAX_BYTES } from './team/merge/incoming';
