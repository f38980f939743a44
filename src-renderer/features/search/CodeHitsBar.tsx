import { useMemo, useState } from 'react';
import type { Code, CodeHitsResult } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { CodePickerDialog, type PickedTarget } from '../codebook/CodePickerDialog';
import { buildCodeTree } from '../codebook/codeTree';
import type { CodeHitsOutcome, Widen } from './useCodeHits';
import { useCodes } from '../codebook/useCodes';

interface CodeHitsBarProps {
  listed: number;
  selected: number;
  /** Every hit the search found, listed or not. */
  total: number;
  /** Select all ticks every listed hit; when the list is cut short, coding them all codes every hit found. */
  allSelected: boolean;
  onSelectAll(on: boolean): void;
  busy: boolean;
  /** An existing code, or the path of a new one typed in the dialog. */
  onCode(code: Code | string, widen: Widen): void;
  /** What coding the selected hits with `code` would do, before the analyst confirms. */
  onPreview(code: Code, widen: Widen): Promise<CodeHitsResult | undefined>;
  outcome: CodeHitsOutcome | null;
  onUndo(): void;
  onDismiss(): void;
}

function outcomeText({ result, codePath, state }: CodeHitsOutcome): string {
  if (state === 'undone') return `Undone: ${result.label} (${codePath}).`;
  if (result.created === 0 && result.merged > 0) {
    return `Extended ${plural(result.merged, 'existing coding')} of ${codePath} to cover ${result.merged === 1 ? 'its hit' : 'their hits'}${result.skipped ? ` (${result.skipped} already had the code)` : ''}.`;
  }
  if (result.created === 0) return `Nothing new to code: ${result.skipped === 1 ? 'the hit already had' : `all ${result.skipped} hits already had`} ${codePath}.`;
  const notes = [
    result.skipped > 0 && `${result.skipped} already had the code`,
    result.merged > 0 && `${result.merged} merged into an existing coding of it`,
    result.collapsed > 0 && `${result.collapsed} widened onto the same span as another`,
  ].filter(Boolean);
  return `Coded ${plural(result.created, 'passage')} with ${codePath}${notes.length ? ` (${notes.join('; ')})` : ''}.`;
}

/**
 * Coding many hits at once: select some or all, optionally widen each to its sentence or paragraph, pick a code.
 * The outcome stays in view with an Undo that takes the whole batch back in one step.
 */
export function CodeHitsBar({ listed, selected, total, allSelected, onSelectAll, busy, onCode, onPreview, outcome, onUndo, onDismiss }: CodeHitsBarProps) {
  const { project } = useAppStore();
  const codes = useCodes();
  const tree = useMemo(() => buildCodeTree(codes), [codes]);
  const [widen, setWiden] = useState<Widen>('none');
  const [picking, setPicking] = useState(false);
  const count = allSelected ? total : selected;
  const readOnly = Boolean(project?.readOnly);

  const pick = (target: PickedTarget) => {
    setPicking(false);
    if (target !== 'top') onCode(target, widen);
  };
  const create = (path: string) => {
    setPicking(false);
    onCode(path, widen);
  };
  // Said in the dialog once a code is chosen, before "Code them": how many hits it already has, how many merge.
  const describe = async (code: Code): Promise<string | null> => {
    const r = await onPreview(code, widen);
    if (!r) return null;
    const parts = [
      `${plural(r.created, 'new coding')}`,
      r.skipped > 0 && `${r.skipped} already coded with ${code.name} (skipped)`,
      r.merged > 0 && `${r.merged} overlapping a coding of ${code.name} (merged into it, which grows to cover ${r.merged === 1 ? 'it' : 'them'})`,
      r.collapsed > 0 && `${r.collapsed} widened onto the same ${widen} as another (coded once)`,
    ].filter(Boolean);
    return `With ${code.name}: ${parts.join('; ')}.`;
  };

  return (
    <>
      <div className="code-hits-bar">
        <label className="code-hits-select-all">
          <input
            type="checkbox"
            data-testid="search-select-all"
            checked={allSelected}
            ref={(el) => {
              if (el) el.indeterminate = selected > 0 && !allSelected;
            }}
            disabled={listed === 0}
            onChange={(e) => onSelectAll(e.target.checked)}
          />
          {allSelected && total > listed ? `All ${plural(total, 'hit')} (also those not listed)` : `${selected} of ${plural(listed, 'hit')} selected`}
        </label>
        <span className="spacer" />
        <label className="code-hits-widen">
          Code
          <select aria-label="What to code for each hit" value={widen} data-testid="search-widen" onChange={(e) => setWiden(e.target.value as Widen)}>
            <option value="none">the hit itself</option>
            <option value="sentence">its sentence</option>
            <option value="paragraph">its paragraph</option>
          </select>
        </label>
        <button
          type="button"
          className="primary"
          data-testid="search-code-selected"
          disabled={count === 0 || busy || readOnly}
          onClick={() => setPicking(true)}
        >
          {busy ? 'Coding…' : count === 0 ? 'Code selected…' : `Code ${plural(count, 'hit')}…`}
        </button>
      </div>
      {outcome && (
        <div className={outcome.state === 'undone' ? 'code-hits-outcome undone' : 'code-hits-outcome'} role="status" data-testid="search-code-outcome">
          <span>{outcomeText(outcome)}</span>
          {outcome.result.created > 0 && outcome.state !== 'undone' && (
            <button type="button" data-testid="search-undo" disabled={outcome.state === 'undoing'} onClick={onUndo}>
              {outcome.state === 'undoing' ? 'Undoing…' : 'Undo'}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
      {picking && (
        <CodePickerDialog
          title={`Code ${plural(count, 'hit')}`}
          intro={
            widen === 'none'
              ? 'Each hit becomes a coding with this code (type a new name or Parent/Child to create one). Hits it already covers are skipped, hits overlapping a coding of it are merged into that coding; one Undo takes the whole batch back.'
              : `Each hit is widened to its ${widen} first; hits in the same ${widen} are coded once, and a ${widen} overlapping a coding of the code is merged into it. Type a new name or Parent/Child to create a code. One Undo takes the whole batch back.`
          }
          candidates={codes}
          tree={tree}
          allowTopLevel={false}
          confirmLabel="Code them"
          onPick={pick}
          onCreate={create}
          describeChoice={describe}
          onClose={() => setPicking(false)}
        />
      )}
    </>
  );
}
