import { isTextFileName, MAX_FILE_BYTES, type PickedFile } from './pickedFiles';
import { extensionOf, NEWS_XML_EXTENSIONS } from '../../../../src-main/contract/fileTypes';

export interface WireFile {
  name: string;
  base64: string;
}

/**
 * Groups files into requests of bounded size: one request per file would be slow for 10,000 small files, one
 * request for all of them could be gigabytes of JSON. Smaller batches also give finer progress.
 */
export function planBatches(files: PickedFile[], maxFiles = 100, maxBytes = 24 * 1024 * 1024): PickedFile[][] {
  const batches: PickedFile[][] = [];
  let current: PickedFile[] = [];
  let bytes = 0;
  for (const f of files) {
    const size = sendsContents(f) ? f.file.size : 0;
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
 * The core rejects unsupported file types by name before it looks at the bytes, so those are sent empty (their
 * rejection still appears in the report with the core's reason) instead of uploading, say, a 40 MB PDF for nothing.
 */
function sendsContents(f: PickedFile): boolean {
  return readsContents(f.name) && f.file.size <= MAX_FILE_BYTES;
}

/** Text, HTML and news-export files, and Factiva XML, which is read only when picked on its own. */
function readsContents(name: string): boolean {
  return isTextFileName(name) || NEWS_XML_EXTENSIONS.includes(extensionOf(name));
}

export function tooLargeReason(size: number): string {
  return `file too large (${(size / 1024 / 1024).toFixed(1)} MB; Gloss imports text files up to ${MAX_FILE_BYTES / 1024 / 1024} MB)`;
}

export function isTooLarge(f: PickedFile): boolean {
  return readsContents(f.name) && f.file.size > MAX_FILE_BYTES;
}

export async function toWireFile(f: PickedFile): Promise<WireFile> {
  return { name: f.name, base64: sendsContents(f) ? await readBase64(f.file) : '' };
}

/** The browser's own encoder (a data: URL) is far faster than building base64 in script, even for 60 MB files. */
function readBase64(file: File): Promise<string> {
  if (file.size === 0) return Promise.resolve('');
  return new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result as string;
      ok(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => fail(new Error(`${file.name} could not be read (${reader.error?.message ?? 'unknown error'})`));
    reader.readAsDataURL(file);
  });
}
