import { useState } from 'react';
import { useImport } from '../features/articles/import/ImportProvider';
import { useExport } from '../features/export/ExportProvider';
import { useMerge } from '../features/merge/MergeProvider';
import { ProjectMemoDialog } from '../features/memos/ProjectMemoButton';
import { MenuButton } from './MenuButton';
import type { MenuItem } from './PopupMenu';
import { useAppStore } from './store';
import type { ToolbarLevel } from './Toolbar';

/**
 * The toolbar's actions that its width no longer holds, as one menu: the secondary exports (level medium), or all
 * imports, exports and the project memo (level narrow). The CSS shows it only when the bar is folded.
 */
export function ToolbarMoreMenu({ level }: { level: ToolbarLevel }) {
  const { project } = useAppStore();
  const { importFromPicker, progress } = useImport();
  const { busy, exportJson, exportCsv, exportRefi, exportAnnotations, openAnnotationImport } = useExport();
  const { openMerge, openForCoder } = useMerge();
  const [memoOpen, setMemoOpen] = useState(false);
  const exporting = busy !== null;
  const primary: MenuItem[] = [
    { label: 'Import files…', disabled: progress !== null, onSelect: () => importFromPicker('files'), testId: 'more-import-files' },
    { label: 'Import folder…', disabled: progress !== null, onSelect: () => importFromPicker('folder'), testId: 'more-import-folder' },
    { label: 'Export JSON…', disabled: exporting, onSelect: exportJson, testId: 'more-export-json' },
    { label: 'Export CSV…', disabled: exporting, onSelect: exportCsv, testId: 'more-export-csv' },
  ];
  const secondary: MenuItem[] = [
    { label: 'Export REFI-QDA…', disabled: exporting, onSelect: () => exportRefi('qdpx'), testId: 'more-export-qdpx' },
    { label: 'Export codebook (.qdc)…', disabled: exporting, onSelect: () => exportRefi('qdc'), testId: 'more-export-qdc' },
    { label: 'Import annotations…', onSelect: openAnnotationImport, testId: 'more-import-annotations' },
    { label: 'Export W3C Web Annotation…', disabled: exporting, onSelect: () => exportAnnotations('webannotation'), testId: 'more-export-webannotation' },
    { label: 'Export doccano…', disabled: exporting, onSelect: () => exportAnnotations('doccano'), testId: 'more-export-doccano' },
    { label: 'Export Label Studio…', disabled: exporting, onSelect: () => exportAnnotations('labelstudio'), testId: 'more-export-labelstudio' },
    { label: 'Export brat standoff…', disabled: exporting, onSelect: () => exportAnnotations('brat'), testId: 'more-export-brat' },
    { separator: true },
    { label: "Merge teammate's work…", disabled: project?.readOnly, onSelect: openMerge, testId: 'more-merge' },
    { label: 'Export for a coder…', onSelect: openForCoder, testId: 'more-export-for-coder' },
  ];
  const memo: MenuItem = { label: 'Project memo', onSelect: () => setMemoOpen(true), testId: 'more-project-memo' };
  return (
    <>
      <MenuButton
        menuLabel="More"
        className="toolbar-more"
        testId="toolbar-more-button"
        refocusOnClose
        items={level === 'narrow' ? [...primary, { separator: true }, ...secondary, { separator: true }, memo] : secondary}
      >
        More <span aria-hidden>▾</span>
      </MenuButton>
      {memoOpen && <ProjectMemoDialog onClose={() => setMemoOpen(false)} />}
    </>
  );
}
