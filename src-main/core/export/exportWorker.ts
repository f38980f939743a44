// Worker-thread entry (built as out/main/exportWorker.js). Exports stream every row of the project; on the host's
// thread that would block the window, and an open row iterator would make the host's connection refuse other calls.
import { parentPort, workerData } from 'node:worker_threads';
import { Project } from '../store/Project';
import { exportCsv } from './csv';
import { exportJson } from './json';
import type { ExportJob, ExportWorkerMessage } from './exportJob';

const job = workerData as ExportJob;
const controller = new AbortController();
parentPort!.on('message', (msg: { type: 'cancel' }) => {
  if (msg.type === 'cancel') controller.abort();
});

async function run(): Promise<void> {
  const project = Project.attach(job.projectPath);
  try {
    const onProgress = (done: number, total: number) => parentPort!.postMessage({ type: 'progress', done, total } satisfies ExportWorkerMessage);
    // This connection is the worker's own, so the export can read one consistent snapshot while the app writes.
    const common = { signal: controller.signal, onProgress, snapshot: true, coder: job.coder };
    const result =
      job.format === 'json' ? await exportJson(project, job.target, common) : await exportCsv(project, job.target, { ...common, rawCells: job.rawCells });
    parentPort!.postMessage({ type: 'done', result } satisfies ExportWorkerMessage);
  } catch (err) {
    const e = err as Error & { code?: string };
    parentPort!.postMessage({ type: 'error', message: e.message, code: e.code } satisfies ExportWorkerMessage);
  } finally {
    project.close();
  }
}

void run();
