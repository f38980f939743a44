import { closeSync, openSync, readFileSync, unlinkSync, writeSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { GlossError } from '../../contract/errors';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  by: string;
}

/** Held locks of this process, so the same process cannot open one project twice either. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per project file, app or CLI. SQLite would let two writers take turns, but two windows editing the same
 * codings would silently overwrite each other's view of the project; the lock turns that into a clear message.
 * The lock file records who holds it; one left behind by a crash (its process is gone) is detected and cleared.
 */
export class ProjectLock {
  private constructor(private readonly lockPath: string) {}

  static lockPathFor(projectPath: string): string {
    return `${projectPath}.lock`;
  }

  static acquire(projectPath: string, by: string): ProjectLock {
    const lockPath = ProjectLock.lockPathFor(projectPath);
    if (heldHere.has(lockPath)) {
      throw new GlossError('project_error', `${projectPath} is already open in another window.`);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockPath, 'wx', 0o644);
        try {
          const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), by };
          writeSync(fd, JSON.stringify(info));
        } finally {
          closeSync(fd);
        }
        heldHere.add(lockPath);
        return new ProjectLock(lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new GlossError('project_error', `Cannot lock ${projectPath} for writing: ${(err as Error).message}`);
        }
      }
      const holder = readLock(lockPath);
      if (holder && !isStale(holder, lockPath)) {
        const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
        throw new GlossError(
          'project_error',
          `${projectPath} is already open in another window${where} (${holder.by}, process ${holder.pid}, since ${holder.since}). Close it there first.`,
        );
      }
      // Stale: the holder crashed. Remove and try once more (a racing opener may win; then we report it).
      try {
        unlinkSync(lockPath);
      } catch {
        // someone else cleared it first
      }
    }
    throw new GlossError('project_error', `${projectPath} is already open in another window.`);
  }

  release(): void {
    heldHere.delete(this.lockPath);
    const holder = readLock(this.lockPath);
    if (holder && holder.pid === process.pid && holder.host === hostname()) {
      try {
        unlinkSync(this.lockPath);
      } catch {
        // already gone
      }
    }
  }
}

function readLock(lockPath: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
    if (typeof info.pid === 'number' && typeof info.host === 'string') return info;
  } catch {
    // unreadable or half-written
  }
  return undefined;
}

function isStale(holder: LockInfo, lockPath: string): boolean {
  if (holder.host === hostname()) return !isAlive(holder.pid) || (holder.pid === process.pid && !heldHere.has(lockPath));
  // Another machine (a shared folder): we cannot see its processes; trust the lock for a day.
  try {
    return Date.now() - statSync(lockPath).mtimeMs > 24 * 3600 * 1000;
  } catch {
    return true;
  }
}
