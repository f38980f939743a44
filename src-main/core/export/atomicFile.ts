import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readlink, rename, rm, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GlossError } from '../../contract/errors';
import { isProcessAlive } from '../store/projectLock';

/** What a non-regular file is, in words. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Gloss only ever replaces a regular file, or creates a new one. The rename below would otherwise swap a named pipe,
 * a socket or a device node (as root, `--out /dev/null` would replace /dev/null) for a plain file, and a folder
 * target makes no sense. A symbolic link is refused too rather than written through: replacing the link would
 * silently cut it, and following it lets a link planted in a shared folder (/tmp) aim an export at any file the user
 * can write. The message names where the link points, so the user can export there directly.
 */
export async function checkReplaceableTarget(target: string): Promise<void> {
  let info: Stats;
  try {
    info = await lstat(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // a new file
    throw new GlossError('io_error', `Cannot export to ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  if (info.isFile()) return;
  if (info.isSymbolicLink()) {
    const to = await readlink(target).then((link) => resolve(dirname(target), link), () => undefined);
    throw new GlossError(
      'forbidden',
      `Cannot export to ${target}: it is a symbolic link${to ? ` (to ${to})` : ''}; Gloss does not write through links — export to the file itself or choose another name.`,
    );
  }
  throw new GlossError('forbidden', `Cannot export to ${target}: it is not a regular file (${kindOf(info)}); Gloss only replaces regular files.`);
}

/**
 * Writes a file so that the target path only ever holds the old file or the complete new one: the data goes to a
 * temporary file in the same folder (same file system, so the rename is atomic), is flushed to disk, then renamed
 * over the target, and the folder is flushed so the rename itself survives a power cut. On any error or cancel the
 * temporary file is removed and the target is untouched. Only a regular file is ever replaced (see
 * `checkReplaceableTarget`).
 *
 * A process killed mid-write cannot remove its temporary file; the name carries the writer's process id
 * (`.<target name>.<pid>-<random>.tmp`), and the next write to the same target removes those of dead processes.
 */
export async function writeFileAtomically(target: string, write: (out: BufferedWriter) => Promise<void>): Promise<void> {
  await checkReplaceableTarget(target);
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
    // Again at the last moment: the export may have taken minutes, and something else may stand there now.
    await checkReplaceableTarget(target);
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

  /** Bytes as they are (a zip); whatever text is pending goes first. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.writeAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    await this.writeAll(buf);
  }

  private async writeAll(buf: Buffer): Promise<void> {
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
