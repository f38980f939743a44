import { AppStoreProvider, useAppStore } from './store';
import { StartScreen } from './StartScreen';
import { Workbench } from './Workbench';
import { Notices } from './Notices';

function Shell() {
  const { project } = useAppStore();
  return (
    <>
      {project ? <Workbench /> : <StartScreen />}
      <Notices />
    </>
  );
}

export function App() {
  return (
    <AppStoreProvider>
      <Shell />
    </AppStoreProvider>
  );
}
