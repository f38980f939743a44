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
        {/* Keyed by project, so filters, selections and half-typed names never leak from one project into another. */}
        {project ? <Workbench key={project.path} /> : <StartScreen />}
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
