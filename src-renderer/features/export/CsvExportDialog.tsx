import { useId, useState } from 'react';
import { Dialog } from '../../app/Dialog';
import type { ExportResult } from '../../../src-main/contract/types';
import { formulaCellNote } from '../../../src-main/contract/exportNotes';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

/** What the table export dialog asks: the file format, and for a CSV whether to apply the formula guard. */
export interface TableExportChoice {
  format: 'csv' | 'xlsx';
  formulaGuard: boolean;
}

interface CsvExportDialogProps {
  onExport(choice: TableExportChoice): void;
  onClose(): void;
  /** For exports of something other than all codings (the coded-passages view's selection). */
  title?: string;
  intro?: string;
}

const CODINGS_INTRO = 'One row per coding: article, code path, exact start and end offsets, the coded text, memo and coder.';

/** The sentence about formula-like cells an export's toast adds (issue 14), or '' when there is nothing to say. */
export function formulaNoteFor(result: ExportResult): string {
  const note = formulaCellNote(result, { xlsx: 'the Excel (XLSX) format', guard: 'the formula guard' });
  return note ? ` ${note}` : '';
}

/**
 * The export dialog of every table (codings, coded passages, counts): CSV — exact, for R, pandas and other data tools —
 * or an Excel workbook (XLSX) with the same columns, whose text cells are never formulas. The formula guard is a
 * deliberate choice for a CSV that goes to a spreadsheet anyway, and is never remembered.
 */
export function CsvExportDialog({ onExport, onClose, title = 'Export codings', intro = CODINGS_INTRO }: CsvExportDialogProps) {
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [formulaGuard, setFormulaGuard] = useState(false);
  const hintId = useId();
  const name = useId();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="export-csv-dialog"
      actions={
        <CancelConfirmActions
          onCancel={onClose}
          confirmLabel="Export"
          confirmTestId="export-csv-confirm"
          onConfirm={() => onExport({ format, formulaGuard: format === 'csv' && formulaGuard })}
        />
      }
    >
      <p>{intro}</p>
      <fieldset className="export-format">
        <legend>Format</legend>
        <label className="checkbox-field">
          <input type="radio" name={name} data-testid="export-format-csv" checked={format === 'csv'} onChange={() => setFormat('csv')} />
          <span>CSV — every cell exactly as stored, for R, pandas and other data tools</span>
        </label>
        <label className="checkbox-field">
          <input type="radio" name={name} data-testid="export-format-xlsx" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} />
          <span>Excel workbook (XLSX) — for spreadsheets: text cells are never run as formulas</span>
        </label>
      </fieldset>
      {format === 'csv' && (
        <>
          <label className="checkbox-field">
            <input
              type="checkbox"
              data-testid="export-formula-guard"
              checked={formulaGuard}
              aria-describedby={hintId}
              onChange={(e) => setFormulaGuard(e.target.checked)}
            />
            <span>Formula guard: put an apostrophe before cells that begin with = + - @, a tab or a carriage return</span>
          </label>
          <p className="muted export-hint" id={hintId}>
            {formulaGuard
              ? 'The guarded cells then no longer equal the article text; Gloss says how many it changed. Offsets are unaffected.'
              : 'A spreadsheet may run such cells as formulas; Gloss says how many there are. For a spreadsheet, choose XLSX.'}
          </p>
        </>
      )}
    </Dialog>
  );
}
