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
  const { header, level } = useCollapsingToolbar();
  return (
    <header className={`toolbar toolbar-${level}`} ref={header} data-testid="toolbar" data-level={level}>
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
      <div className="toolbar-wide">
        <ImportButtons />
        <span className="toolbar-divider" aria-hidden />
        <ExportButtons />
        <span className="toolbar-divider" aria-hidden />
        <ProjectMemoButton />
      </div>
      <ToolbarMoreMenu level={level} />
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


/** full: every control; medium: the secondary exports in "More"; narrow: imports, exports and the memo in "More". */
export type ToolbarLevel = 'full' | 'medium' | 'narrow';

/**
 * Folds the toolbar step by step when it would not hold its controls on one row (instead of wrapping or squeezing
 * labels): first the secondary exports go into the "More" menu, then the imports, exports and memo too. The width
 * each level needs is measured while it is shown and remembered, so the bar unfolds as soon as the window allows.
 */
function useCollapsingToolbar() {
  const header = useRef<HTMLElement>(null);
  const [level, setLevel] = useState<ToolbarLevel>('full');
  const needs = useRef<Record<ToolbarLevel, number>>({ full: 0, medium: 0, narrow: 0 });
  useLayoutEffect(() => {
    const bar = header.current;
    if (!bar) return;
    const check = () => {
      const room = bar.clientWidth + 1;
      const need = needs.current;
      need[level] = Math.max(need[level], bar.scrollWidth);
      if (bar.scrollWidth > room) {
        if (level !== 'narrow') setLevel(level === 'full' ? 'medium' : 'narrow');
      } else if (level === 'narrow' && need.medium > 0 && need.medium <= room) setLevel(need.full > 0 && need.full <= room ? 'full' : 'medium');
      else if (level === 'medium' && need.full > 0 && need.full <= room) setLevel('full');
    };
    // The bar's own size does not change when its contents grow (a late web font, a longer project name), so its
    // children are watched too.
    const observer = new ResizeObserver(check);
    observer.observe(bar);
    for (const child of bar.querySelectorAll(':scope > *, .toolbar-wide > *')) observer.observe(child);
    check();
    return () => observer.disconnect();
  }, [level]);
  return { header, level };
}
