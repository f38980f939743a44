import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { Code } from '../../../src-main/contract/types';
import { anchorBelow, PopupMenu, type MenuAnchor, type MenuItem } from '../../app/PopupMenu';
import { MenuButton } from '../../app/MenuButton';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { useHasReaderSelection } from '../../app/selection';
import { useCodes } from './useCodes';
import { CodeEditor } from './CodeEditor';
import { CodeTreeView } from './CodeTreeView';
import { buildCodeTree, childrenOf, siblingsOf } from './codeTree';
import { NewCodeForm } from './NewCodeForm';
import { useCodeActions } from './useCodeActions';
import { useCollapsedCodes } from './useCollapsedCodes';
import { useCodeSets } from './useCodeSets';
import { codesInSet } from './codeSetFilter';
import { CodeSetBar } from './CodeSetBar';
import { CodeSetNameDialog } from './CodeSetNameDialog';
import { api } from '../../api/api';
import './codebook.css';

/** The reader applies the first nine codes, in codebook order, with the keys 1–9. */
const SHORTCUT_COUNT = 9;

export function CodebookPanel() {
  const { project, applyCodeToSelection, attempt, notify } = useAppStore();
  const allCodes = useCodes();
  const codeSets = useCodeSets();
  const [setFilterId, setSetFilterId] = useState<number | null>(null);
  const activeSet = setFilterId !== null ? codeSets.find((s) => s.id === setFilterId) : undefined;
  const [setDialog, setSetDialog] = useState<{ mode: 'new' | 'rename'; code?: Code } | null>(null);
  // Filtered to a code set, the tree shows its members and the codes they hang under; keys 1–9 keep their codes.
  const codes = useMemo(() => (activeSet ? codesInSet(allCodes, activeSet.codeIds).codes : allCodes), [allCodes, activeSet]);
  // Only whether a passage is selected: the codebook does not re-render while the selection moves.
  const readerSelection = useHasReaderSelection();
  const fullTree = useMemo(() => buildCodeTree(allCodes), [allCodes]);
  const tree = useMemo(() => (activeSet ? buildCodeTree(codes) : fullTree), [activeSet, codes, fullTree]);
  const shortcuts = useMemo(() => new Map(allCodes.slice(0, SHORTCUT_COUNT).map((c, i) => [c.id, i + 1])), [allCodes]);
  const { collapsed, toggle, setExpanded, expandAll, collapseAll } = useCollapsedCodes(project?.path);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [renamingId, setRenamingId] = useState<number | null>(null);
  const [creating, setCreating] = useState<{ parentId: number | null } | null>(null);
  const [menu, setMenu] = useState<{ code: Code; at: MenuAnchor & { alignRight?: boolean } } | null>(null);
  const [justAppliedId, setJustAppliedId] = useState<number | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  const onRemoved = useCallback((removedId: number, successorId: number | null) => {
    setSelectedId((id) => (id === removedId ? successorId : id));
  }, []);
  // Moves and merges work on the whole codebook, whatever the filter shows.
  const actions = useCodeActions(fullTree, onRemoved);
  const selected = selectedId !== null ? tree.byId.get(selectedId) : undefined;

  // The selected code went (deleted, merged, undone in another window): nothing is selected. Set while rendering, as
  // React does for state that follows other values, rather than in an effect that would first paint the stale row.
  if (selectedId !== null && codes.length > 0 && !tree.byId.has(selectedId)) setSelectedId(null);
  // A brief flash on the row confirms which code went on, without a notice to dismiss.
  useEffect(() => {
    if (justAppliedId === null) return;
    const timer = setTimeout(() => setJustAppliedId(null), 700);
    return () => clearTimeout(timer);
  }, [justAppliedId]);

  const activate = async (code: Code) => {
    if (!readerSelection) {
      setSelectedId(code.id);
      return;
    }
    const coding = await applyCodeToSelection(code.id);
    if (!coding) return;
    setJustAppliedId(code.id);
  };

  const startCreate = (parentId: number | null) => {
    if (parentId !== null) setExpanded(parentId, true);
    setCreating({ parentId });
  };

  /** Null when the code was made, else why not (shown beside the field). */
  const create = async (path: string): Promise<string | null> => {
    const made = await actions.create(path, creating?.parentId ?? null);
    if ('error' in made) return made.error;
    // Created while the codebook shows a code set: the new code joins it, or it would vanish from view.
    if (activeSet) await attempt(() => api['codes.sets.addCodes']({ id: activeSet.id, codeIds: [made.code.id] }));
    requestAnimationFrame(() => document.getElementById(`code-${made.code.id}`)?.scrollIntoView({ block: 'nearest' }));
    return null;
  };

  const rename = async (code: Code, name: string | null) => {
    setRenamingId(null);
    treeRef.current?.querySelector<HTMLElement>('[role="tree"]')?.focus();
    if (name !== null) await actions.update(code, { name });
  };

  const editDetails = (code: Code) => {
    setSelectedId(code.id);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="code-edit-description"]')?.focus());
  };

  const menuItems = (code: Code): MenuItem[] => {
    const siblings = siblingsOf(fullTree, code);
    const index = siblings.findIndex((c) => c.id === code.id);
    return [
      ...(readerSelection ? [{ label: 'Apply to selection', onSelect: () => void activate(code), testId: 'code-menu-apply' }, { separator: true as const }] : []),
      { label: 'Add sub-code', onSelect: () => startCreate(code.id), testId: 'code-menu-add-sub' },
      { label: 'Rename', hint: 'F2', onSelect: () => setRenamingId(code.id), testId: 'code-menu-rename' },
      { label: 'Colour and description…', onSelect: () => editDetails(code), testId: 'code-menu-edit' },
      { separator: true },
      { label: 'Move up', hint: 'Alt+↑', disabled: index <= 0, onSelect: () => void actions.shift(code, -1), testId: 'code-menu-move-up' },
      { label: 'Move down', hint: 'Alt+↓', disabled: index >= siblings.length - 1, onSelect: () => void actions.shift(code, 1), testId: 'code-menu-move-down' },
      { label: 'Move to…', onSelect: () => actions.askMoveTo(code), testId: 'code-menu-move-to' },
      { label: 'Merge into…', disabled: allCodes.length < 2, onSelect: () => actions.askMerge(code), testId: 'code-menu-merge' },
      { separator: true },
      ...codeSetItems(code),
      { label: 'Delete…', hint: 'Del', danger: true, onSelect: () => void actions.remove(code), testId: 'code-menu-delete' },
    ];
  };

  const codeSetItems = (code: Code): MenuItem[] => {
    const items: MenuItem[] = [];
    if (activeSet?.codeIds.includes(code.id)) {
      items.push({
        label: `Remove from “${activeSet.name}”`,
        onSelect: () => void attempt(() => api['codes.sets.update']({ id: activeSet.id, codeIds: activeSet.codeIds.filter((id) => id !== code.id) })),
        testId: 'code-menu-remove-from-set',
      });
    }
    for (const set of codeSets.filter((s) => !s.codeIds.includes(code.id)).slice(0, 6)) {
      items.push({ label: `Add to “${set.name}”`, onSelect: () => void attempt(() => api['codes.sets.addCodes']({ id: set.id, codeIds: [code.id] })), testId: 'code-menu-add-to-set' });
    }
    items.push({ label: 'New code set with this code…', onSelect: () => setSetDialog({ mode: 'new', code }), testId: 'code-menu-new-set' });
    items.push({ separator: true });
    return items;
  };

  const saveCodeSet = async (name: string): Promise<string | null> => {
    try {
      if (setDialog?.mode === 'rename' && activeSet) {
        await api['codes.sets.update']({ id: activeSet.id, name });
      } else {
        const created = await api['codes.sets.create']({ name, codeIds: setDialog?.code ? [setDialog.code.id] : [] });
        setSetFilterId(created.id);
        notify(`Code set “${created.name}” created. Add codes to it from a code's menu (⋯).`);
      }
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  const deleteActiveSet = () => {
    if (!activeSet) return;
    const name = activeSet.name;
    setSetFilterId(null);
    void attempt(async () => {
      await api['codes.sets.delete']({ id: activeSet.id });
      notify(`Code set “${name}” deleted; its codes are still in the codebook. Undo brings the set back.`);
    });
  };

  const openMenu = (code: Code, e: MouseEvent | null, fromButton: boolean) => {
    e?.preventDefault();
    const row = document.getElementById(`code-${code.id}`);
    const at = e && !fromButton ? { x: e.clientX, y: e.clientY } : anchorBelow(fromButton && e ? e.currentTarget : (row ?? document.body));
    setMenu({ code, at });
  };

  const parents = codes.filter((c) => childrenOf(tree, c.id).length > 0);
  const newCodeForm = creating && (
    <NewCodeForm
      key={creating.parentId ?? 'top'}
      parentName={creating.parentId !== null ? (tree.byId.get(creating.parentId)?.name ?? null) : null}
      depth={creating.parentId !== null ? (tree.depth.get(creating.parentId) ?? 0) + 1 : 0}
      onCreate={create}
      onClose={() => setCreating(null)}
    />
  );

  return (
    <div className="codebook" ref={treeRef}>
      <header className="codebook-head">
        <h2>Codebook</h2>
        <span className="muted codebook-count">
          {activeSet ? `${plural(activeSet.codeIds.length, 'code')} of ${allCodes.length}` : plural(allCodes.length, 'code')}
        </span>
        <span className="spacer" />
        <button type="button" data-testid="new-code-button" title="Add a top-level code" onClick={() => startCreate(null)}>
          + New code
        </button>
        <MenuButton
          menuLabel="Codebook options"
          ariaLabel="Codebook options"
          className="icon-button"
          testId="codebook-menu-button"
          items={[
            { label: 'Expand all', disabled: collapsed.size === 0, onSelect: expandAll },
            { label: 'Collapse all', disabled: parents.length === 0, onSelect: () => collapseAll(parents.map((c) => c.id)) },
            { separator: true },
            { label: 'New code set…', onSelect: () => setSetDialog({ mode: 'new' }), testId: 'codebook-new-set' },
            ...(activeSet
              ? [
                  { label: `Rename code set “${activeSet.name}”…`, onSelect: () => setSetDialog({ mode: 'rename' }), testId: 'codebook-rename-set' },
                  { label: `Delete code set “${activeSet.name}”`, danger: true, onSelect: deleteActiveSet, testId: 'codebook-delete-set' },
                ]
              : []),
          ]}
        >
          ⋯
        </MenuButton>
      </header>
      <CodeSetBar sets={codeSets} activeId={activeSet ? activeSet.id : null} onChange={setSetFilterId} />
      {readerSelection && (
        <p className="codebook-hint" data-testid="codebook-apply-hint">
          Click a code to apply it to the selected passage.
        </p>
      )}
      <div className="codebook-scroll">
        {activeSet && activeSet.codeIds.length === 0 ? (
          <div className="codebook-empty" data-testid="code-set-empty">
            <p>No codes in “{activeSet.name}” yet.</p>
            <p className="muted">Add a code to this set from the code's menu (⋯) after choosing “All codes”.</p>
          </div>
        ) : codes.length === 0 && !creating ? (
          <div className="codebook-empty" data-testid="codebook-empty">
            <p>No codes yet.</p>
            <p className="muted">Codes are the categories you tag passages with. Type a path such as “Frames/Humanitarian” to nest one in another (the missing parent is made too); write \/ for a “/” inside a name.</p>
            <button type="button" className="primary" onClick={() => startCreate(null)}>
              Create the first code
            </button>
          </div>
        ) : (
          <CodeTreeView
            tree={tree}
            collapsed={collapsed}
            shortcuts={shortcuts}
            selectedId={selectedId}
            renamingId={renamingId}
            justAppliedId={justAppliedId}
            applies={readerSelection !== null}
            insertAfter={creating ? { codeId: creating.parentId, element: newCodeForm } : undefined}
            onActivate={(code) => void activate(code)}
            onSelect={(code) => setSelectedId(code.id)}
            onToggle={(code) => toggle(code.id)}
            onSetExpanded={(code, expanded) => setExpanded(code.id, expanded)}
            onStartRename={(code) => setRenamingId(code.id)}
            onRename={(code, name) => void rename(code, name)}
            onMenu={openMenu}
            onMove={(code, placement) =>
              activeSet ? notify('Choose “All codes” above the codebook to rearrange it: a code set shows only part of the tree.') : void actions.move(code, placement)
            }
            onShift={(code, delta) => void actions.shift(code, delta)}
            onDelete={(code) => void actions.remove(code)}
          />
        )}
      </div>
      {selected && (
        <CodeEditor
          code={selected}
          shortcut={shortcuts.get(selected.id)}
          onSave={async (changes) => Boolean(await actions.update(selected, changes))}
          onClose={() => setSelectedId(null)}
        />
      )}
      {menu && <PopupMenu label={`Actions for ${menu.code.name}`} at={menu.at} items={menuItems(menu.code)} onClose={() => setMenu(null)} />}
      {setDialog && (
        <CodeSetNameDialog
          title={setDialog.mode === 'rename' ? 'Rename code set' : setDialog.code ? `New code set with “${setDialog.code.name}”` : 'New code set'}
          initialName={setDialog.mode === 'rename' ? activeSet?.name : ''}
          confirmLabel={setDialog.mode === 'rename' ? 'Rename' : 'Create'}
          onSubmit={saveCodeSet}
          onClose={() => setSetDialog(null)}
        />
      )}
      {actions.dialogs}
    </div>
  );
}
