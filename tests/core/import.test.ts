// Import from disk: what gets stored, and the per-file report an analyst reads when something is not imported.
// Every test imports real files from a temp folder into a real project file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportReport } from '../../src-main/contract/types';
import { importSources, type ImportSource } from '../../src-main/core/import/importer';
import type { Project } from '../../src-main/core/store/Project';
import { E_ACUTE_COMBINING, TRICKY_TEXT, cps, newProject, tempDir, writeFiles } from './helpers';
import { firstItems, nth } from './present';

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);

function utf16le(text: string, bom = true): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}

async function importPaths(project: Project, paths: string[], signal?: AbortSignal): Promise<ImportReport> {
  return importSources(project, paths.map((path): ImportSource => ({ kind: 'path', path })), { signal });
}

/** The report reduced to what a user reads: which files (relative to `dir`, sorted) ended up in which list. */
function outcomes(report: ImportReport, dir: string): { imported: string[]; skipped: string[]; rejected: string[] } {
  const rel = (f: string) => (f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : f);
  const sorted = (xs: { file: string }[]) => xs.map((x) => rel(x.file)).sort();
  return { imported: sorted(report.imported), skipped: sorted(report.skipped), rejected: sorted(report.rejected) };
}

/** A new project, and a new folder holding `files`; `files` are their paths, in the record's order. */
function projectWithFiles(contents: Record<string, string | Uint8Array>): { project: Project; dir: string; files: string[] } {
  const { project } = newProject();
  const dir = tempDir();
  return { project, dir, files: writeFiles(dir, contents) };
}

function reasonFor(report: ImportReport, file: string): string {
  const hit = [...report.rejected, ...report.skipped].find((r) => r.file === file);
  assert.ok(hit, `${file} should be in the rejected or skipped list: ${JSON.stringify(report)}`);
  return hit.reason;
}

describe('decoding', () => {
  const text = `Gaza \u2014 caf\u00e9 ${TRICKY_TEXT}`;
  const cases: [string, Buffer, string, boolean][] = [
    ['UTF-8 without a BOM', Buffer.from(text, 'utf8'), 'UTF-8', false],
    ['UTF-8 with a BOM', Buffer.concat([BOM_UTF8, Buffer.from(text, 'utf8')]), 'UTF-8', true],
    ['UTF-16 LE with a BOM', utf16le(text), 'UTF-16LE', true],
    ['UTF-16 BE with a BOM', utf16be(text), 'UTF-16BE', true],
  ];
  for (const [what, bytes, encoding, hadBom] of cases) {
    test(`${what}: stored decoded, without the BOM, and the encoding recorded`, async () => {
      const { project } = newProject();
      const dir = tempDir();
      const [file] = firstItems(writeFiles(dir, { 'article.txt': bytes }), 1, 'written files');
      const report = await importPaths(project, [file]);
      assert.deepEqual(outcomes(report, dir), { imported: ['article.txt'], skipped: [], rejected: [] });
      const imported = nth(report.imported, 0, 'imported files');
      assert.equal(imported.encoding, encoding);
      const article = project.articles.get(imported.articleId);
      assert.equal(article.text, text);
      assert.equal(article.text.charCodeAt(0), 'G'.charCodeAt(0), 'no U+FEFF at the start');
      assert.equal(article.encoding, encoding);
      assert.equal(article.hadBom, hadBom);
      assert.equal(article.length, cps(text).length);
    });
  }

  test('the same text in four encodings is one article: the hash is of the stored text, not the bytes', async () => {
    const { project, dir, files } = projectWithFiles(Object.fromEntries(cases.map(([, bytes], i) => [`copy${i}.txt`, bytes])));
    const report = await importPaths(project, files);
    assert.deepEqual(outcomes(report, dir), { imported: ['copy0.txt'], skipped: ['copy1.txt', 'copy2.txt', 'copy3.txt'], rejected: [] });
    const id = nth(report.imported, 0, 'imported files').articleId;
    for (const s of report.skipped) assert.match(s.reason, new RegExp(`duplicate of article ${id}\\b`));
    assert.equal(project.articles.get(id).contentHash, createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('normalisation', () => {
  test('CRLF, CR and mixed line endings become LF, and the original is recorded', async () => {
    const { project, dir, files } = projectWithFiles({
      'crlf.txt': 'Title CRLF\r\nline two\r\nline three\r\n',
      'cr.txt': 'Title CR\rline two\r',
      'mixed.txt': 'Title mixed\r\nline two\nline three\r',
      'lf.txt': 'Title LF\nline two\n',
      'none.txt': 'Title without a line break',
    });
    const report = await importPaths(project, files);
    assert.equal(report.imported.length, 5, JSON.stringify(report));
    const byFile = new Map(report.imported.map((i) => [i.file.slice(dir.length + 1), project.articles.get(i.articleId)]));
    assert.equal(byFile.get('crlf.txt')!.text, 'Title CRLF\nline two\nline three\n');
    assert.equal(byFile.get('crlf.txt')!.originalLineEndings, 'CRLF');
    assert.equal(byFile.get('cr.txt')!.text, 'Title CR\nline two\n');
    assert.equal(byFile.get('cr.txt')!.originalLineEndings, 'CR');
    assert.equal(byFile.get('mixed.txt')!.text, 'Title mixed\nline two\nline three\n');
    assert.equal(byFile.get('mixed.txt')!.originalLineEndings, 'mixed');
    assert.equal(byFile.get('lf.txt')!.originalLineEndings, 'LF');
    assert.equal(byFile.get('none.txt')!.originalLineEndings, 'none');
    for (const a of byFile.values()) assert.ok(!a.text.includes('\r'), `${a.sourceFile} still has a CR`);
  });

  test('text is stored in NFC, and whether that changed anything is recorded', async () => {
    const { project } = newProject();
    const dir = tempDir();
    const decomposed = `Cafe\u0301 in Ha${E_ACUTE_COMBINING}bron\n`;
    const [nfd, nfc] = firstItems(writeFiles(dir, { 'nfd.txt': decomposed, 'nfc.txt': TRICKY_TEXT }), 2, 'written files');
    const report = await importPaths(project, [nfd, nfc]);
    assert.equal(report.imported.length, 2, JSON.stringify(report));
    const a = project.articles.get(nth(report.imported, 0, 'imported files').articleId);
    assert.equal(a.text, 'Caf\u00e9 in Ha\u00e9bron\n');
    assert.equal(a.normalizedToNfc, true);
    assert.equal(a.length, cps(a.text).length);
    const b = project.articles.get(nth(report.imported, 1, 'imported files').articleId);
    assert.equal(TRICKY_TEXT.normalize('NFC'), TRICKY_TEXT, 'the shared tricky text is already NFC');
    assert.equal(b.text, TRICKY_TEXT);
    assert.equal(b.normalizedToNfc, false);
  });

  test('the title is the first non-empty line, trimmed; a line too long for a title gives the file name', async () => {
    const long = `${'\u{1F1F1}\u{1F1E7}'.repeat(100)} end`;
    const { project, files } = projectWithFiles({ 'a.txt': '\n \t\n   Headline here  \nBody', 'b.txt': `${long}\nbody` });
    const report = await importPaths(project, files);
    assert.deepEqual(report.imported.map((i) => i.title), ['Headline here', 'b']);
    assert.equal(project.articles.get(nth(report.imported, 0, 'imported files').articleId).title, 'Headline here');
  });
});

describe('the report', () => {
  test('every file lands in exactly one list, and a bad file never stops the ones after it', async () => {
    const { project, dir, files } = projectWithFiles({
      '1-good.txt': 'First article\ntext',
      '2-empty.txt': '',
      '3-binary.txt': Buffer.from([0x41, 0x42, 0x00, 0x43, 0x44]),
      '4-good.txt': 'Second article\ntext',
      '5-duplicate.txt': 'First article\ntext',
      '6-blank.txt': ' \n\t\r\n  ',
      '7-good.md': '# Third article\n',
    });
    const missing = join(dir, '8-missing.txt');
    const report = await importPaths(project, [...files, missing]);
    assert.deepEqual(outcomes(report, dir), {
      imported: ['1-good.txt', '4-good.txt', '7-good.md'],
      skipped: ['5-duplicate.txt'],
      rejected: ['2-empty.txt', '3-binary.txt', '6-blank.txt', '8-missing.txt'],
    });
    assert.equal(report.cancelled, false);
    assert.match(reasonFor(report, join(dir, '2-empty.txt')), /empty/);
    assert.match(reasonFor(report, join(dir, '3-binary.txt')), /binary.*NUL/);
    assert.match(reasonFor(report, join(dir, '6-blank.txt')), /no text|empty|white space/);
    assert.match(reasonFor(report, missing), /no such file/);
    const firstId = nth(report.imported, 0, 'imported files').articleId;
    assert.match(reasonFor(report, join(dir, '5-duplicate.txt')), new RegExp(`duplicate of article ${firstId}`));
    assert.equal(nth(report.skipped, 0, 'skipped files').articleId, firstId);
    assert.equal(project.articles.count(), 3);
  });

  test('duplicates within one batch and across imports are skipped, naming the article they repeat', async () => {
    const { project, dir, files } = projectWithFiles({ 'a.txt': 'Same story\nsame words', 'b.txt': 'Same story\nsame words', 'c.txt': 'Same story\r\nsame words' });
    const first = await importPaths(project, files);
    assert.deepEqual(outcomes(first, dir), { imported: ['a.txt'], skipped: ['b.txt', 'c.txt'], rejected: [] });
    const again = await importPaths(project, [join(dir, 'a.txt')]);
    assert.deepEqual(outcomes(again, dir), { imported: [], skipped: ['a.txt'], rejected: [] });
    assert.match(nth(again.skipped, 0, 'skipped files').reason, /duplicate of article \d+ \("Same story"\)/);
    assert.equal(project.articles.count(), 1);
  });

  test('binary files are rejected by signature or NUL bytes, whatever their extension', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const { project, dir, files } = projectWithFiles({
      'photo.txt': png,
      'nul-late.txt': Buffer.concat([Buffer.from('Looks like text for a while '.repeat(50)), Buffer.from([0]), Buffer.from('then not')]),
      'pdf.md': Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
    });
    const report = await importPaths(project, files);
    assert.deepEqual(outcomes(report, dir).rejected, ['nul-late.txt', 'pdf.md', 'photo.txt']);
    assert.match(reasonFor(report, join(dir, 'photo.txt')), /binary.*PNG/);
    assert.match(reasonFor(report, join(dir, 'nul-late.txt')), /NUL/);
    assert.match(reasonFor(report, join(dir, 'pdf.md')), /binary.*PDF/);
    assert.equal(project.articles.count(), 0);
  });

  test('a cancelled import stops and says so', async () => {
    const { project, files } = projectWithFiles({ 'a.txt': 'One', 'b.txt': 'Two' });
    const controller = new AbortController();
    controller.abort();
    const report = await importPaths(project, files, controller.signal);
    assert.equal(report.cancelled, true);
    assert.equal(project.articles.count(), 0);
  });

  test('uploaded contents (the web host) follow the same rules, judged by their names', async () => {
    const { project } = newProject();
    const report = await importSources(project, [
      { kind: 'bytes', name: 'upload.txt', bytes: Buffer.concat([BOM_UTF8, Buffer.from('Uploaded\r\ntext')]) },
      { kind: 'bytes', name: 'image.png', bytes: Buffer.from('not really') },
      { kind: 'bytes', name: 'again.TXT', bytes: Buffer.from('Uploaded\ntext') },
    ]);
    assert.deepEqual(outcomes(report, ''), { imported: ['upload.txt'], skipped: ['again.TXT'], rejected: ['image.png'] });
    assert.match(nth(report.rejected, 0, 'rejected files').reason, /not a text file type/);
    const a = project.articles.get(nth(report.imported, 0, 'imported files').articleId);
    assert.deepEqual([a.text, a.sourceFile, a.hadBom], ['Uploaded\ntext', 'upload.txt', true]);
  });
});

describe('folders and odd files', () => {
  test('folders are walked recursively; other file types inside are skipped with their type; named explicitly they are rejected', async () => {
    const { project, dir } = projectWithFiles({
      'corpus/b.txt': 'B article',
      'corpus/a.md': 'A article',
      'corpus/2024/march/c.text': 'C article',
      'corpus/2024/notes.TXT': 'Notes article',
      'corpus/photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'corpus/data.csv': 'a,b\n1,2',
      'corpus/README': 'no extension',
      'elsewhere/table.csv': 'x,y',
    });
    const report = await importPaths(project, [join(dir, 'corpus'), join(dir, 'elsewhere', 'table.csv')]);
    assert.deepEqual(outcomes(report, dir), {
      imported: ['corpus/2024/march/c.text', 'corpus/2024/notes.TXT', 'corpus/a.md', 'corpus/b.txt'],
      skipped: ['corpus/README', 'corpus/data.csv', 'corpus/photo.png'],
      rejected: ['elsewhere/table.csv'],
    });
    assert.match(reasonFor(report, join(dir, 'corpus', 'data.csv')), /^not a type Gloss imports \(\.csv\)$/);
    assert.match(nth(report.rejected, 0, 'rejected files').reason, /not a text file type.*\.csv/);
    const sources = report.imported.map((i) => project.articles.get(i.articleId).sourceFile);
    assert.deepEqual(sources, ['corpus/2024/march/c.text', 'corpus/2024/notes.TXT', 'corpus/a.md', 'corpus/b.txt']);
  });

  test('a folder named like a text file is walked, not read', async () => {
    const { project, dir } = projectWithFiles({ 'x.txt/inner.txt': 'Inner article', 'x.txt/deeper.txt/leaf.md': 'Leaf article' });
    const viaParent = await importPaths(project, [dir]);
    assert.deepEqual(outcomes(viaParent, dir), { imported: ['x.txt/deeper.txt/leaf.md', 'x.txt/inner.txt'], skipped: [], rejected: [] });
    const { project: p2 } = newProject();
    const direct = await importPaths(p2, [join(dir, 'x.txt')]);
    assert.deepEqual(outcomes(direct, dir), { imported: ['x.txt/deeper.txt/leaf.md', 'x.txt/inner.txt'], skipped: [], rejected: [] });
  });

  test('a named pipe is rejected without hanging, named or inside a folder', { timeout: 30_000 }, async () => {
    const { project, dir } = projectWithFiles({ 'folder/ok.txt': 'A real article' });
    const fifo = join(dir, 'pipe.txt');
    const inner = join(dir, 'folder', 'inner-pipe.txt');
    execFileSync('mkfifo', [fifo]);
    execFileSync('mkfifo', [inner]);
    execFileSync('mkfifo', [join(dir, 'folder', 'ignored-pipe.dat')]);
    const report = await importPaths(project, [fifo, join(dir, 'folder')]);
    assert.deepEqual(outcomes(report, dir), { imported: ['folder/ok.txt'], skipped: ['folder/ignored-pipe.dat'], rejected: ['folder/inner-pipe.txt', 'pipe.txt'] });
    assert.match(reasonFor(report, fifo), /not a regular file/);
    assert.match(reasonFor(report, inner), /not a regular file/);
  });

  test('dangling symbolic links and link loops are reported, named or inside a folder', { timeout: 30_000 }, async () => {
    const { project, dir } = projectWithFiles({ 'folder/real.txt': 'Real article', 'folder/sub/more.txt': 'More article' });
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
    symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
    symlinkSync(join(dir, 'gone'), join(dir, 'folder', 'broken-link.txt'));
    symlinkSync(join(dir, 'folder'), join(dir, 'folder', 'sub', 'back-up')); // a folder link back to an ancestor
    symlinkSync(join(dir, 'folder', 'self-loop'), join(dir, 'folder', 'self-loop'));
    const report = await importPaths(project, [join(dir, 'dangling.txt'), join(dir, 'loop-a.txt'), join(dir, 'folder')]);
    assert.deepEqual(report.imported.map((i) => i.file.slice(dir.length + 1)), ['folder/real.txt', 'folder/sub/more.txt']);
    assert.match(reasonFor(report, join(dir, 'dangling.txt')), /dangling symbolic link/);
    assert.match(reasonFor(report, join(dir, 'loop-a.txt')), /symbolic link loop/);
    assert.match(reasonFor(report, join(dir, 'folder', 'broken-link.txt')), /dangling symbolic link/);
    assert.match(reasonFor(report, join(dir, 'folder', 'sub', 'back-up')), /loop/);
    assert.match(reasonFor(report, join(dir, 'folder', 'self-loop')), /loop/);
    assert.equal(project.articles.count(), 2);
  });

  test('a link to a real file is imported like the file', async () => {
    const { project } = newProject();
    const dir = tempDir();
    const [target] = firstItems(writeFiles(dir, { 'real/story.txt': 'Linked story' }), 1, 'written files');
    mkdirSync(join(dir, 'links'));
    symlinkSync(target, join(dir, 'links', 'story-link.txt'));
    const report = await importPaths(project, [join(dir, 'links')]);
    assert.deepEqual(outcomes(report, dir).imported, ['links/story-link.txt']);
    assert.equal(project.articles.get(nth(report.imported, 0, 'imported files').articleId).text, 'Linked story');
  });
});
