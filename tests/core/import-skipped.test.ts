// A folder import accounts for every file in the folder: what it imported, and each file it did not import with
// why (`not a type Gloss imports (.xml)`), in the report's `skipped` list — in the core, so the app and the CLI
// both show it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSources } from '../../src-main/core/import/importer';
import { pickedFromInput } from '../../src-renderer/features/articles/import/pickedFiles';
import { builtCli, newProject, tempDir, writeFiles, nth } from './helpers';

/** A folder of articles as analysts get them: text files among exports, subtitles, tables and tool data. */
function mixedFolder(): string {
  const dir = tempDir('gloss-mixed-');
  writeFiles(join(dir, 'news'), {
    'aid.txt': 'Aid convoy waits at the crossing.',
    'talks.txt': 'Ceasefire talks resume in Cairo.',
    'feed.xml': '<rss><item>Ceasefire</item></rss>',
    'meta.json': '{"source": "wire"}',
    'interview.srt': '1\n00:00:01,000 --> 00:00:02,000\nHello\n',
    'table.csv': 'file,outlet\naid.txt,Wire\n',
    'README': 'Notes about this folder',
    '.DS_Store': new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]),
    'sub/photo.JPG': new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
    'sub/more.md': 'More coverage.',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/objects/ab/cdef': 'x',
  });
  return dir;
}

const EXPECTED_SKIPPED: [string, RegExp][] = [
  ['news/.DS_Store', /^not a type Gloss imports \(\.DS_Store\)$/],
  ['news/.git', /^a hidden folder; Gloss does not look inside \(\.git\)$/],
  ['news/README', /^not a type Gloss imports \(no extension\)$/],
  ['news/feed.xml', /^not a type Gloss imports \(\.xml\)$/],
  ['news/interview.srt', /^not a type Gloss imports \(\.srt\)$/],
  ['news/meta.json', /^not a type Gloss imports \(\.json\) from a folder; name a Gloss JSON export on its own to import it$/],
  ['news/sub/photo.JPG', /^not a type Gloss imports \(\.jpg\)$/],
  ['news/table.csv', /^not a type Gloss imports \(\.csv\)$/],
];

function checkSkipped(skipped: { file: string; reason: string }[], root: string): void {
  const rel = skipped.map((s) => ({ file: s.file.slice(root.length + 1).split('\\').join('/'), reason: s.reason })).sort((a, b) => (a.file < b.file ? -1 : 1));
  assert.deepEqual(
    rel.map((s) => s.file),
    EXPECTED_SKIPPED.map(([f]) => f),
    'every file not imported is listed, the hidden folder once',
  );
  for (const [i, [, reason]] of EXPECTED_SKIPPED.entries()) {
    const skipped = nth(rel, i, `skipped file ${i}`);
    assert.match(skipped.reason, reason, skipped.file);
  }
}

describe('folder import reports what it left out', () => {
  test('the core report lists each file of a type Gloss does not import as skipped, with the type', async () => {
    const dir = mixedFolder();
    const { project } = newProject();
    const report = await importSources(project, [{ kind: 'path', path: join(dir, 'news') }]);
    assert.deepEqual(report.imported.map((i) => i.file.slice(dir.length + 1)).sort(), ['news/aid.txt', 'news/sub/more.md', 'news/talks.txt']);
    assert.deepEqual(report.rejected, []);
    checkSkipped(report.skipped, dir);
    project.close();
  });

  const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;
  test('gloss import --json lists them as {"file","reason"} and exits 0 (only skipped, nothing rejected)', { skip }, () => {
    const dir = mixedFolder();
    const gloss = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(gloss('init', 'study.gloss').status, 0);
    const r = gloss('import', 'study.gloss', join(dir, 'news'), '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { imported: unknown[]; skipped: { file: string; reason: string }[]; rejected: unknown[] };
    assert.equal(out.imported.length, 3);
    for (const s of out.skipped) assert.deepEqual(Object.keys(s), ['file', 'reason']);
    checkSkipped(out.skipped, dir);
    const text = gloss('import', 'study.gloss', join(dir, 'news'));
    assert.match(text.stdout, /^skipped {3}\S*feed\.xml {2}\(not a type Gloss imports \(\.xml\)\)$/m);
  });

  test('a browser folder pick (the web host) lists the same files as skipped, with the same words', async () => {
    const dir = mixedFolder();
    // What <input type=file webkitdirectory> hands the page: every file, with its path inside the picked folder.
    const files: File[] = [];
    const walk = (rel: string) => {
      for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
        const path = `${rel}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else files.push(Object.defineProperty(new File([readFileSync(join(dir, path))], entry.name), 'webkitRelativePath', { value: path }));
      }
    };
    walk('news');
    const picked = pickedFromInput(files, true);
    assert.deepEqual(picked.filter((f) => !f.skipped).map((f) => f.name), ['news/aid.txt', 'news/sub/more.md', 'news/talks.txt']);
    checkSkipped(picked.filter((f) => f.skipped).map((f) => ({ file: join(dir, f.name), reason: f.skipped! })), dir);
  });
});
