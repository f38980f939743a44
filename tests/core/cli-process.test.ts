// The built `gloss` as a process in a pipeline: a reader that closes early (`| head -1`) ends it quietly with exit 0,
// and `--help` anywhere prints the usage without touching any file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli, tempDir, writeFiles } from './helpers';

const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;

function gloss(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

/**
 * Runs the CLI with its stdout on a pipe whose reader closes: after the first chunk arrives (`firstChunk`), or
 * before anything is read at all. Resolves with the exit code and everything written to stderr.
 */
function runWithEarlyClose(cwd: string, args: string[], when: 'firstChunk' | 'atOnce'): Promise<{ code: number | null; signal: string | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    if (when === 'atOnce') child.stdout.destroy();
    else
      child.stdout.once('data', (chunk: Buffer) => {
        got = chunk.length;
        child.stdout.destroy();
      });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gloss ${args.join(' ')} did not end after its reader closed`));
    }, 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, got });
    });
  });
}

describe('gloss in a pipeline', { skip }, () => {
  test('a reader that closes early ends search, counts and stats quietly with exit 0', async () => {
    const dir = tempDir('gloss-epipe-');
    // Enough hits that the output outgrows any pipe buffer, so writes go on after the reader has gone.
    writeFiles(dir, { 'long.txt': 'ceasefire talks resume\n'.repeat(5_000) });
    assert.equal(gloss(dir, 'init', 'study.gloss').status, 0);
    assert.equal(gloss(dir, 'import', 'study.gloss', 'long.txt').status, 0);
    const head = await runWithEarlyClose(dir, ['search', 'study.gloss', 'ceasefire'], 'firstChunk');
    assert.ok(head.got > 0, 'the reader got the first lines');
    for (const [args, r] of [
      [['search', 'study.gloss', 'ceasefire'], head],
      [['search', 'study.gloss', 'ceasefire', '--json'], await runWithEarlyClose(dir, ['search', 'study.gloss', 'ceasefire', '--json'], 'atOnce')],
      [['counts', 'study.gloss', '--by', 'article'], await runWithEarlyClose(dir, ['counts', 'study.gloss', '--by', 'article'], 'atOnce')],
      [['stats', 'study.gloss'], await runWithEarlyClose(dir, ['stats', 'study.gloss'], 'atOnce')],
    ] as const) {
      assert.equal(r.signal, null, `${args.join(' ')}: not killed by a signal`);
      assert.equal(r.code, 0, `${args.join(' ')}: exit 0 (stderr: ${r.stderr})`);
      assert.doesNotMatch(r.stderr, /EPIPE|Error|\n\s+at /, `${args.join(' ')}: no stack trace on stderr`);
    }
    // The same with coding: the hits are still coded, all of them, after the reader went away.
    const coded = await runWithEarlyClose(dir, ['search', 'study.gloss', 'ceasefire', '--code', 'Peace'], 'firstChunk');
    assert.equal(coded.code, 0, coded.stderr);
    assert.match(coded.stderr, /Coded 5000 hits with "Peace"/);
  });

  test('--help anywhere prints the usage and exits 0 without creating, opening or changing any file', () => {
    const dir = tempDir('gloss-help-');
    writeFiles(dir, { 'a.txt': 'A story' });
    const before = readdirSync(dir).sort();
    for (const args of [
      ['--help'],
      ['-h'],
      ['import', 'nonexistent.gloss', '--help'],
      ['init', 'new.gloss', '--help'],
      ['import', 'nonexistent.gloss', 'a.txt', '--json', '-h'],
      // Other arguments that would be refused do not matter once help is asked for.
      ['init', 'new.gloss', '--no-such-option', '--help'],
      ['export', 'nonexistent.gloss', '--out', 'x.csv', '--format', '--help'],
      ['code', 'nonexistent.gloss', '--article', '--help'],
      ['search', 'nonexistent.gloss', 'ceasefire', '--code', 'X', '--help'],
    ]) {
      const r = gloss(dir, ...args);
      assert.equal(r.status, 0, `${args.join(' ')}: exit 0 (stderr: ${r.stderr})`);
      assert.match(r.stdout, /Usage:\n\s+gloss init <project\.gloss>/, `${args.join(' ')}: prints the usage`);
      assert.equal(r.stderr, '', `${args.join(' ')}: nothing on stderr`);
      assert.deepEqual(readdirSync(dir).sort(), before, `${args.join(' ')}: no file created`);
    }
    assert.ok(!existsSync(join(dir, 'nonexistent.gloss')));
    // After `--` it is an argument like any other: here, the text to search for.
    const literal = gloss(dir, 'search', 'nonexistent.gloss', '--', '--help');
    assert.equal(literal.status, 2);
    assert.doesNotMatch(literal.stdout, /Usage:/);
  });
});
