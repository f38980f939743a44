import { useState, type FormEvent } from 'react';
import { Dialog } from '../../app/Dialog';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

interface CodeSetNameDialogProps {
  title: string;
  initialName?: string;
  confirmLabel: string;
  /** Resolves to an error message to show beside the field, or null once the set was saved. */
  onSubmit(name: string): Promise<string | null>;
  onClose(): void;
}

/** Names a new code set or renames one; a refusal (a name in use) is shown next to the field, in plain words. */
export function CodeSetNameDialog({ title, initialName = '', confirmLabel, onSubmit, onClose }: CodeSetNameDialogProps) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!name.trim()) {
      setError('A code set needs a name.');
      return;
    }
    setBusy(true);
    const refusal = await onSubmit(name.trim());
    setBusy(false);
    if (refusal) setError(refusal);
    else onClose();
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="code-set-name-dialog"
      actions={
        <CancelConfirmActions onCancel={onClose} confirmLabel={confirmLabel} confirmTestId="code-set-name-save" confirmDisabled={busy} onConfirm={() => void submit()} />
      }
    >
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            maxLength={200}
            aria-invalid={error !== null}
            aria-describedby={error ? 'code-set-name-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            data-testid="code-set-name-input"
          />
        </label>
        {error && (
          <p id="code-set-name-error" className="field-error" role="alert" data-testid="code-set-name-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
