import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api/api';
import type { ExportResult } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { CsvExportDialog } from './CsvExportDialog';
import { downloadFrom } from './download';

type ExportFormat = 'json' | 'csv';

interface ExportContextValue {
  busy: ExportFormat | null;
  exportJson(): void;
  /** Opens the CSV options first; the export starts from there. */
  exportCsv(): void;
}

const ExportContext = createContext<ExportContextValue | null>(null);

/** Export flows shared by the toolbar buttons and the app menu. */
export function ExportProvider({ children }: { children: ReactNode }) {
  const { attempt, notify } = useAppStore();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [csvOptionsOpen, setCsvOptionsOpen] = useState(false);

  const run = useCallback(
    async (format: ExportFormat, call: () => Promise<ExportResult | null>) => {
      setBusy(format);
      try {
        const result = await attempt(call);
        // null: the user cancelled the save dialog, which needs no comment.
        if (!result) return;
        if (result.downloadUrl) downloadFrom(result.downloadUrl);
        notify(`Exported ${plural(result.codings, 'coding')} from ${plural(result.articles, 'article')} to ${result.path}`);
      } finally {
        setBusy(null);
      }
    },
    [attempt, notify],
  );

  const exportJson = useCallback(() => {
    if (!busy) void run('json', () => api['export.json']({}));
  }, [busy, run]);
  const exportCsv = useCallback(() => {
    if (!busy) setCsvOptionsOpen(true);
  }, [busy]);

  const value = useMemo(() => ({ busy, exportJson, exportCsv }), [busy, exportJson, exportCsv]);
  return (
    <ExportContext.Provider value={value}>
      {children}
      {csvOptionsOpen && (
        <CsvExportDialog
          onClose={() => setCsvOptionsOpen(false)}
          onExport={(rawCells) => {
            setCsvOptionsOpen(false);
            void run('csv', () => api['export.csv']({ rawCells }));
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
