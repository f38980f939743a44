import { useCallback, useState, type ReactNode } from 'react';
import { api } from '../../api/api';
import type { Code } from '../../../src-main/contract/types';
import { useConfirm } from '../../app/ConfirmDialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { refetchCodes, useCodes } from './useCodes';
import { undoHint, useUndoHistory } from '../../app/UndoHistory';
import { CodePickerDialog, TOP_LEVEL, type PickedTarget } from './CodePickerDialog';
import { childrenOf, eligibleTargets, isCurrentPlacement, siblingsOf, type CodeTree, type Placement } from './codeTree';

export interface CodeActions {
  /**
   * Creates the code at a typed path (under `parentId` when given; missing parents made too). A refusal comes
   * back as plain words for the form to show beside its field, not as a notice far from it.
   */
  create(path: string, parentId: number | null): Promise<{ code: Code } | { error: string }>;
  update(code: Code, changes: { name?: string; color?: string; description?: string }): Promise<Code | undefined>;
  move(code: Code, placement: Placement): Promise<void>;
  /** Up or down among its siblings. */
  shift(code: Code, delta: -1 | 1): Promise<void>;
  askMoveTo(code: Code): void;
  askMerge(code: Code): void;
  remove(code: Code): Promise<boolean>;
  /** Confirmation and picker dialogs; render them once. */
  dialogs: ReactNode;
}

/**
 * Every change to the codebook, each followed by a reload of the codes (and of codings and counts when codings
 * moved or went), with the confirmations that destructive ones need.
 */
export function useCodeActions(tree: CodeTree, onRemoved: (removedId: number, successorId: number | null) => void): CodeActions {
  const { attempt, notify } = useAppStore();
  const codes = useCodes();
  const [confirm, confirmDialog] = useConfirm();
  const { undoIfLast } = useUndoHistory();
  const [picker, setPicker] = useState<{ mode: 'move' | 'merge'; code: Code } | null>(null);

  const create = useCallback(async (path: string, parentId: number | null) => {
    try {
      const code = await api['codes.create']({ codePath: path, parentId });
      await refetchCodes();
      return { code };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }, []);

  const update = useCallback(
    async (code: Code, changes: { name?: string; color?: string; description?: string }) => {
      const updated = await attempt(() => api['codes.update']({ id: code.id, ...changes }));
      if (updated) await refetchCodes();
      return updated;
    },
    [attempt],
  );

  const move = useCallback(
    async (code: Code, placement: Placement) => {
      if (isCurrentPlacement(tree, code, placement)) return;
      const done = await attempt(() => api['codes.move']({ id: code.id, ...placement }));
      if (done) await refetchCodes();
    },
    [tree, attempt],
  );

  const shift = useCallback(
    async (code: Code, delta: -1 | 1) => {
      const siblings = siblingsOf(tree, code);
      const index = siblings.findIndex((c) => c.id === code.id) + delta;
      if (index < 0 || index >= siblings.length) return;
      await move(code, { parentId: code.parentId, index });
    },
    [tree, move],
  );

  const remove = useCallback(
    async (code: Code) => {
      const impact = await attempt(() => api['codes.impact']({ id: code.id }));
      if (!impact) return false;
      const ok = await confirm({
        title: deleteCodeTitle(code.name, impact.descendants, impact.codings),
        message: (
          <p>
            {impact.codings > 0
              ? 'Every passage coded with it (or with one of its sub-codes) loses that coding, in all articles. '
              : 'No passage is coded with it. '}
            The article texts are not changed. {undoHint}
          </p>
        ),
        confirmLabel: 'Delete code',
        danger: true,
        testId: 'delete-code-dialog',
      });
      if (!ok) return false;
      const successor = neighbourOf(tree, code);
      const result = await attempt(() => api['codes.delete']({ id: code.id }));
      if (!result) return false;
      notify(`Deleted ${plural(result.deletedCodes, 'code')} and ${plural(result.deletedCodings, 'coding')}.`, 'info', {
        label: 'Undo',
        run: () => void undoIfLast('Delete code'),
      });
      onRemoved(code.id, successor);
      await refetchCodes();
      return true;
    },
    [tree, attempt, confirm, notify, onRemoved, undoIfLast],
  );

  const merge = async (source: Code, target: Code) => {
    const subCodes = childrenOf(tree, source.id).length;
    const ok = await confirm({
      title: `Merge “${source.name}” into “${target.name}”?`,
      message: (
        <>
          <p>
            {source.codingCount > 0
              ? `Its ${plural(source.codingCount, 'coding')} ${source.codingCount === 1 ? 'moves' : 'move'} to “${target.path}”; where “${target.name}” already codes the very same passage, the duplicate is dropped.`
              : `It has no codings of its own.`}
            {subCodes > 0 && ` Its ${plural(subCodes, 'sub-code')} move under “${target.name}”.`}
          </p>
          <p>
            “{source.path}” is then deleted. {undoHint}
          </p>
        </>
      ),
      confirmLabel: 'Merge',
      danger: true,
      testId: 'merge-code-dialog',
    });
    if (!ok) return;
    const result = await attempt(() => api['codes.merge']({ sourceId: source.id, targetId: target.id }));
    if (!result) return;
    const dropped = result.droppedDuplicates ? `; ${plural(result.droppedDuplicates, 'duplicate')} dropped` : '';
    notify(`Merged “${source.name}” into “${target.name}”: ${plural(result.movedCodings, 'coding')} moved${dropped}.`, 'info', {
      label: 'Undo',
      run: () => void undoIfLast('Merge codes'),
    });
    onRemoved(source.id, target.id);
    await refetchCodes();
  };

  const onPick = (target: PickedTarget) => {
    if (!picker) return;
    const { mode, code } = picker;
    setPicker(null);
    if (mode === 'move') {
      const parentId = target === TOP_LEVEL ? null : target.id;
      void move(code, { parentId, index: childrenOf(tree, parentId).filter((c) => c.id !== code.id).length });
    } else if (target !== TOP_LEVEL) {
      void merge(code, target);
    }
  };

  const pickerDialog = picker && (
    <CodePickerDialog
      title={picker.mode === 'move' ? `Move “${picker.code.name}” to…` : `Merge “${picker.code.name}” into…`}
      intro={
        picker.mode === 'move'
          ? 'Choose its new parent. It keeps its codings and sub-codes and goes last among the new parent’s sub-codes.'
          : 'Choose the code that takes over its codings and sub-codes.'
      }
      candidates={eligibleTargets(tree, codes, picker.code.id).filter((c) => picker.mode === 'merge' || c.id !== picker.code.parentId)}
      tree={tree}
      allowTopLevel={picker.mode === 'move' && picker.code.parentId !== null}
      confirmLabel={picker.mode === 'move' ? 'Move here' : 'Merge…'}
      onPick={onPick}
      onClose={() => setPicker(null)}
    />
  );

  return {
    create,
    update,
    move,
    shift,
    askMoveTo: (code) => setPicker({ mode: 'move', code }),
    askMerge: (code) => setPicker({ mode: 'merge', code }),
    remove,
    dialogs: (
      <>
        {pickerDialog}
        {confirmDialog}
      </>
    ),
  };
}

/** The code to select once `code` is gone: its next sibling, else the previous one, else its parent. */
function neighbourOf(tree: CodeTree, code: Code): number | null {
  const siblings = siblingsOf(tree, code);
  const i = siblings.findIndex((c) => c.id === code.id);
  return (siblings[i + 1] ?? siblings[i - 1])?.id ?? code.parentId;
}

/** "Delete code “A” and its 3 codings?" — a code without sub-codes is not said to have "0 sub-codes". */
export function deleteCodeTitle(name: string, descendants: number, codings: number): string {
  const what = descendants > 0 ? `, its ${plural(descendants, 'sub-code')} and ${plural(codings, 'coding')}` : codings > 0 ? ` and its ${plural(codings, 'coding')}` : '';
  return `Delete code “${name}”${what}?`;
}
