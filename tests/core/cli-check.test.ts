// `gloss check` and the open errors as a user of the built `gloss` command sees them (exit code, stdout, stderr).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Project } from '../../src-main/core/store/Project';
import { builtCli, tempDir, writeFiles, nth, runBuiltCli } from './helpers';

const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;

/** The built CLI, run in a test's folder. */
const gloss = runBuiltCli;

function assertCleanFailure(r: ReturnType<typeof gloss>, status: number, message: RegExp): void {
  assert.equal(r.status, status, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^gloss: [^\n]+\n$/, `one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, message);
}

/** A project with two imported articles and a coding, made with the CLI itself. */
function study(): { dir: string; path: string } {
  const dir = tempDir('gloss-check-');
  writeFiles(dir, {
    'convoy.txt': 'Aid convoy waits\nForty trucks waited at the Rafah crossing.',
    'talks.txt': 'Ministers meet\nThe ministers met in Cairo.',
  });
  assert.equal(gloss(dir, 'init', 'study.gloss').status, 0);
  assert.equal(gloss(dir, 'import', 'study.gloss', 'convoy.txt', 'talks.txt').status, 0);
  assert.equal(gloss(dir, 'code', 'study.gloss', '--article', '1', '--code', 'Frames/Aid', '--start', '0', '--end', '16').status, 0);
  return { dir, path: join(dir, 'study.gloss') };
}

function alterText(path: string, from: string, to: string): void {
  const db = new Database(path);
  db.transaction(() => {
    db.prepare('INSERT INTO article_text_permits (article_id) VALUES (1)').run();
    db.prepare('UPDATE articles SET text = replace(text, ?, ?) WHERE id = 1').run(from, to);
    db.prepare('DELETE FROM article_text_permits WHERE article_id = 1').run();
  })();
  db.close();
}

describe('gloss check', { skip }, () => {
  test('a clean project: exit 0; --json prints {"ok":true,"findings":[]}', () => {
    const { dir } = study();
    const human = gloss(dir, 'check', 'study.gloss');
    assert.equal(human.status, 0, human.stderr);
    assert.equal(human.stdout, '');
    assert.match(human.stderr, /no problems found/);
    const json = gloss(dir, 'check', 'study.gloss', '--json');
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout), { ok: true, findings: [] });
  });

  test('damaged text: exit 1, each finding listed, naming the article; works while the project is open for writing', () => {
    const { dir, path } = study();
    alterText(path, 'Forty trucks', 'Fifty trucks');
    const app = Project.open(path, { holder: 'the Gloss app' }); // the app has it open: check still reads it
    try {
      const r = gloss(dir, 'check', 'study.gloss', '--json');
      assert.equal(r.status, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { ok: boolean; findings: { kind: string; message: string; articleId?: number }[] };
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.findings.map((f) => [f.kind, f.articleId]),
        [['article-hash', 1]],
      );
      assert.match(nth(report.findings, 0, 'the finding').message, /Article 1 \("Aid convoy waits"\)/);
      const human = gloss(dir, 'check', 'study.gloss');
      assert.equal(human.status, 1);
      assert.match(human.stdout, /^article-hash\tArticle 1 \("Aid convoy waits"\)/);
      assert.match(human.stderr, /1 problem found/);
    } finally {
      app.close();
    }
  });

  test('a file with a damaged page opens for the check (exit 1, an integrity finding) and is left unchanged', () => {
    const { dir, path } = study();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const at = bytes.indexOf('Rafah crossing');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, Math.floor(at / pageSize) * pageSize);
    closeSync(fd);
    const before = readFileSync(path);
    const r = gloss(dir, 'check', 'study.gloss', '--json');
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { kind: string }[] };
    assert.ok(report.findings.some((f) => f.kind === 'integrity'), r.stdout);
    assert.deepEqual(readFileSync(path), before);
  });

  test('usage and project errors exit 2 with one line', () => {
    const dir = tempDir('gloss-check-');
    writeFileSync(join(dir, 'notes.gloss'), 'just some notes\n'.repeat(20));
    assertCleanFailure(gloss(dir, 'check'), 2, /the project file is missing/);
    assertCleanFailure(gloss(dir, 'check', 'missing.gloss'), 2, /no such project file/);
    assertCleanFailure(gloss(dir, 'check', 'notes.gloss'), 2, /not a Gloss project \(not an SQLite database\)/);
  });
});

describe('open errors, as the CLI says them', { skip }, () => {
  test('a 0-byte file is refused, never made into a project', () => {
    const dir = tempDir('gloss-open-');
    writeFileSync(join(dir, 'empty.gloss'), '');
    writeFiles(dir, { 'a.txt': 'An article\nwith text' });
    assertCleanFailure(gloss(dir, 'import', 'empty.gloss', 'a.txt'), 2, /empty\.gloss is empty \(0 bytes\)/);
    assertCleanFailure(gloss(dir, 'stats', 'empty.gloss'), 2, /is empty \(0 bytes\)/);
    assert.equal(statSync(join(dir, 'empty.gloss')).size, 0);
  });

  test('a truncated project is "damaged or truncated"', () => {
    const { dir, path } = study();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    assertCleanFailure(gloss(dir, 'stats', 'study.gloss'), 2, /is damaged or truncated/);
  });

  test('an export of a project with a damaged article stops, names the article, and writes no file', () => {
    const { dir, path } = study();
    alterText(path, 'Forty trucks', 'Fifty trucks');
    for (const format of ['json', 'csv']) {
      assertCleanFailure(gloss(dir, 'export', 'study.gloss', '--format', format, '--out', `out.${format}`), 2, /Article 1 \("Aid convoy waits"\) is damaged/);
      assert.equal(existsSync(join(dir, `out.${format}`)), false);
    }
  });
});
