#!/usr/bin/env node
// `npm start`: build if needed, then open the desktop app. Electron (≥ 42) downloads its binary at first launch;
// where that cannot happen (no network), say so in one line and point to the web host instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');

if (!existsSync(join(root, 'out', 'main', 'index.js')) || process.argv.includes('--rebuild')) {
  const build = spawnSync(bin, ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Resolving `electron` triggers its first-launch download; do it in a child so its noise stays out of the user's way.
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' });
const electronPath = probe.status === 0 ? probe.stdout.trim() : '';
if (!electronPath || !existsSync(electronPath)) {
  console.error('Gloss: the Electron binary is not available (it is downloaded at first start and that failed); run "npm run build && npm run web" to use Gloss in your browser.');
  process.exit(1);
}
const child = spawn(electronPath, [root, ...process.argv.slice(2).filter((a) => a !== '--rebuild')], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
child.on('error', (err) => {
  console.error(`Gloss: could not start Electron (${err.message}); run "npm run build && npm run web" to use Gloss in your browser.`);
  process.exit(1);
});
