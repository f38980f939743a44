// Hostile and broken input, imported the way an analyst would: one folder, through the built CLI. Every file is
// either imported exactly (its stored text checked) or rejected with its specific reason, the rest of the batch
// imports, and the CLI neither crashes nor hangs (a named pipe it opened and waited on would hang it: the child has
// a generous but finite time limit, so a hang fails the test instead of stalling CI).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { builtCli, tempDir } from './helpers';
import { cli, seeded } from './trust-corpus';
import { builtOrSkip } from './built';

const notBuilt = builtOrSkip(builtCli);
const MB = 1024 * 1024;

type Expectation = { imported: string } | { rejected: RegExp };

interface Hostile {
  /** Path relative to the corpus folder. */
  name: string;
  expect: Expectation;
}

/** Writes `total` bytes of `chunk` repeated, one chunk at a time (the test never holds the whole file). */
function writeRepeated(path: string, chunk: Buffer, total: number): void {
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < total; written += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, total - written));
  } finally {
    closeSync(fd);
  }
}

function buildCorpus(root: string): { dir: string; files: Hostile[] } {
  const dir = join(root, 'hostile');
  mkdirSync(dir);
  const files: Hostile[] = [];
  const put = (name: string, content: string | Buffer, expect: Expectation) => {
    writeFileSync(join(dir, name), content);
    files.push({ name, expect });
  };
  const rand = seeded(7);

  // Ordinary articles: the rest of the batch.
  put('ordinary-1.txt', 'Ceasefire talks resume in Cairo\n\nNegotiators met on Tuesday.\n', { imported: 'Ceasefire talks resume in Cairo\n\nNegotiators met on Tuesday.\n' });
  put('ordinary-2.md', '# Aid convoy\n\nThe convoy waited at the crossing.\n', { imported: '# Aid convoy\n\nThe convoy waited at the crossing.\n' });

  // Empty and nearly empty.
  put('empty.txt', '', { rejected: /^empty file$/ });
  put('only-bom.txt', Buffer.from([0xef, 0xbb, 0xbf]), { rejected: /^no text \(the file is empty or only white space\)$/ });
  put('only-white-space.txt', ' \n\t\r\n  \n', { rejected: /^no text \(the file is empty or only white space\)$/ });

  // Not text at all.
  // NUL-separated words: a detector scores them as BOM-less UTF-16, which would store CJK nonsense.
  put('nul-separated.txt', Buffer.from('Ceasefire\u0000talks\u0000resume\u0000in\u0000Cairo\u0000', 'latin1'), { rejected: /^binary file \(contains NUL bytes\)$/ });
  put('nul-bytes.txt', Buffer.from('A report\n\nwith a NUL\u0000 in the middle of a line of otherwise ordinary text.\n', 'latin1'), { rejected: /^binary file \(contains NUL bytes\)$/ });
  put('random.txt', Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(rand() * 256))), { rejected: /^binary file \(contains NUL bytes\)$/ });
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    Buffer.from(Array.from({ length: 2000 }, () => Math.floor(rand() * 256))),
  ]);
  put('photo.png.txt', png, { rejected: /^binary file \(a PNG image\)$/ });
  const zip = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'latin1'), Buffer.from('word/document.xml'), Buffer.alloc(200, 0x41)]);
  put('report.docx.txt', zip, { rejected: /^binary file \(a ZIP archive or office document/ });

  // Broken encodings.
  const utf8 = Buffer.from('Caf\u00e9 \u00fcber na\u00efve \u2014 \u0645\u0641\u0627\u0648\u0636\u0627\u062a \u0634\u0643\u0631\u0627 and more caf\u00e9 text. '.repeat(20), 'utf8');
  const damaged = Buffer.concat([utf8, Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82]), utf8]);
  put('invalid-utf8.txt', damaged, { rejected: new RegExp(`^damaged UTF-8: .*byte 0xC3 at offset ${utf8.length}\\b`) });
  const loneSurrogate = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ceasefire ', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from(' talks', 'utf16le')]);
  put('lone-surrogate-utf16.txt', loneSurrogate, { rejected: /^invalid UTF-16LE text: unpaired high surrogate 0xD800 at byte offset 22$/ });

  // Sizes.
  writeRepeated(join(dir, 'huge-100mb.txt'), Buffer.from('The convoy waited at the crossing for hours.\n'.repeat(23_000)), 100 * MB);
  files.push({ name: 'huge-100mb.txt', expect: { rejected: /^file too large \(100\.0 MB; Gloss imports text files up to 64 MB\)$/ } });
  const oneLine = 'ceasefire '.repeat(MB); // 10 MB, no line break
  put('one-line-10mb.txt', oneLine, { imported: oneLine });
  const manyLines = Array.from({ length: 1_000_000 }, (_, i) => `line ${i}`).join('\n');
  put('million-lines.txt', manyLines, { imported: manyLines });

  // Text that must be stored as text, verbatim.
  const html = '<html><body><script>alert(document.cookie)</script><img src=x onerror="alert(1)">\n<a href="javascript:alert(2)">click</a></body></html>\n';
  put('page-as-text.txt', html, { imported: html });
  const bidi = 'Invoice \u202Egnp.exe\u202C and \u2066isolated\u2069 \u200Fmark \u061C\u200E text \u202Bembedded\u202C.\n';
  put('bidi-overrides.txt', bidi, { imported: bidi });

  // Names that break naive code.
  for (const [name, text] of [
    ['with spaces in it.txt', 'Spaces in the name\n'],
    [`quotes "double" and 'single'.txt`, 'Quotes in the name\n'],
    ['new\nline.txt', 'A line break in the name\n'],
    ['\u00f1and\u00fa \u65e5\u672c\u8a9e \u0639\u0631\u0628\u064a.txt', 'Non-Latin letters in the name\n'],
    ['-starts-with-dash.txt', 'A dash first\n'],
  ] as const) {
    put(name, text, { imported: text });
  }

  // Links, pipes and folders that look like files.
  mkdirSync(join(dir, 'nested'));
  symlinkSync('..', join(dir, 'nested', 'back-up')); // a folder link back to an ancestor: a loop
  files.push({ name: 'nested/back-up', expect: { rejected: /^a symbolic link loop/ } });
  symlinkSync('self-loop.txt', join(dir, 'self-loop.txt'));
  files.push({ name: 'self-loop.txt', expect: { rejected: /^a symbolic link loop$/ } });
  symlinkSync(join(root, 'gone.txt'), join(dir, 'dangling.txt'));
  files.push({ name: 'dangling.txt', expect: { rejected: /^a link that points nowhere \(dangling symbolic link\)$/ } });
  const fifo = join(dir, 'pipe.txt');
  execFileSync('mkfifo', [fifo]);
  files.push({ name: 'pipe.txt', expect: { rejected: /^not a regular file \(a device, socket or named pipe\)$/ } });
  symlinkSync('pipe.txt', join(dir, 'link-to-pipe.txt'));
  files.push({ name: 'link-to-pipe.txt', expect: { rejected: /^not a regular file \(a device, socket or named pipe\)$/ } });
  mkdirSync(join(dir, 'x.txt'));
  put('x.txt/inside-a-folder-named-x.txt.txt', 'A file in a folder whose name ends in .txt\n', { imported: 'A file in a folder whose name ends in .txt\n' });
  return { dir, files };
}

interface CliReport {
  imported: { file: string; articleId: number; title: string }[];
  skipped: { file: string; reason: string }[];
  rejected: { file: string; reason: string }[];
}

describe('a folder of hostile and broken files, imported through the CLI', { skip: notBuilt }, () => {
  test('each file is imported exactly or rejected with its reason; the rest imports; no crash, no hang', async (t) => {
    const root = tempDir('gloss-trust-hostile-');
    const { dir, files } = buildCorpus(root);
    const project = join(root, 'hostile.gloss');
    assert.equal((await cli(['init', project])).code, 0);

    // The folder, plus the pipe named directly (the path an analyst could pick in a file dialog), spelt so that the
    // report tells the two apart.
    const fifoDirect = `${dir}/./pipe.txt`;
    const started = performance.now();
    const run = await cli(['import', project, dir, fifoDirect, '--json'], { timeoutMs: 180_000 });
    t.diagnostic(`import took ${Math.round(performance.now() - started)} ms`);
    assert.equal(run.timedOut, false, 'the CLI hung (killed at its time limit)');
    assert.equal(run.signal, null, `the CLI crashed: ${run.stderr}`);
    assert.equal(run.code, 1, `exit 1 means "some files were rejected": ${run.stderr}`);
    const report = JSON.parse(run.stdout) as CliReport;
    assert.deepEqual(report.skipped, []);

    const rel = (f: string) => (f === fifoDirect ? '(pipe named directly)' : f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : f);
    const outcome = new Map<string, { imported?: number; reason?: string }[]>();
    for (const i of report.imported) outcome.set(rel(i.file), [...(outcome.get(rel(i.file)) ?? []), { imported: i.articleId }]);
    for (const r of report.rejected) outcome.set(rel(r.file), [...(outcome.get(rel(r.file)) ?? []), { reason: r.reason }]);

    const db = new Database(project, { readonly: true });
    const article = db.prepare('SELECT text, length FROM articles WHERE id = ?');
    const problems: string[] = [];
    for (const f of files) {
      const got = outcome.get(f.name);
      outcome.delete(f.name);
      const result = got?.[0];
      if (!got || got.length !== 1 || !result) {
        problems.push(`${JSON.stringify(f.name)}: reported ${got?.length ?? 0} times (${JSON.stringify(got)})`);
        continue;
      }
      if ('imported' in f.expect) {
        if (result.imported === undefined) {
          problems.push(`${JSON.stringify(f.name)}: rejected (${result.reason}), expected to import`);
          continue;
        }
        const row = article.get(result.imported) as { text: string; length: number };
        if (row.text !== f.expect.imported) problems.push(`${JSON.stringify(f.name)}: stored text differs from the file`);
        if (row.length !== [...f.expect.imported].length) problems.push(`${JSON.stringify(f.name)}: length is not the code-point count`);
      } else if (result.reason === undefined) {
        problems.push(`${JSON.stringify(f.name)}: imported as article ${result.imported}, expected rejected`);
      } else if (!f.expect.rejected.test(result.reason)) {
        problems.push(`${JSON.stringify(f.name)}: reason "${result.reason}" does not match ${f.expect.rejected}`);
      }
    }
    const pipeDirect = outcome.get('(pipe named directly)');
    outcome.delete('(pipe named directly)');
    if (pipeDirect?.[0]?.reason !== 'not a regular file (a device, socket or named pipe)') problems.push(`the pipe named directly: ${JSON.stringify(pipeDirect)}`);
    for (const [name, got] of outcome) problems.push(`unexpected entry in the report: ${JSON.stringify(name)} ${JSON.stringify(got)}`);
    assert.deepEqual(problems, []);

    const imported = files.filter((f) => 'imported' in f.expect).length;
    assert.equal(db.prepare('SELECT count(*) FROM articles').pluck().get(), imported);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
    const rw = new Database(project);
    for (const t of rw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").pluck().all() as string[]) {
      rw.prepare(`INSERT INTO "${t}"("${t}") VALUES('integrity-check')`).run();
    }
    rw.close();
  });
});
