import { useEffect } from 'react';
import { useLatest } from './useLatest';
import { api, bridge } from '../api/api';
import type { MenuCommand } from '../../src-main/contract/types';
import { useImport } from '../features/articles/import/ImportProvider';
import { useExport } from '../features/export/ExportProvider';
import { useMerge } from '../features/merge/MergeProvider';
import { useBackupRestore } from './BackupRestore';
import { useProjectCheck } from './ProjectCheck';
import { useAppStore } from './store';
import { useUndoHistory } from './UndoHistory';

/**
 * The desktop menu forwards its items here, so File ▸ Import or Export runs exactly the flow the toolbar runs
 * (progress, report, the CSV options dialog). Mounted once; renders nothing.
 */
export function MenuCommands() {
  const { setProject, attempt } = useAppStore();
  const { importFromPicker } = useImport();
  const { exportJson, exportCsv, exportRefi, openAnnotationImport } = useExport();
  const { runMenuCommand } = useUndoHistory();
  const { openMerge, openForCoder } = useMerge();
  const { openRestore } = useBackupRestore();
  const { openCheck } = useProjectCheck();

  const run = (command: MenuCommand) => {
    switch (command) {
      case 'project.new':
        return void attempt(() => api['project.create']({})).then((p) => p && setProject(p));
      case 'project.open':
        return void attempt(() => api['project.open']({})).then((p) => p && setProject(p));
      case 'import.files':
        return importFromPicker('files');
      case 'import.folder':
        return importFromPicker('folder');
      case 'import.annotations':
        return openAnnotationImport();
      case 'export.json':
        return exportJson();
      case 'export.csv':
        return exportCsv();
      case 'export.qdpx':
        return exportRefi('qdpx');
      case 'export.qdc':
        return exportRefi('qdc');
      case 'project.merge':
        return openMerge();
      case 'export.forCoder':
        return openForCoder();
      case 'history.undo':
        return runMenuCommand('undo');
      case 'history.redo':
        return runMenuCommand('redo');
      case 'backups.restore':
        return openRestore();
      case 'project.check':
        return openCheck();
    }
  };
  // The subscription lives as long as the app; it always calls the latest flows.
  const latest = useLatest(run);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type === 'menu.command') latest.current(event.command);
      }),
    [latest],
  );
  return null;
}
