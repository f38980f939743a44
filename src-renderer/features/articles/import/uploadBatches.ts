import { extensionOf, FILE_EXTENSIONS } from '../../../../src-main/contract/fileTypes';
import { isTextFileName, MAX_FILE_BYTES, type PickedFile } from './pickedFiles';

/**
 * Groups files into imports of bounded size: each batch is uploaded (one streamed request per file) and then
 * imported with one call, so progress moves, Cancel takes effect between batches, and the web host never holds more
 * than a batch of uploads waiting.
 */
export function planBatches(files: PickedFile[], maxFiles = 100, maxBytes = 24 * 1024 * 1024): PickedFile[][] {
  const batches: PickedFile[][] = [];
  let current: PickedFile[] = [];
  let bytes = 0;
  for (const f of files) {
    const size = bytesToSend(f);
    if (current.length > 0 && (current.length >= maxFiles || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * How many of the file's bytes are uploaded. The core rejects unsupported file types by name before it looks at
 * the bytes, so those are sent empty (their rejection still appears in the report with the core's reason) instead
 * of uploading, say, a 40 MB PDF for nothing.
 */
export function bytesToSend(f: PickedFile): number {
  return FILE_EXTENSIONS.includes(extensionOf(f.name)) && !isTooLarge(f) ? f.file.size : 0;
}

/** What is uploaded for the file: the File itself (the browser streams it from disk), or nothing. */
export function bodyToSend(f: PickedFile): Blob {
  return bytesToSend(f) > 0 || f.file.size === 0 ? f.file : new Blob([]);
}

export function tooLargeReason(size: number): string {
  return `file too large (${(size / 1024 / 1024).toFixed(1)} MB; Gloss imports text files up to ${MAX_FILE_BYTES / 1024 / 1024} MB)`;
}

export function isTooLarge(f: PickedFile): boolean {
  return isTextFileName(f.name) && f.file.size > MAX_FILE_BYTES;
}
