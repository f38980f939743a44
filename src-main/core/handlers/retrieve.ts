import { exportRetrievedCsv, retrievePassages } from '../analysis/retrieve';
import type { Handlers, Session } from '../session';
import { exportBaseName, exportFile } from './exportFile';

export function retrieveHandlers(session: Session): Pick<Handlers, 'retrieve.passages' | 'retrieve.exportCsv'> {
  return {
    'retrieve.passages': async ({ offset, limit, context, ...query }) => retrievePassages(session.requireProject(), query, { offset, limit, context }),
    'retrieve.exportCsv': async ({ path, rawCells, context, ...query }) => {
      const project = session.requireProject();
      return exportFile(session, { path }, { format: 'csv', suggestedName: `${exportBaseName(session)}-passages.csv` }, (target) =>
        exportRetrievedCsv(project, query, target, { rawCells, context }),
      );
    },
  };
}
