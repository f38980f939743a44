import { useExport } from './ExportProvider';
import './export.css';

export function ExportButtons() {
  const { busy, exportJson, exportCsv } = useExport();
  return (
    <div className="export-buttons" aria-busy={busy !== null}>
      <button type="button" data-testid="export-json-button" disabled={busy !== null} onClick={exportJson} title="Every article, code and coding with exact offsets, as JSON">
        {busy === 'json' ? <Busy label="Exporting JSON…" /> : 'Export JSON…'}
      </button>
      <button type="button" data-testid="export-csv-button" disabled={busy !== null} onClick={exportCsv} title="One row per coding, for spreadsheets and statistics tools">
        {busy === 'csv' ? <Busy label="Exporting CSV…" /> : 'Export CSV…'}
      </button>
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
