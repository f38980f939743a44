import { useId, useState } from 'react';
import { Dialog } from '../../app/Dialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { useUndoHistory } from '../../app/UndoHistory';
import { AttributeImportPreview } from './AttributeImportPreview';
import { readCsvFile, type CsvFileText } from './readCsvFile';
import { useAttributeImport, type MatchBy } from './useAttributeImport';
import './attributes.css';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

/** Attribute values from a spreadsheet: pick a CSV, see row by row what it would set, then apply it as one undo step. */
export function AttributeImportDialog({ onClose }: { onClose(): void }) {
  const { notify } = useAppStore();
  const { undoIfLast } = useUndoHistory();
  const [file, setFile] = useState<CsvFileText | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [matchBy, setMatchBy] = useState<MatchBy>('file');
  const { preview, previewing, error, applying, apply } = useAttributeImport(file, matchBy);
  const hintId = useId();
  const canApply = Boolean(preview && (preview.valuesSet > 0 || preview.columns.some((c) => c.status === 'new')));

  const pick = async (picked: File | undefined) => {
    setFile(null);
    setFileError(null);
    if (!picked) return;
    const read = await readCsvFile(picked);
    if (read.text.trim() === '') setFileError(`“${picked.name}” is empty.`);
    else setFile(read);
  };

  const run = async () => {
    const report = await apply();
    if (!report) return;
    onClose();
    const newColumns = report.columns.filter((c) => c.status === 'new').length;
    notify(
      `Set ${plural(report.valuesSet, 'attribute value')} on ${plural(report.matched, 'article')} from “${file?.name}”` +
        (newColumns ? `, defining ${plural(newColumns, 'new attribute')}.` : '.'),
      'info',
      { label: 'Undo', run: () => void undoIfLast('Import attributes from CSV') },
    );
  };

  return (
    <Dialog
      title="Import attributes from CSV"
      onClose={onClose}
      testId="attribute-import-dialog"
      className="attribute-import-dialog"
      actions={
        <CancelConfirmActions
          onCancel={onClose}
          confirmLabel={applying ? 'Applying…' : preview ? `Apply to ${plural(preview.matched, 'article')}` : 'Apply'}
          confirmTestId="attribute-import-apply"
          confirmDisabled={!canApply || applying || previewing}
          onConfirm={() => void run()}
        />
      }
    >
      <p className="muted" id={hintId}>
        One row per article: a column naming the article (its file name or its title) and one column per attribute, with a header row.
        Columns that name no attribute yet define one. Empty cells are skipped; nothing is cleared.
      </p>
      <div className="attribute-import-choices">
        <label className="field">
          <span>CSV file</span>
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            aria-describedby={hintId}
            data-testid="attribute-csv-input"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        <fieldset className="match-by">
          <legend>Match rows to articles by</legend>
          <label>
            <input type="radio" name="match-by" value="file" checked={matchBy === 'file'} onChange={() => setMatchBy('file')} data-testid="match-by-file" /> File
            name
          </label>
          <label>
            <input type="radio" name="match-by" value="title" checked={matchBy === 'title'} onChange={() => setMatchBy('title')} data-testid="match-by-title" />{' '}
            Title
          </label>
        </fieldset>
      </div>
      {file && file.encoding !== 'UTF-8' && (
        <p className="muted" data-testid="attribute-csv-encoding">
          Read as {file.encoding}
          {file.encoding === 'Windows-1252' && ' (the file is not UTF-8); if letters look wrong, save the CSV as UTF-8 and pick it again'}.
        </p>
      )}
      {fileError && <p role="alert">{fileError}</p>}
      {error && (
        <p role="alert" className="attribute-import-failed" data-testid="attribute-import-failed">
          {error}
        </p>
      )}
      {previewing && <p className="muted">Reading the CSV…</p>}
      {preview && <AttributeImportPreview report={preview} />}
    </Dialog>
  );
}
