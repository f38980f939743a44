import { codeCounts, cooccurrence, cooccurrencePassages, coverage, exportCountsCsv, frequencyTable } from '../analysis/counts';
import type { Handlers, Session } from '../session';
import { exportBaseName, exportFile } from './exportFile';

export function countsHandlers(
  session: Session,
): Pick<Handlers, 'counts.codes' | 'counts.exportCsv' | 'counts.table' | 'counts.coverage' | 'counts.cooccurrence' | 'counts.cooccurrencePassages'> {
  return {
    'counts.codes': async ({ rollUp, by, attribute }) => codeCounts(session.requireProject(), { rollUp, by, attribute }),
    'counts.exportCsv': async ({ path, rawCells, ...request }) => {
      const project = session.requireProject();
      // Counted before the dialog, so a request the counts refuse never asks for a file.
      const counts = codeCounts(project, request);
      return exportFile(session, { path }, { format: 'csv', suggestedName: `${exportBaseName(session)}-code-counts.csv` }, (target) =>
        exportCountsCsv(project, counts, target, { rawCells }),
      );
    },
    'counts.table': async ({ by, rollUp }) => ({ rows: frequencyTable(session.requireProject(), by, rollUp ?? false) }),
    'counts.coverage': async (request) => coverage(session.requireProject(), request),
    'counts.cooccurrence': async (request) => cooccurrence(session.requireProject(), request),
    'counts.cooccurrencePassages': async (request) => cooccurrencePassages(session.requireProject(), request),
  };
}
