import { Worker } from 'node:worker_threads';
import { GlossError, type ErrorCode } from '../../contract/errors';
import type { ExportResult } from '../../contract/types';
import type { Project } from '../store/Project';
import { exportCsv } from './csv';
import { exportJson } from './json';

export interface ExportJob {
  projectPath: string;
  format: 'json' | 'csv';
  target: string;
  rawCells?: boolean;
  /** Only this coder's codings (a blind window's export). */
  coder?: string;
}

export type ExportWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ExportResult }
  | { type: 'error'; message: string; code?: string };

export interface ExportRunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** The built export worker; without it the export runs on the caller's thread and connection. */
  workerFile?: string;
}

/** Runs an export on a worker thread when one is available, otherwise inline; same result either way. */
export async function runExport(project: Project, job: Omit<ExportJob, 'projectPath'>, options: ExportRunOptions = {}): Promise<ExportResult> {
  if (!options.workerFile) {
    // A project open read-only is a reader beside a possible writer (the CLI while the app codes): one snapshot.
    const common = { signal: options.signal, onProgress: options.onProgress, snapshot: project.readOnly, coder: job.coder };
    return job.format === 'json' ? exportJson(project, job.target, common) : exportCsv(project, job.target, { ...common, rawCells: job.rawCells });
  }
  if (options.signal?.aborted) throw new GlossError('cancelled', 'The export was cancelled; no file was written.');
  const worker = new Worker(options.workerFile, { workerData: { ...job, projectPath: project.path } satisfies ExportJob });
  const onAbort = () => worker.postMessage({ type: 'cancel' });
  options.signal?.addEventListener('abort', onAbort);
  try {
    return await new Promise<ExportResult>((ok, fail) => {
      worker.on('message', (msg: ExportWorkerMessage) => {
        if (msg.type === 'progress') options.onProgress?.(msg.done, msg.total);
        else if (msg.type === 'done') ok(msg.result);
        else fail(new GlossError((msg.code as ErrorCode | undefined) ?? 'io_error', msg.message));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new GlossError('internal', `The export stopped unexpectedly (exit ${code}); no file was written.`)));
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
