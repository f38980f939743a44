// Merging a teammate's work and exporting for a coder: the calls' handlers. The merge itself is a command
// (commands/mergeCommands.ts); here a web upload is turned into the file the command reads.
import { basename } from 'node:path';
import { GlossError } from '../../contract/errors';
import type { ImportSource } from '../import/importer';
import type { Handlers, Session } from '../session';
import { displayNames, mergeProject } from '../commands/mergeCommands';
import { readIncoming } from '../team/merge/incoming';
import { planMerge } from '../team/merge/mergePlan';
import { exportForCoder } from '../team/merge/forCoder';
import { canonicalPath } from '../store/projectLock';

function uploadFile(source: ImportSource | undefined): { path: string; name: string } {
  if (!source || source.kind === 'bytes') throw new GlossError('invalid_request', 'A merge reads one uploaded file.');
  return { path: source.path, name: source.kind === 'upload' ? source.name : basename(source.path) };
}

export function mergeHandlers(session: Session): Pick<Handlers, 'project.mergePreview' | 'project.merge' | 'export.forCoder'> {
  const coder = () => session.host.coderName?.() ?? session.appState.settings().coderName;
  return {
    'project.mergePreview': async ({ path, uploadId, decisions, defaultDecision }) => {
      const project = session.requireProject();
      let file: { path: string; name: string };
      if (uploadId !== undefined) {
        if (!session.host.peekUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
        file = uploadFile(session.host.peekUploads([uploadId])[0]);
      } else {
        const chosen = path ?? (await session.host.chooseImportPaths('files'))?.[0];
        if (!chosen) return null;
        file = { path: chosen, name: basename(chosen) };
      }
      if (canonicalPath(file.path) === canonicalPath(project.path)) throw new GlossError('conflict', 'A project cannot be merged into itself; choose the teammate\'s file.');
      const plan = planMerge(project, readIncoming(file.path, file.name, coder()), { decisions, defaultDecision });
      return { ...plan.preview, ...(uploadId === undefined ? { path: file.path } : {}) };
    },
    'project.merge': async ({ uploadId, ...request }) => {
      if (uploadId === undefined) return session.execute(mergeProject, request);
      if (!session.host.claimUploads) throw new GlossError('forbidden', 'This host takes no uploads.');
      session.requireWritable();
      const claimed = session.host.claimUploads([uploadId]);
      try {
        const file = uploadFile(claimed.sources[0]);
        displayNames.set(file.path, file.name);
        return await session.execute(mergeProject, { ...request, path: file.path });
      } finally {
        for (const s of claimed.sources) if (s.kind !== 'bytes') displayNames.delete(s.path);
        claimed.release();
      }
    },
    'export.forCoder': async ({ articleIds, coder: forCoder, path }) => {
      const project = session.requireProject();
      const base = project.name.replace(/[\\/:*?"<>|]+/g, '_');
      const suggested = `${base}-for-${(forCoder ?? 'coder').replace(/[\\/:*?"<>|]+/g, '_')}.gloss`;
      const target = path ?? (await session.host.chooseExportPath('gloss', suggested));
      if (!target) return null;
      const result = await exportForCoder(project, target, { articleIds, coder: forCoder });
      return session.host.afterExport ? session.host.afterExport(result) : result;
    },
  };
}
