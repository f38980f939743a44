import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useChanged } from '../../../app/useChanged';
import { useLatest } from '../../../app/useLatest';
import { api, bridge, isDesktop } from '../../../api/api';
import type { ImportPreview, ImportReport, RefiReport } from '../../../../src-main/contract/types';
import { addRefiReports } from '../../../../src-main/contract/refiReport';
import { useAppStore } from '../../../app/store';
import { ACCEPT_ATTRIBUTE, pickedFromDrop, pickedFromInput, type PickedFile } from './pickedFiles';
import { bodyToSend, bytesToSend, isTooLarge, planBatches, tooLargeReason } from './uploadBatches';
import { UploadRefused } from '../../../api/webClient';
import { NewsImportPreview } from './NewsImportPreview';
import { at } from '../../../../src-main/contract/must';

/**
 * A pick of at most this many files, this large in all, is read once before it is imported, so a news-database
 * export can be previewed (its articles and their fields) before anything is stored. Larger picks import at once.
 */
const PREVIEW_MAX_FILES = 20;
const PREVIEW_MAX_BYTES = 32 * 1024 * 1024;

export interface ImportProgressState {
  jobId: string;
  done: number;
  total: number;
  current: string;
  /** Desktop imports stay invisible while the native dialog is open, until the first progress event. */
  visible: boolean;
  cancelling: boolean;
  /** Browser imports: the files' bytes sent to the web host so far, of all to send (null in the desktop app). */
  upload: { sentBytes: number; totalBytes: number } | null;
}

export interface FinishedImport extends ImportReport {
  /** Files never looked at because the import was cancelled first. */
  notProcessed: number;
}

interface ImportContextValue {
  progress: ImportProgressState | null;
  report: FinishedImport | null;
  dismissReport(): void;
  /** "Import files…" / "Import folder…": the native dialog in the app, a file input in the browser. */
  importFromPicker(pick: 'files' | 'folder'): void;
  importDropped(data: DataTransfer): void;
  cancel(): void;
}

const ImportContext = createContext<ImportContextValue | null>(null);

const newJobId = () => `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Files uploaded at once: enough to keep the connection busy with many small files, few enough to stay in order. */
const UPLOADS_IN_FLIGHT = 4;

/**
 * Owns the one import that may run at a time, whichever button, menu item or drop started it, so progress, Cancel
 * and the report look the same for all of them.
 */
export function ImportProvider({ children }: { children: ReactNode }) {
  const { project, attempt, notify, selectedArticleId, selectArticle } = useAppStore();
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const [report, setReport] = useState<FinishedImport | null>(null);
  const [preview, setPreview] = useState<{ preview: ImportPreview; picked: PickedFile[] } | null>(null);
  const running = useRef<{ jobId: string; cancelled: boolean; offset: number; webTotal: number | null; uploads: AbortController } | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const selectedRef = useLatest(selectedArticleId);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        const job = running.current;
        if (event.type !== 'job.progress' || !job || event.jobId !== job.jobId) return;
        setProgress((p) =>
          p && p.jobId === event.jobId
            ? {
                ...p,
                visible: true,
                // A browser import is several requests under one job id; each reports progress within its own batch.
                done: job.offset + event.done,
                total: job.webTotal ?? event.total,
                current: event.current || p.current,
              }
            : p,
        );
      }),
    [],
  );

  const begin = useCallback(
    (visible: boolean, webTotal: number | null, uploadBytes: number | null = null): string | null => {
    if (running.current) {
      notify('An import is already running; wait for it to finish or cancel it first.');
      return null;
    }
    const jobId = newJobId();
    running.current = { jobId, cancelled: false, offset: 0, webTotal, uploads: new AbortController() };
    setReport(null);
    setProgress({
      jobId,
      done: 0,
      total: webTotal ?? 0,
      current: '',
      visible,
      cancelling: false,
      upload: uploadBytes === null ? null : { sentBytes: 0, totalBytes: uploadBytes },
    });
    return jobId;
    },
    [notify],
  );

  const finish = useCallback(
    (result: ImportReport, notProcessed: number) => {
      setReport({ ...result, notProcessed });
      const first = result.imported[0];
      if (first && selectedRef.current === null) selectArticle(first.articleId);
    },
    [selectedRef, selectArticle],
  );

  const end = useCallback(() => {
    running.current = null;
    setProgress(null);
  }, []);

  const importPaths = useCallback(
    async (request: { pick: 'files' | 'folder' } | { paths: string[] }) => {
      const jobId = begin(false, null);
      if (!jobId) return;
      try {
        const result = await attempt(() => api['articles.importPaths']({ ...request, jobId }));
        if (result) finish(result, 0);
      } finally {
        end();
      }
    },
    [attempt, begin, end, finish],
  );

  // The browser's files go to the web host as uploads (their bytes, streamed; the browser never names a path),
  // a batch at a time, each batch then imported with one call.
  const importPicked = useCallback(
    async (all: PickedFile[], previewed = false) => {
      // Files a folder held of other types are not sent, but the report lists them, as the desktop import does.
      const leftOut = all.filter((f) => f.skipped !== undefined).map((f) => ({ file: f.name, reason: f.skipped! }));
      const picked = all.filter((f) => f.skipped === undefined);
      if (picked.length === 0 && leftOut.length === 0) {
        notify('There were no files Gloss imports (text, HTML, Word, PDF, RTF or news exports) to import.');
        return;
      }
      const upload = bridge.upload;
      if (!upload) {
        notify('This window cannot upload files; use Import Files… instead.', 'error');
        return;
      }
      // A few files are uploaded together and previewed before anything is stored, since one may be a news export
      // (many articles with their fields, worth a look first). Larger picks import batch by batch at once.
      const bytes = picked.reduce((n, f) => n + f.file.size, 0);
      const previewable = !previewed && !running.current && picked.length <= PREVIEW_MAX_FILES && bytes <= PREVIEW_MAX_BYTES;
      const totalBytes = picked.reduce((sum, f) => sum + bytesToSend(f), 0);
      const jobId = begin(true, picked.length, totalBytes);
      if (!jobId) return;
      const job = running.current!;
      const merged: ImportReport = { imported: [], skipped: [...leftOut], rejected: [], cancelled: false };
      let previewShown = false;
      let sentBefore = 0;
      try {
        for (const batch of planBatches(picked)) {
          if (job.cancelled) break;
          const tooLarge = batch.filter(isTooLarge);
          merged.rejected.push(...tooLarge.map((f) => ({ file: f.name, reason: tooLargeReason(f.file.size) })));
          const toSend = batch.filter((f) => !isTooLarge(f));
          // Sent bytes per file of this batch, so files in flight together add up to one figure.
          const sent = new Map<number, number>();
          const report = () => {
            let inBatch = 0;
            for (const n of sent.values()) inBatch += n;
            setProgress((p) => p && p.upload && { ...p, upload: { ...p.upload, sentBytes: sentBefore + inBatch } });
          };
          const ids: (string | null)[] = new Array(toSend.length).fill(null);
          let next = 0;
          const worker = async () => {
            while (next < toSend.length && !job.cancelled) {
              const i = next++;
              const f = at(toSend, i);
              setProgress((p) => p && { ...p, current: f.name });
              const limit = bytesToSend(f);
              try {
                ids[i] = await upload(bodyToSend(f), f.name, (n) => {
                  sent.set(i, Math.min(n, limit));
                  report();
                }, job.uploads.signal);
              } catch (err) {
                if (err instanceof UploadRefused) merged.rejected.push({ file: f.name, reason: err.message });
                else if (!job.cancelled) throw err;
              }
              sent.set(i, limit);
              report();
            }
          };
          await Promise.all(Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, toSend.length) }, worker));
          sentBefore += toSend.reduce((sum, f) => sum + bytesToSend(f), 0);
          const uploads = ids.filter((id): id is string => id !== null);
          if (job.cancelled) {
            // Sent, but not to be imported: the host need not keep them until they expire.
            if (uploads.length) void api['articles.discardUploads']({ uploads }).catch(() => undefined);
            break;
          }
          if (uploads.length && previewable) {
            const found = await api['articles.previewUploads']({ uploads }).catch(() => null);
            if (found && found.newsExports.length > 0) {
              // Held until the analyst decides: Import uploads them again with the preview's answer, Cancel drops them.
              void api['articles.discardUploads']({ uploads }).catch(() => undefined);
              setPreview({ preview: found, picked: all });
              previewShown = true;
              break;
            }
          }
          if (uploads.length) {
            const result = await api['articles.importUploads']({ uploads, jobId });
            merged.imported.push(...result.imported);
            merged.skipped.push(...result.skipped);
            merged.rejected.push(...result.rejected);
            if (result.newsExports) (merged.newsExports ??= []).push(...result.newsExports);
            if (result.refi) merged.refi = mergeRefi(merged.refi, result.refi);
            if (result.cancelled) job.cancelled = true;
          }
          job.offset += batch.length;
          setProgress((p) => p && { ...p, done: job.offset });
        }
      } catch (err) {
        notify((err as Error).message, 'error');
      } finally {
        merged.cancelled = job.cancelled;
        // A preview waiting for the analyst is not an import that ended: no report yet.
        const accounted = merged.imported.length + merged.skipped.length - leftOut.length + merged.rejected.length;
        if (!previewShown && (accounted + leftOut.length > 0 || job.cancelled)) finish(merged, Math.max(0, picked.length - accounted));
        end();
      }
    },
    [begin, end, finish, notify],
  );

  const importFromPicker = useCallback(
    (pick: 'files' | 'folder') => {
      if (isDesktop) void importPaths({ pick });
      else (pick === 'folder' ? folderInput : filesInput).current?.click();
    },
    [importPaths],
  );

  const importDropped = useCallback(
    (data: DataTransfer) => {
      if (!project) {
        notify('Create or open a project first, then drop files on it to import them.');
        return;
      }
      if (isDesktop && bridge.pathForFile) {
        const paths = [...data.files].map((f) => bridge.pathForFile!(f)).filter((p) => p.length > 0);
        if (paths.length) void importPaths({ paths });
        return;
      }
      void pickedFromDrop(data).then(importPicked, (err: Error) => notify(`The dropped files could not be read: ${err.message}`, 'error'));
    },
    [project, notify, importPaths, importPicked],
  );

  const cancel = useCallback(() => {
    const job = running.current;
    if (!job) return;
    job.cancelled = true;
    job.uploads.abort();
    setProgress((p) => p && { ...p, cancelling: true });
    void api['jobs.cancel']({ jobId: job.jobId }).catch(() => undefined);
  }, []);

  const dismissReport = useCallback(() => setReport(null), []);

  const confirmPreview = () => {
    const picked = preview?.picked;
    setPreview(null);
    if (picked) void importPicked(picked, true);
  };

  // A report about another project's import would only confuse.
  if (useChanged(project?.path)) setReport(null);

  const value = useMemo(
    () => ({ progress, report, dismissReport, importFromPicker, importDropped, cancel }),
    [progress, report, dismissReport, importFromPicker, importDropped, cancel],
  );

  return (
    <ImportContext.Provider value={value}>
      {children}
      {preview && <NewsImportPreview preview={preview.preview} onImport={confirmPreview} onCancel={() => setPreview(null)} />}
      {!isDesktop && (
        <>
          <input
            ref={filesInput}
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            hidden
            data-testid="import-input"
            onChange={(e) => {
              void importPicked(pickedFromInput(e.currentTarget.files, false));
              e.currentTarget.value = '';
            }}
          />
          <input
            ref={(el) => {
              folderInput.current = el;
              if (el) el.webkitdirectory = true;
            }}
            type="file"
            multiple
            hidden
            data-testid="import-folder-input"
            onChange={(e) => {
              void importPicked(pickedFromInput(e.currentTarget.files, true));
              e.currentTarget.value = '';
            }}
          />
        </>
      )}
    </ImportContext.Provider>
  );
}

export function useImport(): ImportContextValue {
  const value = useContext(ImportContext);
  if (!value) throw new Error('useImport outside ImportProvider');
  return value;
}

/** The REFI-QDA parts of two batches' reports as one (each .qdpx lands in one batch; several files add up). */
function mergeRefi(a: RefiReport | undefined, b: RefiReport): RefiReport {
  return a ? addRefiReports(a, b) : b;
}
