import { useRef } from 'react';
import type { ImportPreview } from '../../../../src-main/contract/types';
import { Dialog } from '../../../app/Dialog';
import { formatNumber, plural } from '../../../app/format';

/** Articles listed per export before "and N more". */
const SHOWN_PER_EXPORT = 200;

/**
 * Before a news-database export is imported: what each file was read as, how many articles it holds, each one's
 * fields, which are already in the project, and what was left out, so the analyst can check before committing.
 */
export function NewsImportPreview({ preview, onImport, onCancel }: { preview: ImportPreview; onImport(): void; onCancel(): void }) {
  const importRef = useRef<HTMLButtonElement>(null);
  const fresh = preview.newsExports.reduce((n, e) => n + e.imported, 0) + preview.otherFiles;
  const duplicates = preview.newsExports.reduce((n, e) => n + e.duplicates, 0);
  return (
    <Dialog
      title="Import news-database exports"
      onClose={onCancel}
      testId="news-import-preview"
      className="news-import-preview"
      initialFocus={importRef}
      actions={
        <>
          <button type="button" onClick={onCancel} data-testid="news-preview-cancel">
            Cancel
          </button>
          <button type="button" className="primary" ref={importRef} onClick={onImport} disabled={fresh === 0} data-testid="news-preview-import">
            Import {plural(fresh, 'article')}
          </button>
        </>
      }
    >
      <p data-testid="news-preview-summary">
        {plural(fresh, 'new article')}
        {duplicates > 0 && `, ${plural(duplicates, 'duplicate')} skipped`}
        {preview.rejected.length > 0 && `, ${plural(preview.rejected.length, 'file')} rejected`}.
      </p>
      {preview.newsExports.map((e) => {
        const outlets = [...new Set(e.articles.map((a) => a.fields.outlet).filter((o) => o !== undefined))];
        return (
          <section key={e.file} className="news-preview-export" data-testid="news-preview-export">
            <h3>
              {e.file} <span className="muted">— {e.format}</span>
            </h3>
            <p>
              {plural(e.found, 'article')}
              {outlets.length > 0 && ` from ${outlets.slice(0, 3).join(', ')}${outlets.length > 3 ? ` and ${formatNumber(outlets.length - 3)} more` : ''}`}
              {e.duplicates > 0 && `, ${plural(e.duplicates, 'duplicate')}`}
            </p>
            {e.notes.map((n, i) => (
              <p key={i} className="muted">
                {n.position}: {n.message}
              </p>
            ))}
            <ol className="news-preview-articles">
              {e.articles.slice(0, SHOWN_PER_EXPORT).map((a) => (
                <li key={a.index} data-testid="news-preview-article">
                  <strong>{a.title}</strong>
                  {a.duplicateOf !== undefined && <span className="muted"> — already in the project (article {a.duplicateOf})</span>}
                  <div className="muted">
                    {Object.entries(a.fields)
                      .filter(([k]) => k !== 'database')
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(' · ') || 'no fields found'}
                  </div>
                  {a.notes.length > 0 && <div className="report-reason">{a.notes.join('; ')}</div>}
                </li>
              ))}
            </ol>
            {e.articles.length > SHOWN_PER_EXPORT && <p className="muted">… and {formatNumber(e.articles.length - SHOWN_PER_EXPORT)} more</p>}
          </section>
        );
      })}
      {preview.otherFiles > 0 && <p>{plural(preview.otherFiles, 'other file')} will be imported as one article each.</p>}
      {preview.rejected.map((r, i) => (
        <p key={i} className="report-reason">
          {r.file} — {r.reason}
        </p>
      ))}
    </Dialog>
  );
}
