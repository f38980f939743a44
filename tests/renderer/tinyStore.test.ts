import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../../src-renderer/app/tinyStore';

test('a store tells its listeners of each change, not of a value set again, and lets them go', () => {
  const store = createStore<{ start: number } | null>(null);
  const heard: ({ start: number } | null)[] = [];
  const stop = store.subscribe(() => heard.push(store.get()));
  const first = { start: 3 };
  store.set(first);
  store.set(first);
  store.set((prev) => (prev ? { start: prev.start + 1 } : prev));
  stop();
  store.set(null);
  assert.deepEqual(heard, [{ start: 3 }, { start: 4 }]);
  assert.equal(store.get(), null);
});
