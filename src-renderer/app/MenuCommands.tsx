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

  // Record: every menu command must have its flow, or this does not compile.
  const flows: Record<MenuCommand, () => void> = {
    'project.new': () => void attempt(() => api['project.create']({})).then((p) => p && setProject(p)),
    'project.open': () => void attempt(() => api['project.open']({})).then((p) => p && setProject(p)),
    'import.files': () => importFromPicker('files'),
    'import.folder': () => importFromPicker('folder'),
    'import.annotations': openAnnotationImport,
    'export.json': exportJson,
    'export.csv': exportCsv,
    'export.qdpx': () => exportRefi('qdpx'),
    'export.qdc': () => exportRefi('qdc'),
    'project.merge': openMerge,
    'export.forCoder': openForCoder,
    'history.undo': () => runMenuCommand('undo'),
    'history.redo': () => runMenuCommand('redo'),
    'backups.restore': openRestore,
    'project.check': openCheck,
  };
  const run = (command: MenuCommand) => flows[command]();
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
