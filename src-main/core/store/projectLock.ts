import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { GlossError } from '../../contract/errors';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
  by: string;
  /** The name the holder opened the project by (absent in locks written by Gloss before 0.2). */
  path?: string;
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
 * When the process started, in ms since the epoch, where the system tells (Linux: /proc); undefined elsewhere. A lock
 * left by a killed process names a pid the system may since have given to another process: a process that started
 * after the lock was taken cannot be its holder.
 */
function processStartMs(pid: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": the first is field 3 (state); field 22 is the start time in clock ticks since boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(bootSeconds)) return undefined;
    // /proc counts in USER_HZ, 100 per second on every Linux architecture Node runs on.
    return bootSeconds * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}

/** Whether the process that took a lock at `since` (ISO time) still runs: alive, and not a later process given its pid. */
export function isHolderAlive(pid: number, since: string | undefined): boolean {
  if (!isProcessAlive(pid)) return false;
  const started = processStartMs(pid);
  const taken = since === undefined ? Number.NaN : Date.parse(since);
  // Two seconds of slack: the boot time is in whole seconds.
  return started === undefined || Number.isNaN(taken) || started <= taken + 2000;
}

/**
 * One writer per project file, app or CLI. SQLite would let two writers take turns, but two windows editing the same
 * codings would silently overwrite each other's view of the project; the lock turns that into a clear message.
 * The lock file records who holds it; one left behind by a crash (its process is gone) is detected and cleared.
 *
 * A file can have several names: symbolic links and spellings with ".." resolve to one real path, but hard links and
 * bind mounts do not, and SQLite keeps its write-ahead log per *name* — two writers through two names corrupt the
 * file. So a writer takes two locks: one next to the file's real path (seen by every machine sharing the folder),
 * and one keyed by the file's identity (device and inode) in this user's lock folder on this machine, which every
 * name of the file leads to.
 */
export class ProjectLock {
  private readonly files: string[] = [];

  private constructor(private readonly projectPath: string) {}

  static lockPathFor(projectPath: string): string {
    return `${canonicalPath(projectPath)}.lock`;
  }

  /**
   * The identity lock of an existing file: `<lock folder>/<device>-<inode>.lock`. Undefined when the file does not
   * exist (yet) or the file system gives no usable inode (then only the name lock protects it).
   */
  static identityLockPathFor(projectPath: string): string | undefined {
    let info;
    try {
      info = statSync(projectPath, { bigint: true });
    } catch {
      return undefined;
    }
    if (!info.isFile() || info.ino === 0n) return undefined;
    return join(identityLockFolder(), `${info.dev.toString(16)}-${info.ino.toString(16)}.lock`);
  }

  static acquire(projectPath: string, by: string): ProjectLock {
    const lock = new ProjectLock(projectPath);
    lock.take(ProjectLock.lockPathFor(projectPath), by, false);
    try {
      lock.bindIdentity(by);
    } catch (err) {
      lock.release();
      throw err;
    }
    return lock;
  }

  /**
   * Takes the identity lock once the file exists: a project being created has no inode when the name lock is taken,
   * so `Project.open` calls this again after SQLite has created the file. Does nothing once held.
   */
  bindIdentity(by: string): void {
    if (this.files.length > 1) return;
    const identity = ProjectLock.identityLockPathFor(this.projectPath);
    if (!identity) return;
    try {
      mkdirSync(dirname(identity), { recursive: true, mode: 0o700 });
    } catch (err) {
      throw new GlossError('project_error', `Cannot lock ${this.projectPath} for writing: ${(err as Error).message}`);
    }
    this.take(identity, by, true);
  }

  private take(lockPath: string, by: string, byIdentity: boolean): void {
    const projectPath = this.projectPath;
    const refused = (holder?: LockInfo): GlossError => {
      const who = holder ? ` (${holder.by}, process ${holder.pid}, since ${holder.since})` : '';
      const where = holder && holder.host !== hostname() ? ` on ${holder.host}` : '';
      // Reached under another name: say so, or "already open" would puzzle someone who never opened this name.
      const other = byIdentity && holder?.path && canonicalPath(holder.path) !== canonicalPath(projectPath) ? holder.path : undefined;
      return new GlossError(
        'project_error',
        other
          ? `${projectPath} is the same file as ${other} (a hard link or another mount of it), which is already open in another window${where}${who}. Close it there first.`
          : `${projectPath} is already open in another window${where}${who}.${holder ? ' Close it there first.' : ''}`,
      );
    };
    if (heldHere.has(lockPath)) throw refused(this.heldInfo(lockPath));
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), by, path: resolve(projectPath) };
        createLockFile(lockPath, JSON.stringify(info));
        heldHere.add(lockPath);
        this.files.push(lockPath);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new GlossError('project_error', `Cannot lock ${projectPath} for writing: ${(err as Error).message}`);
        }
      }
      const raw = readRaw(lockPath);
      const holder = parseLock(raw);
      if (holder && !isStale(holder, lockPath)) throw refused(holder);
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
    throw refused(parseLock(readRaw(lockPath)));
  }

  /** The holder of a lock this process has, for the message to a second window of the same process. */
  private heldInfo(lockPath: string): LockInfo | undefined {
    return parseLock(readRaw(lockPath));
  }

  release(): void {
    for (const lockPath of this.files.splice(0)) {
      heldHere.delete(lockPath);
      const holder = readLock(lockPath);
      if (holder && holder.pid === process.pid && holder.host === hostname()) {
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
      }
    }
  }
}

/**
 * Identity locks live on this machine, per user: the temporary folder is on a local disk, and a folder shared by
 * all users would let one user's lock file stop another's (or be unremovable once stale).
 */
function identityLockFolder(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : userInfo().username.replace(/[^\w.-]+/g, '_');
  return join(tmpdir(), `gloss-locks-${user}`);
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
  if (holder.host === hostname()) return !isHolderAlive(holder.pid, holder.since) || (holder.pid === process.pid && !heldHere.has(lockPath));
  // Another machine (a shared folder): we cannot see its processes; trust the lock for a day.
  try {
    return Date.now() - statSync(lockPath).mtimeMs > 24 * 3600 * 1000;
  } catch {
    return true;
  }
}
