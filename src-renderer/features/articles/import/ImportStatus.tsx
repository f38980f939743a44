import { ImportProgress } from './ImportProgress';
import { useImport } from './ImportProvider';
import { ImportReport } from './ImportReport';
import './import.css';

/** The running import's progress, then its report, floating over the workbench until dismissed. */
export function ImportStatus() {
  const { progress, report, cancel, dismissReport } = useImport();
  if (progress?.visible) return <div className="import-status">{<ImportProgress progress={progress} onCancel={cancel} />}</div>;
  if (report) return <div className="import-status">{<ImportReport report={report} onClose={dismissReport} />}</div>;
  return null;
}
