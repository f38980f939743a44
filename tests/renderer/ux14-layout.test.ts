// Issue 14: the pure rules behind the renderer's layout and lists — when side panels fold, how search context is
// trimmed to whole words, and a parent code's rolled-up count.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Code } from '../../src-main/contract/types';
import { layoutFor, READING_MIN } from '../../src-renderer/app/PaneLayout';
import { sameParagraph } from '../../src-renderer/features/search/KwicLine';
import { buildCodeTree, rolledUpCounts } from '../../src-renderer/features/codebook/codeTree';

const prefs = (lastOpened: 'left' | 'right' = 'right') => ({ width: { left: 290, right: 320 }, open: { left: true, right: true }, lastOpened });

describe('side panels', () => {
  test('both stay open when the text keeps its minimum width', () => {
    assert.deepEqual(layoutFor(1400, prefs()).open, { left: true, right: true });
  });
  test('in a narrow window the panel not opened last folds first, then the other', () => {
    assert.deepEqual(layoutFor(1024, prefs('right')).open, { left: false, right: true });
    assert.deepEqual(layoutFor(1024, prefs('left')).open, { left: true, right: false });
    assert.deepEqual(layoutFor(READING_MIN + 100, prefs()).open, { left: false, right: false });
  });
});

describe('search context', () => {
  test('context cut by the length limit ends and starts at a word edge; a paragraph end is kept as it is', () => {
    const after = ' Minister would travel to the border crossing on Monday to m';
    assert.equal(sameParagraph('', after, [...after].length).after, ' Minister would travel to the border crossing on Monday to');
    assert.equal(sameParagraph('ficials said the Vice-', '', 22).before, 'said the Vice-');
    assert.equal(sameParagraph('', ' ends here.\nNext', 16).after, ' ends here.');
    assert.equal(sameParagraph('', ' short', 60).after, ' short');
  });
});

describe('rolled-up counts', () => {
  const code = (id: number, parentId: number | null, codingCount: number): Code => ({
    id,
    parentId,
    name: `c${id}`,
    path: `c${id}`,
    color: '#888888',
    description: '',
    sortOrder: id,
    codingCount,
  });
  test('a parent holds its own codings and all its descendants’', () => {
    const totals = rolledUpCounts(buildCodeTree([code(1, null, 1), code(2, 1, 10), code(3, 2, 4), code(4, null, 2)]));
    assert.deepEqual(Object.fromEntries(totals), { 1: 15, 2: 14, 3: 4, 4: 2 });
  });
});
