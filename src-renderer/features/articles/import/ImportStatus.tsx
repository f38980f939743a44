import { ImportProgress } from './ImportProgress';
import { useImport } from './ImportProvider';
import { ImportReport } from './ImportReport';
import './import.css';

/** The running import's progress, then its report, floating over the workbench until dismissed. */
export function ImportStatus() {
  const { progress, report, cancel, dismissReport } = useImport();
  if (progress?.visible) return <div className="import-status">{<ImportProgress progress={progress} onCancel={cancel} />}</div>;
  if (report) return <div className="import-status">{<ImportReport report={report} onClose={() => closeReport(dismissReport)} />}</div>;
  return null;
}

/**
 * Closing the report must not leave focus on nothing (the page body): when focus was in the report, it goes to the
 * article list, where the imported articles now are.
 */
function closeReport(dismiss: () => void): void {
  const report = document.querySelector('[data-testid="import-report"]');
  const hadFocus = report?.contains(document.activeElement) ?? false;
  dismiss();
  if (hadFocus || document.activeElement === document.body) {
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || !document.activeElement?.isConnected) {
        document.querySelector<HTMLElement>('[data-testid="article-list"]')?.focus();
      }
    });
  }
}
