import { useCallback, type ReactNode } from 'react';
import { api } from '../../api/api';
import type { AttributeDefinition, AttributeType } from '../../../src-main/contract/types';
import { useConfirm } from '../../app/ConfirmDialog';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { undoHint, useUndoHistory } from '../../app/UndoHistory';

export interface AttributeActions {
  define(name: string, type: AttributeType): Promise<AttributeDefinition | undefined>;
  rename(attribute: AttributeDefinition, newName: string): Promise<AttributeDefinition | undefined>;
  /** Asks first, saying how many values go; resolves true when deleted. */
  remove(attribute: AttributeDefinition): Promise<boolean>;
  confirmDialog: ReactNode;
}

/** Defining, renaming and deleting attributes, each an undo step; every change reloads what shows attributes. */
export function useAttributeActions(): AttributeActions {
  const { attempt, notify } = useAppStore();
  const { undoIfLast } = useUndoHistory();
  const [confirm, confirmDialog] = useConfirm();

  const define = useCallback(
    async (name: string, type: AttributeType) => {
      const d = await attempt(() => api['attributes.define']({ name, type }));
      return d;
    },
    [attempt],
  );

  const rename = useCallback(
    async (attribute: AttributeDefinition, newName: string) => {
      const d = await attempt(() => api['attributes.rename']({ name: attribute.name, newName }));
      return d;
    },
    [attempt],
  );

  const remove = useCallback(
    async (attribute: AttributeDefinition) => {
      const ok = await confirm({
        title: `Delete attribute “${attribute.name}”?`,
        message: (
          <p data-testid="delete-attribute-message">
            {attribute.articleCount === 0
              ? 'No article has a value for it. '
              : `Its ${plural(attribute.articleCount, 'value')} (one per article that has it) will be deleted with it. `}
            {undoHint}
          </p>
        ),
        confirmLabel: 'Delete attribute',
        danger: true,
        testId: 'delete-attribute-dialog',
      });
      if (!ok) return false;
      const result = await attempt(() => api['attributes.delete']({ name: attribute.name }));
      if (!result) return false;
      notify(
        result.deletedValues ? `Deleted attribute “${attribute.name}” and its ${plural(result.deletedValues, 'value')}.` : `Deleted attribute “${attribute.name}”.`,
        'info',
        { label: 'Undo', run: () => void undoIfLast('Delete attribute') },
      );
      return true;
    },
    [confirm, attempt, notify, undoIfLast],
  );

  return { define, rename, remove, confirmDialog };
}
