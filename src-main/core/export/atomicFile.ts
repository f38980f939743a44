import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from '../store/projectLock';

/**
 * Writes a file so that the target path only ever holds the old file or the complete new one: the data goes to a
 * temporary file in the same folder (same file system, so the rename is atomic), is flushed to disk, then renamed
 * over the target, and the folder is flushed so the rename itself survives a power cut. On any error or cancel the
 * temporary file is removed and the target is untouched.
 *
 * A process killed mid-write cannot remove its temporary file; the name carries the writer's process id
 * (`.<target name>.<pid>-<random>.tmp`), and the next write to the same target removes those of dead processes.
 */
export async function writeFileAtomically(target: string, write: (out: BufferedWriter) => Promise<void>): Promise<void> {
  const dir = dirname(target);
  await removeStaleTemps(dir, basename(target));
  const temp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  let ok = false;
  try {
    const writer = new BufferedWriter(handle);
    await write(writer);
    await writer.flush();
    await handle.sync();
    ok = true;
  } finally {
    await handle.close();
    if (!ok) await rm(temp, { force: true });
  }
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dir);
}

/** `.<name>.<pid>-<hex>.tmp`, as written above. */
function tempPattern(name: string): RegExp {
  return new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)-[0-9a-f]+\\.tmp$`);
}

/** Removes temporary files a killed export left next to `name`; those of live processes (a running export) stay. */
export async function removeStaleTemps(dir: string, name: string): Promise<string[]> {
  const pattern = tempPattern(name);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return removed; // the write itself will report an unusable folder
  }
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m) continue;
    const pid = Number(m[1]);
    // This process's own (a write in progress here) or a live process's: not debris.
    if (pid === process.pid || isProcessAlive(pid)) continue;
    await rm(join(dir, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}

/**
 * fsync of the folder, so a completed rename is on disk and not only in the cache. Best effort: Windows cannot open
 * a folder for this (its renames are journaled by NTFS), and some file systems refuse it.
 */
export async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported here
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Collects small strings into large writes; exports emit one short string per field. */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  bytesWritten = 0;

  constructor(private readonly handle: FileHandle) {}

  async write(chunk: string): Promise<void> {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    // One write() may store only part of the buffer (a disk filling up returns a short count before it returns
    // ENOSPC). Unchecked, the last chunk could be cut short and the file still renamed into place as complete.
    for (let offset = 0; offset < buf.length; ) {
      const { bytesWritten } = await this.handle.write(buf, offset, buf.length - offset);
      if (bytesWritten <= 0) throw new Error('the disk accepted no more data (is it full?)');
      offset += bytesWritten;
    }
    this.bytesWritten += buf.length;
  }
}
