import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { GlossError } from '../../contract/errors';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  by: string;
}

/** Held locks of this process, so the same process cannot open one project twice either. */
const heldHere = new Set<string>();

/**
 * The one name of a project file however it was reached (relative, with "..", through a symbolic link), so every
 * spelling shares one lock file and one entry in `heldHere`. A file that does not exist yet (being created) is named
 * by its folder's real path.
 */
export function canonicalPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

export function isProcessAlive(pid: number): boolean {
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
    return `${canonicalPath(projectPath)}.lock`;
  }

  static acquire(projectPath: string, by: string): ProjectLock {
    const lockPath = ProjectLock.lockPathFor(projectPath);
    if (heldHere.has(lockPath)) {
      throw new GlossError('project_error', `${projectPath} is already open in another window.`);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        createLockFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), by } satisfies LockInfo));
        heldHere.add(lockPath);
        return new ProjectLock(lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new GlossError('project_error', `Cannot lock ${projectPath} for writing: ${(err as Error).message}`);
        }
      }
      const raw = readRaw(lockPath);
      const holder = parseLock(raw);
      if (holder && !isStale(holder, lockPath)) {
        const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
        throw new GlossError(
          'project_error',
          `${projectPath} is already open in another window${where} (${holder.by}, process ${holder.pid}, since ${holder.since}). Close it there first.`,
        );
      }
      // Stale: the holder crashed. Take it over atomically: a plain unlink could delete the fresh lock of another
      // opener that cleared the same stale lock a moment earlier, leaving two writers. Move the file aside under a
      // name of our own and delete it only if it is the stale lock we judged; a live one is put back.
      if (raw === undefined) continue; // gone meanwhile: try to create it again
      const aside = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
      try {
        renameSync(lockPath, aside);
      } catch {
        continue; // someone else moved or removed it first
      }
      const moved = readRaw(aside);
      if (moved !== raw) {
        try {
          linkSync(aside, lockPath);
        } catch {
          // yet another opener holds it now; theirs stands
        }
        unlinkSync(aside);
        break;
      }
      unlinkSync(aside);
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

/**
 * Creates the lock file with its content in one step: written under a private name, then hard-linked into place
 * (which fails if a lock exists). A lock is therefore never seen empty or half-written, so an empty or unreadable
 * one can only be debris and may be cleared. Where hard links are not supported (FAT drives, some shares), falls back
 * to an exclusive create.
 */
function createLockFile(lockPath: string, content: string): void {
  const temp = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  writeFileSync(temp, content, { mode: 0o644 });
  try {
    linkSync(temp, lockPath);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  const fd = openSync(lockPath, 'wx', 0o644);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

function readRaw(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, 'utf8');
  } catch {
    return undefined;
  }
}

function parseLock(raw: string | undefined): LockInfo | undefined {
  if (raw === undefined) return undefined;
  try {
    const info = JSON.parse(raw) as LockInfo;
    if (typeof info.pid === 'number' && typeof info.host === 'string') return info;
  } catch {
    // half-written or not ours
  }
  return undefined;
}

function readLock(lockPath: string): LockInfo | undefined {
  return parseLock(readRaw(lockPath));
}

function isStale(holder: LockInfo, lockPath: string): boolean {
  if (holder.host === hostname()) return !isProcessAlive(holder.pid) || (holder.pid === process.pid && !heldHere.has(lockPath));
  // Another machine (a shared folder): we cannot see its processes; trust the lock for a day.
  try {
    return Date.now() - statSync(lockPath).mtimeMs > 24 * 3600 * 1000;
  } catch {
    return true;
  }
}
