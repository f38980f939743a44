import { randomUUID } from 'node:crypto';
import { GlossError } from '../contract/errors';
import type { EventBus } from './events';

export type JobKind = 'import' | 'export';

/** Reports a job's progress to every window (`job.progress` events carry the job's id). */
export type ProgressReporter = (done: number, total: number, current: string) => void;

/**
 * Long work (imports, exports) with a cancel handle the renderer reaches through `jobs.cancel`. A job's id is the
 * one the renderer chose (so it can cancel before the call returns) or a random one: two jobs started in the same
 * millisecond never share an id.
 */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: EventBus) {}

  get size(): number {
    return this.running.size;
  }

  async run<T>(kind: JobKind, jobId: string | undefined, work: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>): Promise<T> {
    const id = jobId ?? `${kind}-${randomUUID()}`;
    if (this.running.has(id)) throw new GlossError('conflict', `A job with the id ${id} is already running; choose another id.`);
    const controller = new AbortController();
    this.running.set(id, controller);
    const progress: ProgressReporter = (done, total, current) => this.events.emit({ type: 'job.progress', jobId: id, kind, done, total, current });
    try {
      return await work(controller.signal, progress);
    } finally {
      this.running.delete(id);
    }
  }

  /** Asks a running job to stop; false when no job has that id (it finished, or never ran). */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    job?.abort();
    return Boolean(job);
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.abort();
  }
}
