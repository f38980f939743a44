import type { Memo, MemoTarget } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import { MemoEditor } from './MemoEditor';

interface MemoDialogProps {
  target: MemoTarget;
  /** "Project memo", "Memo: Gaza ceasefire talks stall". */
  title: string;
  /** A line under the title saying what the memo is for. */
  about?: string;
  onClose(): void;
  onSaved?(memo: Memo): void;
}

/** A memo in a dialog of its own, for things that have no panel to hold one (the project, an article). */
export function MemoDialog({ target, title, about, onClose, onSaved }: MemoDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="memo-dialog"
      className="memo-dialog"
      actions={
        <button type="button" className="primary" data-testid="memo-dialog-done" onClick={onClose}>
          Done
        </button>
      }
    >
      {about && <p className="memo-dialog-about muted">{about}</p>}
      <MemoEditor target={target} label={title} testId="memo-dialog-editor" size="roomy" autoFocus onSaved={onSaved} />
    </Dialog>
  );
}
