import { useState } from 'react';

/** "Save search…" opens a name field; Enter saves, Esc puts it away. A name already used replaces that search. */
export function SaveSearchField({ disabled, onSave }: { disabled: boolean; onSave(name: string): Promise<boolean> }) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  if (!naming) {
    return (
      <button type="button" data-testid="search-save" disabled={disabled} onClick={() => setNaming(true)}>
        Save search…
      </button>
    );
  }
  const save = async () => {
    if (!name.trim()) return;
    if (await onSave(name.trim())) {
      setNaming(false);
      setName('');
    }
  };
  return (
    <span className="search-save-field">
      <input
        autoFocus
        aria-label="Name for this search"
        placeholder="Name, e.g. Ceasefire demands"
        data-testid="search-save-name"
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            setNaming(false);
          }
        }}
      />
      <button type="button" className="primary" data-testid="search-save-confirm" disabled={!name.trim()} onClick={() => void save()}>
        Save
      </button>
      <button type="button" onClick={() => setNaming(false)}>
        Cancel
      </button>
    </span>
  );
}
