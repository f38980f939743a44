// The web host's project library (issue 14, item 12): the `.gloss` files in its data folder, known to the browser by
// name only. Open one (made in the browser, uploaded, or put there by the CLI), rename one, move one to a trash
// folder inside the data folder and back. Nothing here takes a path from a caller: every name is checked to be a
// plain file name, and every file it touches is a regular file directly inside the projects or trash folder (a link
// planted there is not followed, listed or moved).
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { GlossError } from '../contract/errors';
import type { LibraryProject, TrashedProject } from '../contract/types';
import { isHolderAlive, ProjectLock } from './store/projectLock';

/** Files that belong with a project and move with it: SQLite's working files and the daily backups folder. */
const COMPANIONS = ['-wal', '-shm', '-journal', '-backups'];

/** A project's file name as the library shows it: "<name>.gloss", no folder, nothing hidden, no control characters. */
export function isLibraryName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
  return /^[^/\\\u0000-\u001f\u007f]+\.gloss$/i.test(name) && !name.startsWith('.') && name.length <= 255;
}

/** The file name a typed project name becomes: characters a file name cannot hold replaced, ".gloss" appended. */
export function libraryFileName(typed: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
  const safe = typed.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').trim().replace(/^\.+/, '') || 'Untitled';
  const file = /\.gloss$/i.test(safe) ? safe : `${safe}.gloss`;
  return file.length > 255 ? `${file.slice(0, 249)}.gloss` : file;
}

export class ProjectLibrary {
  constructor(
    readonly projectsDir: string,
    readonly trashDir: string,
  ) {
    mkdirSync(projectsDir, { recursive: true });
  }

  /** The projects, by name (regular `.gloss` files only), newest first. */
  list(): LibraryProject[] {
    const items: LibraryProject[] = [];
    for (const name of readdirSync(this.projectsDir)) {
      if (!isLibraryName(name)) continue;
      const info = lstatSync(join(this.projectsDir, name), { throwIfNoEntry: false });
      if (!info?.isFile()) continue;
      items.push({ name, size: info.size, modifiedAt: info.mtime.toISOString() });
    }
    return items.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name));
  }

  /** The path of a project in the library; not_found unless it is a regular file there. */
  pathOf(name: string): string {
    if (!isLibraryName(name)) throw new GlossError('invalid_request', `"${name}" is not the name of a project in the data folder.`);
    const path = join(this.projectsDir, name);
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) throw new GlossError('not_found', `There is no project named ${name} in the data folder.`);
    return path;
  }

  /** A name not yet taken in the projects folder: "x.gloss", else "x (2).gloss", "x (3).gloss"… */
  freeName(wanted: string): string {
    const stem = wanted.replace(/\.gloss$/i, '');
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${stem}.gloss` : `${stem} (${n}).gloss`;
      // lstat, not exists: a dangling link holds a name too.
      const taken = ['', ...COMPANIONS].some((c) => lstatSync(join(this.projectsDir, `${name}${c}`), { throwIfNoEntry: false }) !== undefined);
      if (!taken) return name;
    }
  }

  /** Moves a file (an upload) into the library under a free name; the name it got. */
  adopt(file: string, wanted: string): string {
    const name = this.freeName(libraryFileName(wanted));
    renameSync(file, join(this.projectsDir, name));
    return name;
  }

  /** Refuses a project another process holds (the CLI writing to it, another web host). */
  private refuseIfHeld(path: string, doing: string): void {
    const lockFile = ProjectLock.lockPathFor(path);
    if (!existsSync(lockFile)) return;
    try {
      const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: number; by?: string; since?: string };
      if (typeof lock.pid === 'number' && isHolderAlive(lock.pid, typeof lock.since === 'string' ? lock.since : undefined)) {
        throw new GlossError('conflict', `Cannot ${doing}: it is open in ${lock.by ?? 'another program'} (process ${lock.pid}). Close it there first.`);
      }
    } catch (err) {
      if (err instanceof GlossError) throw err;
    }
  }

  /** Moves a project and its companions from one folder and name to another (same file system: the data folder). */
  private move(fromDir: string, fromName: string, toDir: string, toName: string): void {
    renameSync(join(fromDir, fromName), join(toDir, toName));
    for (const c of COMPANIONS) {
      const from = join(fromDir, `${fromName}${c}`);
      const info = lstatSync(from, { throwIfNoEntry: false });
      if (info && (info.isFile() || info.isDirectory())) renameSync(from, join(toDir, `${toName}${c}`));
    }
  }

  /** Renames a project (not open anywhere); the new file name. */
  rename(name: string, newName: string): string {
    const path = this.pathOf(name);
    this.refuseIfHeld(path, `rename ${name}`);
    const target = libraryFileName(newName);
    if (target === name) return name;
    const taken = target.toLowerCase() !== name.toLowerCase() && this.list().some((p) => p.name.toLowerCase() === target.toLowerCase());
    if (taken || (target.toLowerCase() !== name.toLowerCase() && lstatSync(join(this.projectsDir, target), { throwIfNoEntry: false }))) {
      throw new GlossError('conflict', `A project named ${target} is already in the data folder; choose another name.`);
    }
    this.move(this.projectsDir, name, this.projectsDir, target);
    return target;
  }

  /** Moves a project (not open anywhere) into the trash folder; what to restore it by. */
  trash(name: string): TrashedProject {
    const path = this.pathOf(name);
    this.refuseIfHeld(path, `delete ${name}`);
    const deletedAt = new Date();
    const id = `${deletedAt.getTime()}-${randomBytes(4).toString('hex')}`;
    const dir = join(this.trashDir, id);
    mkdirSync(dir, { recursive: true });
    this.move(this.projectsDir, name, dir, name);
    return { id, name, deletedAt: deletedAt.toISOString() };
  }

  /** The projects in the trash, most recently deleted first. */
  listTrash(): TrashedProject[] {
    const items: TrashedProject[] = [];
    let ids: string[];
    try {
      ids = readdirSync(this.trashDir);
    } catch {
      return items;
    }
    for (const id of ids) {
      const m = /^(\d+)-[0-9a-f]{8}$/.exec(id);
      if (!m) continue;
      const name = this.trashedName(id);
      if (name) items.push({ id, name, deletedAt: new Date(Number(m[1])).toISOString() });
    }
    return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  private trashedName(id: string): string | undefined {
    const dir = join(this.trashDir, id);
    if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
    return readdirSync(dir).find((n) => isLibraryName(n) && lstatSync(join(dir, n)).isFile());
  }

  /** Puts a trashed project back (under a free name if its own was taken meanwhile); the name it got. */
  restore(id: string): string {
    const name = /^\d+-[0-9a-f]{8}$/.test(id) ? this.trashedName(id) : undefined;
    if (!name) throw new GlossError('not_found', 'That project is no longer in the trash.');
    const target = this.freeName(name);
    const dir = join(this.trashDir, id);
    this.move(dir, name, this.projectsDir, target);
    try {
      rmdirSync(dir);
    } catch {
      // something else was left in it: keep it
    }
    return target;
  }
}
