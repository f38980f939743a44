import { createHash } from 'node:crypto';
import { open, readdir, realpath, stat, lstat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { constants } from 'node:fs';
import type { ImportReport } from '../../contract/types';
import type { Project } from '../store/Project';
import { decode } from './decode';
import { normalise } from './normalise';
import { inlineWriter, type ArticleWriter, type ReadyArticle } from './articleWriter';

export const TEXT_EXTENSIONS = ['.txt', '.text', '.md'];
/** Larger files are rejected rather than stored: nobody codes a 64 MB article, and it would stall every view. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** One thing to import: a file on disk, or contents the renderer sent (browser upload). */
export type ImportSource = { kind: 'path'; path: string } | { kind: 'bytes'; name: string; bytes: Uint8Array };

export interface ImportOptions {
  onProgress?: (done: number, total: number, current: string) => void;
  signal?: AbortSignal;
  /** Where articles are stored; by default on this thread and the project's connection. */
  writer?: ArticleWriter;
}

interface Candidate {
  /** What the report calls it: the path given, or the uploaded name. */
  file: string;
  /** What the article records as its source. */
  sourceFile: string;
  read: () => Promise<Uint8Array>;
}

interface Prepared {
  candidate: Candidate;
  result:
    | ({ ok: true } & Omit<ReadyArticle, 'file' | 'sourceFile'>)
    | { ok: false; reason: string };
}

/**
 * Imports files into the project. Every file ends up in exactly one list of the report; one bad file never stops
 * the others. Files are committed in batches, so a crash loses at most the uncommitted batch and never leaves half an
 * article; the next batch is read while the current one is written.
 */
export async function importSources(project: Project, sources: ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [], rejected: [], cancelled: false };
  const candidates = await expand(sources, report);
  const total = candidates.length;
  let done = 0;
  options.onProgress?.(0, total, '');

  // Large batches: each commit costs an fsync, and the per-article INSERT is atomic on its own (its FTS trigger runs
  // inside the same statement), so one failing file still cannot leave half an article behind.
  const BATCH_FILES = 1000;
  const BATCH_BYTES = 32 * 1024 * 1024;
  const READ_CONCURRENCY = 16;
  let index = 0;
  const nextBatch = async (): Promise<Prepared[]> => {
    const batch: Prepared[] = [];
    let bytes = 0;
    while (index < candidates.length && batch.length < BATCH_FILES && bytes < BATCH_BYTES) {
      // Several reads in flight at once keep the disk and the thread pool busy while this thread decodes.
      const slice = candidates.slice(index, index + READ_CONCURRENCY);
      index += slice.length;
      for (const p of await Promise.all(slice.map(prepare))) {
        if (p.result.ok) bytes += p.result.text.length * 2;
        batch.push(p);
      }
    }
    return batch;
  };

  const writer = options.writer ?? inlineWriter(project.db, project.articles);
  let pending = nextBatch();
  for (;;) {
    const batch = await pending;
    if (batch.length === 0) break;
    if (options.signal?.aborted) {
      report.cancelled = true;
      break;
    }
    pending = nextBatch();
    const ready: ReadyArticle[] = [];
    for (const { candidate, result } of batch) {
      if (result.ok) ready.push({ file: candidate.file, sourceFile: candidate.sourceFile, ...result });
      else report.rejected.push({ file: candidate.file, reason: result.reason });
    }
    for (const outcome of await writer.write(ready)) {
      if (outcome.kind === 'imported') report.imported.push({ file: outcome.file, articleId: outcome.articleId, title: outcome.title, encoding: outcome.encoding });
      else if (outcome.kind === 'skipped') report.skipped.push({ file: outcome.file, reason: outcome.reason, articleId: outcome.articleId });
      else report.rejected.push({ file: outcome.file, reason: outcome.reason });
    }
    done += batch.length;
    options.onProgress?.(done, total, batch[batch.length - 1].candidate.file);
  }
  if (report.cancelled) {
    // Let the read-ahead finish so no file handle outlives the import.
    await pending.catch(() => undefined);
  }
  return report;
}

async function prepare(candidate: Candidate): Promise<Prepared> {
  let bytes: Uint8Array;
  try {
    bytes = await candidate.read();
  } catch (err) {
    return { candidate, result: { ok: false, reason: (err as Error).message } };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { candidate, result: decoded };
  const { text, originalLineEndings, normalizedToNfc } = normalise(decoded.text);
  if (text.trim().length === 0) return { candidate, result: { ok: false, reason: 'no text (the file is empty or only white space)' } };
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  return {
    candidate,
    result: { ok: true, text, encoding: decoded.encoding, hadBom: decoded.hadBom, originalLineEndings, normalizedToNfc, hash },
  };
}

/** Turns paths and folders into a flat list of files, reporting what cannot be read as it goes. */
async function expand(sources: ImportSource[], report: ImportReport): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const source of sources) {
    if (source.kind === 'bytes') {
      const ext = extname(source.name).toLowerCase();
      if (!TEXT_EXTENSIONS.includes(ext)) {
        report.rejected.push({ file: source.name, reason: unsupportedReason(ext) });
        continue;
      }
      const bytes = source.bytes;
      out.push({ file: source.name, sourceFile: basename(source.name), read: async () => checkSize(bytes) });
      continue;
    }
    const path = source.path;
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      let reason = `cannot be read (${code ?? (err as Error).message})`;
      if (code === 'ENOENT') {
        reason = (await lstat(path).then(() => true, () => false)) ? 'a link that points nowhere (dangling symbolic link)' : 'no such file or folder';
      } else if (code === 'ELOOP') reason = 'a symbolic link loop';
      report.rejected.push({ file: path, reason });
      continue;
    }
    if (info.isDirectory()) {
      await walk(path, path, out, report, new Set([await realpath(path)]));
    } else if (info.isFile()) {
      const ext = extname(path).toLowerCase();
      if (!TEXT_EXTENSIONS.includes(ext)) report.rejected.push({ file: path, reason: unsupportedReason(ext) });
      else out.push({ file: path, sourceFile: basename(path), read: () => readRegularFile(path) });
    } else {
      report.rejected.push({ file: path, reason: 'not a regular file (a device, socket or named pipe)' });
    }
  }
  return out;
}

async function walk(root: string, dir: string, out: Candidate[], report: ImportReport, seen: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    report.rejected.push({ file: dir, reason: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const sourceFile = join(basename(root), relative(root, path));
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (TEXT_EXTENSIONS.includes(extname(entry.name).toLowerCase()) || entry.isSymbolicLink()) {
        report.rejected.push({
          file: path,
          reason: code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOENT' ? 'a link that points nowhere (dangling symbolic link)' : `cannot be read (${code})`,
        });
      }
      continue;
    }
    if (info.isDirectory()) {
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) {
        report.rejected.push({ file: path, reason: 'a symbolic link loop (this folder was already visited)' });
        continue;
      }
      seen.add(real);
      await walk(root, path, out, report, seen);
      continue;
    }
    if (!TEXT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue;
    if (!info.isFile()) {
      report.rejected.push({ file: path, reason: 'not a regular file (a device, socket or named pipe)' });
      continue;
    }
    out.push({ file: path, sourceFile, read: () => readRegularFile(path) });
  }
}

/** Opens without blocking and re-checks the type on the open handle, so a FIFO swapped in after stat() is never read. */
async function readRegularFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot be opened (${err.code ?? err.message})`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file (a device, socket or named pipe)');
    if (info.size > MAX_FILE_BYTES) throw new Error(tooLarge(info.size));
    return checkSize(await handle.readFile());
  } finally {
    await handle.close();
  }
}

function checkSize(bytes: Uint8Array): Uint8Array {
  if (bytes.length > MAX_FILE_BYTES) throw new Error(tooLarge(bytes.length));
  return bytes;
}

function tooLarge(size: number): string {
  return `file too large (${(size / 1024 / 1024).toFixed(1)} MB; Gloss imports text files up to ${MAX_FILE_BYTES / 1024 / 1024} MB)`;
}

function unsupportedReason(ext: string): string {
  return `not a text file type Gloss imports (${ext || 'no extension'}; it reads ${TEXT_EXTENSIONS.join(', ')})`;
}
