// Issue 9, hole 5: `export --out` replaced whatever stood at the path — a named pipe, a device node, a socket, a
// symbolic link — with a regular file (as root, `--out /dev/null` would have replaced /dev/null). Gloss now only ever
// replaces a regular file or creates a new one; anything else is refused with a clear message and left untouched.
// A symbolic link is refused too (README, "Keeping the project safe"), and the file it points to is not touched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { exportCsv } from '../../src-main/core/export/csv';
import { exportJson } from '../../src-main/core/export/json';
import { Project } from '../../src-main/core/store/Project';
import { builtCli, callOk, directTransport, importText, newSession, tempDir } from './helpers';
import { cli } from './trust-corpus';

interface Target {
  /** What the refusal calls it. */
  kind: string;
  path: string;
  /** What must still be true of the path afterwards. */
  unchanged: () => void;
}

let dir: string;
let server: Server | undefined;
const targets: Target[] = [];
let deviceSkipped: string | false = false;

function sameNode(path: string, before: Stats): () => void {
  return () => {
    const now = lstatSync(path);
    assert.equal(now.ino, before.ino, `${path} was replaced`);
    assert.equal(now.mode, before.mode, `${path} changed type or mode`);
  };
}

before(async () => {
  dir = tempDir('gloss-export-targets-');
  const fifo = join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  targets.push({ kind: 'a FIFO', path: fifo, unchanged: sameNode(fifo, lstatSync(fifo)) });

  const folder = join(dir, 'folder.json');
  mkdirSync(folder);
  writeFileSync(join(folder, 'inside.txt'), 'keep');
  targets.push({
    kind: 'a folder',
    path: folder,
    unchanged: () => {
      sameNode(folder, lstatSync(folder));
      assert.deepEqual(readdirSync(folder), ['inside.txt']);
    },
  });

  const socket = join(dir, 'socket.out');
  server = createServer();
  await new Promise<void>((ok) => server!.listen(socket, ok));
  targets.push({ kind: 'a socket', path: socket, unchanged: sameNode(socket, lstatSync(socket)) });

  // A character device like /dev/null, made in the test's own folder. mknod needs root (or CAP_MKNOD).
  const device = join(dir, 'null-device');
  try {
    execFileSync('mknod', [device, 'c', '1', '3'], { stdio: 'ignore' });
    targets.push({ kind: 'a character device', path: device, unchanged: sameNode(device, lstatSync(device)) });
  } catch {
    deviceSkipped = 'mknod is not allowed here (not root): the device-node case is not checked';
  }
});

after(() => server?.close());

/** A symbolic link to a file holding `content`, and its check: the link and the file are as they were. */
function linkedFile(name: string, content: string): Target & { file: string } {
  const file = join(dir, `${name}-real.txt`);
  writeFileSync(file, content);
  const link = join(dir, `${name}-link.csv`);
  symlinkSync(file, link);
  return {
    kind: 'a symbolic link',
    path: link,
    file,
    unchanged: () => {
      assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
      assert.equal(readlinkSync(link), file);
      assert.equal(readFileSync(file, 'utf8'), content, 'the file behind the link is untouched');
    },
  };
}

function refusal(target: Target): RegExp {
  const escaped = target.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return target.kind === 'a symbolic link'
    ? new RegExp(`^Cannot export to ${escaped}: it is a symbolic link \\(to .*\\); Gloss does not write through links`)
    : new RegExp(`^Cannot export to ${escaped}: it is not a regular file \\(${target.kind}\\); Gloss only replaces regular files\\.$`);
}

/** No temporary export file was left beside the targets. */
function noDebris(): void {
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
}

describe('export targets that are not regular files', () => {
  test('the device-node case', (t) => {
    if (deviceSkipped) t.skip(deviceSkipped);
  });

  test('through the CLI: refused with one line, exit 2, left untouched', { skip: existsSync(builtCli) ? false : 'out/main/cli.js is not built (npm run build)' }, async () => {
    const project = join(dir, 'p.gloss');
    assert.equal((await cli(['init', project])).code, 0);
    const link = linkedFile('cli', 'my notes\n');
    for (const target of [...targets, link]) {
      for (const format of ['json', 'csv']) {
        const r = await cli(['export', project, '--format', format, '--out', target.path], { timeoutMs: 20_000 });
        assert.equal(r.timedOut, false, `${target.kind}: the export hung`);
        assert.equal(r.code, 2, `${target.kind}: ${r.stderr}`);
        assert.equal(r.stderr.split('\n').length, 2, r.stderr);
        assert.match(r.stderr.replace(/^gloss: /, '').trimEnd(), refusal(target));
        target.unchanged();
      }
    }
    noDebris();
    // A regular file is still replaced, and a new one created.
    const regular = join(dir, 'old.json');
    writeFileSync(regular, 'old');
    assert.equal((await cli(['export', project, '--format', 'json', '--out', regular])).code, 0);
    assert.match(readFileSync(regular, 'utf8'), /"format":\s*"gloss"/);
    assert.equal((await cli(['export', project, '--format', 'csv', '--out', join(dir, 'new.csv')])).code, 0);
  });

  test('through the core export calls and every contract call that writes a table', async () => {
    const { session, dir: sessionDir } = newSession();
    const call = directTransport(session);
    await callOk(call, 'project.create', { path: join(sessionDir, 'p.gloss') });
    const project = session.currentProject!;
    const articleId = await importText(project, 'Talks resume\nin Cairo.');
    const code = await callOk<{ id: number }>(call, 'codes.create', { name: 'Frames' });
    await callOk(call, 'codings.apply', { articleId, codeId: code.id, start: 0, end: 5 });
    const link = linkedFile('core', 'other notes\n');
    for (const target of [...targets, link]) {
      await assert.rejects(exportJson(project, target.path), (err: Error) => refusal(target).test(err.message));
      await assert.rejects(exportCsv(project, target.path), (err: Error) => refusal(target).test(err.message));
      for (const [name, payload] of [
        ['export.json', {}],
        ['export.csv', {}],
        ['counts.exportCsv', { rollUp: false }],
        ['retrieve.exportCsv', { codeIds: [code.id] }],
      ] as const) {
        const reply = await call(name, { ...payload, path: target.path });
        assert.equal(reply.ok, false, `${name} to ${target.kind}`);
        if (!reply.ok) {
          assert.equal(reply.error.code, 'forbidden');
          assert.match(reply.error.message, refusal(target));
        }
      }
      target.unchanged();
    }
    noDebris();
    await callOk(call, 'project.close');
  });

  test('a dangling symbolic link is refused as well, and nothing is created where it points', async () => {
    const project = Project.create(join(tempDir(), 'p.gloss'));
    try {
      const nowhere = join(dir, 'nowhere.json');
      const link = join(dir, 'dangling.json');
      symlinkSync(nowhere, link);
      await assert.rejects(exportJson(project, link), /it is a symbolic link \(to .*nowhere\.json\); Gloss does not write through links/);
      assert.equal(existsSync(nowhere), false);
      assert.ok(lstatSync(link).isSymbolicLink());
    } finally {
      project.close();
    }
  });
});
