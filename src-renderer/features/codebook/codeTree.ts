import type { Code } from '../../../src-main/contract/types';

export interface CodeTree {
  byId: Map<number, Code>;
  children: Map<number | null, Code[]>;
  depth: Map<number, number>;
}

/** `codes` arrive in tree order (parents first, siblings in order), which every helper here preserves. */
export function buildCodeTree(codes: Code[]): CodeTree {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<number | null, Code[]>();
  const depth = new Map<number, number>();
  for (const c of codes) {
    const parent = c.parentId !== null && byId.has(c.parentId) ? c.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(c);
    else children.set(parent, [c]);
    depth.set(c.id, parent === null ? 0 : (depth.get(parent) ?? 0) + 1);
  }
  return { byId, children, depth };
}

export function childrenOf(tree: CodeTree, id: number | null): Code[] {
  return tree.children.get(id) ?? [];
}

export function descendantIds(tree: CodeTree, id: number): Set<number> {
  const out = new Set<number>();
  const walk = (parent: number) => {
    for (const c of childrenOf(tree, parent)) {
      out.add(c.id);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

/** Codes whose rows are shown: every code except those under a collapsed ancestor, in tree order. */
export function visibleCodes(tree: CodeTree, collapsed: ReadonlySet<number>): Code[] {
  const out: Code[] = [];
  const walk = (parent: number | null) => {
    for (const c of childrenOf(tree, parent)) {
      out.push(c);
      if (!collapsed.has(c.id)) walk(c.id);
    }
  };
  walk(null);
  return out;
}

export function siblingsOf(tree: CodeTree, code: Code): Code[] {
  return childrenOf(tree, code.parentId);
}

export type DropZone = 'before' | 'inside' | 'after';

export interface Placement {
  parentId: number | null;
  /** Index among the new parent's children once the moved code has been taken out (what `codes.move` expects). */
  index: number;
}

/** Where dropping `movedId` on `target` would put it, or null when that is impossible (into itself or its own sub-tree). */
export function placementFor(tree: CodeTree, movedId: number, target: Code, zone: DropZone, targetExpanded: boolean): Placement | null {
  if (target.id === movedId || descendantIds(tree, movedId).has(target.id)) return null;
  const without = (list: Code[]) => list.filter((c) => c.id !== movedId);
  if (zone === 'inside') return { parentId: target.id, index: without(childrenOf(tree, target.id)).length };
  // Just below an open parent, the row that follows is its first child, so that is where the code lands.
  if (zone === 'after' && targetExpanded && childrenOf(tree, target.id).length > 0) return { parentId: target.id, index: 0 };
  const siblings = without(siblingsOf(tree, target));
  const at = siblings.findIndex((c) => c.id === target.id);
  return { parentId: target.parentId, index: zone === 'before' ? at : at + 1 };
}

/** The same placement as the code has now: dropping there would be a no-op worth skipping. */
export function isCurrentPlacement(tree: CodeTree, code: Code, placement: Placement): boolean {
  if (code.parentId !== placement.parentId) return false;
  return siblingsOf(tree, code).findIndex((c) => c.id === code.id) === placement.index;
}

/** Parents a code may move under (or be merged into): anything but itself and its own sub-codes. */
export function eligibleTargets(tree: CodeTree, codes: Code[], id: number): Code[] {
  const excluded = descendantIds(tree, id);
  excluded.add(id);
  return codes.filter((c) => !excluded.has(c.id));
}

/** Each code's codings together with those of all its sub-codes (what a parent "holds", as the peers count it). */
export function rolledUpCounts(tree: CodeTree): Map<number, number> {
  const out = new Map<number, number>();
  const total = (code: Code): number => {
    const known = out.get(code.id);
    if (known !== undefined) return known;
    const n = childrenOf(tree, code.id).reduce((sum, c) => sum + total(c), code.codingCount);
    out.set(code.id, n);
    return n;
  };
  for (const code of tree.byId.values()) total(code);
  return out;
}
