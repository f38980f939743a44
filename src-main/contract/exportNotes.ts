// What an export says about cells a spreadsheet could run as formulas (issue 14): the app's toast and the CLI's
// stderr line read the same counts (ExportResult.formulaLikeCells / guardedCells) and phrase them here.

/** The counts of a CSV export; both absent for JSON and XLSX. */
export interface FormulaCellCounts {
  /** Text cells beginning with = + - @, a tab or a carriage return. */
  formulaLikeCells?: number;
  /** Cells the formula guard prefixed with an apostrophe (only with the guard on). */
  guardedCells?: number;
}

const cells = (n: number) => `${n.toLocaleString('en-US')} cell${n === 1 ? '' : 's'}`;

/**
 * The sentence about formula-like cells, or null when there is nothing to say: how many cells a spreadsheet could run,
 * pointing to XLSX; or, with the guard on, how many cells it changed. `xlsx` and `guard` name the host's way to each.
 */
export function formulaCellNote(counts: FormulaCellCounts, how: { xlsx: string; guard: string }): string | null {
  const guarded = counts.guardedCells ?? 0;
  if (guarded > 0) {
    return `The formula guard changed ${cells(guarded)}: each now begins with an apostrophe, so the CSV no longer holds ${guarded === 1 ? 'it' : 'them'} exactly.`;
  }
  const risky = counts.formulaLikeCells ?? 0;
  if (risky === 0) return null;
  return (
    `${cells(risky)} begin${risky === 1 ? 's' : ''} with = + - @, a tab or a carriage return; a spreadsheet may run ${risky === 1 ? 'it' : 'them'} ` +
    `as formulas. The CSV holds ${risky === 1 ? 'it' : 'them'} exactly (for R, pandas); for a spreadsheet use ${how.xlsx} (or ${how.guard}).`
  );
}
