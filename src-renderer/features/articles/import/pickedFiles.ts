/** A file the user picked or dropped in the browser, with the name the import report will use for it. */
export interface PickedFile {
  file: File;
  /** The file name, or its path inside the picked/dropped folder ("coverage/bbc/2024-01-03.txt"). */
  name: string;
}

import { extensionOf, FILE_EXTENSIONS, FOLDER_EXTENSIONS } from '../../../../src-main/contract/fileTypes';

// The desktop folder walk skips other files silently, so browser folder picks and drops do the same instead of
// listing every .DS_Store as rejected (the extension lists are the importer's own, from the contract).
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function isTextFileName(name: string): boolean {
  return FOLDER_EXTENSIONS.includes(extensionOf(name));
}

export const ACCEPT_ATTRIBUTE = FILE_EXTENSIONS.join(',');

/** From an `<input type=file>`: picked files keep their names; a folder pick keeps only text files, with relative paths. */
export function pickedFromInput(list: FileList | null, fromFolder: boolean): PickedFile[] {
  const files = [...(list ?? [])].map((file) => ({ file, name: (fromFolder && file.webkitRelativePath) || file.name }));
  // Browsers list a folder's files in no useful order; path order matches the desktop folder walk and "import order".
  return fromFolder ? files.filter((f) => isTextFileName(f.name)).sort(byName) : files;
}

/**
 * Files and folders dropped on the window. Entries must be taken from the DataTransfer synchronously, during the
 * drop event (the browser empties it afterwards), so this reads them before its first await.
 */
export function pickedFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items].filter((item) => item.kind === 'file').map((item) => item.webkitGetAsEntry());
  const plainFiles = [...data.files];
  return (async () => {
    if (entries.every((e) => !e)) return plainFiles.map((file) => ({ file, name: file.name }));
    const out: PickedFile[] = [];
    for (const entry of entries) if (entry) await collect(entry, false, out);
    return out;
  })();
}

async function collect(entry: FileSystemEntry, insideFolder: boolean, out: PickedFile[]): Promise<void> {
  if (isFileEntry(entry)) {
    if (insideFolder && !isTextFileName(entry.name)) return;
    const file = await new Promise<File>((ok, fail) => entry.file(ok, fail));
    out.push({ file, name: entry.fullPath.replace(/^\//, '') });
    return;
  }
  if (!isDirectoryEntry(entry)) return;
  const reader = entry.createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most 100 entries per call; an empty batch means the folder is exhausted.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) await collect(child, true, out);
}

const byName = (a: PickedFile, b: PickedFile) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const isFileEntry = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;
const isDirectoryEntry = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
