import { MemoEditor } from '../memos/MemoEditor';

interface CodingMemoFieldProps {
  codingId: number;
  label: string;
}

/**
 * A coding's memo, as rich text. It saves while typing, when left and when the popover closes; the host announces
 * each save, so the coded-passages view and the reader's copy of the coding show the new memo.
 */
export function CodingMemoField({ codingId, label }: CodingMemoFieldProps) {
  return (
    <div className="coding-memo">
      <span className="coding-memo-label" aria-hidden="true">
        Memo
      </span>
      <MemoEditor
        target={{ kind: 'coding', id: codingId }}
        label={label}
        testId="coding-memo"
        placeholder="Why this passage has this code…"
      />
    </div>
  );
}
