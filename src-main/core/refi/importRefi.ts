// One REFI-QDA file (.qdpx or .qdc) into the open project: parse, then apply inside `record` — the caller's undo
// recorder (one step for the whole file) or a plain transaction.
import type { ImportReport } from '../../contract/types';
import type { Scope } from '../history';
import type { Project } from '../store/Project';
import { addRefiReports, applyRefi, attributeNamesOf, emptyRefiReport, type AppliedRefi } from './applyRefi';
import type { ParsedRefi } from './parseRefi';

/** Runs `change` as one recorded step: scope before, and the rows the change created after. */
export type RefiRecorder = (label: string, scope: () => Scope, change: () => AppliedRefi, after: (applied: AppliedRefi) => Scope) => AppliedRefi;

/** Without a recorder: one transaction, no undo step (the CLI). */
export function plainRecorder(project: Project): RefiRecorder {
  return (_label, _scope, change) => project.db.transaction(change).immediate();
}

/** Applies one parsed file (see ArticleWriter.parseRefi) and adds what it did to the import report. */
const ROLLBACK = Symbol('preview rollback');

/** A preview: the change runs in a transaction that is always rolled back, so the report says what it would do. */
export function previewRecorder(project: Project): RefiRecorder {
  return (_label, _scope, change) => {
    let applied: AppliedRefi | undefined;
    try {
      project.db
        .transaction(() => {
          applied = change();
          throw ROLLBACK;
        })
        .immediate();
    } catch (err) {
      if (err !== ROLLBACK) throw err;
    }
    return applied!;
  };
}

export function importRefiFile(project: Project, file: string, parsed: ParsedRefi, coder: string, report: ImportReport, record: RefiRecorder): void {
  if (!parsed.ok) {
    report.rejected.push({ file, reason: parsed.reason });
    return;
  }
  const model = parsed.model;
  let applied: AppliedRefi;
  try {
    const name = file.replace(/\\/g, '/').split('/').pop() ?? file;
    applied = record(
      `Import ${name}`,
      () => ({
        codes: 'all',
        memos: project.db.prepare('SELECT id FROM memos').pluck().all() as number[],
        attributes: attributeNamesOf(model)
          .map((n) => project.attributes.find(n)?.id)
          .filter((id): id is number => id !== undefined),
      }),
      () => applyRefi(project, model, name, coder),
      (a) => ({ articles: a.created.articles, codings: a.created.codings, memos: a.created.memos, attributes: a.created.attributes }),
    );
  } catch (err) {
    report.rejected.push({ file, reason: `could not be imported: ${(err as Error).message}` });
    return;
  } finally {
    project.codes.invalidate();
  }
  report.imported.push(...applied.imported);
  report.skipped.push(...applied.skipped);
  report.refi = addRefiReports(report.refi ?? emptyRefiReport(), applied.report);
}
