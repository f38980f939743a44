import { useAppStore } from './store';
import { api } from '../api/api';
import { ImportButton } from '../features/articles/ImportButton';
import { ExportButtons } from '../features/export/ExportButtons';

export function Toolbar() {
  const { project, setProject, attempt } = useAppStore();
  return (
    <header className="toolbar">
      <strong className="project-name" title={project?.path}>
        {project?.name}
      </strong>
      <ImportButton />
      <ExportButtons />
      <span className="spacer" />
      <button
        type="button"
        onClick={async () => {
          await attempt(() => api['project.close']({}));
          setProject(null);
        }}
      >
        Close project
      </button>
    </header>
  );
}
