import { useEffect, useRef, useState } from 'react';

interface CodingMemoFieldProps {
  memo: string;
  label: string;
  onSave(memo: string): Promise<unknown>;
}

/**
 * A coding's memo. Saves when the field loses focus, on Ctrl+Enter (Cmd+Enter) or when the popover closes, and
 * only if it changed; the draft survives reloads of the coding list so a save elsewhere does not wipe what is
 * being typed.
 */
export function CodingMemoField({ memo, label, onSave }: CodingMemoFieldProps) {
  const [draft, setDraft] = useState(memo);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const saved = useRef(memo);
  const editing = useRef(false);
  const pending = useRef({ draft, onSave });
  pending.current = { draft, onSave };

  // Closing the popover removes the field without a blur event, so an unsaved draft is saved on the way out.
  useEffect(
    () => () => {
      const { draft: last, onSave: saveLast } = pending.current;
      if (last !== saved.current) void saveLast(last);
    },
    [],
  );

  useEffect(() => {
    saved.current = memo;
    if (!editing.current) setDraft(memo);
  }, [memo]);

  const save = async () => {
    const value = draft;
    if (value === saved.current) return;
    // Counted as saved from the start, so a blur followed by closing the popover does not send it twice.
    const before = saved.current;
    saved.current = value;
    setState('saving');
    const result = await onSave(value);
    if (result === undefined) {
      saved.current = before;
      setState('idle');
    } else setState('saved');
  };

  return (
    <label className="coding-memo">
      <span className="coding-memo-label">
        Memo {state === 'saving' ? '· saving…' : state === 'saved' && draft === saved.current ? '· saved' : ''}
      </span>
      <textarea
        value={draft}
        aria-label={label}
        data-testid="coding-memo"
        rows={3}
        placeholder="Why this passage has this code…"
        onFocus={() => (editing.current = true)}
        onChange={(e) => {
          setDraft(e.target.value);
          setState('idle');
        }}
        onBlur={() => {
          editing.current = false;
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
    </label>
  );
}
