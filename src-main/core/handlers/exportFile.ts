import { basename } from 'node:path';
import type { ExportResult } from '../../contract/types';
import type { Session } from '../session';

/** How the export runs: its cancel signal and a progress report (done of total) to every window. */
export interface ExportRun {
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
}

/**
 * Every export's flow, whatever it writes (Gloss JSON, codings CSV, REFI-QDA, annotation formats, passages, counts):
 * the file is the one the request names or the one the host's save dialog picks (null: the user cancelled); the
 * writing runs as a cancellable job with progress; the host may then turn the file into a download.
 */
export async function exportFile(
  session: Session,
  request: { path?: string; jobId?: string },
  dialog: { format: 'json' | 'csv' | 'xlsx' | 'qdpx' | 'qdc' | 'gloss'; suggestedName: string },
  write: (target: string, run: ExportRun) => Promise<ExportResult>,
): Promise<ExportResult | null> {
  const target = request.path ?? (await session.host.chooseExportPath(dialog.format, dialog.suggestedName));
  if (!target) return null;
  const result = await session.jobs.run('export', request.jobId, (signal, progress) =>
    // The file's name, not where the host writes it (the web host's events reach a browser).
    write(target, { signal, onProgress: (done, total) => progress(done, total, basename(target)) }),
  );
  return session.host.afterExport ? session.host.afterExport(result) : result;
}

/** The start of an export's suggested file name: the project's name, safe on every file system. */
export function exportBaseName(session: Session): string {
  const project = session.currentProject;
  return project ? project.name.replace(/[\\/:*?"<>|]+/g, '_') : 'gloss';
}
