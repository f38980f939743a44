import { useState } from 'react';
import { useAppStore } from '../../app/store';
import { MemoDialog } from './MemoDialog';

/** Toolbar button for the project's memo: research questions, decisions about the codebook, the sampling frame. */
export function ProjectMemoButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="project-memo-button" title="Notes about the whole project" onClick={() => setOpen(true)}>
        Project memo
      </button>
      {open && <ProjectMemoDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** The project memo in a dialog, opened from the toolbar button or, when the bar is folded, from its More menu. */
export function ProjectMemoDialog({ onClose }: { onClose(): void }) {
  const { project } = useAppStore();
  return (
    <MemoDialog
      target={{ kind: 'project' }}
      title="Project memo"
      about={`Notes on ${project?.name ?? 'this project'}: research questions, decisions about the codebook, the sample.`}
      onClose={onClose}
    />
  );
}
