import { exportRetrievedCsv, retrievePassages } from '../analysis/retrieve';
import type { Handlers, Session } from '../session';
import { readCoder } from './team';
import { exportBaseName, exportFile } from './exportFile';

export function retrieveHandlers(session: Session): Pick<Handlers, 'retrieve.passages' | 'retrieve.exportCsv'> {
  return {
    'retrieve.passages': async ({ offset, limit, context, ...query }) => {
      const { coder, filtered } = readCoder(session, query.coder);
      return { ...retrievePassages(session.requireProject(), { ...query, coder }, { offset, limit, context }), ...filtered };
    },
    'retrieve.exportCsv': async ({ path, format, formulaGuard, context, ...query }) => {
      const project = session.requireProject();
      const { coder, filtered } = readCoder(session, query.coder);
      const ext = format ?? 'csv';
      const result = await exportFile(session, { path }, { format: ext, suggestedName: `${exportBaseName(session)}-passages.${ext}` }, (target) =>
        exportRetrievedCsv(project, { ...query, coder }, target, { format, formulaGuard, context }),
      );
      return result && { ...result, ...filtered };
    },
  };
}
