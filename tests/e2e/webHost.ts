import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');

export interface RunningWebHost {
  url: string;
  launchUrl: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real loopback web host (the built `out/main/web.js`) in its own process, with a fresh data folder,
 * exactly as a user would with `npm run web`. Tests then drive the real renderer in Chromium against it.
 */
export async function startWebHost(options: { dataDir?: string; project?: string } = {}): Promise<RunningWebHost> {
  const entry = join(repoRoot, 'out', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('out/main/web.js is missing: run `npm run build` first');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gloss-e2e-'));
  const args = [entry, '--data', dataDir, '--port', '0', '--machine-readable'];
  if (options.project) args.push('--project', options.project);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const launchUrl = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`web host did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /GLOSS_WEB_URL=(\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        ok(url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`web host exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: new URL(launchUrl).origin,
    launchUrl,
    dataDir,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
