// Gloss refuses to run on an SQLite older than 3.51.3 (a WAL-reset bug there can corrupt a project) and says why.
// The check itself is tested with version strings; that every host runs it at start-up is tested by starting the
// built CLI and web host with an SQLite that reports an older version (a --require preload that rewrites the
// version query), and, for the Electron main process (no Electron binary in CI), by reading its start-up code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlossError } from '../../src-main/contract/errors';
import { assertSqliteIsSafe, compareVersions, MIN_SQLITE_VERSION, sqliteVersion } from '../../src-main/core/store/database';
import { builtCli, repoRoot, tempDir, nth } from './helpers';
import { startNode } from './trust-corpus';
import { builtOrSkip } from './built';

const builtWeb = join(repoRoot, 'out', 'main', 'web.js');
const notBuilt = builtOrSkip(builtCli, builtWeb);

describe('the SQLite version check', () => {
  test('3.51.3 is the minimum', () => {
    assert.equal(MIN_SQLITE_VERSION, '3.51.3');
  });

  for (const version of ['3.51.2', '3.51.0', '3.50.99', '3.9.9', '3.45.1', '2.99.99', '3.51', '', 'unknown', '3.x.9', '3.52.0-beta']) {
    test(`${version} is refused with a reason`, () => {
      assert.throws(
        () => assertSqliteIsSafe(version),
        (err: unknown) =>
          err instanceof GlossError &&
          err.code === 'project_error' &&
          err.message.includes(`SQLite ${version},`) &&
          err.message.includes('3.51.3') &&
          /corrupt/.test(err.message) &&
          !err.message.includes('\n'),
      );
    });
  }

  for (const version of ['3.51.3', '3.51.4', '3.51.10', '3.52.0', '3.100.0', '4.0.0']) {
    test(`${version} is accepted`, () => {
      assert.doesNotThrow(() => assertSqliteIsSafe(version));
    });
  }

  test('versions compare numerically, part by part', () => {
    assert.ok(compareVersions('3.9.0', '3.51.3') < 0);
    assert.ok(compareVersions('3.51.10', '3.51.3') > 0);
    assert.equal(compareVersions('3.51.3', '3.51.3'), 0);
  });

  test('the SQLite this build uses passes', () => {
    assert.doesNotThrow(() => assertSqliteIsSafe(sqliteVersion()));
  });
});

/** A preload that makes better-sqlite3 report SQLite 3.51.2 (the library itself is untouched). */
function oldSqlitePreload(): string {
  const file = join(tempDir('gloss-old-sqlite-'), 'old-sqlite.cjs');
  writeFileSync(
    file,
    `const Database = require(${JSON.stringify(join(repoRoot, 'node_modules', 'better-sqlite3'))});
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql, ...rest) {
  if (/sqlite_version\\(\\)/i.test(sql)) sql = "SELECT '3.51.2' AS v";
  return prepare.call(this, sql, ...rest);
};
`,
  );
  return file;
}

describe('every host checks at start-up', { skip: notBuilt }, () => {
  test('the CLI prints one line and exits 2, before touching any project', async () => {
    const preload = oldSqlitePreload();
    const dir = tempDir();
    const project = join(dir, 'new.gloss');
    for (const args of [['init', project], ['stats', project], ['import', project, dir], ['export', project, '--format', 'json', '--out', join(dir, 'x.json')]]) {
      const r = await startNode(['--require', preload, builtCli, ...args], { timeoutMs: 30_000 }).done;
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(nth(lines, 0, 'the line'), /^gloss: This build of Gloss uses SQLite 3\.51\.2, older than 3\.51\.3, which can corrupt projects/);
    }
    assert.equal(existsSync(project), false, 'init created no project');
    // Help and version still answer (they touch no project).
    const help = await startNode(['--require', preload, builtCli, '--version'], { timeoutMs: 30_000 }).done;
    assert.equal(help.code, 0);
  });

  test('the web host prints one line and exits 2 without listening', async () => {
    const preload = oldSqlitePreload();
    const dir = tempDir();
    const r = await startNode(['--require', preload, builtWeb, '--data', join(dir, 'data'), '--port', '0'], { timeoutMs: 30_000 }).done;
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.timedOut, false);
    assert.doesNotMatch(r.stdout, /GLOSS_WEB_URL/);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(nth(lines, 0, 'the line'), /^gloss web: This build of Gloss uses SQLite 3\.51\.2, older than 3\.51\.3/);
  });

  test('with the real SQLite both start normally', async () => {
    const dir = tempDir();
    const init = await startNode([builtCli, 'init', join(dir, 'ok.gloss')], { timeoutMs: 30_000 }).done;
    assert.equal(init.code, 0, init.stderr);
  });

  test('the Electron main process checks before it builds the session, shows the reason in a dialog, and quits', () => {
    const main = readFileSync(join(repoRoot, 'src-main', 'hosts', 'electron', 'main.ts'), 'utf8');
    const ready = main.slice(main.indexOf('app.whenReady()'));
    // The host reaches the core through its entry point, which passes on the store's one check.
    assert.match(main, /import \{[^}]*\bassertSqliteIsSafe\b[^}]*\} from '\.\.\/\.\.\/core\/app'/);
    assert.match(readFileSync(join(repoRoot, 'src-main', 'core', 'app.ts'), 'utf8'), /export \{ assertSqliteIsSafe \} from '\.\/store\/database'/);
    const check = ready.indexOf('assertSqliteIsSafe()');
    assert.ok(check > 0, 'assertSqliteIsSafe() is called in app.whenReady');
    assert.ok(check < ready.indexOf('new Session('), 'before the session (and any project) exists');
    const handler = ready.slice(check, ready.indexOf('new Session('));
    assert.match(handler, /dialog\.showErrorBox\([^)]*\(err as Error\)\.message\)/);
    assert.match(handler, /app\.(exit|quit)\(/);
    assert.match(handler, /return;/);
  });
});
