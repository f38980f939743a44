import { useLatest } from '../../app/useLatest';
import { useChanged } from '../../app/useChanged';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { newCodeFor } from '../reader/codeMatching';
import type { Code } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import type { CodeTree } from './codeTree';
import { CancelConfirmActions } from '../../app/CancelConfirmActions';

/** The pseudo-target "Top level" in the Move to… list. */
export const TOP_LEVEL = 'top' as const;
export type PickedTarget = Code | typeof TOP_LEVEL;

interface CodePickerDialogProps {
  title: string;
  intro: string;
  candidates: Code[];
  tree: CodeTree;
  allowTopLevel: boolean;
  confirmLabel: string;
  onPick(target: PickedTarget): void;
  /** When given, a typed name or path that is not a code yet is offered as "Create …" and confirmed with it. */
  onCreate?(path: string): void;
  /** When given, says what confirming with the chosen code would do (shown under the list before confirming). */
  describeChoice?(code: Code): Promise<string | null>;
  onClose(): void;
}

const CREATE = 'create' as const;

/** Choose a code from the codebook (the target of a move or merge), with a filter for long codebooks. */
export function CodePickerDialog({ title, intro, candidates, tree, allowTopLevel, confirmLabel, onPick, onCreate, describeChoice, onClose }: CodePickerDialogProps) {
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<PickedTarget | typeof CREATE | null>(null);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? candidates.filter((c) => c.path.toLowerCase().includes(f) || c.name.toLowerCase().includes(f)) : candidates;
  }, [candidates, filter]);
  const creatable = onCreate && filter.trim() ? newCodeFor(candidates, filter) : null;
  const isChosen = (t: PickedTarget) =>
    chosen !== null && chosen !== CREATE && (t === TOP_LEVEL ? chosen === TOP_LEVEL : chosen !== TOP_LEVEL && chosen.id === t.id);
  // The Create row went away (the filter no longer names a new code): nothing is chosen then. Adjusted while rendering.
  if (chosen === CREATE && !creatable) setChosen(null);
  const confirm = () => {
    if (chosen === CREATE) {
      if (creatable) onCreate?.(creatable.path);
    } else if (chosen !== null) onPick(chosen);
  };
  const [note, setNote] = useState<string | null>(null);
  // Asked again when the choice changes, not whenever the caller re-renders with a new function.
  const describe = useLatest(describeChoice);
  if (useChanged(chosen)) setNote(null);
  useEffect(() => {
    const ask = describe.current;
    if (!ask || chosen === null || chosen === CREATE || chosen === TOP_LEVEL) return;
    let current = true;
    void ask(chosen).then((text) => current && setNote(text));
    return () => {
      current = false;
    };
  }, [chosen, describe]);

  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="code-picker-dialog"
      className="code-picker"
      actions={
        <CancelConfirmActions onCancel={onClose} confirmLabel={confirmLabel} confirmTestId="code-picker-confirm" confirmDisabled={chosen === null} onConfirm={confirm} />
      }
    >
      <p className="muted">{intro}</p>
      <input
        type="search"
        placeholder="Filter codes"
        aria-label="Filter codes"
        value={filter}
        data-testid="code-picker-filter"
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          // Cancelled so the same keystroke cannot also press a button in the confirmation that may open next.
          e.preventDefault();
          const [only] = shown;
          if (only && shown.length === 1) onPick(only);
          else if (shown.length === 0 && creatable) onCreate?.(creatable.path);
        }}
      />
      <div className="code-picker-list" role="listbox" aria-label="Codes">
        {allowTopLevel && !filter.trim() && (
          <Option selected={isChosen(TOP_LEVEL)} depth={0} onChoose={() => setChosen(TOP_LEVEL)} onPick={() => onPick(TOP_LEVEL)} testId="code-picker-top-level">
            <em>Top level</em>
          </Option>
        )}
        {shown.map((c) => (
          <Option
            key={c.id}
            selected={isChosen(c)}
            depth={filter.trim() ? 0 : (tree.depth.get(c.id) ?? 0)}
            onChoose={() => setChosen(c)}
            onPick={() => onPick(c)}
            codeId={c.id}
          >
            <span className="code-swatch" style={{ background: c.color }} />
            {filter.trim() ? c.path : c.name}
          </Option>
        ))}
        {creatable && (
          <Option selected={chosen === CREATE} depth={0} onChoose={() => setChosen(CREATE)} onPick={() => onCreate?.(creatable.path)} testId="code-picker-create">
            <em>
              Create “{creatable.path}”{creatable.missing.length > 1 ? ` (also ${creatable.missing.slice(0, -1).map((m) => `“${m}”`).join(', ')})` : ''}
            </em>
          </Option>
        )}
        {shown.length === 0 && !creatable && <p className="muted">No code matches.</p>}
      </div>
      {note && (
        <p className="code-picker-note" role="status" data-testid="code-picker-note">
          {note}
        </p>
      )}
    </Dialog>
  );
}

function Option({
  selected,
  depth,
  onChoose,
  onPick,
  codeId,
  testId = 'code-picker-option',
  children,
}: {
  selected: boolean;
  depth: number;
  onChoose(): void;
  onPick(): void;
  codeId?: number;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="option"
      aria-selected={selected}
      tabIndex={0}
      className={selected ? 'code-picker-option selected' : 'code-picker-option'}
      style={{ paddingLeft: 8 + depth * 16 }}
      data-testid={testId}
      data-code-id={codeId}
      onClick={onChoose}
      onDoubleClick={onPick}
      onKeyDown={(e) => {
        if (e.key === ' ') {
          e.preventDefault();
          onChoose();
        } else if (e.key === 'Enter') {
          e.preventDefault();
          onPick();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const sibling = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
          if (sibling instanceof HTMLElement) sibling.focus();
        }
      }}
      onFocus={onChoose}
    >
      {children}
    </div>
  );
}
