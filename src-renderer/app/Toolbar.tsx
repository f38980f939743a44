import { useLayoutEffect, useRef, useState } from 'react';
import { ToolbarMoreMenu } from './ToolbarMoreMenu';
import { useAppStore } from './store';
import { api } from '../api/api';
import { ImportButtons } from '../features/articles/ImportButton';
import { ExportButtons } from '../features/export/ExportButtons';
import { ProjectMemoButton } from '../features/memos/ProjectMemoButton';
import { useBackupRestore } from './BackupRestore';
import { useProjectCheck } from './ProjectCheck';
import { CoderSetting } from './CoderSetting';
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
  const { header, wide, collapsed } = useCollapsingToolbar();
  return (
    <header className={collapsed ? 'toolbar collapsed' : 'toolbar'} ref={header} data-testid="toolbar">
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
      {/* In a narrow window these groups leave the bar for the "More" menu instead of wrapping onto a second row. */}
      <div className="toolbar-wide" ref={wide}>
        <ImportButtons />
        <span className="toolbar-divider" aria-hidden />
        <ExportButtons />
        <span className="toolbar-divider" aria-hidden />
        <ProjectMemoButton />
      </div>
      <ToolbarMoreMenu />
      <span className="spacer" />
      <CoderSetting />
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


/**
 * Collapses the toolbar's import, export and memo groups into the "More" menu when the bar would not hold them on
 * one row. The groups' full width is measured while they are shown and remembered, so the bar expands again as soon
 * as the window is wide enough for them.
 */
function useCollapsingToolbar() {
  const header = useRef<HTMLElement>(null);
  const wide = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState(false);
  const fullWidth = useRef(0);
  useLayoutEffect(() => {
    const bar = header.current;
    if (!bar) return;
    const check = () => {
      const groups = wide.current;
      if (groups && !groups.hidden && getComputedStyle(groups).display !== 'none') {
        // Shown: the bar needs its scroll width; any overflow means it no longer fits.
        fullWidth.current = Math.max(fullWidth.current, bar.scrollWidth);
        setCollapsed(bar.scrollWidth > bar.clientWidth + 1);
      } else setCollapsed(fullWidth.current > bar.clientWidth + 1);
    };
    const observer = new ResizeObserver(check);
    observer.observe(bar);
    check();
    return () => observer.disconnect();
  }, []);
  return { header, wide, collapsed };
}
