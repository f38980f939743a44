// The codebook tree in the renderer: depth, visible rows under collapsed parents, and where a dragged code lands
// (the index `codes.move` expects: among the new parent's children once the moved code is taken out).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Code } from '../../src-main/contract/types';
import { buildCodeTree, descendantIds, eligibleTargets, isCurrentPlacement, placementFor, visibleCodes } from '../../src-renderer/features/codebook/codeTree';

function code(id: number, name: string, parentId: number | null): Code {
  return { id, parentId, name, path: name, color: '#888888', description: '', sortOrder: 0, codingCount: 0 };
}

// Frames (1) ─ Humanitarian (2) ─ Aid (3)
//            └ Security (4)
// Actors (5)
// Tone (6)
const codes = [code(1, 'Frames', null), code(2, 'Humanitarian', 1), code(3, 'Aid', 2), code(4, 'Security', 1), code(5, 'Actors', null), code(6, 'Tone', null)];
const tree = buildCodeTree(codes);
const byId = (id: number) => tree.byId.get(id)!;
const ids = (list: Code[]) => list.map((c) => c.id);

describe('buildCodeTree', () => {
  test('depth and children in tree order; a code whose parent is missing shows at the top level', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((id) => tree.depth.get(id)), [0, 1, 2, 1, 0, 0]);
    assert.deepEqual(ids(tree.children.get(null)!), [1, 5, 6]);
    assert.deepEqual(ids(tree.children.get(1)!), [2, 4]);
    const orphan = buildCodeTree([code(1, 'A', null), code(9, 'Lost', 77)]);
    assert.deepEqual(ids(orphan.children.get(null)!), [1, 9]);
    assert.equal(orphan.depth.get(9), 0);
  });

  test('descendants, and the rows shown when parents are collapsed', () => {
    assert.deepEqual([...descendantIds(tree, 1)].sort(), [2, 3, 4]);
    assert.deepEqual([...descendantIds(tree, 3)], []);
    assert.deepEqual(ids(visibleCodes(tree, new Set())), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(ids(visibleCodes(tree, new Set([2]))), [1, 2, 4, 5, 6]);
    assert.deepEqual(ids(visibleCodes(tree, new Set([1, 2]))), [1, 5, 6]);
  });

  test('a code may move under (or merge into) anything but itself and its own sub-codes', () => {
    assert.deepEqual(ids(eligibleTargets(tree, codes, 1)), [5, 6]);
    assert.deepEqual(ids(eligibleTargets(tree, codes, 3)), [1, 2, 4, 5, 6]);
  });
});

describe('placementFor (drag and drop in the codebook)', () => {
  test('never into itself or its own sub-tree', () => {
    assert.equal(placementFor(tree, 1, byId(1), 'inside', true), null);
    assert.equal(placementFor(tree, 1, byId(3), 'after', false), null);
    assert.equal(placementFor(tree, 2, byId(3), 'before', false), null);
  });

  test('before and after a sibling, counted without the moved code', () => {
    // Tone (6) before Actors (5): top level [Frames, Actors] once Tone is out, so index 1.
    assert.deepEqual(placementFor(tree, 6, byId(5), 'before', false), { parentId: null, index: 1 });
    // Frames (1) after Tone (6): [Actors, Tone] without Frames, after Tone is index 2.
    assert.deepEqual(placementFor(tree, 1, byId(6), 'after', false), { parentId: null, index: 2 });
    // Actors (5) before Security (4): into Frames, between Humanitarian and Security.
    assert.deepEqual(placementFor(tree, 5, byId(4), 'before', false), { parentId: 1, index: 1 });
  });

  test('inside a code puts it last among its children; just below an open parent puts it first', () => {
    assert.deepEqual(placementFor(tree, 6, byId(1), 'inside', false), { parentId: 1, index: 2 });
    assert.deepEqual(placementFor(tree, 6, byId(1), 'after', true), { parentId: 1, index: 0 });
    // A closed parent, or one without children: after means after it, as its sibling.
    assert.deepEqual(placementFor(tree, 6, byId(1), 'after', false), { parentId: null, index: 1 });
    assert.deepEqual(placementFor(tree, 6, byId(5), 'after', true), { parentId: null, index: 2 });
  });

  test('dropping a code where it already is is recognised as no move', () => {
    const same = placementFor(tree, 4, byId(2), 'after', false)!;
    assert.deepEqual(same, { parentId: 1, index: 1 });
    assert.equal(isCurrentPlacement(tree, byId(4), same), true);
    assert.equal(isCurrentPlacement(tree, byId(4), { parentId: 1, index: 0 }), false);
    assert.equal(isCurrentPlacement(tree, byId(4), { parentId: null, index: 1 }), false);
  });
});
