import type { AnnotationExportFormat } from '../../../src-main/contract/fileTypes';
import { useExport } from './ExportProvider';
import './export.css';

export function ExportButtons() {
  const { busy, progress, cancel, exportJson, exportCsv, exportRefi, exportAnnotations, openAnnotationImport } = useExport();
  return (
    <div className="export-buttons" aria-busy={busy !== null}>
      <button type="button" data-testid="export-json-button" disabled={busy !== null} onClick={exportJson} title="Every article, code and coding with exact offsets, as JSON">
        {busy === 'json' ? <Busy label="Exporting JSON…" /> : 'Export JSON…'}
      </button>
      <button type="button" data-testid="export-csv-button" disabled={busy !== null} onClick={exportCsv} title="One row per coding, for spreadsheets and statistics tools">
        {busy === 'csv' ? <Busy label="Exporting CSV…" /> : 'Export CSV…'}
      </button>
      <button type="button" className="toolbar-secondary" data-testid="export-qdpx-button" disabled={busy !== null} onClick={() => exportRefi('qdpx')} title="The whole project as a REFI-QDA .qdpx, for NVivo, ATLAS.ti, MAXQDA, QualCoder">
        {busy === 'qdpx' ? <Busy label="Exporting REFI-QDA…" /> : 'Export REFI-QDA…'}
      </button>
      <button type="button" className="toolbar-secondary" data-testid="export-qdc-button" disabled={busy !== null} onClick={() => exportRefi('qdc')} title="The codebook alone as a REFI-QDA .qdc">
        {busy === 'qdc' ? <Busy label="Exporting codebook…" /> : 'Export codebook (.qdc)…'}
      </button>
      <button type="button" className="toolbar-secondary" data-testid="import-annotations-button" onClick={openAnnotationImport} title="Coded spans from doccano, Label Studio, brat, W3C Web Annotation, a spans CSV or SemEval">
        Import annotations…
      </button>
      <select
        className="toolbar-secondary"
        data-testid="export-annotations-select"
        aria-label="Export codings for NLP tools"
        title="Codings in the formats annotation and NLP tools read"
        disabled={busy !== null}
        value=""
        onChange={(e) => {
          if (e.target.value) exportAnnotations(e.target.value as AnnotationExportFormat);
        }}
      >
        <option value="">{busy === 'annotations' ? 'Exporting…' : 'Export for NLP tools…'}</option>
        <option value="webannotation">W3C Web Annotation (JSON-LD)</option>
        <option value="doccano">doccano (JSONL)</option>
        <option value="labelstudio">Label Studio (JSON)</option>
        <option value="brat">brat standoff (folder)</option>
      </select>
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
