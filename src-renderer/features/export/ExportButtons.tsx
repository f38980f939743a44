import { useExport } from './ExportProvider';
import './export.css';

export function ExportButtons() {
  const { busy, progress, cancel, exportJson, exportCsv } = useExport();
  return (
    <div className="export-buttons" aria-busy={busy !== null}>
      <button type="button" data-testid="export-json-button" disabled={busy !== null} onClick={exportJson} title="Every article, code and coding with exact offsets, as JSON">
        {busy === 'json' ? <Busy label="Exporting JSON…" /> : 'Export JSON…'}
      </button>
      <button type="button" data-testid="export-csv-button" disabled={busy !== null} onClick={exportCsv} title="One row per coding, for spreadsheets and statistics tools">
        {busy === 'csv' ? <Busy label="Exporting CSV…" /> : 'Export CSV…'}
      </button>
      {busy !== null && (
        <span className="export-progress" data-testid="export-progress" role="status">
          {progress && progress.total > 0 && (
            <progress max={progress.total} value={progress.done} aria-label="Export progress">
              {progress.done} of {progress.total}
            </progress>
          )}
          {progress && progress.total > 0 && (
            <span className="export-progress-text">
              {progress.done.toLocaleString()} of {progress.total.toLocaleString()} codings
            </span>
          )}
          <button type="button" data-testid="export-cancel" onClick={cancel}>
            Cancel
          </button>
        </span>
      )}
    </div>
  );
}

function Busy({ label }: { label: string }) {
  return (
    <>
      <span className="spinner" aria-hidden />
      {label}
    </>
  );
}
