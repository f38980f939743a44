import type { ReactNode } from 'react';

export interface CancelConfirmActionsProps {
  /** Closes the dialog with nothing done. */
  onCancel(): void;
  /** Set while the action runs, so the dialog is not closed under it. */
  cancelDisabled?: boolean;
  confirmLabel: ReactNode;
  onConfirm(): void;
  confirmDisabled?: boolean;
  confirmTestId?: string;
  /** Further steps (a Preview button) between Cancel and the primary action. */
  children?: ReactNode;
}

/**
 * The footer most of Gloss's dialogs share, for a Dialog's `actions`: Cancel first, the primary action last, so
 * every dialog reads and tabs the same way.
 */
export function CancelConfirmActions({ onCancel, cancelDisabled, confirmLabel, onConfirm, confirmDisabled, confirmTestId, children }: CancelConfirmActionsProps) {
  return (
    <>
      <button type="button" onClick={onCancel} disabled={cancelDisabled}>
        Cancel
      </button>
      {children}
      <button type="button" className="primary" disabled={confirmDisabled} onClick={onConfirm} data-testid={confirmTestId}>
        {confirmLabel}
      </button>
    </>
  );
}
