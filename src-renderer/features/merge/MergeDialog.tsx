// File ▸ Merge Teammate's Work…: the analyst picks the teammate's file, sees what the merge would do (new, matched and
// conflicting codes, with a choice per conflict; codings added and skipped per coder), merges, and reads the report.
// The app passes the file's path; the web host uploads it once, previews the upload and merges it (or discards it).
import { useEffect, useRef, useState } from 'react';
import { api, bridge } from '../../api/api';
import type { MergeDecision, MergePreview, MergeReport } from '../../../src-main/contract/merge';
import { Dialog } from '../../app/Dialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import './merge.css';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

type Source = { path: string } | { uploadId: string };

const DECISIONS: [MergeDecision, string][] = [
  ['ours', 'Keep ours'],
  ['theirs', 'Take theirs'],
  ['both', 'Keep both'],
];

export function MergeDialog({ onClose }: { onClose(): void }) {
  const { attempt, notify } = useAppStore();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, MergeDecision>>({});
  const [report, setReport] = useState<MergeReport | null>(null);
  const [busy, setBusy] = useState(false);
  // An upload previewed but not merged is discarded when the dialog closes.
  const pendingUpload = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (pendingUpload.current) void api['articles.discardUploads']({ uploads: [pendingUpload.current] }).catch(() => undefined);
    },
    [],
  );

  const runPreview = async (chosen: Source, next: Record<string, MergeDecision>) => {
    setBusy(true);
    try {
      const result = await attempt(() => api['project.mergePreview']({ ...chosen, decisions: next }));
      if (result) setPreview(result);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (picked: File | null) => {
    setFile(picked);
    setPreview(null);
    setDecisions({});
    if (!picked) return;
    let chosen: Source;
    if (bridge.pathForFile) chosen = { path: bridge.pathForFile(picked) };
    else {
      if (!bridge.upload) return;
      if (pendingUpload.current) void api['articles.discardUploads']({ uploads: [pendingUpload.current] }).catch(() => undefined);
      setBusy(true);
      const uploadId = await attempt(() => bridge.upload!(picked, picked.name)).finally(() => setBusy(false));
      if (!uploadId) return;
      pendingUpload.current = uploadId;
      chosen = { uploadId };
    }
    setSource(chosen);
    await runPreview(chosen, {});
  };

  const decide = (path: string, decision: MergeDecision) => {
    const next = { ...decisions, [path]: decision };
    setDecisions(next);
    if (source) void runPreview(source, next);
  };

  const merge = async () => {
    if (!source) return;
    setBusy(true);
    try {
      const result = await attempt(() => api['project.merge']({ ...source, decisions }));
      if (!result) return;
      pendingUpload.current = null;
      setReport(result);
      notify(`Merged ${result.source.name}: ${plural(result.added.codings, 'coding')} added, ${plural(result.skipped.duplicates, 'duplicate')} skipped`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Merge a teammate's work"
      onClose={onClose}
      testId="merge-dialog"
      className="merge-dialog"
      actions={
        report ? (
          <button type="button" className="primary" data-testid="merge-done" onClick={onClose}>
            Close
          </button>
        ) : (
          <CancelConfirmActions onCancel={onClose} confirmLabel="Merge" confirmTestId="merge-confirm" confirmDisabled={busy || !preview} onConfirm={() => void merge()} />
        )
      }
    >
      {!report && (
        <>
          <p className="merge-hint">
            Their Gloss project (.gloss), a Gloss JSON export or a REFI-QDA project (.qdpx). Articles are matched by their text, codes by GUID and then by
            path; codings keep their coder, and exact duplicates are skipped. The merge is one step you can undo.
          </p>
          <label>
            Teammate's file{' '}
            <input data-testid="merge-file" type="file" accept=".gloss,.json,.qdpx" disabled={busy} onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
          </label>
          {busy && !preview && file && <p role="status">Reading {file.name}…</p>}
          {preview && <PreviewView preview={preview} decide={decide} busy={busy} />}
        </>
      )}
      {report && <ReportView report={report} />}
    </Dialog>
  );
}

function PreviewView({ preview, decide, busy }: { preview: MergePreview; decide(path: string, d: MergeDecision): void; busy: boolean }) {
  const c = preview.codings;
  return (
    <div data-testid="merge-preview" className="merge-preview" aria-busy={busy}>
      <p data-testid="merge-preview-summary">
        {plural(preview.articles.new.length, 'new article')}, {plural(preview.articles.matched.length, 'matched article')}; {plural(preview.codes.new.length, 'new code')},{' '}
        {plural(preview.codes.matched.length, 'matched code')}, {plural(preview.codes.conflicts.length, 'conflicting code')}.
      </p>
      {preview.codes.conflicts.length > 0 && (
        <table className="merge-table" data-testid="merge-conflicts">
          <caption>Conflicting codes</caption>
          <thead>
            <tr>
              <th>Their code</th>
              <th>Ours</th>
              <th>Theirs</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            {preview.codes.conflicts.map((k) => (
              <tr key={k.path} data-testid="merge-conflict">
                <td>{k.path}</td>
                <td>
                  <Swatch color={k.ours.color} /> {k.kind === 'path' ? k.ours.path : k.ours.description || '(no description)'}
                </td>
                <td>
                  <Swatch color={k.theirs.color} /> {k.kind === 'path' ? k.theirs.path : k.theirs.description || '(no description)'}
                </td>
                <td>
                  <select aria-label={`Decision for ${k.path}`} data-testid="merge-decision" value={k.decision} disabled={busy} onChange={(e) => decide(k.path, e.target.value as MergeDecision)}>
                    {DECISIONS.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <div className="merge-outcome">{k.outcome}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.codes.new.length > 0 && (
        <p data-testid="merge-new-codes">
          New codes:{' '}
          {preview.codes.new.map((k) => (
            <span key={k.path} className="merge-code">
              <Swatch color={k.color} /> {k.path}
            </span>
          ))}
        </p>
      )}
      <table className="merge-table" data-testid="merge-coders">
        <caption>
          Codings: {c.add} to add, {c.duplicates} exact duplicates to skip
          {c.sameSpanOtherCoder ? `, ${c.sameSpanOtherCoder} on spans another coder has coded with that code` : ''}
        </caption>
        <thead>
          <tr>
            <th>Coder</th>
            <th>Added</th>
            <th>Duplicates skipped</th>
          </tr>
        </thead>
        <tbody>
          {c.byCoder.map((k) => (
            <tr key={k.coder} data-testid="merge-coder-row">
              <td>
                {k.coder}
                {preview.coders.new.includes(k.coder) ? ' (new)' : ''}
              </td>
              <td>{k.add}</td>
              <td>{k.duplicates + k.sameSpanOtherCoder}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.unfit.length > 0 && (
        <details data-testid="merge-unfit">
          <summary>{plural(c.unfit.length, 'coding')} that do not fit the text</summary>
          <ul>
            {c.unfit.slice(0, 100).map((u, i) => (
              <li key={i}>
                {u.code} on “{u.article}” {u.start}–{u.end} ({u.coder}): {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {preview.notes.length > 0 && (
        <ul className="merge-notes">
          {preview.notes.slice(0, 20).map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportView({ report }: { report: MergeReport }) {
  const a = report.added;
  return (
    <div data-testid="merge-report" role="status">
      <p>
        Added {plural(a.articles, 'article')}, {plural(a.codes, 'code')}, {plural(a.codings, 'coding')}, {plural(a.memos, 'memo')} and {plural(a.coders, 'new coder')}.
      </p>
      <p>
        Matched {plural(report.matched.articles, 'article')} and {plural(report.matched.codes, 'code')}; skipped {plural(report.skipped.duplicates, 'exact duplicate')}
        {report.skipped.unfit ? ` and ${plural(report.skipped.unfit, 'coding')} that did not fit the text` : ''}.
      </p>
      {report.conflicts.length > 0 && (
        <ul>
          {report.conflicts.map((k) => (
            <li key={k.path}>
              {k.path}: {k.outcome}
            </li>
          ))}
        </ul>
      )}
      <p className="merge-hint">Edit ▸ Undo takes the whole merge back.</p>
    </div>
  );
}

function Swatch({ color }: { color: string }) {
  return <span className="merge-swatch" style={{ background: color }} aria-hidden />;
}
