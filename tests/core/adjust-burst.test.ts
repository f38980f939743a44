// Keyboard adjustment of a coding (#14): a burst of Shift+arrow presses is one undo step, taken in the command
// layer's history (every host gets it), and anything else in between starts a new step.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Coding } from '../../src-main/contract/types';
import { BURST_WINDOW_MS } from '../../src-main/core/history';
import { callOk, importArticle, openNewProject, spanOf } from './helpers';

const TEXT = 'The convoy waited at the crossing while officials traded blame.\n';

async function study() {
  const { session, call } = await openNewProject('burst.gloss');
  const articleId = await importArticle(call, 'a.txt', TEXT);
  const coding = await callOk<Coding>(call, 'codings.apply', { articleId, codePath: 'Logistics', ...spanOf(TEXT, 'convoy') });
  const get = async () => (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId })).codings.find((c) => c.id === coding.id)!;
  return { session, call, coding, get };
}

describe('adjusting a coding in a burst', () => {
  test('five quick edge moves are one undo step; redo gives the last span', async () => {
    const { session, call, coding, get } = await study();
    for (let i = 1; i <= 5; i++) await callOk(call, 'codings.update', { id: coding.id, end: coding.end + i });
    assert.equal((await get()).text, 'convoy wait');
    const undone = await callOk<{ label: string; undoLabel: string | null }>(call, 'history.undo');
    assert.equal(undone.label, 'Adjust coding');
    assert.equal((await get()).text, 'convoy');
    assert.equal(undone.undoLabel, 'Apply code', 'the step before the burst is next');
    await callOk(call, 'history.redo');
    assert.equal((await get()).text, 'convoy wait');
    session.closeProject();
  });

  test('a pause, a memo edit or an undo ends the burst', async () => {
    const { session, call, coding, get } = await study();
    await callOk(call, 'codings.update', { id: coding.id, end: coding.end + 1 });
    await new Promise((r) => setTimeout(r, BURST_WINDOW_MS + 100));
    await callOk(call, 'codings.update', { id: coding.id, end: coding.end + 2 });
    await callOk(call, 'history.undo');
    assert.equal((await get()).text, 'convoy ', 'after the pause, a new step');
    await callOk(call, 'codings.update', { id: coding.id, end: coding.end + 3 });
    await callOk(call, 'codings.update', { id: coding.id, memo: 'note' });
    await callOk(call, 'codings.update', { id: coding.id, end: coding.end + 4 });
    await callOk(call, 'history.undo');
    assert.equal((await get()).text, 'convoy wa', 'the memo edit ended the burst');
    await callOk(call, 'history.undo');
    assert.equal((await get()).memo, '');
    await callOk(call, 'history.undo');
    assert.equal((await get()).text, 'convoy ', 'the move after the undo was a step of its own');
    session.closeProject();
  });
});
