import { useState } from 'react';

interface InlineRenameProps {
  initial: string;
  /** The new name, or null when nothing changes (Esc, an empty or unchanged name). */
  onDone(name: string | null): void;
  label: string;
  testId: string;
  maxLength?: number;
}

/**
 * A name edited in place in a list row. Enter or leaving the field saves; Esc keeps the old name. Clicks and keys stay
 * in the field, so the row under it neither selects, opens nor moves while typing.
 */
export function InlineRename({ initial, onDone, label, testId, maxLength }: InlineRenameProps) {
  const [value, setValue] = useState(initial);
  const finish = (save: boolean) => onDone(save && value.trim() && value.trim() !== initial ? value.trim() : null);
  return (
    <input
      className="inline-rename"
      data-testid={testId}
      aria-label={label}
      value={value}
      maxLength={maxLength}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        if (e.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}
