import { useEffect, useState } from 'react';
import { api, isDesktop } from '../api/api';
import type { RecentProject } from '../../src-main/contract/types';
import { useAppStore } from './store';
import { ProjectLibrary } from './ProjectLibrary';

export function StartScreen() {
  const { setProject, attempt } = useAppStore();
  const [recent, setRecent] = useState<RecentProject[]>([]);
  const [name, setName] = useState('');

  useEffect(() => {
    // The web host lists its own projects by name (ProjectLibrary); recent projects are the desktop app's, with paths.
    if (isDesktop) void attempt(() => api['project.recent']({})).then((r) => r && setRecent(r.items));
  }, [attempt]);

  const create = async () => {
    const p = await attempt(() => api['project.create'](isDesktop ? {} : { name: name.trim() || 'Untitled' }));
    if (p) setProject(p);
  };
  const open = async (path?: string) => {
    const p = await attempt(() => api['project.open'](path ? { path } : {}));
    if (p) setProject(p);
  };
  const sample = async () => {
    const p = await attempt(() => api['project.openSample']({}));
    if (p) setProject(p);
  };
  // Each action reports its own failure (attempt shows a notice and resolves): nothing is left to await in a click.

  return (
    <main className="start">
      <h1>Gloss</h1>
      <p className="tagline">Import articles, highlight passages, code them, export exact offsets.</p>
      <section className="start-actions">
        {!isDesktop && (
          <label className="field">
            <span>Project name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Gaza coverage 2024" aria-label="Project name" />
          </label>
        )}
        <button type="button" className="primary" onClick={() => void create()}>
          New project
        </button>
        {isDesktop && (
          <button type="button" onClick={() => void open()}>
            Open project…
          </button>
        )}
        <button type="button" onClick={() => void sample()}>
          Open sample project
        </button>
      </section>
      {!isDesktop && <ProjectLibrary />}
      {isDesktop && (
      <section className="recent">
        <h2>Recent projects</h2>
        {recent.length === 0 ? (
          <p className="muted">No recent projects yet.</p>
        ) : (
          <ul>
            {recent.map((r) => (
              <li key={r.path}>
                <button type="button" className="link" disabled={!r.exists} onClick={() => void open(r.path)} title={r.path}>
                  {r.name}
                </button>
                <span className="muted"> {r.exists ? r.path : `${r.path} (missing)`}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      )}
    </main>
  );
}
