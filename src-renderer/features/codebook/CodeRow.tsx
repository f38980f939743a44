import type { HTMLAttributes, MouseEvent } from 'react';
import type { Code } from '../../../src-main/contract/types';
import { formatNumber, plural } from '../../app/format';
import { InlineRename } from '../../app/InlineRename';
import { countRender } from '../../app/renderCounts';
import type { DropZone } from './codeTree';
import { MemoMarker } from '../memos/MemoMarker';

interface CodeRowProps {
  code: Code;
  /** Its codings and its sub-codes' (equal to code.codingCount for a code without sub-codes). */
  totalCount: number;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  selected: boolean;
  /** 1–9: the reader applies this code with that key. */
  shortcut?: number;
  renaming: boolean;
  dragging: boolean;
  dropZone?: DropZone;
  justApplied: boolean;
  /** True while the reader has a selection: a click codes it instead of selecting the code. */
  applies: boolean;
  position: { index: number; of: number };
  dragHandlers: HTMLAttributes<HTMLDivElement> & { draggable: boolean };
  onClick(e: MouseEvent): void;
  onToggle(): void;
  onStartRename(): void;
  onRename(name: string | null): void;
  onMenu(e: MouseEvent, fromButton: boolean): void;
}

export function CodeRow(props: CodeRowProps) {
  countRender('codebookRow');
  const { code, depth, hasChildren, expanded, selected, shortcut, renaming, dragging, dropZone, justApplied, applies, position } = props;
  const classes = ['code-row'];
  if (selected) classes.push('selected');
  if (dragging) classes.push('dragging');
  if (dropZone) classes.push(`drop-${dropZone}`);
  if (justApplied) classes.push('just-applied');
  if (applies) classes.push('applies');

  return (
    <div
      id={`code-${code.id}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-setsize={position.of}
      aria-posinset={position.index + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={selected}
      className={classes.join(' ')}
      style={{ paddingLeft: 6 + depth * 18 }}
      data-testid="code-row"
      data-code-id={code.id}
      data-code-path={code.path}
      title={applies ? `Code the selected passage as “${code.path}”` : code.description || code.path}
      {...(renaming ? {} : props.dragHandlers)}
      // Keep the reader's text selection (and focus) when the click is meant to code it.
      onMouseDown={(e) => applies && !renaming && e.preventDefault()}
      onClick={props.onClick}
      onDoubleClick={() => !applies && props.onStartRename()}
      onContextMenu={(e) => props.onMenu(e, false)}
    >
      {hasChildren ? (
        // Not a control of its own (a tree item may hold none): the keyboard folds with ←/→ and opens the menu with Shift+F10.
        <span
          className="code-toggle"
          aria-hidden
          title={expanded ? `Collapse ${code.name}` : `Expand ${code.name}`}
          data-testid="code-toggle"
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle();
          }}
        >
          {expanded ? '▾' : '▸'}
        </span>
      ) : (
        <span className="code-toggle-spacer" />
      )}
      <span className="code-swatch" style={{ background: code.color }} aria-hidden />
      {renaming ? (
        <InlineRename initial={code.name} onDone={props.onRename} label="Code name" testId="code-rename-input" maxLength={200} />
      ) : (
        <span className="code-name" data-testid="code-name">
          {code.name}
        </span>
      )}
      {shortcut !== undefined && (
        <kbd className="code-shortcut" title={`Press ${shortcut} in the reader to apply this code`} data-testid="code-shortcut">
          {shortcut}
        </kbd>
      )}
      {code.hasMemo ? (
        <MemoMarker testId="code-memo-marker" />
      ) : null}
      <span
        className={props.totalCount ? 'count-badge' : 'count-badge zero'}
        title={countTitle(code.codingCount, props.totalCount, hasChildren)}
        data-testid="code-coding-count"
        data-own-count={code.codingCount}
      >
        {formatNumber(props.totalCount)}
      </span>
      <span
        className="row-menu-button"
        aria-hidden
        title={`Actions for ${code.name}`}
        data-testid="code-menu-button"
        onMouseDown={(e) => e.stopPropagation()}
        onClick={(e) => {
          e.stopPropagation();
          props.onMenu(e, true);
        }}
      >
        ⋯
      </span>
    </div>
  );
}

/** A parent's badge counts its sub-codes' codings too; its own count is named on hover. */
function countTitle(own: number, total: number, hasChildren: boolean): string {
  if (!hasChildren) return plural(own, 'coding');
  return `${plural(total, 'coding')} with its sub-codes; ${formatNumber(own)} of its own`;
}
