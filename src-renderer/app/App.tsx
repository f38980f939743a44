import { ImportProvider } from '../features/articles/import/ImportProvider';
import { ImportDropZone } from '../features/articles/import/ImportDropZone';
import { ImportStatus } from '../features/articles/import/ImportStatus';
import { ExportProvider } from '../features/export/ExportProvider';
import { AppStoreProvider, useAppStore } from './store';
import { MenuCommands } from './MenuCommands';
import { StartScreen } from './StartScreen';
import { Workbench } from './Workbench';
import { Notices } from './Notices';

function Shell() {
  const { project } = useAppStore();
  return (
    <ImportProvider>
      <ExportProvider>
        <MenuCommands />
        <ImportDropZone />
        {project ? <Workbench /> : <StartScreen />}
        <ImportStatus />
        <Notices />
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
