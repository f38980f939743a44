import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that the target path only ever holds the old file or the complete new one: the data goes to a
 * temporary file in the same folder (same file system, so the rename is atomic), is flushed to disk, then renamed
 * over the target. On any error or cancel the temporary file is removed and the target is untouched.
 */
export async function writeFileAtomically(target: string, write: (out: BufferedWriter) => Promise<void>): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
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
    await this.handle.write(buf);
    this.bytesWritten += buf.length;
  }
}
