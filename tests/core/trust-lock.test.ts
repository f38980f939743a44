// One writer per project. A second window or process that opens a project for writing gets a clear one-line
// "already open in another window" (the CLI: exit 2), read-only use still works, and a lock left by a killed process
// is recognised and cleared. Real processes: the built web host holds the project, the built CLI knocks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { ProjectLock } from '../../src-main/core/store/projectLock';
import { Project } from '../../src-main/core/store/Project';
import { builtCli, callOk, directTransport, newSession, repoRoot, tempDir, writeFiles, nth, writeFile } from './helpers';
import { cli, startNode, type Started } from './trust-corpus';
import { builtOrSkip } from './built';

const builtWeb = join(repoRoot, 'out', 'main', 'web.js');
const notBuilt = builtOrSkip(builtCli, builtWeb);

/** A finished child's pid: a process id that is certainly not running. */
async function deadPid(): Promise<number> {
  const { child, done } = startNode(['-e', '0']);
  await done;
  return child.pid!;
}

function lockOf(path: string): { pid: number; by: string } | undefined {
  const file = ProjectLock.lockPathFor(path);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { pid: number; by: string }) : undefined;
}

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected: ${stderr}`);
  return nth(lines, 0, 'the line');
}

/**
 * A process that opens `project` for writing through the core, as the CLI and the app do, and holds it until killed.
 * `holding` settles once it has the project open (or fails if it exits first); the caller kills it.
 */
function holdInAnotherProcess(project: string): Started & { holding: Promise<void> } {
  const script = join(dirname(project), 'hold.ts');
  writeFileSync(
    script,
    `import { Project } from ${JSON.stringify(join(repoRoot, 'src-main', 'core', 'store', 'Project.ts'))};
Project.open(${JSON.stringify(project)}, { holder: 'gloss CLI' });
process.stdout.write('holding\\n');
setInterval(() => {}, 1000);
`,
  );
  const holder = startNode(['--import', 'tsx', script], { timeoutMs: 60_000, cwd: repoRoot });
  const holding = new Promise<void>((ok, fail) => {
    holder.child.stdout!.on('data', (d: Buffer) => d.toString().includes('holding') && ok());
    void holder.done.then((r) => fail(new Error(`the holder exited: ${r.stderr}`)));
  });
  return { ...holder, holding };
}

describe('a project the web host has open', { skip: notBuilt }, () => {
  let dir: string;
  let project: string;
  let web: Started;

  before(async () => {
    dir = tempDir('gloss-trust-lock-');
    project = join(dir, 'shared.gloss');
    const article = writeFile(dir, 'a.txt', 'Ceasefire talks resume in Cairo\nAid convoy waits at the crossing.');
    assert.equal((await cli(['init', project])).code, 0);
    assert.equal((await cli(['import', project, article])).code, 0);
    assert.equal((await cli(['code', project, '--article', '1', '--code', 'Frames/Humanitarian', '--start', '0', '--end', '9'])).code, 0);
    web = startNode([builtWeb, '--data', join(dir, 'web'), '--port', '0', '--machine-readable', '--project', project], { timeoutMs: 120_000 });
    // Started once it prints its address (after opening the project).
    await new Promise<void>((ok, fail) => {
      let out = '';
      web.child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('GLOSS_WEB_URL=')) ok();
      });
      void web.done.then((r) => fail(new Error(`the web host exited: ${r.stderr}`)));
    });
  });

  after(() => {
    web?.child.kill('SIGKILL');
  });

  test('the lock names the web host and its process', () => {
    assert.deepEqual(lockOf(project), { ...lockOf(project), pid: web.child.pid, by: 'the Gloss web host' });
  });

  test('the CLI cannot write to it: one clear line, exit 2, nothing changed', async () => {
    const stats = async () => JSON.parse((await cli(['stats', project, '--json'])).stdout) as { articles: number; codings: number };
    const before = await stats();
    const extra = writeFile(tempDir(), 'b.txt', 'Another article\nwith text.');
    const link = join(dir, 'link.gloss');
    symlinkSync(project, link);
    const spellings = [project, relative(process.cwd(), project), join(dir, '.', 'x', '..', 'shared.gloss'), link];
    for (const spelling of spellings) {
      for (const args of [
        ['code', spelling, '--article', '1', '--code', 'Actors', '--start', '0', '--end', '4'],
        ['import', spelling, extra],
      ]) {
        const r = await cli(args);
        assert.equal(r.code, 2, `${args[0]} via ${spelling}: ${r.stderr}`);
        const line = oneLine(r.stderr);
        assert.match(line, /^gloss: .* is already open in another window \(the Gloss web host, process \d+, since .*\)\. Close it there first\.$/);
        assert.equal(r.stdout, '');
      }
    }
    assert.deepEqual(await stats(), before);
    assert.equal(lockOf(project)?.pid, web.child.pid, 'the host keeps its lock');
  });

  test('read-only use still works: stats and both exports', async () => {
    const stats = await cli(['stats', project, '--json']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.deepEqual(JSON.parse(stats.stdout), { articles: 1, codes: 2, codings: 1 });
    for (const format of ['json', 'csv']) {
      const out = join(dir, `export.${format}`);
      const r = await cli(['export', project, '--format', format, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(readFileSync(out, 'utf8').includes('Ceasefire'));
    }
  });

  test('once the web host is killed, its lock is recognised as stale and the CLI can write', async () => {
    web.child.kill('SIGKILL');
    await web.done;
    assert.equal(lockOf(project)?.pid, web.child.pid, 'a killed process cannot remove its lock');
    const r = await cli(['code', project, '--article', '1', '--code', 'Actors', '--start', '0', '--end', '9']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lockOf(project), undefined, 'the CLI released the lock it took over');
    assert.equal(JSON.parse((await cli(['stats', project, '--json'])).stdout).codings, 2);
  });
});

describe('another process holding the project for writing', { skip: notBuilt }, () => {
  test('a second writer process is refused; the holder is unaffected', async () => {
    const dir = tempDir('gloss-trust-lock-');
    const project = join(dir, 'p.gloss');
    assert.equal((await cli(['init', project])).code, 0);
    const holder = holdInAnotherProcess(project);
    try {
      await holder.holding;
      const r = await cli(['code', project, '--article', '1', '--code', 'X', '--start', '0', '--end', '1']);
      assert.equal(r.code, 2);
      assert.match(oneLine(r.stderr), /already open in another window \(gloss CLI, process \d+/);
      assert.equal((await cli(['stats', project])).code, 0);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.done;
    }
    // Once the holder is gone (killed: its lock is stale), writing works. There is no article, so the CLI says so.
    const after = await cli(['code', project, '--article', '1', '--code', 'X', '--start', '0', '--end', '1']);
    assert.match(after.stderr, /^gloss: There is no article 1 in this project\.\n$/);
  });
});

describe('two sessions in one process', () => {
  test('cannot both open one project for writing, however the path is spelt', async () => {
    const a = newSession();
    const b = newSession();
    const callA = directTransport(a.session);
    const callB = directTransport(b.session);
    const path = join(a.dir, 'one.gloss');
    await callOk(callA, 'project.create', { path });
    const code = await callOk<{ id: number }>(callA, 'codes.create', { name: 'Frames' });
    const link = join(b.dir, 'link.gloss');
    symlinkSync(path, link);
    for (const spelling of [path, `${a.dir}/./one.gloss`, join(a.dir, '..', relative(join(a.dir, '..'), a.dir), 'one.gloss'), link]) {
      const reply = await callB('project.open', { path: spelling });
      assert.equal(reply.ok ? 'opened' : reply.error.code, 'project_error', spelling);
      assert.match(!reply.ok ? reply.error.message : '', /already open in another window/);
      assert.equal(await callOk(callB, 'project.current'), null);
    }
    // A is unaffected and keeps working.
    await callOk(callA, 'codes.update', { id: code.id, name: 'Framing' });
    await callOk(callA, 'project.close');
    // Now B may.
    const opened = await callOk<{ path: string }>(callB, 'project.open', { path: link });
    assert.equal(opened.path, link);
    assert.equal(nth((await callOk<{ codes: { name: string }[] }>(callB, 'codes.list')).codes, 0, 'the code').name, 'Framing');
    const reply = await callA('project.open', { path });
    assert.equal(!reply.ok && reply.error.code, 'project_error');
    await callOk(callB, 'project.close');
  });

  test('Project.open directly: a second writer in the same process is refused, readers are not', () => {
    const dir = tempDir();
    const path = join(dir, 'p.gloss');
    const first = Project.create(path);
    assert.throws(() => Project.open(`${dir}/./p.gloss`), /already open in another window/);
    const reader = Project.open(path, { readOnly: true });
    assert.equal(reader.info().readOnly, true);
    reader.close();
    first.close();
    first.close(); // twice is harmless…
    const second = Project.open(path);
    first.close(); // …and cannot release a lock that is now someone else's
    assert.throws(() => Project.open(path), /already open in another window/);
    second.close();
  });
});

describe('stale and broken lock files', () => {
  test('a lock of a dead process, an empty one and a garbage one are cleared on open', async () => {
    for (const content of [
      JSON.stringify({ pid: await deadPid(), host: (await import('node:os')).hostname(), since: '2020-01-01T00:00:00Z', by: 'the Gloss app' }),
      '',
      '{"pid": "not a number"',
    ]) {
      const dir = tempDir();
      const path = join(dir, 'p.gloss');
      Project.create(path).close();
      writeFileSync(ProjectLock.lockPathFor(path), content);
      const project = Project.open(path, { holder: 'test' });
      assert.equal(lockOf(path)?.pid, process.pid, `after ${JSON.stringify(content)}`);
      project.close();
      assert.equal(lockOf(path), undefined);
    }
  });

  test('a lock of a live process on this machine is respected', async () => {
    const dir = tempDir();
    const path = join(dir, 'p.gloss');
    Project.create(path).close();
    const sleeper = startNode(['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 60_000 });
    try {
      // Taken by that process once it runs, as a real holder takes it.
      await new Promise((ok) => setTimeout(ok, 50));
      writeFileSync(
        ProjectLock.lockPathFor(path),
        JSON.stringify({ pid: sleeper.child.pid, host: (await import('node:os')).hostname(), since: new Date().toISOString(), by: 'the Gloss app' }),
      );
      assert.throws(() => Project.open(path), /already open in another window \(the Gloss app, process \d+/);
    } finally {
      sleeper.child.kill('SIGKILL');
      await sleeper.done;
    }
    Project.open(path).close(); // now it is stale
  });

  test("a killed holder's lock whose pid now belongs to a later process is cleared on open (Linux)", async (t) => {
    if (process.platform !== 'linux') return t.skip('process start times are read from /proc, on Linux only');
    const dir = tempDir();
    const path = join(dir, 'p.gloss');
    Project.create(path).close();
    // The lock was taken an hour ago; the live process with its pid started just now, so it cannot be the holder.
    const later = startNode(['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 60_000 });
    try {
      const since = new Date(Date.now() - 3600_000).toISOString();
      writeFileSync(ProjectLock.lockPathFor(path), JSON.stringify({ pid: later.child.pid, host: (await import('node:os')).hostname(), since, by: 'gloss CLI' }));
      const project = Project.open(path, { holder: 'test' });
      assert.equal(lockOf(path)?.pid, process.pid);
      project.close();
    } finally {
      later.child.kill('SIGKILL');
      await later.done;
    }
  });
});

// Issue 9, hole 4: the lock was keyed by the real path, so two hard-linked names of one file (or two bind mounts) got
// two writers — and SQLite keeps a write-ahead log per name, so their commits overwrote each other's pages.
describe('one writer per file, not per name', () => {
  function hardLinked(): { a: string; b: string; dir: string } {
    const dir = tempDir('gloss-trust-link-');
    mkdirSync(join(dir, 'elsewhere'));
    const a = join(dir, 'coverage.gloss');
    const b = join(dir, 'elsewhere', 'other-name.gloss');
    Project.create(a).close();
    linkSync(a, b);
    return { a, b, dir };
  }

  test('a second name made by a hard link cannot be opened for writing; the message names the open one', () => {
    const { a, b } = hardLinked();
    const first = Project.open(a, { holder: 'the Gloss app' });
    try {
      assert.throws(
        () => Project.open(b),
        (err: Error) =>
          err.message.startsWith(
            `${b} is the same file as ${a} (a hard link or another mount of it), which is already open in another window (the Gloss app, process ${process.pid}, since `,
          ) && err.message.endsWith('). Close it there first.'),
      );
      // A symbolic link to the other name leads to the same file as well.
      const viaSymlink = join(dirname(b), 'link-to-link.gloss');
      symlinkSync(b, viaSymlink);
      assert.throws(() => Project.open(viaSymlink), /is the same file as .*coverage\.gloss .*already open in another window/);
      // Reading through the other names still works.
      const reader = Project.open(b, { readOnly: true });
      assert.equal(reader.info().articles, 0);
      reader.close();
    } finally {
      first.close();
    }
    // Once the first writer closes, the other name may write.
    Project.open(b).close();
  });

  test('a project just created is locked by its identity too', () => {
    const dir = tempDir('gloss-trust-link-');
    const a = join(dir, 'new.gloss');
    const created = Project.create(a);
    try {
      const b = join(dir, 'alias.gloss');
      linkSync(a, b);
      assert.throws(() => Project.open(b), /is the same file as .*new\.gloss .*already open in another window/);
    } finally {
      created.close();
    }
  });

  test("a crashed writer's identity lock is cleared by the next open, under any name", async () => {
    const { a, b } = hardLinked();
    const identity = ProjectLock.identityLockPathFor(a)!;
    assert.equal(identity, ProjectLock.identityLockPathFor(b), 'both names lead to one identity lock');
    mkdirSync(dirname(identity), { recursive: true });
    writeFileSync(identity, JSON.stringify({ pid: await deadPid(), host: hostname(), since: '2020-01-01T00:00:00Z', by: 'the Gloss app', path: a }));
    const project = Project.open(b, { holder: 'test' });
    assert.equal((JSON.parse(readFileSync(identity, 'utf8')) as { pid: number }).pid, process.pid);
    project.close();
    assert.equal(existsSync(identity), false, 'released on close');
  });
});

describe('two processes, two hard-linked names', { skip: notBuilt }, () => {
  test('a process holding one name keeps the other name read-only for everyone else', async () => {
    const { a, b } = (() => {
      const dir = tempDir('gloss-trust-link-');
      mkdirSync(join(dir, 'second'));
      return { a: join(dir, 'p.gloss'), b: join(dir, 'second', 'q.gloss') };
    })();
    assert.equal((await cli(['init', a])).code, 0);
    linkSync(a, b);
    const holder = holdInAnotherProcess(a);
    const article = writeFile(tempDir(), 'x.txt', 'Talks resume\nin Cairo.');
    try {
      await holder.holding;
      const r = await cli(['import', b, article]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(oneLine(r.stderr), /^gloss: .*q\.gloss is the same file as .*p\.gloss \(a hard link or another mount of it\), which is already open in another window \(gloss CLI, process \d+/);
      assert.equal((await cli(['stats', b])).code, 0, 'reading through the other name works');
      const out = join(dirname(a), 'out.json');
      assert.equal((await cli(['export', b, '--format', 'json', '--out', out])).code, 0);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.done;
    }
    // The holder was killed: its locks are stale, and the other name may write now.
    const r = await cli(['import', b, article, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { imported: unknown[] }).imported.length, 1);
  });

  test('two imports at once through two names: what each reports is what the file holds, and the file is sound', async () => {
    const dir = tempDir('gloss-trust-link-');
    mkdirSync(join(dir, 'second'));
    const a = join(dir, 'p.gloss');
    const b = join(dir, 'second', 'q.gloss');
    assert.equal((await cli(['init', a])).code, 0);
    linkSync(a, b);
    const files = (prefix: string) =>
      writeFiles(
        tempDir(),
        Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`${prefix}-${i}.txt`, `${prefix} article ${i}\n${'Aid convoy waits at the crossing. '.repeat(40)}${i}`])),
      );
    const [fromA, fromB] = [files('north'), files('south')];
    const runs = await Promise.all([cli(['import', a, ...fromA, '--json'], { timeoutMs: 120_000 }), cli(['import', b, ...fromB, '--json'], { timeoutMs: 120_000 })]);
    let reported = 0;
    for (const r of runs) {
      if (r.code === 0) reported += (JSON.parse(r.stdout) as { imported: unknown[] }).imported.length;
      else {
        // Refused before anything was written, and it says so.
        assert.equal(r.code, 2, r.stderr);
        assert.match(oneLine(r.stderr), /already open in another window/);
        assert.equal(r.stdout, '');
      }
    }
    assert.ok(runs.some((r) => r.code === 0), 'at least one import ran');
    const db = new Database(a, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n, reported);
    } finally {
      db.close();
    }
  });
});
