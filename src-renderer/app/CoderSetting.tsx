import { useEffect, useState } from 'react';
import { api } from '../api/api';
import { Dialog } from './Dialog';
import { useAppStore } from './store';

/** Toolbar button showing who codings are recorded as; opens a small dialog to change it. */
export function CoderSetting() {
  const { attempt, notify } = useAppStore();
  const [coderName, setCoderName] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');

  useEffect(() => {
    void attempt(() => api['settings.get']({})).then((s) => s && setCoderName(s.coderName));
  }, [attempt]);

  const save = async () => {
    const name = draft.trim();
    if (!name) return;
    const settings = await attempt(() => api['settings.update']({ coderName: name }));
    if (!settings) return;
    setCoderName(settings.coderName);
    setEditing(false);
    notify(`New codings will be recorded as “${settings.coderName}”.`);
  };

  return (
    <>
      <button
        type="button"
        className="toolbar-coder"
        data-testid="coder-button"
        title="The name recorded with every coding you make"
        onClick={() => {
          setDraft(coderName ?? '');
          setEditing(true);
        }}
      >
        Coder: <strong>{coderName ?? '…'}</strong>
      </button>
      {editing && (
        <Dialog
          title="Coder name"
          onClose={() => setEditing(false)}
          testId="coder-dialog"
          actions={
            <>
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
              <button type="submit" form="coder-form" className="primary" disabled={!draft.trim()}>
                Save
              </button>
            </>
          }
        >
          <form
            id="coder-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <p className="muted">Recorded with every coding you make, so the work of several coders can be told apart in exports. Existing codings keep their coder.</p>
            <label className="field">
              <span>Name</span>
              <input data-testid="coder-name" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} />
            </label>
          </form>
        </Dialog>
      )}
    </>
  );
}
