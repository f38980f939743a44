import { useAppStore } from './store';
import { api } from '../api/api';
import { ImportButtons } from '../features/articles/ImportButton';
import { ExportButtons } from '../features/export/ExportButtons';
import { CoderSetting } from './CoderSetting';

export function Toolbar() {
  const { project, setProject, attempt } = useAppStore();
  return (
    <header className="toolbar">
      <strong className="project-name" title={project?.path}>
        {project?.name}
        {project?.readOnly && <span className="read-only-badge">read-only</span>}
      </strong>
      <span className="toolbar-divider" aria-hidden />
      <ImportButtons />
      <span className="toolbar-divider" aria-hidden />
      <ExportButtons />
      <span className="spacer" />
      <CoderSetting />
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
