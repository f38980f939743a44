import { useMemo, useState, type ReactNode } from 'react';
import type { Code } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import type { CodeTree } from './codeTree';

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
  onClose(): void;
}

/** Choose a code from the codebook (the target of a move or merge), with a filter for long codebooks. */
export function CodePickerDialog({ title, intro, candidates, tree, allowTopLevel, confirmLabel, onPick, onClose }: CodePickerDialogProps) {
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<PickedTarget | null>(null);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? candidates.filter((c) => c.path.toLowerCase().includes(f)) : candidates;
  }, [candidates, filter]);
  const isChosen = (t: PickedTarget) => chosen !== null && (t === TOP_LEVEL ? chosen === TOP_LEVEL : chosen !== TOP_LEVEL && chosen.id === t.id);

  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="code-picker-dialog"
      className="code-picker"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={chosen === null} data-testid="code-picker-confirm" onClick={() => chosen !== null && onPick(chosen)}>
            {confirmLabel}
          </button>
        </>
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
          if (shown.length === 1) onPick(shown[0]);
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
        {shown.length === 0 && <p className="muted">No code matches.</p>}
      </div>
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
