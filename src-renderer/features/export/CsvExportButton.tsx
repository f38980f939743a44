import { useState } from 'react';
import { CsvExportDialog, type TableExportChoice } from './CsvExportDialog';

interface CsvExportButtonProps {
  testId: string;
  disabled?: boolean;
  /** The format dialog's title and its one-line description of the rows. */
  title: string;
  intro: string;
  /** Runs the export with the chosen format; the button shows it is busy until this settles. */
  onExport(choice: TableExportChoice): Promise<void>;
}

/** An "Export…" button for a table view: asks for CSV or Excel first, then exports, and cannot be pressed twice meanwhile. */
export function CsvExportButton({ testId, disabled, title, intro, onExport }: CsvExportButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (choice: TableExportChoice) => {
    setAsking(false);
    setBusy(true);
    try {
      await onExport(choice);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" data-testid={testId} disabled={disabled || busy} onClick={() => setAsking(true)}>
        {busy ? 'Exporting…' : 'Export…'}
      </button>
      {asking && <CsvExportDialog title={title} intro={intro} onClose={() => setAsking(false)} onExport={(choice) => void run(choice)} />}
    </>
  );
}
