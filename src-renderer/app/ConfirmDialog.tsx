import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface ConfirmOptions {
  title: string;
  message?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** Styles the confirm button as destructive. Focus then starts on Cancel, so a stray Enter destroys nothing. */
  danger?: boolean;
  testId?: string;
}

interface ConfirmDialogProps extends ConfirmOptions {
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, message, confirmLabel = 'OK', cancelLabel = 'Cancel', danger, testId, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      testId={testId ?? 'confirm-dialog'}
      initialFocus={danger ? cancelRef : confirmRef}
      actions={
        <>
          <button type="button" ref={cancelRef} onClick={onCancel} data-testid="confirm-cancel">
            {cancelLabel}
          </button>
          <button type="button" ref={confirmRef} className={danger ? 'danger' : 'primary'} onClick={onConfirm} data-testid="confirm-ok">
            {confirmLabel}
          </button>
        </>
      }
    >
      {message}
    </Dialog>
  );
}

/**
 * `const [confirm, confirmDialog] = useConfirm()`: render `confirmDialog`, then `if (await confirm({...}))`.
 * Keeps flows such as "look up the impact, ask, then delete" in one readable async function.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [pending, setPending] = useState<(ConfirmOptions & { resolve(ok: boolean): void }) | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        setPending({ ...options, resolve });
      }),
    [],
  );
  const settle = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  const element = pending ? <ConfirmDialog {...pending} onConfirm={() => settle(true)} onCancel={() => settle(false)} /> : null;
  return [confirm, element];
}
