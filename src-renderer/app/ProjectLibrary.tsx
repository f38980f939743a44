import { useCallback, useEffect, useRef, useState } from 'react';
import { api, bridge } from '../api/api';
import type { LibraryProject, TrashedProject } from '../../src-main/contract/types';
import { useAppStore } from './store';

/**
 * The web host's projects (issue 14): those in its data folder, by name — made here, uploaded with *Open project…*,
 * or put there with the `gloss` command — to open, rename or delete (to a trash inside the data folder; *Undo* and
 * the trash list bring it back). The browser never names a file on disk: it uploads a project and uses the names the
 * host lists.
 */
export function ProjectLibrary() {
  const { setProject, attempt, notify } = useAppStore();
  const [items, setItems] = useState<LibraryProject[] | null>(null);
  const [trash, setTrash] = useState<TrashedProject[]>([]);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [renameError, setRenameError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const list = await attempt(() => api['projects.list']({}));
    if (list) {
      setItems(list.items);
      setTrash(list.trash);
    }
  }, [attempt]);
  useEffect(() => {
    // The list comes from the host (an external system); its state is set once the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  const open = async (name: string) => {
    const p = await attempt(() => api['projects.open']({ name }));
    if (p) setProject(p);
  };
  const openUploaded = async (file: File) => {
    if (!bridge.upload) return;
    setUploading(true);
    try {
      const reply = await attempt(async () => api['projects.upload']({ upload: await bridge.upload!(file, file.name) }));
      if (reply) setProject(reply.project);
      else void refresh();
    } finally {
      setUploading(false);
    }
  };
  const restore = async (item: TrashedProject) => {
    const r = await attempt(() => api['projects.restore']({ id: item.id }));
    if (r) notify(`${r.name} is back.`);
    void refresh();
  };
  const remove = async (name: string) => {
    const trashed = await attempt(() => api['projects.delete']({ name }));
    void refresh();
    if (trashed) notify(`${name} was moved to the trash.`, 'info', { label: 'Undo', run: () => void restore(trashed) });
  };
  const startRename = (name: string) => {
    setRenaming(name);
    setNewName(name.replace(/\.gloss$/i, ''));
    setRenameError(null);
  };
  const rename = async (name: string) => {
    // The error goes next to the field, in the words of the host (never a toast far from it).
    try {
      await api['projects.rename']({ name, newName: newName.trim() });
      setRenaming(null);
      void refresh();
    } catch (err) {
      setRenameError((err as Error).message.replace(/^projects\.rename: /, ''));
    }
  };

  return (
    <section className="recent" data-testid="project-library" aria-labelledby="project-library-title">
      <h2 id="project-library-title">Projects</h2>
      <p>
        <button type="button" data-testid="project-upload" disabled={uploading} onClick={() => fileInput.current?.click()}>
          {uploading ? 'Opening…' : 'Open project…'}
        </button>{' '}
        <span className="muted">A .gloss file from this computer; a copy joins the projects below.</span>
        <input
          ref={fileInput}
          type="file"
          accept=".gloss"
          hidden
          data-testid="project-upload-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openUploaded(file);
          }}
        />
      </p>
      {items === null ? null : items.length === 0 ? (
        <p className="muted">No projects yet.</p>
      ) : (
        <ul>
          {items.map((p) => (
            <li key={p.name} data-testid="library-project" data-name={p.name}>
              {renaming === p.name ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void rename(p.name);
                  }}
                >
                  <label className="field">
                    <span>New name for {p.name}</span>
                    <input
                      value={newName}
                      autoFocus
                      onChange={(e) => setNewName(e.target.value)}
                      aria-invalid={renameError !== null}
                      aria-describedby={renameError ? 'project-rename-error' : undefined}
                      data-testid="library-rename-input"
                    />
                  </label>
                  <button type="submit" data-testid="library-rename-confirm">
                    Rename
                  </button>{' '}
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                  {renameError && (
                    <p className="field-error" id="project-rename-error" role="alert" data-testid="library-rename-error">
                      {renameError}
                    </p>
                  )}
                </form>
              ) : (
                <>
                  <button type="button" className="link" onClick={() => void open(p.name)} data-testid="library-open">
                    {p.name.replace(/\.gloss$/i, '')}
                  </button>
                  <span className="muted"> {p.open ? 'open' : new Date(p.modifiedAt).toLocaleString()}</span>{' '}
                  <button type="button" onClick={() => startRename(p.name)} aria-label={`Rename ${p.name}`} data-testid="library-rename">
                    Rename
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => void remove(p.name)}
                    disabled={p.open}
                    title={p.open ? 'The open project cannot be deleted; close it first.' : undefined}
                    aria-label={`Delete ${p.name}`}
                    data-testid="library-delete"
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {trash.length > 0 && (
        <details data-testid="library-trash">
          <summary>Trash ({trash.length})</summary>
          <ul>
            {trash.map((t) => (
              <li key={t.id}>
                {t.name} <span className="muted">deleted {new Date(t.deletedAt).toLocaleString()}</span>{' '}
                <button type="button" onClick={() => void restore(t)} aria-label={`Restore ${t.name}`} data-testid="library-restore">
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
