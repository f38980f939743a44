import { GlossError } from '../../contract/errors';
import { exportAnnotations } from '../exchange/annotations/exportAnnotations';
import { runExport } from '../export/exportJob';
import { exportRefi } from '../refi/exportRefi';
import type { Handlers, Session } from '../session';
import { readCoder } from './team';
import { exportBaseName, exportFile } from './exportFile';

export function exportHandlers(session: Session): Pick<Handlers, 'export.json' | 'export.csv' | 'export.refi' | 'export.annotations'> {
  return {
    'export.json': async ({ coder: asked, ...request }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, asked);
      const result = await exportFile(session, request, { format: 'json', suggestedName: `${exportBaseName(session)}-codings.json` }, (target, run) =>
        runExport(project, { format: 'json', target, coder }, { ...run, workerFile: session.host.exportWorkerFile }),
      );
      return result && { ...result, ...filtered };
    },
    'export.csv': async ({ format, formulaGuard, coder: asked, ...request }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, asked);
      const ext = format ?? 'csv';
      const result = await exportFile(session, request, { format: ext, suggestedName: `${exportBaseName(session)}-codings.${ext}` }, (target, run) =>
        runExport(project, { format: ext, target, formulaGuard, coder }, { ...run, workerFile: session.host.exportWorkerFile }),
      );
      return result && { ...result, ...filtered };
    },
    'export.refi': async ({ format, ...request }) => {
      const project = session.requireProject();
      const base = exportBaseName(session);
      return exportFile(session, request, { format, suggestedName: format === 'qdc' ? `${base}-codebook.qdc` : `${base}.qdpx` }, (target) =>
        exportRefi(project, format, target, `Gloss ${session.host.version}`),
      );
    },
    'export.annotations': async ({ format, coder: asked, ...request }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, asked);
      if (format === 'brat' && request.path === undefined && session.host.kind === 'web') {
        throw new GlossError('invalid_request', 'brat standoff is a folder of files, which a browser cannot download; export it with the app or `gloss export --format brat`.');
      }
      // brat standoff is a folder: its suggested name has no extension.
      const suffix = format === 'brat' ? '-brat' : format === 'doccano' ? '-doccano.jsonl' : `-${format}.json`;
      const result = await exportFile(session, request, { format: 'json', suggestedName: `${exportBaseName(session)}-codings${suffix}` }, (target, run) =>
        exportAnnotations(project, format, target, { ...run, coder }),
      );
      return result && { ...result, ...filtered };
    },
  };
}
