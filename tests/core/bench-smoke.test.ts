import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { builtOrSkip } from './built';

const root = resolve(__dirname, '..', '..');
const METRICS = [
  'import.docs_per_s',
  'import.spans_per_s',
  'export.csv_100k_s',
  'retrieve.code_ms',
  'startup.web_ms',
  'open.long_article_ms',
  'open.typical_article_ms',
  'renderer.heap_mb',
  'code.apply_ms',
  'startup.cli_ms',
  'bound.open_long_ms',
  'bound.open_typical_ms',
  'bound.add_ms',
  'bound.heap_mb',
];
// Measured against a bound in the same run (issue 16): these must carry `bound` and `ratio`.
const RATIOED = ['open.long_article_ms', 'open.typical_article_ms', 'code.apply_ms', 'renderer.heap_mb', 'startup.cli_ms', 'import.docs_per_s', 'export.csv_100k_s'];

// Keeps `npm run bench` working: a run on small sizes must print every metric as one JSON object per line.
// It asserts the shape of the output, never the figures (speed is shown by the benchmark, not by tests).
test('npm run bench -- --small --json prints every metric', { skip: builtOrSkip(resolve(root, 'out', 'main', 'web.js')) }, () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', '--small', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const figures = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { metric: string; value: number; unit: string; bound: number | null; ratio: number | null });
  assert.deepEqual(figures.map((f) => f.metric).sort(), [...METRICS].sort());
  for (const f of figures) {
    assert.ok(Number.isFinite(f.value) && f.value > 0, `${f.metric}: ${f.value}`);
    assert.equal(typeof f.unit, 'string');
    if (f.bound !== null) assert.ok(Number.isFinite(f.ratio), `${f.metric} has a bound but no ratio`);
    if (RATIOED.includes(f.metric)) assert.ok(Number.isFinite(f.bound) && (f.bound ?? 0) > 0, `${f.metric} has no bound`);
  }
});
