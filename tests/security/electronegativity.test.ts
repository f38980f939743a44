import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const root = resolve(__dirname, '..', '..');

// Electronegativity reviews the Electron code against Electron's security checklist. It always exits 0, so the
// findings are read from its CSV report. It scans a copy of the sources and package.json (which tells it the
// Electron version), not the bundles in out/, where our reasoned `eng-disable` comments do not survive.
test('electronegativity reports no HIGH or MEDIUM finding', () => {
  const stage = mkdtempSync(join(tmpdir(), 'gloss-eng-'));
  for (const entry of ['package.json', 'src-main', 'src-preload', 'src-renderer']) {
    cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  const report = join(stage, 'report.csv');
  const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
  const run = spawnSync(process.execPath, ['-r', join(__dirname, 'offlineGot.cjs'), cli, '-i', stage, '-r', '-o', report, '-v', 'false'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.ok(existsSync(report), `electronegativity wrote no report:\n${run.stdout}\n${run.stderr}`);
  const rows = parse(readFileSync(report, 'utf8'), { columns: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
  const serious = rows.filter((r) => ['HIGH', 'MEDIUM'].includes(r.severity));
  const describe = (r: Record<string, string>) => `${r.issue} ${r.severity} ${r.filename}:${r.location} ${r.sample}`;
  assert.deepEqual(serious.map(describe), [], 'fix these or silence a false positive with /* eng-disable CHECK */ and a reason');
});
