import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const SCRIPT = join(root, 'src-main', 'hosts', 'electron', 'hardenBinary.mjs');
// Electron's fuse wire: a sentinel, a version byte, a length byte, then one byte per fuse ('0' off, '1' on).
const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
const ON = 0x31;
const OFF = 0x30;

// No Electron binary can be downloaded here, so the packaging step's fuse flip is checked on a file laid out like one:
// the same sentinel and wire that @electron/fuses finds in a real binary.
test('npm run harden turns the runAsNode, NODE_OPTIONS and inspect fuses off in a packaged binary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-fuses-'));
  const binary = join(dir, 'electron');
  const wire = Buffer.alloc(9, ON);
  writeFileSync(binary, Buffer.concat([Buffer.alloc(4096, 0x90), SENTINEL, Buffer.from([1, wire.length]), wire, Buffer.alloc(4096, 0x90)]));
  const run = spawnSync(process.execPath, [SCRIPT, binary], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  const fuses = [...bytes.subarray(at, at + wire.length)];
  // Order of Electron's V1 wire: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, then the rest untouched.
  assert.deepEqual(fuses, [OFF, ON, OFF, OFF, ON, ON, ON, ON, ON]);
});

test('npm run harden refuses a file that is not an Electron binary, in one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-fuses-'));
  const notBinary = join(dir, 'notes.txt');
  writeFileSync(notBinary, 'not electron');
  const run = spawnSync(process.execPath, [SCRIPT, notBinary], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr.trim(), /^gloss harden: Could not find sentinel/);
  assert.equal(run.stderr.trim().split('\n').length, 1);
});
