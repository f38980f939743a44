import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { GlossError } from '../../contract/errors';
import { buildSampleProject } from '../sample';
import { checkProjectFile } from '../store/check';
import type { Handlers, Session } from '../session';

export function projectHandlers(
  session: Session,
): Pick<Handlers, 'project.current' | 'project.create' | 'project.open' | 'project.openSample' | 'project.recent' | 'project.close' | 'project.check'> {
  return {
    'project.current': async () => session.currentProject?.info() ?? null,
    'project.create': async ({ path, name }) => {
      const target = path ?? (await session.host.chooseNewProjectPath(name));
      if (!target) return null;
      session.host.checkProjectPath?.(target);
      if (existsSync(target)) {
        throw new GlossError('conflict', `${basename(target)} already exists; open it, or choose another name.`);
      }
      return session.openProject(target, true, name ?? basename(target).replace(/\.gloss$/i, '')).info();
    },
    'project.open': async ({ path, readOnly }) => {
      const target = path ?? (await session.host.chooseProjectToOpen());
      if (!target) return null;
      session.host.checkProjectPath?.(target);
      return session.openProject(target, false, undefined, readOnly ?? false).info();
    },
    'project.openSample': async () => {
      const target = session.host.sampleProjectPath;
      if (!existsSync(target)) {
        session.closeProject(false);
        await buildSampleProject(target, session.host.sampleDir, session.coder());
      }
      return session.openProject(target).info();
    },
    'project.recent': async () => ({ items: session.appState.recent() }),
    'project.close': async () => ({ closed: session.closeProject() }),
    // A fresh read-only connection, so the check sees the file (not this connection's cache) and works on damage.
    'project.check': async ({ path }) => checkProjectFile(path ?? session.requireProject().path),
  };
}
