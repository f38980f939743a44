import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, bridge } from '../../api/api';
import type { AnnotationExportFormat } from '../../../src-main/contract/fileTypes';
import type { ExportResult } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { CsvExportDialog, formulaNoteFor } from './CsvExportDialog';
import { AnnotationImportDialog } from './AnnotationImportDialog';
import { downloadFrom } from './download';

type ExportFormat = 'json' | 'csv' | 'xlsx' | 'qdpx' | 'qdc' | 'annotations';
export type { AnnotationExportFormat };

export interface ExportProgress {
  jobId: string;
  done: number;
  total: number;
}

interface ExportContextValue {
  busy: ExportFormat | null;
  /** Codings written so far by the running export (from the host's progress events). */
  progress: ExportProgress | null;
  /** Stops the running export; the file it was writing is discarded and the previous one stays. */
  cancel(): void;
  exportJson(): void;
  /** Opens the CSV options first; the export starts from there. */
  exportCsv(): void;
  /** A REFI-QDA project (.qdpx) or codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder… */
  exportRefi(format: 'qdpx' | 'qdc'): void;
  exportAnnotations(format: AnnotationExportFormat): void;
  /** File ▸ Import Annotations…: the dialog with format, unit, files and a preview. */
  openAnnotationImport(): void;
}

const ExportContext = createContext<ExportContextValue | null>(null);

/** Export flows shared by the toolbar buttons and the app menu. */
export function ExportProvider({ children }: { children: ReactNode }) {
  const { attempt, notify } = useAppStore();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [csvOptionsOpen, setCsvOptionsOpen] = useState(false);
  const [annotationImportOpen, setAnnotationImportOpen] = useState(false);
  const openAnnotationImport = useCallback(() => setAnnotationImportOpen(true), []);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const currentJob = useRef<string | null>(null);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'job.progress' && event.kind === 'export' && event.jobId === currentJob.current) {
          setProgress({ jobId: event.jobId, done: event.done, total: event.total });
        }
      }),
    [],
  );

  const cancel = useCallback(() => {
    if (currentJob.current) void api['jobs.cancel']({ jobId: currentJob.current }).catch(() => undefined);
  }, []);

  const run = useCallback(
    async (format: ExportFormat, call: (jobId: string) => Promise<ExportResult | null>) => {
      const jobId = `export-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      currentJob.current = jobId;
      setBusy(format);
      setProgress(null);
      try {
        const result = await attempt(() => call(jobId));
        // null: the user cancelled the save dialog, which needs no comment.
        if (!result) return;
        if (result.downloadUrl) downloadFrom(result.downloadUrl);
        // In the browser the file is a download named result.path (a name, never a path on the host's disk).
        const where = result.downloadUrl ? `as the download ${result.path}` : `to ${result.path}`;
        notify(
          (format === 'qdc' ? `Exported the codebook ${where}` : `Exported ${plural(result.codings, 'coding')} from ${plural(result.articles, 'article')} ${where}`) +
            formulaNoteFor(result),
        );
      } finally {
        currentJob.current = null;
        setBusy(null);
        setProgress(null);
      }
    },
    [attempt, notify],
  );

  const exportJson = useCallback(() => {
    if (!busy) void run('json', (jobId) => api['export.json']({ jobId }));
  }, [busy, run]);
  const exportCsv = useCallback(() => {
    if (!busy) setCsvOptionsOpen(true);
  }, [busy]);

  const exportRefi = useCallback(
    (format: 'qdpx' | 'qdc') => {
      if (!busy) void run(format, (jobId) => api['export.refi']({ format, jobId }));
    },
    [busy, run],
  );
  const exportAnnotations = useCallback(
    (format: AnnotationExportFormat) => {
      if (!busy) void run('annotations', (jobId) => api['export.annotations']({ format, jobId }));
    },
    [busy, run],
  );

  const value = useMemo(
    () => ({ busy, progress, cancel, exportJson, exportCsv, exportRefi, exportAnnotations, openAnnotationImport }),
    [busy, progress, cancel, exportJson, exportCsv, exportRefi, exportAnnotations, openAnnotationImport],
  );
  return (
    <ExportContext.Provider value={value}>
      {children}
      {annotationImportOpen && <AnnotationImportDialog onClose={() => setAnnotationImportOpen(false)} />}
      {csvOptionsOpen && (
        <CsvExportDialog
          onClose={() => setCsvOptionsOpen(false)}
          onExport={({ format, formulaGuard }) => {
            setCsvOptionsOpen(false);
            void run(format, (jobId) => api['export.csv']({ format, formulaGuard, jobId }));
          }}
        />
      )}
    </ExportContext.Provider>
  );
}

export function useExport(): ExportContextValue {
  const value = useContext(ExportContext);
  if (!value) throw new Error('useExport outside ExportProvider');
  return value;
}
