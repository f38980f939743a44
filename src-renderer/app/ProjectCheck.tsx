import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, bridge } from '../api/api';
import type { CheckReport } from '../../src-main/contract/types';
import { Dialog } from './Dialog';
import { useBackupRestore } from './BackupRestore';
import { onProjectCheckRequested, requestProjectCheck } from './damage';
import { plural } from './format';
import { useAppStore } from './store';
import './backups.css';

interface ProjectCheck {
  /** Opens "Check project" (toolbar project menu, File ▸ Check Project…, a damage notice's button). */
  openCheck(): void;
}

const Ctx = createContext<ProjectCheck | null>(null);

/** Owns the check dialog, and tells the analyst when a daily backup was refused because the project is damaged. */
export function ProjectCheckProvider({ children }: { children: ReactNode }) {
  const { project, notify } = useAppStore();
  const [open, setOpen] = useState(false);
  const openCheck = useCallback(() => setOpen(true), []);
  const value = useMemo(() => ({ openCheck }), [openCheck]);
  useEffect(() => onProjectCheckRequested(openCheck), [openCheck]);
  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type !== 'backup.failed') return;
        notify(event.message, 'error', event.damaged ? { label: 'Check project…', run: requestProjectCheck } : undefined);
      }),
    [notify],
  );
  return (
    <Ctx.Provider value={value}>
      {children}
      {open && project && <CheckDialog onClose={() => setOpen(false)} />}
    </Ctx.Provider>
  );
}

export function useProjectCheck(): ProjectCheck {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useProjectCheck outside ProjectCheckProvider');
  return ctx;
}

function CheckDialog({ onClose }: { onClose(): void }) {
  const { project } = useAppStore();
  const { openRestore } = useBackupRestore();
  const [report, setReport] = useState<CheckReport | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api['project.check']({}).then(
      (r) => current && setReport(r),
      (err: unknown) => current && setFailed((err as Error).message),
    );
    return () => {
      current = false;
    };
  }, []);

  const restore = () => {
    onClose();
    openRestore();
  };

  return (
    <Dialog
      title="Check project"
      onClose={onClose}
      testId="check-dialog"
      className="backups-dialog"
      actions={
        <>
          {report && !report.ok && (
            <button type="button" className="primary" data-testid="check-restore" disabled={project?.readOnly} onClick={restore}>
              Restore from backup…
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {failed ? (
        <p role="alert">The project could not be checked: {failed}</p>
      ) : !report ? (
        <p className="muted" aria-busy="true">
          Checking the project file…
        </p>
      ) : report.ok ? (
        <p data-testid="check-ok">
          No problems found: the file’s structure is sound, every article’s text matches the fingerprint stored when it was imported, every
          coded passage matches its article, and the codebook has no loops.
        </p>
      ) : (
        <>
          <p data-testid="check-summary">
            {plural(report.findings.length, 'problem')} found. Gloss will not export or show altered text; restore a backup made before the damage
            (backups marked “checked” passed this check when they were made).
          </p>
          <ul className="check-findings" data-testid="check-findings">
            {report.findings.map((f, i) => (
              <li key={i} data-testid="check-finding" data-kind={f.kind}>
                {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
