import { useId, useState } from 'react';
import { codePathProblem } from '../../../src-main/contract/codePath';

interface NewCodeFormProps {
  parentName: string | null;
  depth: number;
  /** Creates the code at the typed path; resolves to null when done, else to why not, in plain words. */
  onCreate(path: string): Promise<string | null>;
  onClose(): void;
}

/**
 * Stays open after each code so a codebook can be typed in one go: name, Enter, next name. What is typed is a code
 * path (contract/codePath.ts): "Frames/Humanitarian" makes Frames too, "\/" is a "/" inside a name. A problem is
 * said beside the field, in plain words, and stays until the text changes. Esc (or leaving the field empty) closes.
 */
export function NewCodeForm({ parentName, depth, onCreate, onClose }: NewCodeFormProps) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const submit = async () => {
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    const problem = codePathProblem(trimmed);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const refusal = await onCreate(trimmed);
    setBusy(false);
    setError(refusal);
    if (!refusal) setName('');
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
      <div className="new-code-row">
        <input
          data-testid="new-code-name"
          aria-label={parentName ? `New sub-code of ${parentName}` : 'New code name'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          placeholder={parentName ? `Sub-code of “${parentName}”` : 'New code, or Parent/Child'}
          value={name}
          maxLength={10_000}
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
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
      </div>
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid="new-code-error">
          {error}
        </p>
      )}
    </form>
  );
}
