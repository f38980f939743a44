import { ImportProvider } from '../features/articles/import/ImportProvider';
import { ImportDropZone } from '../features/articles/import/ImportDropZone';
import { ImportStatus } from '../features/articles/import/ImportStatus';
import { ExportProvider } from '../features/export/ExportProvider';
import { MergeProvider } from '../features/merge/MergeProvider';
import { AppStoreProvider, useAppStore } from './store';
import { BackupRestoreProvider } from './BackupRestore';
import { ProjectCheckProvider } from './ProjectCheck';
import { MenuCommands } from './MenuCommands';
import { StartScreen } from './StartScreen';
import { UndoHistoryProvider } from './UndoHistory';
import { Workbench } from './Workbench';
import { Notices } from './Notices';

function Shell() {
  const { project, projectKnown, workbenchEpoch } = useAppStore();
  return (
    <ImportProvider>
      <ExportProvider>
        <MergeProvider>
        <UndoHistoryProvider>
          <BackupRestoreProvider>
            <ProjectCheckProvider>
              <MenuCommands />
              <ImportDropZone />
              {/* Keyed by project (and by restores), so filters, selections and half-typed names never leak from one project into another. */}
              {!projectKnown ? null : project ? <Workbench key={`${project.path}#${workbenchEpoch}`} /> : <StartScreen />}
              <ImportStatus />
              <Notices />
            </ProjectCheckProvider>
          </BackupRestoreProvider>
        </UndoHistoryProvider>
        </MergeProvider>
      </ExportProvider>
    </ImportProvider>
  );
}

export function App() {
  return (
    <AppStoreProvider>
      <Shell />
    </AppStoreProvider>
  );
}
