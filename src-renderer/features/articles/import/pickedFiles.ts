/** A file the user picked or dropped in the browser, with the name the import report will use for it. */
export interface PickedFile {
  file: File;
  /** The file name, or its path inside the picked/dropped folder ("coverage/bbc/2024-01-03.txt"). */
  name: string;
  /**
   * Why a file found in a folder is left out (its type, or a hidden folder listed once): it is not sent, but the
   * import report lists it as skipped, as the desktop folder walk does.
   */
  skipped?: string;
}

import { extensionOf, FILE_EXTENSIONS, FOLDER_EXTENSIONS, folderSkipReason, hiddenFolderReason } from '../../../../src-main/contract/fileTypes';
import { at } from '../../../../src-main/contract/must';

// Browser folder picks and drops account for every file as the desktop folder walk does: files of other types are
// listed as skipped with their type, a hidden folder (.git) once (the lists and the words are the contract's).
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function isTextFileName(name: string): boolean {
  return FOLDER_EXTENSIONS.includes(extensionOf(name));
}

export const ACCEPT_ATTRIBUTE = FILE_EXTENSIONS.join(',');

/**
 * From an `<input type=file>`: picked files keep their names; a folder pick gives relative paths, and files of other
 * types are marked skipped (those inside a hidden folder as one entry for the folder).
 */
export function pickedFromInput(list: FileList | readonly File[] | null, fromFolder: boolean): PickedFile[] {
  const files = [...(list ?? [])].map((file) => ({ file, name: (fromFolder && file.webkitRelativePath) || file.name }));
  if (!fromFolder) return files;
  const out: PickedFile[] = [];
  const hiddenFolders = new Set<string>();
  for (const f of files) {
    const parts = f.name.split('/');
    const hidden = parts.slice(0, -1).findIndex((p) => p.startsWith('.'));
    if (hidden >= 0) {
      const folder = parts.slice(0, hidden + 1).join('/');
      if (!hiddenFolders.has(folder)) out.push({ file: f.file, name: folder, skipped: hiddenFolderReason(at(parts, hidden)) });
      hiddenFolders.add(folder);
    } else out.push(isTextFileName(f.name) ? f : { ...f, skipped: folderSkipReason(f.name) });
  }
  // Browsers list a folder's files in no useful order; path order matches the desktop folder walk and "import order".
  return out.sort(byName);
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
  const name = entry.fullPath.replace(/^\//, '');
  if (isFileEntry(entry)) {
    // A file of another type is not read at all, only listed.
    if (insideFolder && !isTextFileName(entry.name)) return void out.push({ file: new File([], entry.name), name, skipped: folderSkipReason(entry.name) });
    const file = await new Promise<File>((ok, fail) => entry.file(ok, fail));
    out.push({ file, name });
    return;
  }
  if (!isDirectoryEntry(entry)) return;
  if (insideFolder && entry.name.startsWith('.')) return void out.push({ file: new File([], entry.name), name, skipped: hiddenFolderReason(entry.name) });
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
