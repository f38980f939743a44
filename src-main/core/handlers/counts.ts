import { codeCounts, cooccurrence, cooccurrencePassages, coverage, exportCountsCsv, frequencyTable } from '../analysis/counts';
import type { Handlers, Session } from '../session';
import { readCoder } from './team';
import { exportBaseName, exportFile } from './exportFile';

export function countsHandlers(
  session: Session,
): Pick<Handlers, 'counts.codes' | 'counts.exportCsv' | 'counts.table' | 'counts.coverage' | 'counts.cooccurrence' | 'counts.cooccurrencePassages'> {
  return {
    'counts.codes': async ({ rollUp, by, attribute, coder: asked }) => {
      const { coder, filtered } = readCoder(session, asked);
      return { ...codeCounts(session.requireProject(), { rollUp, by, attribute, coder }), ...filtered };
    },
    'counts.exportCsv': async ({ path, format, formulaGuard, coder: asked, ...request }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, asked);
      // Counted before the dialog, so a request the counts refuse never asks for a file.
      const counts = codeCounts(project, { ...request, coder });
      const ext = format ?? 'csv';
      const result = await exportFile(session, { path }, { format: ext, suggestedName: `${exportBaseName(session)}-code-counts.${ext}` }, (target) =>
        exportCountsCsv(project, counts, target, { format, formulaGuard }),
      );
      return result && { ...result, ...filtered };
    },
    'counts.table': async ({ by, rollUp, coder: asked }) => {
      const { coder, filtered } = readCoder(session, asked);
      return { rows: frequencyTable(session.requireProject(), by, rollUp ?? false, coder), ...filtered };
    },
    'counts.coverage': async (request) => {
      const { coder, filtered } = readCoder(session, undefined);
      return { ...coverage(session.requireProject(), { ...request, coder }), ...filtered };
    },
    'counts.cooccurrence': async (request) => {
      const { coder, filtered } = readCoder(session, undefined);
      return { ...cooccurrence(session.requireProject(), { ...request, coder }), ...filtered };
    },
    'counts.cooccurrencePassages': async (request) => {
      const { coder, filtered } = readCoder(session, undefined);
      return { ...cooccurrencePassages(session.requireProject(), { ...request, coder }), ...filtered };
    },
  };
}
