import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Code } from '../../src-main/contract/types';
import { codesInSet } from '../../src-renderer/features/codebook/codeSetFilter';

const code = (id: number, parentId: number | null, path: string): Code => ({ id, parentId, name: path.split('/').pop()!, path, color: '#000000', description: '', sortOrder: id, codingCount: 0 });
const codes = [code(1, null, 'Frames'), code(2, 1, 'Frames/Security'), code(3, 2, 'Frames/Security/Border'), code(4, null, 'Actors'), code(5, 1, 'Frames/Aid')];

test('a code set shows its members and the ancestors they hang under, in codebook order, marking the ancestors as context', () => {
  const { codes: shown, context } = codesInSet(codes, [3, 4]);
  assert.deepEqual(shown.map((c) => c.path), ['Frames', 'Frames/Security', 'Frames/Security/Border', 'Actors']);
  assert.deepEqual([...context].sort(), [1, 2]);
});

test('a member that is also the parent of another member is a member, not context; unknown ids are ignored', () => {
  const { codes: shown, context } = codesInSet(codes, [1, 5, 99]);
  assert.deepEqual(shown.map((c) => c.path), ['Frames', 'Frames/Aid']);
  assert.deepEqual([...context], []);
});
