import { useEffect, useState } from 'react';
import { useImport } from './ImportProvider';

const carriesFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));

/**
 * Files dropped anywhere on the window are imported. Listens on the window in the capture phase so no pane (the
 * reader's editor above all) can swallow the drop or let the browser navigate to the file. Drags that carry no files
 * (codes being reordered, text being moved) are left alone.
 */
export function ImportDropZone() {
  const { importDropped } = useImport();
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setOver(true);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setOver(false);
      importDropped(e.dataTransfer!);
    };
    window.addEventListener('dragenter', onEnter, true);
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragenter', onEnter, true);
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [importDropped]);

  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden>
      <div className="drop-overlay-message">Drop text, Word, PDF or RTF files, or folders, to import them</div>
    </div>
  );
}
