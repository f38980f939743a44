// `gloss coders` on a real project built with the CLI: `gloss code --coder` makes each name a coder, the list shows
// them with their counts, and --rename renames one on every coding (what `gloss export` then writes).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli, tempDir, writeFiles, runBuiltCli } from './helpers';

const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;

/** The built CLI, run in a test's folder. */
const gloss = runBuiltCli;

describe('gloss coders', { skip }, () => {
  test('lists the coders --coder created, renames one everywhere, and refuses a name another coder has', () => {
    const dir = tempDir('gloss-coders-');
    writeFiles(dir, { 'one.txt': 'Aid convoy waits at the crossing.' });
    assert.equal(gloss(dir, 'init', 'p.gloss').status, 0);
    assert.equal(gloss(dir, 'import', 'p.gloss', 'one.txt').status, 0);
    const code = (start: number, end: number, coder: string) => {
      const r = gloss(dir, 'code', 'p.gloss', '--article', '1', '--code', 'Frames/Aid', '--start', String(start), '--end', String(end), '--coder', coder);
      assert.equal(r.status, 0, r.stderr);
    };
    code(0, 3, 'maria');
    // The identical span by another coder is that coder's own coding.
    code(0, 3, 'omar');
    code(4, 10, 'omar');

    const listed = gloss(dir, 'coders', 'p.gloss', '--json');
    assert.equal(listed.status, 0, listed.stderr);
    const coders = (JSON.parse(listed.stdout) as { coders: { name: string; codings: number; colour: string; guid: string }[] }).coders;
    assert.deepEqual(coders.map((c) => [c.name, c.codings]), [['maria', 1], ['omar', 2]]);
    for (const c of coders) {
      assert.match(c.colour, /^#[0-9A-F]{6}$/);
      assert.match(c.guid, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    }
    assert.match(gloss(dir, 'coders', 'p.gloss').stdout, /^maria\t#[0-9A-F]{6}\t.*\t1 codings\t0 memos$/m);

    const renamed = gloss(dir, 'coders', 'p.gloss', '--rename', 'OMAR', 'Omar Haddad');
    assert.equal(renamed.status, 0, renamed.stderr);
    assert.equal(renamed.stdout, 'Renamed omar to Omar Haddad on 2 codings and 0 memos.\n');
    assert.equal(gloss(dir, 'export', 'p.gloss', '--format', 'csv', '--out', 'out.csv').status, 0);
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    assert.equal(csv.split('\n').filter((l) => l.includes(',Omar Haddad,')).length, 2);
    assert.ok(!/,omar,/.test(csv));

    const clash = gloss(dir, 'coders', 'p.gloss', '--rename', 'maria', 'omar haddad');
    assert.equal(clash.status, 2);
    assert.match(clash.stderr, /already a coder named "Omar Haddad"/);
    const missing = gloss(dir, 'coders', 'p.gloss', '--rename', 'nobody', 'x');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no coder named "nobody"/);
  });
});
