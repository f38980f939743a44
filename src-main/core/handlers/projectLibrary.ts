// Handlers of the web host's project library (issue 14, item 12): open, upload, rename, delete to a trash and restore
// projects of the data folder, by name. The contract lets only the web host call them; the library (the folder
// operations, core/projectLibrary.ts) is the web host's adapter's.
import { basename } from 'node:path';
import { rmSync } from 'node:fs';
import { GlossError } from '../../contract/errors';
import type { ProjectInfo } from '../../contract/types';
import type { ProjectLibrary } from '../projectLibrary';
import type { Handlers, Session } from '../session';
import { canonicalPath } from '../store/projectLock';

type LibraryCalls = 'projects.list' | 'projects.open' | 'projects.upload' | 'projects.rename' | 'projects.delete' | 'projects.restore';

export function projectLibraryHandlers(session: Session): Pick<Handlers, LibraryCalls> {
  const library = (): ProjectLibrary => {
    const lib = session.host.projectLibrary;
    if (!lib) throw new GlossError('forbidden', 'This host has no project library (it opens project files by their path).');
    return lib;
  };
  /** Whether `name` is the project open in this session. */
  const isOpen = (name: string): boolean => {
    const open = session.currentProject;
    return open !== null && canonicalPath(open.path) === canonicalPath(library().pathOf(name));
  };
  /** An open error says what is wrong with the file in words that name it, not where the host keeps it. */
  const openByName = (name: string, label = name): ProjectInfo => {
    const path = library().pathOf(name);
    try {
      return session.openProject(path).info();
    } catch (err) {
      if (err instanceof GlossError) throw new GlossError(err.code, err.message.replaceAll(path, label).replaceAll(library().projectsDir, 'the data folder'));
      throw err;
    }
  };

  return {
    'projects.list': async () => {
      const lib = library();
      const open = session.currentProject ? canonicalPath(session.currentProject.path) : null;
      return {
        items: lib.list().map((p) => ({ ...p, open: open !== null && canonicalPath(lib.pathOf(p.name)) === open })),
        trash: lib.listTrash(),
      };
    },
    'projects.open': async ({ name }) => openByName(name),
    'projects.upload': async ({ upload }) => {
      const claim = session.host.claimUploads?.([upload]);
      if (!claim) throw new GlossError('forbidden', 'This host takes no uploads.');
      const source = claim.sources[0];
      if (source?.kind !== 'upload') throw new GlossError('internal', 'The upload was not a file the host holds.');
      const uploaded = basename(source.name.replaceAll('\\', '/'));
      if (!/\.gloss$/i.test(uploaded)) {
        claim.release();
        throw new GlossError('invalid_request', `${uploaded} is not a Gloss project (a .gloss file); import articles with Import instead.`);
      }
      const name = library().adopt(source.path, uploaded);
      try {
        return { name, project: openByName(name, uploaded) };
      } catch (err) {
        // Not a project Gloss can open: it does not stay in the library (the browser still has the file).
        rmSync(library().pathOf(name), { force: true });
        throw err;
      }
    },
    'projects.rename': async ({ name, newName }) => {
      const lib = library();
      if (!isOpen(name)) return { name: lib.rename(name, newName), project: null };
      // The open project: closed (its lock released, SQLite's working files folded in), renamed, opened again.
      session.closeProject(false);
      let renamed = name;
      let refusal: unknown = null;
      try {
        renamed = lib.rename(name, newName);
      } catch (err) {
        refusal = err;
      }
      // Reopened under whichever name it now has, so a refused rename leaves it open as it was.
      const project = openByName(renamed);
      if (refusal) throw refusal;
      return { name: renamed, project };
    },
    'projects.delete': async ({ name }) => {
      if (isOpen(name)) throw new GlossError('conflict', `${name} is the open project; close it before deleting it.`);
      return library().trash(name);
    },
    'projects.restore': async ({ id }) => ({ name: library().restore(id) }),
  };
}
