// codings.listForReader (issue 16): the reader's list of an article's codings without each passage's text, which the
// reader slices from the article text by code points. It must list exactly what codings.listForArticle lists (same
// codings, order, coder filter, errors), and the text left out must be recoverable from the article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Article, Coding } from '../../src-main/contract/types';
import { callOk, directTransport, newSession, spanOf } from './helpers';

// Astral characters (an emoji, a flag) and Arabic before the passages, so code points and UTF-16 differ.
const TEXT = 'Flags 🇵🇸 and 👩🏽‍⚕️ first.\nالمساعدات تنتظر عند المعبر.\nAid convoy waits at the crossing. Officials traded blame.';

async function project() {
  const { session, dir } = newSession();
  const call = directTransport(session);
  await callOk(call, 'project.create', { path: join(dir, 'reader.gloss') });
  const report = await callOk<{ imported: { articleId: number }[] }>(call, 'articles.importFiles', {
    files: [{ name: 'convoy.txt', base64: Buffer.from(TEXT).toString('base64') }],
  });
  const articleId = report.imported[0]!.articleId;
  const aid = (await callOk<{ id: number }>(call, 'codes.create', { name: 'Aid' })).id;
  const place = (await callOk<{ id: number }>(call, 'codes.create', { name: 'Place' })).id;
  const apply = (codeId: number, needle: string) => callOk<Coding>(call, 'codings.apply', { articleId, codeId, ...spanOf(TEXT, needle) });
  await callOk(call, 'coders.setCurrent', { name: 'Ann' });
  await apply(aid, 'Aid convoy');
  await apply(place, 'المعبر');
  await callOk(call, 'coders.setCurrent', { name: 'Bob' });
  await apply(aid, '👩🏽‍⚕️ first');
  await apply(place, 'crossing');
  return { call, articleId };
}

test('codings.listForReader lists what codings.listForArticle lists, without the passage text, which the article text gives back', async () => {
  const { call, articleId } = await project();
  const full = (await callOk<{ codings: Coding[] }>(call, 'codings.listForArticle', { articleId })).codings;
  const slim = (await callOk<{ codings: Record<string, unknown>[] }>(call, 'codings.listForReader', { articleId })).codings;
  assert.equal(full.length, 4);
  assert.deepEqual(
    slim,
    full.map(({ text: _text, ...rest }) => rest),
  );
  assert.ok(slim.every((c) => !('text' in c)), 'no passage text is sent');
  const article = await callOk<Article>(call, 'articles.get', { id: articleId });
  const codePoints = [...article.text];
  for (const c of full) assert.equal(codePoints.slice(c.start, c.end).join(''), c.text, `coding ${c.id}`);
  assert.deepEqual(
    full.map((c) => c.text).sort(),
    ['Aid convoy', 'crossing', 'المعبر', '👩🏽‍⚕️ first'].sort(),
  );
});

test('codings.listForReader filters to a coder and refuses an unknown article as codings.listForArticle does', async () => {
  const { call, articleId } = await project();
  const ann = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForReader', { articleId, coder: 'ann' });
  const annFull = await callOk<{ codings: Coding[]; filteredToCoder?: string }>(call, 'codings.listForArticle', { articleId, coder: 'ann' });
  assert.deepEqual(
    ann.codings.map((c) => c.id),
    annFull.codings.map((c) => c.id),
  );
  assert.equal(ann.codings.length, 2);
  assert.ok(ann.codings.every((c) => c.coder === 'Ann'));
  assert.equal(ann.filteredToCoder, annFull.filteredToCoder);
  const missing = await call('codings.listForReader', { articleId: articleId + 100 });
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.error.code, 'not_found');
  const bad = await call('codings.listForReader', { articleId, text: true });
  assert.equal(!bad.ok && bad.error.code, 'invalid_request');
});
