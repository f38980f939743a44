// Team calls beside the agreement figures: the disagreement worklist and the agreement table as a CSV file.
import { agreementReport } from '../team/agreementReport';
import { AGREEMENT_CSV_COLUMNS, agreementTable } from '../team/agreementCsv';
import { disagreementList } from '../team/disagreements';
import { checkExportTarget } from '../export/json';
import { tableExtension, writeTable } from '../export/tableWriter';
import type { Handlers, Session } from '../session';

export function agreementHandlers(session: Session): Pick<Handlers, 'team.coders' | 'team.agreement' | 'team.disagreements' | 'team.exportAgreementCsv'> {
  return {
    'team.coders': async () => ({ coders: session.requireProject().agreement.coders() }),
    'team.agreement': async (request) => agreementReport(session.requireProject(), request),
    'team.disagreements': async (request) => disagreementList(session.requireProject(), request),
    'team.exportAgreementCsv': async ({ path, format, formulaGuard, ...request }) => {
      const project = session.requireProject();
      // Computed before the dialog, so a bad request is refused before the analyst picks a file.
      const report = agreementReport(project, request);
      const base = project.name.replace(/[\\/:*?"<>|]+/g, '_');
      const target = path ?? (await session.host.chooseExportPath(format ?? 'csv', `${base}-agreement.${tableExtension(format)}`));
      if (!target) return null;
      checkExportTarget(project, target);
      const result = await writeTable(target, AGREEMENT_CSV_COLUMNS, agreementTable(report), {
        format,
        formulaGuard,
        sheetName: 'Agreement',
        articles: report.articleIds.length,
        codings: report.codes.length,
      });
      return session.host.afterExport ? session.host.afterExport(result) : result;
    },
  };
}
