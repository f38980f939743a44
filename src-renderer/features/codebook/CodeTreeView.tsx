import { Fragment, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Code } from '../../../src-main/contract/types';
import { childrenOf, rolledUpCounts, siblingsOf, visibleCodes, type CodeTree, type Placement } from './codeTree';
import { CodeRow } from './CodeRow';
import { useCodeDrag } from './useCodeDrag';

interface CodeTreeViewProps {
  tree: CodeTree;
  collapsed: ReadonlySet<number>;
  shortcuts: Map<number, number>;
  selectedId: number | null;
  renamingId: number | null;
  justAppliedId: number | null;
  applies: boolean;
  /** Rendered right after the rows of this code's sub-tree (the "add sub-code" field); null: at the top. */
  insertAfter?: { codeId: number | null; element: ReactNode };
  onActivate(code: Code): void;
  onSelect(code: Code): void;
  onToggle(code: Code): void;
  onSetExpanded(code: Code, expanded: boolean): void;
  onStartRename(code: Code): void;
  onRename(code: Code, name: string | null): void;
  onMenu(code: Code, e: MouseEvent | null, fromButton: boolean): void;
  onMove(code: Code, placement: Placement): void;
  onShift(code: Code, delta: -1 | 1): void;
  onDelete(code: Code): void;
}

/**
 * The codebook as an ARIA tree with flat rows (aria-level carries the nesting): arrows move and fold, Enter codes the
 * reader's selection, F2 renames, Alt+↑/↓ reorders, Delete deletes.
 */
export function CodeTreeView(props: CodeTreeViewProps) {
  const { tree, collapsed, selectedId } = props;
  const rows = visibleCodes(tree, collapsed);
  const totals = rolledUpCounts(tree);
  const isExpanded = (id: number) => !collapsed.has(id);
  const drag = useCodeDrag(tree, isExpanded, props.onMove);

  const lastVisibleDescendant = (code: Code): Code => {
    const lastKid = childrenOf(tree, code.id).at(-1);
    return lastKid && isExpanded(code.id) ? lastVisibleDescendant(lastKid) : code;
  };
  const insertAfterId =
    props.insertAfter && props.insertAfter.codeId !== null && tree.byId.has(props.insertAfter.codeId)
      ? lastVisibleDescendant(tree.byId.get(props.insertAfter.codeId)!).id
      : null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const index = rows.findIndex((c) => c.id === selectedId);
    const current = rows[index];
    const go = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) {
        props.onSelect(target);
        document.getElementById(`code-${target.id}`)?.scrollIntoView({ block: 'nearest' });
      }
    };
    if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      if (current) props.onShift(current, e.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    const hasChildren = current ? childrenOf(tree, current.id).length > 0 : false;
    switch (e.key) {
      case 'ArrowDown':
        go(index + 1);
        break;
      case 'ArrowUp':
        go(index < 0 ? 0 : index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        if (!current || !hasChildren) break;
        if (isExpanded(current.id)) go(index + 1);
        else props.onSetExpanded(current, true);
        break;
      case 'ArrowLeft':
        if (!current) break;
        if (hasChildren && isExpanded(current.id)) props.onSetExpanded(current, false);
        else if (current.parentId !== null) go(rows.findIndex((c) => c.id === current.parentId));
        break;
      case 'Enter':
        if (current) props.onActivate(current);
        break;
      case 'F2':
        if (current) props.onStartRename(current);
        break;
      case 'Delete':
        if (current) props.onDelete(current);
        break;
      case 'ContextMenu':
        if (current) props.onMenu(current, null, false);
        break;
      default:
        if (e.key === 'F10' && e.shiftKey && current) props.onMenu(current, null, false);
        else return;
    }
    e.preventDefault();
  };

  return (
    <div
      className="code-tree"
      role="tree"
      aria-label="Codes"
      tabIndex={0}
      data-testid="code-tree"
      aria-activedescendant={selectedId !== null && rows.some((c) => c.id === selectedId) ? `code-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
    >
      {props.insertAfter?.codeId === null && props.insertAfter.element}
      {rows.map((code) => {
        const siblings = siblingsOf(tree, code);
        return (
          <Fragment key={code.id}>
            <CodeRow
              code={code}
              totalCount={totals.get(code.id) ?? code.codingCount}
              depth={tree.depth.get(code.id) ?? 0}
              hasChildren={childrenOf(tree, code.id).length > 0}
              expanded={isExpanded(code.id)}
              selected={code.id === selectedId}
              shortcut={props.shortcuts.get(code.id)}
              renaming={code.id === props.renamingId}
              dragging={code.id === drag.draggedId}
              dropZone={drag.indicator?.id === code.id ? drag.indicator.zone : undefined}
              justApplied={code.id === props.justAppliedId}
              applies={props.applies}
              position={{ index: siblings.findIndex((c) => c.id === code.id), of: siblings.length }}
              dragHandlers={drag.rowHandlers(code)}
              onClick={(e) => {
                // The second click of a double-click must not code the passage twice.
                if (e.detail > 1) return;
                props.onActivate(code);
              }}
              onToggle={() => props.onToggle(code)}
              onStartRename={() => props.onStartRename(code)}
              onRename={(name) => props.onRename(code, name)}
              onMenu={(e, fromButton) => props.onMenu(code, e, fromButton)}
            />
            {code.id === insertAfterId && props.insertAfter?.element}
          </Fragment>
        );
      })}
      <div className={drag.indicator?.id === 'end' ? 'code-tree-end drop-end' : 'code-tree-end'} {...drag.endHandlers} />
    </div>
  );
}
