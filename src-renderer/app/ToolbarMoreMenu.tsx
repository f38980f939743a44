import { useRef, useState } from 'react';
import { useImport } from '../features/articles/import/ImportProvider';
import { useExport } from '../features/export/ExportProvider';
import { MemoDialog } from '../features/memos/MemoDialog';
import { PopupMenu, anchorBelow, type MenuAnchor } from './PopupMenu';
import { useAppStore } from './store';

/**
 * The toolbar's import, export and memo actions as one menu, shown instead of them when the window is too narrow
 * for the full bar (the CSS shows it only in `.toolbar.collapsed`).
 */
export function ToolbarMoreMenu() {
  const { project } = useAppStore();
  const { importFromPicker, progress } = useImport();
  const { busy, exportJson, exportCsv, exportRefi, exportAnnotations, openAnnotationImport } = useExport();
  const [at, setAt] = useState<(MenuAnchor & { alignRight?: boolean }) | null>(null);
  const [memoOpen, setMemoOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const exporting = busy !== null;
  const close = () => {
    setAt(null);
    // Focus goes back to the button that opened the menu, never to the page.
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="toolbar-more"
        data-testid="toolbar-more-button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onPointerDown={() => (wasOpen.current = at !== null)}
        onClick={(e) => {
          if (wasOpen.current) {
            wasOpen.current = false;
            return;
          }
          setAt(anchorBelow(e.currentTarget));
        }}
      >
        More <span aria-hidden>▾</span>
      </button>
      {at && (
        <PopupMenu
          label="More"
          at={at}
          onClose={close}
          items={[
            { label: 'Import files…', disabled: progress !== null, onSelect: () => importFromPicker('files'), testId: 'more-import-files' },
            { label: 'Import folder…', disabled: progress !== null, onSelect: () => importFromPicker('folder'), testId: 'more-import-folder' },
            { label: 'Import annotations…', onSelect: openAnnotationImport, testId: 'more-import-annotations' },
            { separator: true },
            { label: 'Export JSON…', disabled: exporting, onSelect: exportJson, testId: 'more-export-json' },
            { label: 'Export CSV…', disabled: exporting, onSelect: exportCsv, testId: 'more-export-csv' },
            { label: 'Export REFI-QDA…', disabled: exporting, onSelect: () => exportRefi('qdpx'), testId: 'more-export-qdpx' },
            { label: 'Export codebook (.qdc)…', disabled: exporting, onSelect: () => exportRefi('qdc'), testId: 'more-export-qdc' },
            { label: 'Export W3C Web Annotation…', disabled: exporting, onSelect: () => exportAnnotations('webannotation') },
            { label: 'Export doccano…', disabled: exporting, onSelect: () => exportAnnotations('doccano') },
            { label: 'Export Label Studio…', disabled: exporting, onSelect: () => exportAnnotations('labelstudio') },
            { label: 'Export brat standoff…', disabled: exporting, onSelect: () => exportAnnotations('brat') },
            { separator: true },
            { label: 'Project memo', onSelect: () => setMemoOpen(true), testId: 'more-project-memo' },
          ]}
        />
      )}
      {memoOpen && (
        <MemoDialog
          target={{ kind: 'project' }}
          title="Project memo"
          about={`Notes on ${project?.name ?? 'this project'}: research questions, decisions about the codebook, the sample.`}
          onClose={() => setMemoOpen(false)}
        />
      )}
    </>
  );
}
