// File ▸ Import Annotations…: spans from doccano, Label Studio, brat, W3C Web Annotation, a spans CSV or the SemEval
// TSV. The analyst picks the format and files, sees a preview (what would be coded, what cannot be placed and why),
// then imports. The desktop app passes the files' paths; the web host uploads them (it never names files on disk).
import { useState } from 'react';
import { api, bridge } from '../../api/api';
import type { AnnotationImportReport } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

type Format = 'doccano' | 'labelstudio' | 'brat' | 'webannotation' | 'spans' | 'semeval';
type Unit = 'auto' | 'codepoint' | 'utf16' | 'utf8';

const FORMATS: [Format, string][] = [
  ['doccano', 'doccano JSONL'],
  ['labelstudio', 'Label Studio JSON export'],
  ['brat', 'brat standoff (.ann with its .txt)'],
  ['webannotation', 'W3C Web Annotation (JSON-LD)'],
  ['spans', 'Spans CSV/TSV'],
  ['semeval', 'SemEval task 11 TSV (with its article<ID>.txt files)'],
];

async function runImport(files: File[], request: { format: Format; unit: Unit; codePrefix?: string; preview: boolean }): Promise<AnnotationImportReport | null> {
  if (bridge.pathForFile) {
    const paths = files.map((f) => bridge.pathForFile!(f)).filter((p) => p.length > 0);
    return api['annotations.importPaths']({ paths, ...request });
  }
  if (!bridge.upload) throw new Error('This host cannot take files.');
  const uploads: string[] = [];
  for (const f of files) uploads.push(await bridge.upload(f, f.name));
  return api['annotations.importUploads']({ uploads, ...request });
}

export function AnnotationImportDialog({ onClose }: { onClose(): void }) {
  const { attempt, notify } = useAppStore();
  const [format, setFormat] = useState<Format>('doccano');
  const [unit, setUnit] = useState<Unit>('auto');
  const [codePrefix, setCodePrefix] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [preview, setPreview] = useState<AnnotationImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const go = async (asPreview: boolean) => {
    setBusy(true);
    try {
      const prefix = codePrefix.trim() || undefined;
      const report = await attempt(() => runImport(files, { format, unit, codePrefix: prefix, preview: asPreview }));
      if (!report) return;
      if (asPreview) setPreview(report);
      else {
        // The codebook and the article list follow the host's change event.
        notify(
          `Coded ${plural(report.placed, 'span')}${report.duplicates ? `, ${plural(report.duplicates, 'duplicate')} skipped` : ''}${report.unplaced.length ? `, ${plural(report.unplaced.length, 'span')} not placed` : ''}`,
          report.unplaced.length + report.rejected.length > 0 ? 'error' : 'info',
        );
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  const changed = () => setPreview(null);
  return (
    <Dialog
      title="Import annotations"
      onClose={onClose}
      testId="annotation-import-dialog"
      actions={
        <CancelConfirmActions
          onCancel={onClose}
          confirmLabel="Import"
          confirmTestId="annotation-import-confirm"
          confirmDisabled={busy || !preview}
          onConfirm={() => void go(false)}
        >
          <button type="button" data-testid="annotation-import-preview" disabled={busy || files.length === 0} onClick={() => void go(true)}>
            Preview
          </button>
        </CancelConfirmActions>
      }
    >
      <label>
        Format{' '}
        <select data-testid="annotation-import-format" value={format} onChange={(e) => (setFormat(e.target.value as Format), changed())}>
          {FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Positions counted in{' '}
        <select data-testid="annotation-import-unit" value={unit} onChange={(e) => (setUnit(e.target.value as Unit), changed())}>
          <option value="auto">detect (from the quoted text)</option>
          <option value="codepoint">code points</option>
          <option value="utf16">UTF-16 code units</option>
          <option value="utf8">UTF-8 bytes</option>
        </select>
      </label>
      <label>
        Under code{' '}
        <input data-testid="annotation-import-prefix" value={codePrefix} placeholder="(top level)" onChange={(e) => (setCodePrefix(e.target.value), changed())} />
      </label>
      <label>
        Files{' '}
        <input data-testid="annotation-import-files" type="file" multiple onChange={(e) => (setFiles([...(e.target.files ?? [])]), changed())} />
      </label>
      {preview && <ImportPreview report={preview} />}
    </Dialog>
  );
}

function ImportPreview({ report }: { report: AnnotationImportReport }) {
  const unsure = report.units.filter((u) => !u.confident);
  const skipped = Object.entries(report.notImported);
  return (
    <div data-testid="annotation-import-summary" role="status">
      <p>
        {plural(report.spans, 'span')}: {plural(report.placed, 'span')} to code, {plural(report.unplaced.length, 'span')} cannot be placed,{' '}
        {report.reanchored.length} re-anchored by their quote; {plural(report.articlesCreated.length, 'new article')},{' '}
        {plural(report.articlesMatched.length, 'article')} of the project.
      </p>
      {skipped.length > 0 && <p>Not imported: {skipped.map(([k, n]) => `${n} ${k}`).join(', ')}.</p>}
      {unsure.length > 0 && (
        <ul>
          {unsure.slice(0, 10).map((u) => (
            <li key={u.document}>
              {u.document}: {u.reason}
            </li>
          ))}
        </ul>
      )}
      {report.unplaced.length + report.rejected.length > 0 && (
        <ul data-testid="annotation-import-problems">
          {[...report.rejected.map((r) => ({ where: r.file, reason: r.reason })), ...report.unplaced].slice(0, 50).map((u, k) => (
            <li key={k}>
              {u.where}: {u.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
