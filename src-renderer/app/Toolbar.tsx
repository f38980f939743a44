import { useRef, useState } from 'react';
import { useAppStore } from './store';
import { api } from '../api/api';
import { ImportButtons } from '../features/articles/ImportButton';
import { ExportButtons } from '../features/export/ExportButtons';
import { MergeButtons } from '../features/merge/MergeButtons';
import { ProjectMemoButton } from '../features/memos/ProjectMemoButton';
import { useBackupRestore } from './BackupRestore';
import { useProjectCheck } from './ProjectCheck';
import { TeamControls } from '../features/team/TeamControls';
import { PopupMenu, type MenuAnchor } from './PopupMenu';
import { UndoRedoButtons } from './UndoHistory';

export function Toolbar() {
  const { project, setProject, attempt } = useAppStore();
  const { openRestore } = useBackupRestore();
  const { openCheck } = useProjectCheck();
  const [menuAt, setMenuAt] = useState<MenuAnchor | null>(null);
  // A press on the button while the menu is open closes it (the menu closes on any press outside); the click that
  // follows must not open it again.
  const wasOpen = useRef(false);
  const close = async () => {
    await attempt(() => api['project.close']({}));
    setProject(null);
  };
  return (
    <header className="toolbar">
      <button
        type="button"
        className="project-menu-button"
        data-testid="project-menu-button"
        title={project?.path}
        aria-haspopup="menu"
        aria-expanded={Boolean(menuAt)}
        onPointerDown={() => (wasOpen.current = Boolean(menuAt))}
        onClick={(e) => {
          if (wasOpen.current) {
            wasOpen.current = false;
            return;
          }
          const r = e.currentTarget.getBoundingClientRect();
          setMenuAt({ x: r.left, y: r.bottom + 2 });
        }}
      >
        <strong className="project-name">{project?.name}</strong>
        {project?.readOnly && <span className="read-only-badge">read-only</span>}
        <span aria-hidden className="project-menu-caret">
          ▾
        </span>
      </button>
      <span className="toolbar-divider" aria-hidden />
      <UndoRedoButtons />
      <span className="toolbar-divider" aria-hidden />
      <ImportButtons />
      <span className="toolbar-divider" aria-hidden />
      <ExportButtons />
      <span className="toolbar-divider" aria-hidden />
      <MergeButtons />
      <span className="toolbar-divider" aria-hidden />
      <ProjectMemoButton />
      <span className="spacer" />
      <TeamControls />
      <button type="button" onClick={() => void close()}>
        Close project
      </button>
      {menuAt && (
        <PopupMenu
          label="Project"
          at={menuAt}
          onClose={() => setMenuAt(null)}
          items={[
            { label: 'Check project…', onSelect: openCheck, testId: 'project-menu-check' },
            { label: 'Restore from backup…', disabled: project?.readOnly, onSelect: openRestore, testId: 'project-menu-restore' },
            { separator: true },
            { label: 'Close project', onSelect: () => void close() },
          ]}
        />
      )}
    </header>
  );
}

