import { useState, type DragEvent } from 'react';
import type { Code } from '../../../src-main/contract/types';
import { placementFor, type CodeTree, type DropZone, type Placement } from './codeTree';

const MIME = 'application/x-gloss-code';

export interface DropIndicator {
  id: number | 'end';
  zone: DropZone;
}

/** The upper and lower quarter of a row insert before/after it; the middle nests inside it. */
function zoneAt(e: DragEvent<HTMLElement>): DropZone {
  const r = e.currentTarget.getBoundingClientRect();
  const y = (e.clientY - r.top) / r.height;
  return y < 0.28 ? 'before' : y > 0.72 ? 'after' : 'inside';
}

/**
 * HTML5 drag and drop within the code tree: nest a code by dropping it on another, reorder by dropping between rows,
 * move it to the end of the top level by dropping below the last row. Drags from elsewhere (files) are ignored.
 */
export function useCodeDrag(tree: CodeTree, isExpanded: (id: number) => boolean, onMove: (code: Code, placement: Placement) => void) {
  const [draggedId, setDraggedId] = useState<number | null>(null);
  const [indicator, setIndicator] = useState<DropIndicator | null>(null);

  const reset = () => {
    setDraggedId(null);
    setIndicator(null);
  };
  const ours = (e: DragEvent) => draggedId !== null && e.dataTransfer.types.includes(MIME);

  const rowHandlers = (code: Code) => ({
    draggable: true,
    onDragStart: (e: DragEvent<HTMLElement>) => {
      e.dataTransfer.setData(MIME, String(code.id));
      e.dataTransfer.effectAllowed = 'move';
      setDraggedId(code.id);
    },
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!ours(e)) return;
      e.stopPropagation();
      const zone = zoneAt(e);
      if (!placementFor(tree, draggedId!, code, zone, isExpanded(code.id))) {
        e.dataTransfer.dropEffect = 'none';
        setIndicator(null);
        return;
      }
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (indicator?.id !== code.id || indicator.zone !== zone) setIndicator({ id: code.id, zone });
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      if (!ours(e)) return;
      e.preventDefault();
      e.stopPropagation();
      const moved = tree.byId.get(draggedId!);
      const placement = placementFor(tree, draggedId!, code, zoneAt(e), isExpanded(code.id));
      reset();
      if (moved && placement) onMove(moved, placement);
    },
    onDragEnd: reset,
  });

  /** The empty space under the last row: drop there to move a code to the end of the top level. */
  const endHandlers = {
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!ours(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (indicator?.id !== 'end') setIndicator({ id: 'end', zone: 'after' });
    },
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (e.currentTarget === e.target && indicator?.id === 'end') setIndicator(null);
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      if (!ours(e)) return;
      e.preventDefault();
      const moved = tree.byId.get(draggedId!);
      reset();
      if (moved) onMove(moved, { parentId: null, index: (tree.children.get(null) ?? []).filter((c) => c.id !== moved.id).length });
    },
  };

  return { draggedId, indicator, rowHandlers, endHandlers };
}
