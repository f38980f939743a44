// The disagreement worklist and consensus decisions (team.disagreements, team.decide) through the dispatcher on a
// real project file: two coders code one article, the list shows where they differ and who has what, and each
// decision writes the consensus coder's codings as one undo step.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Code, Coding, DisagreementList } from '../../src-main/contract/types';
import { differingRuns } from '../../src-main/core/team/disagreements';
import { callOk, importArticle, openNewProject, spanOf } from './helpers';

// Code points = UTF-16 units here except the flag (2 code points, 4 units): spanOf counts code points.
const TEXT = 'The convoy waited at the crossing 🇱🇧 for hours. Officials traded blame.\n';

async function twoCoders() {
  const { session, call } = await openNewProject('team.gloss');
  const articleId = await importArticle(call, 'one.txt', TEXT);
  const frames = (await callOk<Code>(call, 'codes.create', { name: 'Frames' })).id;
  const aid = (await callOk<Code>(call, 'codes.create', { name: 'Aid', parentId: frames })).id;
  const as = async (coder: string, codeId: number, needle: string) => {
    await callOk(call, 'settings.update', { coderName: coder });
    return callOk<Coding>(call, 'codings.apply', { articleId, codeId, ...spanOf(TEXT, needle) });
  };
  // A boundary dispute: Ann "convoy waited", Ben "waited at the crossing 🇱🇧".
  await as('Ann', aid, 'convoy waited');
  await as('Ben', aid, 'waited at the crossing 🇱🇧');
  // The same coverage in two pieces for Ben: agreement, nothing to decide.
  await as('Ann', aid, 'for hours');
  await as('Ben', aid, 'for ');
  await as('Ben', aid, 'hours');
  // Only Ben saw this one (on the parent code: counts under roll-up only).
  await as('Ben', frames, 'Officials');
  await callOk(call, 'settings.update', { coderName: 'Lead' });
  return { session, call, articleId, frames, aid };
}

describe('disagreement worklist', () => {
  test('differing runs are the maximal runs where exactly one coder has the code', () => {
    assert.deepEqual(differingRuns([{ start: 0, end: 10 }], [{ start: 5, end: 15 }], 20), [
      { start: 0, end: 5, coder: 'x' },
      { start: 10, end: 15, coder: 'y' },
    ]);
    assert.deepEqual(differingRuns([{ start: 0, end: 5 }, { start: 5, end: 9 }], [{ start: 0, end: 9 }], 9), []);
  });

  test('lists each passage where the coders differ, with who has which code points and the codings involved', async () => {
    const { call, articleId, aid } = await twoCoders();
    const list = await callOk<DisagreementList>(call, 'team.disagreements', { coderX: 'Ann', coderY: 'Ben', codeId: aid });
    assert.equal(list.code, 'Frames/Aid');
    assert.equal(list.consensusCoder, 'Consensus');
    assert.equal(list.total, 1);
    assert.equal(list.decided, 0);
    assert.equal(list.agreed, 1, '"for hours" against "for " + "hours" is the same coverage');
    const item = list.items[0]!;
    assert.equal(item.articleId, articleId);
    assert.equal(item.text, 'convoy waited at the crossing 🇱🇧');
    assert.deepEqual({ start: item.start, end: item.end }, { start: spanOf(TEXT, 'convoy').start, end: spanOf(TEXT, '🇱🇧').end });
    assert.deepEqual(item.runs, [
      { ...spanOf(TEXT, 'convoy '), coder: 'x' },
      { ...spanOf(TEXT, ' at the crossing 🇱🇧'), coder: 'y' },
    ]);
    assert.deepEqual(
      item.codings.map((c) => [c.coder, c.codePath, c.start, c.end]),
      [
        ['x', 'Frames/Aid', ...Object.values(spanOf(TEXT, 'convoy waited'))],
        ['y', 'Frames/Aid', ...Object.values(spanOf(TEXT, 'waited at the crossing 🇱🇧'))],
      ],
    );
    assert.equal(item.before, 'The ');

    const rolled = await callOk<DisagreementList>(call, 'team.disagreements', { coderX: 'Ann', coderY: 'Ben', codePath: 'Frames', rollUp: true });
    assert.equal(rolled.total, 2, 'with roll-up, Ben\'s "Officials" on Frames is a second passage');
    assert.deepEqual(rolled.items[1]!.runs, [{ ...spanOf(TEXT, 'Officials'), coder: 'y' }]);
  });

  test('decisions write the consensus coder, replace an earlier decision, and undo one step at a time', async () => {
    const { call, articleId, aid } = await twoCoders();
    const base = { coderX: 'Ann', coderY: 'Ben', codeId: aid };
    const list = await callOk<DisagreementList>(call, 'team.disagreements', base);
    const item = list.items[0]!;
    const disagreement = { articleId, start: item.start, end: item.end };
    const consensus = async () =>
      (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId })).codings
        .filter((c) => c.coder === 'Consensus')
        .map((c) => c.text);

    const x = await callOk<{ written: Coding[] }>(call, 'team.decide', { ...base, disagreement, decision: 'acceptX' });
    assert.deepEqual(x.written.map((c) => [c.coder, c.text]), [['Consensus', 'convoy waited']]);
    const after = await callOk<DisagreementList>(call, 'team.disagreements', base);
    assert.equal(after.decided, 1);
    assert.equal(after.items[0]!.decided, true);

    await callOk(call, 'team.decide', { ...base, disagreement, decision: 'acceptY' });
    assert.deepEqual(await consensus(), ['waited at the crossing 🇱🇧'], 'a new decision replaces the earlier one');
    await callOk(call, 'team.decide', { ...base, disagreement, decision: 'acceptBoth' });
    assert.deepEqual(await consensus(), ['convoy waited', 'waited at the crossing 🇱🇧']);
    await callOk(call, 'team.decide', { ...base, disagreement, decision: 'edit', ...spanOf(TEXT, 'convoy waited at the crossing') });
    assert.deepEqual(await consensus(), ['convoy waited at the crossing']);
    await callOk(call, 'team.decide', { ...base, disagreement, decision: 'reject' });
    assert.deepEqual(await consensus(), []);

    const undone = await callOk<{ label: string }>(call, 'history.undo');
    assert.equal(undone.label, 'Reject coding');
    assert.deepEqual(await consensus(), ['convoy waited at the crossing']);
    await callOk(call, 'history.undo');
    assert.deepEqual(await consensus(), ['convoy waited', 'waited at the crossing 🇱🇧']);

    // The consensus is an ordinary coder: the passages view filters to it.
    const passages = await callOk<{ total: number; items: { coder: string }[] }>(call, 'retrieve.passages', { codeIds: [aid], coder: 'Consensus' });
    assert.equal(passages.total, 2);
    assert.ok(passages.items.every((p) => p.coder === 'Consensus'));
  });

  test('clear errors: a stale passage, an edit without a span, the consensus named like a coder', async () => {
    const { call, articleId, aid } = await twoCoders();
    const base = { coderX: 'Ann', coderY: 'Ben', codeId: aid };
    const stale = await call('team.decide', { ...base, disagreement: { articleId, start: 0, end: 3 }, decision: 'acceptX' });
    assert.ok(!stale.ok && stale.error.code === 'not_found' && /no disagreement at 0–3 in article/.test(stale.error.message));
    const item = (await callOk<DisagreementList>(call, 'team.disagreements', base)).items[0]!;
    const noSpan = await call('team.decide', { ...base, disagreement: { articleId, start: item.start, end: item.end }, decision: 'edit' });
    assert.ok(!noSpan.ok && noSpan.error.code === 'invalid_request');
    const same = await call('team.disagreements', { ...base, consensusCoder: 'Ann' });
    assert.ok(!same.ok && /someone other than Ann and Ben/.test(same.error.message));
    const nobody = await call('team.disagreements', { ...base, coderY: 'Zoe' });
    assert.ok(!nobody.ok && nobody.error.code === 'not_found' && /"Zoe"/.test(nobody.error.message));
  });
});
