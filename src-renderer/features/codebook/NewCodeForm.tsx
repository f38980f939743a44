import { useState } from 'react';

interface NewCodeFormProps {
  parentName: string | null;
  depth: number;
  onCreate(name: string): Promise<boolean>;
  onClose(): void;
}

/**
 * Stays open after each code so a codebook can be typed in one go: name, Enter, next name. Esc (or leaving the
 * field empty) closes it.
 */
export function NewCodeForm({ parentName, depth, onCreate, onClose }: NewCodeFormProps) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    const ok = await onCreate(trimmed);
    setBusy(false);
    if (ok) setName('');
  };
  return (
    <form
      className="new-code-form"
      // Lined up with the names of the rows around it (past the fold toggle's column).
      style={{ paddingLeft: 6 + depth * 18 + 22 }}
      data-testid="new-code-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        data-testid="new-code-name"
        aria-label={parentName ? `New sub-code of ${parentName}` : 'New code name'}
        placeholder={parentName ? `Sub-code of “${parentName}”` : 'New code name'}
        value={name}
        maxLength={200}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
        onBlur={() => {
          if (!name.trim() && !busy) onClose();
        }}
      />
      <button type="submit" className="primary" disabled={!name.trim() || busy} data-testid="new-code-submit">
        Add
      </button>
      <button type="button" onClick={onClose} aria-label="Close new code form">
        ×
      </button>
    </form>
  );
}
