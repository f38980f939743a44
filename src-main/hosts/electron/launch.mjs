#!/usr/bin/env node
// `npm start`: build if needed, then open the desktop app. Electron (≥ 42) downloads its binary at first launch;
// where that cannot happen (no network), say so in one line and point to the web host instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNeeded } from './buildState.mjs';

// The same line as src-main/hosts/shared/nodeVersion.ts (this file runs unbuilt, so it cannot import that module):
// the build tools and the CLI/web host need Node 24; on Node 20 better-sqlite3 ends in a bare "Segmentation fault".
const REQUIRED_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) < REQUIRED_NODE_MAJOR) {
  console.error(
    `Gloss needs Node.js ${REQUIRED_NODE_MAJOR} or later, or the Electron that npm install brings (this is Node ${process.versions.node}): ` +
      `install Node ${REQUIRED_NODE_MAJOR} LTS from https://nodejs.org/ or with "nvm install ${REQUIRED_NODE_MAJOR}", then run the command again.`,
  );
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');

const why = process.argv.includes('--rebuild') ? 'asked with --rebuild' : buildNeeded(root);
if (why !== null) {
  console.error(`Gloss: building the app (${why})…`);
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
