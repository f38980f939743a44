import { useAppStore } from '../../app/store';
import { useMerge } from './MergeProvider';

/** The toolbar's way in (the web host has no native menu; the app has File ▸ Merge Teammate's Work… too). */
export function MergeButtons() {
  const { project } = useAppStore();
  const { openMerge, openForCoder } = useMerge();
  return (
    <>
      <button type="button" className="toolbar-secondary" data-testid="merge-button" disabled={project?.readOnly} onClick={openMerge} title="Add a teammate's codings from their .gloss project, a Gloss JSON export or a REFI-QDA .qdpx">
        Merge teammate's work…
      </button>
      <button type="button" className="toolbar-secondary" data-testid="export-for-coder-button" onClick={openForCoder} title="A new project with chosen articles and the codebook, without others' codings">
        Export for a coder…
      </button>
    </>
  );
}
