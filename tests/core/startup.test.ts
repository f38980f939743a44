// Issue 14, start-up traps. (1) On an older Node every entry point a person starts — `npm start`, `npm run web`,
// `gloss`, Electron's main entry — says in one line that Gloss needs Node 24 and how to get it, and exits non-zero,
// instead of better-sqlite3's bare "Segmentation fault". (2) `npm start` rebuilds when a source is newer than out/.
// (3) `npm run web` prints its address once for a person and names the folder projects are kept in.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { builtCli, repoRoot, tempDir } from './helpers';
import { builtOrSkip } from './built';
import { buildNeeded } from '../../src-main/hosts/electron/buildState.mjs';

const builtWeb = join(repoRoot, 'out', 'main', 'web.js');
const builtElectronMain = join(repoRoot, 'out', 'main', 'index.js');
const launcher = join(repoRoot, 'src-main', 'hosts', 'electron', 'launch.mjs');

/** An older Node to run the entries with: the machine's /usr/bin/node (Node 20 on Debian), when it is older than 24. */
function oldNode(): { path: string; version: string } | string {
  const path = process.env.GLOSS_OLD_NODE ?? '/usr/bin/node';
  if (!existsSync(path)) return `no older Node at ${path} (set GLOSS_OLD_NODE to one)`;
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const major = Number(/^v(\d+)/.exec(version)?.[1] ?? NaN);
  if (!(major < 24)) return `${path} is ${version}, not older than Node 24 (set GLOSS_OLD_NODE to an older one)`;
  return { path, version };
}

describe('on an older Node every entry point says in one line what Gloss needs', () => {
  const node = oldNode();
  const notBuilt = builtOrSkip(builtCli, builtWeb, builtElectronMain);
  const entries: { name: string; args: string[]; needsBuild: boolean }[] = [
    { name: 'npm start (launch.mjs)', args: [launcher], needsBuild: false },
    { name: 'npm run web (out/main/web.js)', args: [builtWeb, '--data', 'DATA', '--port', '0'], needsBuild: true },
    { name: 'gloss (out/main/cli.js)', args: [builtCli, 'stats', 'x.gloss', '--json'], needsBuild: true },
    { name: 'gloss --version', args: [builtCli, '--version'], needsBuild: true },
    { name: 'Electron main (out/main/index.js)', args: [builtElectronMain], needsBuild: true },
  ];
  for (const entry of entries) {
    const skip = typeof node === 'string' ? node : entry.needsBuild ? notBuilt : false;
    test(entry.name, { skip }, () => {
      const { path, version } = node as { path: string; version: string };
      const dir = tempDir('gloss-old-node-');
      const args = entry.args.map((a) => (a === 'DATA' ? join(dir, 'data') : a));
      const run = spawnSync(path, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const said = `${run.stdout}${run.stderr}`;
      assert.equal(run.signal, null, `ended by ${run.signal}: ${said}`);
      assert.doesNotMatch(said, /Segmentation fault/);
      assert.notEqual(run.status, 0, said);
      assert.equal(run.stdout, '', 'nothing on standard output');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line: ${run.stderr}`);
      assert.match(lines[0]!, /^Gloss needs Node\.js 24 or later/);
      assert.ok(lines[0]!.includes(`this is Node ${version.slice(1)}`), lines[0]);
      assert.match(lines[0]!, /https:\/\/nodejs\.org\/ or with "nvm install 24"/);
      if (entry.args[0] === builtWeb) assert.equal(existsSync(join(dir, 'data')), false, 'the web host made no data folder');
    });
  }
});

describe('npm start builds when the sources are newer than out/', () => {
  const outputs = ['out/main/index.js', 'out/main/electronMain.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  const sources = ['src-main/core/app.ts', 'src-renderer/app/App.tsx', 'src-preload/preload.ts', 'electron.vite.config.ts', 'package.json'];
  const write = (root: string, rel: string, at: number) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '//');
    utimesSync(file, at / 1000, at / 1000);
  };
  const builtTree = () => {
    const root = tempDir('gloss-build-state-');
    const then = Date.now() - 60_000;
    for (const s of sources) write(root, s, then - 60_000);
    for (const o of outputs) write(root, o, then);
    return { root, then };
  };

  test('a complete build newer than every source is used as it is', () => {
    assert.equal(buildNeeded(builtTree().root), null);
  });

  for (const source of sources) {
    test(`a touched ${source} makes it build`, () => {
      const { root, then } = builtTree();
      write(root, source, then + 1000);
      assert.match(buildNeeded(root) ?? 'no build', new RegExp(`^${source.split('/')[0]!.replace('.', '\\.')} changed since the last build$`));
    });
  }

  test('a missing output makes it build (not only a missing out/main/index.js)', () => {
    const { root } = builtTree();
    spawnSync('rm', [join(root, 'out/renderer/index.html')]);
    assert.equal(buildNeeded(root), 'out/renderer/index.html is missing');
  });
});

describe('npm run web prints its address once', { skip: builtOrSkip(builtWeb) }, () => {
  /** Starts the built web host, collects what it prints until it names the projects folder, then stops it. */
  async function printed(extra: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; dataDir: string }> {
    const dataDir = join(tempDir('gloss-web-print-'), 'data');
    const child = spawn(process.execPath, [builtWeb, '--data', dataDir, '--port', '0', ...extra], {
      env: { ...process.env, GLOSS_WEB_MACHINE_READABLE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no start in 30 s: ${stderr}`)), 30_000);
      const check = () => {
        // Both streams are complete once the notes are out and stdout holds a whole line (they are separate pipes).
        if (/Press Ctrl\+C to stop\.\n/.test(stdout + stderr) && stdout.endsWith('\n')) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), check()));
      child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), check()));
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
    });
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
    return { stdout, stderr, dataDir };
  }

  test('for a person: the address once, no machine line, and the folder the projects are in', async () => {
    const { stdout, stderr, dataDir } = await printed([]);
    const all = stdout + stderr;
    assert.equal(all.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/g)?.length, 1, all);
    assert.doesNotMatch(all, /GLOSS_WEB_URL/);
    assert.match(stdout, /^Gloss is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+ \(open it in your browser\)\.\n/);
    assert.ok(all.includes(`Projects are kept in ${join(dataDir, 'projects')}.`), all);
  });

  for (const [how, extra, env] of [
    ['--machine-readable', ['--machine-readable'], {}],
    ['GLOSS_WEB_MACHINE_READABLE=1', [], { GLOSS_WEB_MACHINE_READABLE: '1' }],
  ] as const) {
    test(`for a script (${how}): one GLOSS_WEB_URL= line on stdout, the address nowhere else`, async () => {
      const { stdout, stderr } = await printed([...extra], env);
      assert.match(stdout, /^GLOSS_WEB_URL=http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+\n$/);
      assert.doesNotMatch(stderr, /http:/);
    });
  }
});
