#!/usr/bin/env node
// The `gloss` binary's entry (out/main/cli.js): a few lines that load nothing but node:fs and node:path, so a call
// that needs no project (`gloss --version`) starts about as fast as bare `node` (issue 16: ≤ 2×). Every other call
// loads the full CLI (out/main/cliMain.js: SQLite, zod, the core), which runs on import.
// Keep this file free of imports from the core, the contract or shared modules: the bundler would pull their chunks
// (and zod, entities, jschardet…) into the start-up path again. nodeVersion has no imports of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitIfNodeTooOld } from '../shared/nodeVersion';

// Before anything that loads better-sqlite3, which crashes an older Node without a word (issue 14).
exitIfNodeTooOld();
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  // out/main/cli.js → the package root, as shared/paths.ts's packageVersion() reads it.
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  // A computed specifier: the bundler leaves it alone, so cliMain stays a separate entry loaded only here.
  void import(pathToFileURL(join(__dirname, 'cliMain.js')).href);
}
