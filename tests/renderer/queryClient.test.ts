import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PREFETCH_KEEP_MS, QueryClient, touches } from '../../src-renderer/api/queryClient';
import type { GlossEvent } from '../../src-main/contract/types';

/** A stand-in for the bridge: every call waits until the test answers it, and events are sent by hand. */
function fakeBridge() {
  const pending: { name: string; request: unknown; resolve(v: unknown): void; reject(e: Error): void }[] = [];
  const listeners = new Set<(e: GlossEvent) => void>();
  const call = (name: string, request: unknown) => new Promise<unknown>((resolve, reject) => pending.push({ name, request, resolve, reject }));
  const subscribe = (l: (e: GlossEvent) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    pending,
    client: new QueryClient(call, subscribe),
    emit: (e: GlossEvent) => listeners.forEach((l) => l(e)),
    take() {
      const p = pending.shift();
      assert.ok(p, 'expected a request');
      return p;
    },
  };
}
const tick = () => new Promise((r) => setImmediate(r));

test('a watched read is fetched once and its answer is shared by every watcher (dedup)', async () => {
  const b = fakeBridge();
  let heard = 0;
  b.client.watch('codes.list', {}, ['codes'], () => heard++);
  b.client.watch('codes.list', {}, ['codes'], () => heard++);
  assert.equal(b.pending.length, 1);
  assert.equal(b.client.get('codes.list', {}).loading, true);
  b.take().resolve({ codes: ['a'] });
  await tick();
  assert.deepEqual(b.client.get('codes.list', {}), { data: { codes: ['a'] }, error: undefined, loading: false });
  assert.ok(heard >= 2);
});

test('requests with the same fields in another order are one read; other requests are separate', () => {
  const b = fakeBridge();
  b.client.watch('articles.list', { a: 1, b: 2 }, ['articles'], () => {});
  b.client.watch('articles.list', { b: 2, a: 1 }, ['articles'], () => {});
  b.client.watch('articles.list', { a: 1, b: 3 }, ['articles'], () => {});
  assert.deepEqual(
    b.pending.map((p) => p.request),
    [
      { a: 1, b: 2 },
      { a: 1, b: 3 },
    ],
  );
});

test('a change refetches only the reads whose entities it names', async () => {
  const b = fakeBridge();
  b.client.watch('codes.list', {}, ['codes'], () => {});
  b.client.watch('memos.get', {}, ['memos'], () => {});
  b.take().resolve({ codes: [] });
  b.take().resolve({ memo: 'x' });
  await tick();
  b.emit({ type: 'changed', entities: ['codes', 'history'] });
  assert.deepEqual(
    b.pending.map((p) => p.name),
    ['codes.list'],
  );
  // The old answer stays on screen while the new one loads.
  assert.deepEqual(b.client.get('codes.list', {}), { data: { codes: [] }, error: undefined, loading: true });
  b.take().resolve({ codes: ['renamed'] });
  await tick();
  assert.deepEqual(b.client.get('codes.list', {}).data, { codes: ['renamed'] });
});

test("a change to one article's codings does not refetch another article's codings", async () => {
  const b = fakeBridge();
  for (const articleId of [1, 2]) b.client.watch('codings.listForArticle', { articleId }, touches(['codings'], { articleId }), () => {});
  b.take().resolve({ codings: [] });
  b.take().resolve({ codings: [] });
  await tick();
  b.emit({ type: 'changed', entities: ['codings'], articleIds: [2] });
  assert.deepEqual(
    b.pending.map((p) => p.request),
    [{ articleId: 2 }],
  );
  b.take().resolve({ codings: [] });
  // A change that names no articles may touch any of them.
  b.emit({ type: 'changed', entities: ['codings'] });
  assert.equal(b.pending.length, 2);
});

test('touches filters by code too, and by entity first', () => {
  const forCode = touches(['codings'], { codeId: 5 });
  assert.equal(forCode({ type: 'changed', entities: ['codings'], codeIds: [4] }), false);
  assert.equal(forCode({ type: 'changed', entities: ['codings'], codeIds: [5, 6] }), true);
  assert.equal(forCode({ type: 'changed', entities: ['memos'], codeIds: [5] }), false);
});

test('only the newest answer lands when reloads overlap (latest request wins)', async () => {
  const b = fakeBridge();
  b.client.watch('codes.list', {}, ['codes'], () => {});
  const first = b.take();
  b.emit({ type: 'changed', entities: ['codes'] });
  const second = b.take();
  second.resolve({ codes: ['new'] });
  await tick();
  first.resolve({ codes: ['old'] });
  await tick();
  assert.deepEqual(b.client.get('codes.list', {}), { data: { codes: ['new'] }, error: undefined, loading: false });
});

test('an error is kept on the read, with the last good answer, and cleared by the next success', async () => {
  const b = fakeBridge();
  b.client.watch('codes.list', {}, ['codes'], () => {});
  b.take().resolve({ codes: ['a'] });
  await tick();
  b.emit({ type: 'changed', entities: ['codes'] });
  b.take().reject(new Error('No project is open.'));
  await tick();
  const failed = b.client.get('codes.list', {});
  assert.equal(failed.error?.message, 'No project is open.');
  assert.deepEqual(failed.data, { codes: ['a'] });
  assert.equal(failed.loading, false);
  const again = b.client.refetch('codes.list', {});
  b.take().resolve({ codes: ['b'] });
  await again;
  assert.equal(b.client.get('codes.list', {}).error, undefined);
});

test('a predicate decides for itself; another project invalidates everything', async () => {
  const b = fakeBridge();
  b.client.watch('history.state', {}, (e) => e.entities.includes('history'), () => {});
  b.client.watch('codes.list', {}, ['codes'], () => {});
  b.take().resolve({});
  b.take().resolve({});
  await tick();
  b.emit({ type: 'changed', entities: ['articles'] });
  assert.equal(b.pending.length, 0);
  b.emit({ type: 'project.changed', project: null });
  assert.equal(b.pending.length, 2);
});

test('a read no one watches any more is forgotten and not refetched', async () => {
  const b = fakeBridge();
  const stop = b.client.watch('codes.list', {}, ['codes'], () => {});
  b.take().resolve({ codes: [] });
  await tick();
  stop();
  b.emit({ type: 'changed', entities: ['codes'] });
  assert.equal(b.pending.length, 0);
  assert.equal(b.client.get('codes.list', {}).data, undefined);
});

test('onChange listeners hear every change event', () => {
  const b = fakeBridge();
  const heard: string[][] = [];
  const stop = b.client.onChange((e) => heard.push([...e.entities]));
  b.emit({ type: 'changed', entities: ['memos'] });
  stop();
  b.emit({ type: 'changed', entities: ['codes'] });
  assert.deepEqual(heard, [['memos']]);
});

test('a prefetched read is sent at once and the view that watches it later shares its request and answer', async () => {
  const b = fakeBridge();
  b.client.prefetch('articles.get', { id: 7 });
  assert.deepEqual(b.pending.map((p) => [p.name, p.request]), [['articles.get', { id: 7 }]]);
  let heard = 0;
  b.client.watch('articles.get', { id: 7 }, ['articles'], () => heard++);
  assert.equal(b.pending.length, 1, 'the watch does not send a second request');
  b.take().resolve({ id: 7, text: 'x' });
  await tick();
  assert.deepEqual(b.client.get('articles.get', { id: 7 }).data, { id: 7, text: 'x' });
  assert.ok(heard >= 1);
  // Once watched it is an ordinary read: a change refetches it.
  b.emit({ type: 'changed', entities: ['articles'] });
  assert.equal(b.take().name, 'articles.get');
});

test('a prefetched read nobody watched is dropped by any change, so a later view never sees it stale', async () => {
  const b = fakeBridge();
  b.client.prefetch('articles.get', { id: 7 });
  b.take().resolve({ id: 7, title: 'old' });
  await tick();
  b.emit({ type: 'changed', entities: ['articles'], articleIds: [7] });
  assert.equal(b.pending.length, 0, 'an unwatched read is not refetched');
  b.client.watch('articles.get', { id: 7 }, ['articles'], () => {});
  assert.equal(b.client.get('articles.get', { id: 7 }).data, undefined, 'the old answer is gone');
  b.take().resolve({ id: 7, title: 'new' });
  await tick();
  assert.deepEqual(b.client.get('articles.get', { id: 7 }).data, { id: 7, title: 'new' });
  b.client.dispose();
});

test('a prefetched read nobody watches is forgotten after a while', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const b = fakeBridge();
  b.client.prefetch('articles.get', { id: 7 });
  b.take().resolve({ id: 7 });
  await tick();
  t.mock.timers.tick(PREFETCH_KEEP_MS + 1);
  b.client.watch('articles.get', { id: 7 }, ['articles'], () => {});
  assert.equal(b.pending.length, 1, 'fetched again');
  b.client.dispose();
});

// Issue 16: the window that made a change takes the answer into its cache instead of reading it again.
const later = () => new Promise((r) => setTimeout(r, 5));
const codingsOf = (b: ReturnType<typeof fakeBridge>) => (b.client.get('codings.listForArticle', { articleId: 1 }).data as { codings: { id: number }[] } | undefined)?.codings.map((c) => c.id);
const addToList = (data: unknown, coding: { id: number }) => ({ codings: [...(data as { codings: { id: number }[] }).codings, coding] });

async function watchingCodingsAndCounts() {
  const b = fakeBridge();
  b.client.watch('codings.listForArticle', { articleId: 1 }, touches(['codings'], { articleId: 1 }), () => {});
  b.client.watch('codes.list', {}, ['codes', 'codings'], () => {});
  b.take().resolve({ codings: [{ id: 1 }] });
  b.take().resolve({ codes: [] });
  await tick();
  return b;
}

for (const order of ['event first', 'answer first'] as const) {
  test(`an own change (${order}): the answer is patched into the list, which is not read again; the counts are`, async () => {
    const b = await watchingCodingsAndCounts();
    let answer!: (v: { id: number }) => void;
    const done = b.client.change(() => new Promise<{ id: number }>((ok) => (answer = ok)), [{ name: 'codings.listForArticle', request: { articleId: 1 }, update: addToList }]);
    const event: GlossEvent = { type: 'changed', entities: ['codings'], articleIds: [1], own: true };
    if (order === 'event first') b.emit(event);
    answer({ id: 2 });
    assert.deepEqual(await done, { id: 2 });
    if (order === 'answer first') b.emit(event);
    assert.equal(b.pending.length, 0, 'nothing is read before the change is on screen');
    await later();
    assert.deepEqual(codingsOf(b), [1, 2]);
    assert.deepEqual(
      b.pending.map((p) => p.name),
      ['codes.list'],
    );
  });
}

test("another window's change, and this window's change it did not patch, are read again at once", async () => {
  const b = await watchingCodingsAndCounts();
  b.emit({ type: 'changed', entities: ['codings'], articleIds: [1] });
  assert.deepEqual(
    b.pending.map((p) => p.name).sort(),
    ['codes.list', 'codings.listForArticle'],
  );
  b.pending.length = 0;
  b.emit({ type: 'changed', entities: ['codings'], articleIds: [1], own: true });
  assert.deepEqual(
    b.pending.map((p) => p.name).sort(),
    ['codes.list', 'codings.listForArticle'],
  );
});

test('a refused own change patches nothing, and the next own change is read again in full', async () => {
  const b = await watchingCodingsAndCounts();
  await assert.rejects(b.client.change(() => Promise.reject(new Error('refused')), [{ name: 'codings.listForArticle', request: { articleId: 1 }, update: addToList }]));
  await later();
  assert.deepEqual(codingsOf(b), [1]);
  b.emit({ type: 'changed', entities: ['codings'], articleIds: [1], own: true });
  assert.ok(b.pending.some((p) => p.name === 'codings.listForArticle'));
});

test('a read in flight when the answer is patched in is asked again, so an answer from before the change cannot land last', async () => {
  const b = await watchingCodingsAndCounts();
  // Another window's change starts a reload that the host may answer from before this window's change.
  b.emit({ type: 'changed', entities: ['codings'], articleIds: [1] });
  const stale = b.pending.find((p) => p.name === 'codings.listForArticle')!;
  b.pending.length = 0;
  await b.client.change(() => Promise.resolve({ id: 2 }), [{ name: 'codings.listForArticle', request: { articleId: 1 }, update: addToList }]);
  b.emit({ type: 'changed', entities: ['codings'], articleIds: [1], own: true });
  await later();
  assert.deepEqual(codingsOf(b), [1, 2]);
  const again = b.pending.find((p) => p.name === 'codings.listForArticle');
  assert.ok(again, 'the list is asked again');
  stale.resolve({ codings: [{ id: 1 }] });
  again.resolve({ codings: [{ id: 1 }, { id: 2 }] });
  await tick();
  assert.deepEqual(codingsOf(b), [1, 2]);
});
