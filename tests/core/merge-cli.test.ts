// `gloss merge` and `gloss export --format gloss --for-coder` through the built CLI, on projects the CLI itself made:
// the lead hands omar a project, omar codes in it, the lead merges it back; what is printed is what is checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { builtCli, tempDir, writeFiles, runBuiltCli } from './helpers';

const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;

/** The built CLI, run in a test's folder. */
const gloss = runBuiltCli;

const ONE = 'Aid convoy waits at the crossing.';
const TWO = 'Talks resume in Cairo.';

function handOut(): string {
  const dir = tempDir('gloss-merge-cli-');
  writeFiles(dir, { 'one.txt': ONE, 'two.txt': TWO });
  const ok = (...args: string[]) => {
    const r = gloss(dir, ...args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  ok('init', 'lead.gloss');
  ok('import', 'lead.gloss', 'one.txt', 'two.txt');
  ok('code', 'lead.gloss', '--article', '1', '--code', 'Frames/Aid', '--start', '0', '--end', '10', '--coder', 'maria');
  const exported = ok('export', 'lead.gloss', '--format', 'gloss', '--for-coder', 'omar', '--articles', '1', '--out', 'omar.gloss');
  assert.match(exported.stderr, /Exported 1 article and the codebook for omar \(0 codings of theirs\) to .*omar\.gloss/);
  // Omar codes in his copy: one new code, one code the lead has, and a changed colour for Frames/Aid.
  ok('code', 'omar.gloss', '--article', '1', '--code', 'Frames/Aid', '--start', '11', '--end', '16', '--coder', 'omar');
  ok('code', 'omar.gloss', '--article', '1', '--code', 'Places', '--start', '24', '--end', '32', '--coder', 'omar');
  const db = new Database(join(dir, 'omar.gloss'));
  db.prepare("UPDATE codes SET color = '#123456' WHERE name = 'Aid'").run();
  db.close();
  return dir;
}

describe('gloss merge', { skip }, () => {
  test('prints what it added, matched and skipped, and that the conflict kept ours; a second run adds nothing', () => {
    const dir = handOut();
    const r = gloss(dir, 'merge', 'lead.gloss', 'omar.gloss');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Merged omar\.gloss into lead\.gloss/);
    assert.match(r.stdout, /added: 0 articles, 1 code, 2 codings, 0 memos, 1 new coder/);
    assert.match(r.stdout, /matched: 1 article, 2 codes/);
    assert.match(r.stdout, /skipped: 0 exact duplicate codings/);
    assert.match(r.stdout, /coder omar: 2 codings added, 0 duplicates skipped/);
    assert.match(r.stdout, /Frames\/Aid \(same path, colour #[0-9a-f]{6} vs #123456\): kept ours/);
    const stats = JSON.parse(gloss(dir, 'stats', 'lead.gloss', '--json').stdout);
    assert.deepEqual(stats, { articles: 2, codes: 3, codings: 3 });

    const again = gloss(dir, 'merge', 'lead.gloss', 'omar.gloss', '--json');
    assert.equal(again.status, 0, again.stderr);
    const report = JSON.parse(again.stdout);
    assert.deepEqual(report.added, { articles: 0, codes: 0, codings: 0, memos: 0, coders: 0, attributeValues: 0 });
    assert.equal(report.skipped.duplicates, 2);
    assert.deepEqual(report.matched, { articles: 1, codes: 3, coders: 1 });
    assert.equal(report.conflicts[0].decision, 'ours');
  });

  test('--theirs takes the teammate\'s colour and says so', () => {
    const dir = handOut();
    const r = gloss(dir, 'merge', 'lead.gloss', 'omar.gloss', '--theirs', '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(
      report.conflicts.map((c: { path: string; decision: string; outcome: string }) => [c.path, c.decision, c.outcome]),
      [['Frames/Aid', 'theirs', 'took theirs: Frames/Aid gets their colour and description']],
    );
    const db = new Database(join(dir, 'lead.gloss'), { readonly: true });
    assert.equal(db.prepare("SELECT color FROM codes WHERE name = 'Aid'").pluck().get(), '#123456');
    db.close();
  });

  test('a file that is not a project is refused with exit 2 and a clear message; usage errors name what is missing', () => {
    const dir = handOut();
    writeFiles(dir, { 'notes.txt': 'just words' });
    const bad = gloss(dir, 'merge', 'lead.gloss', 'notes.txt');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /gloss: notes\.txt cannot be merged: it is not a Gloss project \(\.gloss\), a Gloss JSON export or a REFI-QDA project \(\.qdpx\)/);
    assert.equal(JSON.parse(gloss(dir, 'stats', 'lead.gloss', '--json').stdout).codings, 1, 'nothing written');
    const missing = gloss(dir, 'merge', 'lead.gloss');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /the file to merge is missing/);
    const noCoder = gloss(dir, 'export', 'lead.gloss', '--format', 'gloss', '--out', 'x.gloss');
    assert.equal(noCoder.status, 2);
    assert.match(noCoder.stderr, /--format gloss needs --for-coder/);
  });
});
