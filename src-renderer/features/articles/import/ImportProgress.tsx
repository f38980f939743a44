import { formatNumber } from '../../../app/format';
import type { ImportProgressState } from './ImportProvider';

export function ImportProgress({ progress, onCancel }: { progress: ImportProgressState; onCancel(): void }) {
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const current = progress.current ? baseName(progress.current) : '';
  return (
    <section className="import-card" data-testid="import-progress" aria-label="Import progress">
      <div className="import-card-head">
        <strong>{progress.cancelling ? 'Cancelling import…' : 'Importing…'}</strong>
        <button type="button" onClick={onCancel} disabled={progress.cancelling} data-testid="import-cancel">
          Cancel
        </button>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={progress.total || undefined}
        aria-valuenow={progress.total ? progress.done : undefined}
        aria-valuetext={`${progress.done} of ${progress.total}`}
      >
        <div className={progress.total ? 'progress-fill' : 'progress-fill indeterminate'} style={{ width: `${(progress.total ? fraction : 0.3) * 100}%` }} />
      </div>
      <div className="import-progress-text" data-testid="import-progress-text" title={progress.current}>
        {progress.total ? `${formatNumber(progress.done)} of ${formatNumber(progress.total)}` : 'Looking for files…'}
        {current && ` — ${current}`}
      </div>
      {progress.upload && progress.upload.totalBytes > 0 && <UploadProgress {...progress.upload} />}
    </section>
  );
}

/** The bytes sent to the web host so far (a browser import uploads every file before it is imported). */
function UploadProgress({ sentBytes, totalBytes }: { sentBytes: number; totalBytes: number }) {
  const fraction = Math.min(1, sentBytes / totalBytes);
  return (
    <>
      <div
        className="progress-track upload-track"
        role="progressbar"
        aria-label="Uploaded"
        aria-valuemin={0}
        aria-valuemax={totalBytes}
        aria-valuenow={Math.min(sentBytes, totalBytes)}
        data-testid="import-upload-progress"
      >
        <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="import-progress-text" data-testid="import-upload-text">
        Uploaded {megabytes(Math.min(sentBytes, totalBytes))} of {megabytes(totalBytes)}
      </div>
    </>
  );
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${formatNumber(Math.ceil(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
