import { useLayoutEffect, useRef, useState } from 'react';
import { ToolbarMoreMenu } from './ToolbarMoreMenu';
import { useAppStore } from './store';
import { api } from '../api/api';
import { ImportButtons } from '../features/articles/ImportButton';
import { ExportButtons } from '../features/export/ExportButtons';
import { MergeButtons } from '../features/merge/MergeButtons';
import { ProjectMemoButton } from '../features/memos/ProjectMemoButton';
import { useBackupRestore } from './BackupRestore';
import { useProjectCheck } from './ProjectCheck';
import { TeamControls } from '../features/team/TeamControls';
import { MenuButton } from './MenuButton';
import type { MenuAnchor } from './PopupMenu';
import { UndoRedoButtons } from './UndoHistory';

/** The project menu opens under the project's name, left edges aligned. */
function projectMenuAnchor(button: HTMLElement): MenuAnchor {
  const r = button.getBoundingClientRect();
  return { x: r.left, y: r.bottom + 2 };
}

export function Toolbar() {
  const { project, setProject, attempt } = useAppStore();
  const { openRestore } = useBackupRestore();
  const { openCheck } = useProjectCheck();
  const close = async () => {
    await attempt(() => api['project.close']({}));
    setProject(null);
  };
  const { header, level } = useCollapsingToolbar();
  return (
    <header className={`toolbar toolbar-${level}`} ref={header} data-testid="toolbar" data-level={level}>
      <MenuButton
        menuLabel="Project"
        anchor={projectMenuAnchor}
        className="project-menu-button"
        testId="project-menu-button"
        title={project?.path}
        items={[
          { label: 'Check project…', onSelect: openCheck, testId: 'project-menu-check' },
          { label: 'Restore from backup…', disabled: project?.readOnly, onSelect: openRestore, testId: 'project-menu-restore' },
          { separator: true },
          { label: 'Close project', onSelect: () => void close() },
        ]}
      >
        <strong className="project-name">{project?.name}</strong>
        {project?.readOnly && <span className="read-only-badge">read-only</span>}
        <span aria-hidden className="project-menu-caret">
          ▾
        </span>
      </MenuButton>
      <span className="toolbar-divider" aria-hidden />
      <UndoRedoButtons />
      <span className="toolbar-divider" aria-hidden />
      {/* In a narrow window these groups leave the bar for the "More" menu instead of wrapping onto a second row. */}
      <div className="toolbar-wide">
        <ImportButtons />
        <span className="toolbar-divider" aria-hidden />
        <ExportButtons />
        <span className="toolbar-divider toolbar-secondary" aria-hidden />
        <MergeButtons />
        <span className="toolbar-divider" aria-hidden />
        <ProjectMemoButton />
      </div>
      <ToolbarMoreMenu level={level} />
      <span className="spacer" />
      {/* One box from the first render, so the bar's size watch sees the coder controls arrive and grow. */}
      <span className="team-controls-box">
        <TeamControls />
      </span>
      <button type="button" onClick={() => void close()}>
        Close project
      </button>
    </header>
  );
}


/** full: every control; medium: the secondary exports in "More"; narrow: imports, exports and the memo in "More". */
export type ToolbarLevel = 'full' | 'medium' | 'narrow';

/**
 * Folds the toolbar step by step when it would not hold its controls on one row (instead of wrapping or squeezing
 * labels): first the secondary exports go into the "More" menu, then the imports, exports and memo too. Folded
 * controls stay laid out, invisible and out of the flow (see app.css), so the width every level needs is measured
 * the same way at any level: no level is chosen from a width seen only while an export was running.
 */
function useCollapsingToolbar() {
  const header = useRef<HTMLElement>(null);
  const [level, setLevel] = useState<ToolbarLevel>('full');
  useLayoutEffect(() => {
    const bar = header.current;
    if (!bar) return;
    const GAP = 6;
    const widths = (els: Iterable<Element>) => {
      let sum = 0;
      let n = 0;
      for (const el of els) {
        const w = el.getBoundingClientRect().width;
        if (w > 0) {
          sum += w;
          n++;
        }
      }
      return sum + GAP * n;
    };
    const check = () => {
      const wide = bar.querySelector('.toolbar-wide');
      const more = bar.querySelector('.toolbar-more');
      const always = [...bar.children].filter((el) => el !== wide && el !== more && !el.classList.contains('spacer'));
      const secondary = wide ? [...wide.querySelectorAll('.toolbar-secondary')] : [];
      const primary = wide ? [...wide.querySelectorAll(':scope > *, .export-buttons > *')].filter((el) => !el.classList.contains('export-buttons') && !el.classList.contains('export-progress') && !secondary.includes(el)) : [];
      const style = getComputedStyle(bar);
      // Margins (the dividers', the buttons') are not in the boxes measured: a margin of safety keeps the last control whole.
      const base = widths(always) + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 48;
      const room = bar.clientWidth;
      const moreWidth = more ? widths([more]) : 0;
      // A level seen overflowing at this width (some control measured smaller than it lays out) is not tried again
      // at this width or less: the bar settles on the next narrower level instead of flipping between the two.
      const shown = bar.dataset.level as ToolbarLevel | undefined;
      if (shown && shown !== 'narrow' && bar.scrollWidth > bar.clientWidth + 1) overflowedAt[shown] = Math.max(overflowedAt[shown], room);
      const fits = (level: 'full' | 'medium', need: number) => need <= room && room > overflowedAt[level];
      const next: ToolbarLevel = fits('full', base + widths(primary) + widths(secondary)) ? 'full' : fits('medium', base + widths(primary) + moreWidth) ? 'medium' : 'narrow';
      setLevel(next);
    };
    const overflowedAt: Record<'full' | 'medium', number> = { full: 0, medium: 0 };
    // The bar's own size does not change when its contents grow (a late web font, a longer project name), so its
    // controls are watched too.
    const observer = new ResizeObserver(check);
    observer.observe(bar);
    for (const el of bar.querySelectorAll(':scope > *, .toolbar-wide > *, .export-buttons > *')) observer.observe(el);
    check();
    return () => observer.disconnect();
  }, []);
  return { header, level };
}
