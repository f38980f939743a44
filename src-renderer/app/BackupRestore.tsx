import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/api';
import type { BackupInfo, ProjectInfo } from '../../src-main/contract/types';
import { Dialog } from './Dialog';
import { formatBytes, formatNumber, plural } from './format';
import { notices, useAppStore } from './store';
import './backups.css';
import { CancelConfirmActions } from './CancelConfirmActions';

interface BackupRestore {
  /** Opens the "Restore from backup" dialog (toolbar project menu, File ▸ Restore from Backup…). */
  openRestore(): void;
}

const Ctx = createContext<BackupRestore | null>(null);

/** Owns the restore dialog, so the toolbar and the desktop menu open the same one. */
export function BackupRestoreProvider({ children }: { children: ReactNode }) {
  const { project } = useAppStore();
  const [open, setOpen] = useState(false);
  const openRestore = useCallback(() => setOpen(true), []);
  const value = useMemo(() => ({ openRestore }), [openRestore]);
  return (
    <Ctx.Provider value={value}>
      {children}
      {open && project && <BackupsDialog onClose={() => setOpen(false)} />}
    </Ctx.Provider>
  );
}

export function useBackupRestore(): BackupRestore {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useBackupRestore outside BackupRestoreProvider');
  return ctx;
}

/** Backups of one day differ by minutes or seconds, so the time shows seconds. */
function formatMade(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

const KIND_LABEL: Record<BackupInfo['kind'], string> = {
  daily: 'Daily',
  'before-restore': 'Before a restore',
  'before-upgrade': 'Before a format upgrade',
};

function BackupsDialog({ onClose }: { onClose(): void }) {
  const { project, setProject, selectArticle, reloadWorkbench, attempt, notify, dismiss } = useAppStore();
  const [list, setList] = useState<{ items: BackupInfo[]; folder: string } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The project's counts now (the open project's info is from when it was opened), for the confirmation. */
  const [current, setCurrent] = useState<ProjectInfo | null>(null);
  const [restoring, setRestoring] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    api['backups.list']({}).then(
      (r) => {
        if (!current) return;
        setList(r);
        // The newest backup that passed the check when it was made is the one to reach for after damage.
        setChosen((r.items.find((b) => b.verified) ?? r.items[0])?.file ?? null);
      },
      (err: unknown) => current && setFailed((err as Error).message),
    );
    return () => {
      current = false;
    };
  }, []);

  const backup = list?.items.find((b) => b.file === chosen) ?? null;
  const readOnly = Boolean(project?.readOnly);

  const askToRestore = async () => {
    setCurrent(await api['project.current']({}).catch(() => null));
    setConfirming(true);
  };

  const restore = async () => {
    if (!backup) return;
    setRestoring(true);
    const info = await attempt(() => api['backups.restore']({ file: backup.file }));
    setRestoring(false);
    if (!info) {
      setConfirming(false);
      return;
    }
    onClose();
    // The history started afresh, so an Undo offered by an earlier notice has nothing left to undo.
    for (const n of notices.get()) if (n.action) dismiss(n.id);
    // Same project path, new contents: every pane starts afresh rather than patching what it showed.
    selectArticle(null);
    setProject(info);
    reloadWorkbench();
    notify(
      `Restored the backup of ${formatMade(backup.createdAt)}: ${plural(info.articles, 'article')}, ${plural(info.codings, 'coding')}. The project as it was before is kept as a “before restore” backup.`,
    );
  };

  if (confirming && backup) {
    return (
      <Dialog
        title="Restore this backup?"
        onClose={() => !restoring && setConfirming(false)}
        key="confirm"
        testId="restore-confirm-dialog"
        initialFocus={cancelRef}
        actions={
          <>
            <button type="button" ref={cancelRef} disabled={restoring} onClick={() => setConfirming(false)}>
              Back
            </button>
            <button type="button" className="danger" disabled={restoring} data-testid="restore-confirm" onClick={() => void restore()}>
              {restoring ? 'Restoring…' : 'Restore backup'}
            </button>
          </>
        }
      >
        <p data-testid="restore-confirm-message">
          “{project?.name}” will be replaced by the backup of {formatMade(backup.createdAt)}, with {plural(backup.articles, 'article')} and{' '}
          {plural(backup.codings, 'coding')}
          {current && ` (it now has ${plural(current.articles, 'article')} and ${plural(current.codings, 'coding')})`}.
        </p>
        <p>The current project will be kept as a before-restore copy, so this restore can itself be reversed from this list. Undo history starts afresh.</p>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Restore from backup"
      onClose={onClose}
      key="list"
      testId="backups-dialog"
      className="backups-dialog"
      actions={
        <CancelConfirmActions
          onCancel={onClose}
          confirmLabel="Restore…"
          confirmTestId="backups-restore"
          confirmDisabled={!backup || readOnly}
          onConfirm={() => void askToRestore()}
        />
      }
    >
      {failed ? (
        <p role="alert">The backups could not be listed: {failed}</p>
      ) : !list ? (
        <p className="muted" aria-busy="true">
          Looking for backups…
        </p>
      ) : list.items.length === 0 ? (
        <p data-testid="backups-empty">
          There are no backups of this project yet. Gloss makes one the first time the project is opened each day.
        </p>
      ) : (
        <>
          {readOnly && <p className="muted">The project is open read-only, so it cannot be restored.</p>}
          <table className="backups-table" data-testid="backups-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Choose</span>
                </th>
                <th scope="col">Made</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Articles
                </th>
                <th scope="col" className="num">
                  Codings
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((b) => (
                <tr
                  key={b.file}
                  className={b.file === chosen ? 'selected' : undefined}
                  data-testid="backup-row"
                  data-file={b.file}
                  onClick={() => setChosen(b.file)}
                  onDoubleClick={() => {
                    if (readOnly) return;
                    setChosen(b.file);
                    void askToRestore();
                  }}
                >
                  <td>
                    <input
                      type="radio"
                      name="backup"
                      checked={b.file === chosen}
                      onChange={() => setChosen(b.file)}
                      aria-label={`Backup of ${formatMade(b.createdAt)}`}
                    />
                  </td>
                  <td title={b.createdAt}>{formatMade(b.createdAt)}</td>
                  <td>
                    {KIND_LABEL[b.kind]}
                    {b.verified && (
                      <span className="backup-checked" title="The project passed its check when this backup was made" data-testid="backup-checked">
                        ✓ checked
                      </span>
                    )}
                  </td>
                  <td className="num" title={plural(b.sizeBytes, 'byte')}>
                    {formatBytes(b.sizeBytes)}
                  </td>
                  <td className="num">{formatNumber(b.articles)}</td>
                  <td className="num">{formatNumber(b.codings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted backups-folder" title={list.folder}>
            Kept in {list.folder}
          </p>
        </>
      )}
    </Dialog>
  );
}
