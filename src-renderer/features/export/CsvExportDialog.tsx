import { useId, useState } from 'react';
import { Dialog } from '../../app/Dialog';

interface CsvExportDialogProps {
  onExport(rawCells: boolean): void;
  onClose(): void;
  /** For exports of something other than all codings (the coded-passages view's selection). */
  title?: string;
  intro?: string;
}

const CODINGS_INTRO = 'One row per coding: article, code path, exact start and end offsets, the coded text, memo and coder.';

export function CsvExportDialog({ onExport, onClose, title = 'Export codings as CSV', intro = CODINGS_INTRO }: CsvExportDialogProps) {
  // Formula protection is the safe default and is never remembered: every unprotected export is a deliberate choice.
  const [rawCells, setRawCells] = useState(false);
  const warningId = useId();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="export-csv-dialog"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="export-csv-confirm" onClick={() => onExport(rawCells)}>
            Export
          </button>
        </>
      }
    >
      <p>{intro}</p>
      <label className="checkbox-field">
        <input
          type="checkbox"
          data-testid="export-csv-raw"
          checked={rawCells}
          aria-describedby={rawCells ? warningId : undefined}
          onChange={(e) => setRawCells(e.target.checked)}
        />
        <span>Write cells exactly (no spreadsheet formula protection)</span>
      </label>
      {rawCells ? (
        <p className="export-warning" id={warningId} role="note" data-testid="export-csv-warning">
          Cells that start with = + - @ (or a tab or line break) will be written as they are. Excel, LibreOffice and Google Sheets
          treat such cells as formulas when the file is opened, so a passage quoted from an article could run a command or send
          data elsewhere. Choose this only when the file goes to a statistics tool (R, Python, Stata), not to a spreadsheet.
        </p>
      ) : (
        <p className="muted export-hint">
          Cells a spreadsheet would run as a formula get a leading apostrophe, so they open as plain text. Offsets are unaffected.
        </p>
      )}
    </Dialog>
  );
}
