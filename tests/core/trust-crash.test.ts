// Crash safety, with real processes and real SIGKILLs. The built CLI imports ~1,200 generated files (two batches)
// into a project that already holds codings, and is killed at seeded random moments, 20 times, re-running on the
// same project so later kills land at later stages. After every kill the files on disk (copied as the killed process
// left them, so the next run still has to recover the hot WAL and the stale lock itself) must be a sound project:
// SQLite and FTS integrity, no partial article, every coding committed before intact. Then the same for exports:
// killed mid-write 20 times, the target holds the previous file or a complete new one, never a partial one, and
// temporary files of killed exports are cleared by the next export.
//
// No timed assertions: the kill moments are fractions of a measured full run, and only what is on disk is judged.
// GLOSS_CRASH_SEED=<n> replays a run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { writeBatch, type ReadyArticle } from '../../src-main/core/import/articleWriter';
import { ArticleStore, type NewArticle } from '../../src-main/core/store/ArticleStore';
import { Project } from '../../src-main/core/store/Project';
import { ProjectLock } from '../../src-main/core/store/projectLock';
import { builtCli, newProject, tempDir, writeFiles, nth } from './helpers';
import { cli, cliKilledAfter, cliKilledWhen, seeded, writeNewsCorpus, type CorpusFile } from './trust-corpus';
import { builtOrSkip } from './built';

const SEED = Number(process.env.GLOSS_CRASH_SEED ?? 20260521);
const KILLS = 20;
const notBuilt = builtOrSkip(builtCli);

type Row = Record<string, unknown>;

const SEED_ARTICLES: Record<string, string> = {
  'seed-1.txt': 'Ceasefire talks resume in Cairo\n\nNegotiators met on Tuesday. \u{1F1F1}\u{1F1E7} Aid convoy waits at Rafah.\n',
  'seed-2.txt': '\u0645\u0641\u0627\u0648\u0636\u0627\u062a \u0648\u0642\u0641 \u0625\u0637\u0644\u0627\u0642 \u0627\u0644\u0646\u0627\u0631\n\nThe ministers traded blame over the delays. Ref seedtokentwo.\n',
  'seed-3.txt': 'Officials trade blame\n\nA family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} waited at the crossing for hours. Ref seedtokenthree.\n',
};

/** Copies what a killed process left (the project, its WAL and journal) so it can be checked without disturbing it. */
function copyAsLeft(project: string, to: string): string {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const target = join(to, 'copy.gloss');
  for (const suffix of ['', '-wal', '-journal']) if (existsSync(`${project}${suffix}`)) copyFileSync(`${project}${suffix}`, `${target}${suffix}`);
  return target;
}

interface Expected {
  /** Stored text → the files it may come from. */
  texts: Map<string, { token: string; files: string[] }>;
  codes: Row[];
  codings: Row[];
}

/** Everything the project on disk must satisfy after a kill; returns how many articles it holds. */
function checkProject(file: string, expected: Expected, when: string): number {
  const db = new Database(file);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `${when}: integrity_check`);
    // Every full-text index (the article search, and any other a later schema adds) must match its content.
    const fts = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").pluck().all() as string[];
    assert.ok(fts.includes('articles_fts'));
    for (const t of fts) assert.doesNotThrow(() => db.prepare(`INSERT INTO "${t}"("${t}") VALUES('integrity-check')`).run(), `${when}: FTS integrity-check of ${t}`);
    const articles = db.prepare('SELECT id, text, length, title FROM articles ORDER BY id').all() as { id: number; text: string; length: number; title: string }[];
    const match = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?').pluck();
    const seen = new Set<string>();
    for (const a of articles) {
      const source = expected.texts.get(a.text);
      assert.ok(source, `${when}: article ${a.id} ("${a.title.slice(0, 60)}", ${a.text.length} UTF-16 units) is not exactly the text of any source file`);
      assert.ok(!seen.has(a.text), `${when}: article ${a.id} is stored twice`);
      seen.add(a.text);
      assert.equal(a.length, [...a.text].length, `${when}: article ${a.id}'s length is not its code-point count`);
      assert.deepEqual(match.all(`"${source.token}"`), [a.id], `${when}: article ${a.id} is not in the search index (token ${source.token})`);
    }
    const hasSources = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'article_sources'").get();
    if (hasSources) {
      const orphans = db.prepare('SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)').pluck().get();
      assert.equal(orphans, 0, `${when}: articles stored without their source bytes`);
    }
    assert.deepEqual(db.prepare('SELECT * FROM codes ORDER BY id').all(), expected.codes, `${when}: the codebook changed`);
    assert.deepEqual(db.prepare('SELECT * FROM codings ORDER BY id').all(), expected.codings, `${when}: codings committed before the kill changed`);
    return articles.length;
  } finally {
    db.close();
  }
}

/**
 * `n` kill moments spread over [0, span): one at a random point in each of n equal slices, in random order, so the
 * kills cover every stage of a run (start-up, reading, each batch's transaction, the commits, after) whatever the seed.
 */
function killMoments(n: number, spanMs: number, rand: () => number): number[] {
  const slices = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const [atI, atJ] = [nth(slices, i, `slice ${i}`), nth(slices, j, `slice ${j}`)];
    slices[i] = atJ;
    slices[j] = atI;
  }
  return slices.map((i) => Math.round(((i + rand()) / n) * spanMs));
}

function lockPid(project: string): number | undefined {
  const lock = ProjectLock.lockPathFor(project);
  return existsSync(lock) ? (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid : undefined;
}

describe('SIGKILL during import and export', { skip: notBuilt }, () => {
  const rand = seeded(SEED);
  const dir = tempDir('gloss-trust-crash-');
  const project = join(dir, 'crash.gloss');
  const corpusDir = join(dir, 'corpus');
  let corpus: CorpusFile[];
  let expected: Expected;

  test(`setup: a project with codings committed through the CLI, and 1,200 files to import (seed ${SEED})`, async () => {
    corpus = writeNewsCorpus(corpusDir, 1200, SEED);
    const seeds = writeFiles(join(dir, 'seeds'), SEED_ARTICLES);
    assert.equal((await cli(['init', project])).code, 0);
    const imported = await cli(['import', project, ...seeds, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    const codings: [number, string, number, number, string][] = [
      [1, 'Frames/Humanitarian', 0, 9, 'first word'],
      [1, 'Frames/Security', 10, 15, ''],
      [1, 'Actors/Egypt', 26, 31, 'memo with "quotes", commas\nand a new line'],
      [1, 'Frames/Humanitarian', 52, 56, '=SUM(A1)'],
      [2, 'Frames/Humanitarian', 0, 8, '\u0645\u0630\u0643\u0631\u0629'],
      [2, 'Actors/Ministers', 29, 38, ''],
      [3, 'Frames/Humanitarian', 0, 21, ''],
      [3, 'Actors/Family', 32, 37, 'the ZWJ family'],
    ];
    for (const [article, code, start, end, memo] of codings) {
      const r = await cli(['code', project, '--article', String(article), '--code', code, '--start', String(start), '--end', String(end), `--memo=${memo}`, '--coder', 'analyst']);
      assert.equal(r.code, 0, r.stderr);
    }
    const db = new Database(project, { readonly: true });
    expected = {
      texts: new Map(),
      codes: db.prepare('SELECT * FROM codes ORDER BY id').all() as Row[],
      codings: db.prepare('SELECT * FROM codings ORDER BY id').all() as Row[],
    };
    db.close();
    assert.equal(expected.codings.length, codings.length);
    assert.equal(expected.codes.length, 7);
    Object.entries(SEED_ARTICLES).forEach(([name, text], i) => expected.texts.set(text, { token: nth(['Rafah', 'seedtokentwo', 'seedtokenthree'], i, `the token of ${name}`), files: [name] }));
    for (const f of corpus) {
      const known = expected.texts.get(f.expected);
      if (known) known.files.push(f.path);
      else expected.texts.set(f.expected, { token: f.token, files: [f.path] });
    }
    assert.equal(checkProject(project, expected, 'before any kill'), 3);
  });

  test(`${KILLS} imports killed at random moments leave a sound project, and the killed process's lock never blocks the next`, async (t) => {
    // A full import into a scratch copy, to know how long one takes here (the kill moments are fractions of it).
    const scratch = copyAsLeft(project, join(dir, 'calibrate'));
    const started = performance.now();
    const full = await cli(['import', scratch, corpusDir, '--json'], { timeoutMs: 120_000 });
    const fullMs = performance.now() - started;
    assert.equal(full.code, 0, full.stderr);
    const distinctCorpus = new Set(corpus.map((f) => f.expected)).size;
    assert.equal((JSON.parse(full.stdout) as { imported: unknown[] }).imported.length, distinctCorpus);
    rmSync(join(dir, 'calibrate'), { recursive: true });

    const history: string[] = [];
    let killed = 0;
    let staleLocks = 0;
    let partial = 0;
    // The project as it was before any kill, for the search below.
    const pristine = copyAsLeft(project, join(dir, 'pristine'));
    // In increasing order: each run starts over on what the last one did not commit, so later kills reach later
    // stages (the first batch's transaction, its commit, the second batch, the skipping of what is already there).
    const moments = killMoments(KILLS, fullMs * 1.1, rand).sort((x, y) => x - y);
    for (let k = 0; k < KILLS; k++) {
      const delay = nth(moments, k, `kill moment ${k}`);
      const run = await cliKilledAfter(['import', project, corpusDir, '--json'], delay);
      assert.equal(run.timedOut, false, `run ${k} hung`);
      assert.doesNotMatch(run.stderr, /already open/, `run ${k} was stopped by a lock (${run.stderr})`);
      if (run.killed) {
        killed++;
        const pid = lockPid(project);
        if (pid !== undefined) staleLocks++;
      } else {
        assert.equal(run.code, 0, `run ${k} (not killed) failed: ${run.stderr}`);
        assert.equal(lockPid(project), undefined, `run ${k} finished but left its lock`);
      }
      const n = checkProject(copyAsLeft(project, join(dir, 'check')), expected, `after run ${k} (killed after ${delay} ms, seed ${SEED})`);
      if (n > 3 && n < 3 + distinctCorpus) partial++;
      history.push(`${run.killed ? `killed at ${delay} ms` : 'finished'}: ${n - 3} imported`);
    }
    // If no kill of the sequence happened to land between the two batches' commits (its moments are spread over a
    // whole calibrated run, and on a busy machine run times vary more than the gap between two commits), kill fresh
    // copies of the project as it was at the moment a reader sees the first batch committed and not the second.
    for (let probe = 0; probe < 5 && partial === 0; probe++) {
      const copy = copyAsLeft(pristine, join(dir, 'probe'));
      const run = await cliKilledWhen(['import', copy, corpusDir, '--json'], () => {
        const reader = new Database(copy, { readonly: true, fileMustExist: true });
        try {
          const n = reader.prepare('SELECT count(*) FROM articles').pluck().get() as number;
          return n > 3 && n < 3 + distinctCorpus;
        } finally {
          reader.close();
        }
      });
      assert.equal(run.timedOut, false, `probe ${probe} hung`);
      const n = checkProject(copyAsLeft(copy, join(dir, 'probe-check')), expected, `after probe ${probe} (killed when part way, seed ${SEED})`);
      history.push(`probe ${run.killed ? 'killed part way' : 'finished'}: ${n - 3} imported`);
      if (n > 3 && n < 3 + distinctCorpus) partial++;
    }
    t.diagnostic(`full import ${Math.round(fullMs)} ms; ${killed} of ${KILLS} runs killed; ${history.join('; ')}`);
    // The harness must actually have interrupted an import mid-run, judged by what the project holds (some but not
    // all of the folder committed), not by how many kills happened to land before a run ended; and a kill must have
    // left a stale lock for the next run to clear.
    assert.ok(partial >= 1, `no kill left the folder partly imported, so none landed mid-run: ${history.join('; ')}`);
    assert.ok(staleLocks >= 1, 'no kill left a stale lock behind');

    // The last run, undisturbed, completes the import: every distinct text once, duplicates skipped.
    const last = await cli(['import', project, corpusDir, '--json'], { timeoutMs: 120_000 });
    assert.equal(last.code, 0, last.stderr);
    assert.equal(checkProject(project, expected, 'after the final run'), 3 + distinctCorpus);
    const report = JSON.parse(last.stdout) as { imported: unknown[]; skipped: unknown[]; rejected: unknown[] };
    assert.equal(report.imported.length + report.skipped.length, corpus.length);
    assert.deepEqual(report.rejected, []);
  });

  test(`${KILLS} exports killed at random moments never leave a partial file at the target`, async (t) => {
    // Enough codings that an export takes a while.
    const p = Project.open(project, { holder: 'test' });
    const articles = p.db.prepare('SELECT id, length FROM articles ORDER BY id').all() as { id: number; length: number }[];
    const codes = ['Frames/Humanitarian', 'Frames/Security', 'Actors/Egypt', 'Tone/Negative'].map((c) => p.codes.ensurePath(c).id);
    p.db.transaction(() => {
      for (const a of articles) {
        for (let i = 0; i < 30 && i * 20 + 15 <= a.length; i++) {
          p.codings.apply({ articleId: a.id, codeId: nth(codes, i % codes.length, 'a code'), start: i * 20, end: i * 20 + 15, memo: i % 3 ? '' : `memo ${i}, "quoted"`, coder: 'analyst' });
        }
      }
    })();
    const totals = { articles: articles.length, codings: p.codings.count() };
    const committed: Expected = {
      texts: expected.texts,
      codes: p.db.prepare('SELECT * FROM codes ORDER BY id').all() as Row[],
      codings: p.db.prepare('SELECT * FROM codings ORDER BY id').all() as Row[],
    };
    p.close();
    assert.ok(totals.codings > 20_000, `${totals.codings} codings`);

    const out = join(dir, 'exports');
    mkdirSync(out);
    const targets = { json: join(out, 'codings.json'), csv: join(out, 'codings.csv') };
    const complete = (format: 'json' | 'csv', bytes: Buffer): boolean => {
      if (format === 'json') {
        const doc = JSON.parse(bytes.toString('utf8')) as { format: string; articles: unknown[]; codings: { id: number }[] };
        return doc.format === 'gloss' && doc.articles.length === totals.articles && doc.codings.length === totals.codings;
      }
      const rows = parseCsv(bytes.toString('utf8').replace(/^\ufeff/, ''), { relax_column_count: false }) as string[][];
      // 13 documented columns, then one per article attribute (a folder import sets `folder`).
      return rows.length === totals.codings + 1 && rows[0]?.[0] === 'coding_id' && rows[0].length >= 13 && rows.every((r) => r.length === rows[0]?.length);
    };
    const previous: Record<'json' | 'csv', Buffer> = { json: Buffer.alloc(0), csv: Buffer.alloc(0) };
    const fullMs: Record<'json' | 'csv', number> = { json: 0, csv: 0 };
    for (const format of ['json', 'csv'] as const) {
      const started = performance.now();
      const r = await cli(['export', project, '--format', format, '--out', targets[format]]);
      fullMs[format] = performance.now() - started;
      assert.equal(r.code, 0, r.stderr);
      previous[format] = readFileSync(targets[format]);
      assert.ok(complete(format, previous[format]), `${format}: ${previous[format].subarray(0, 400).toString('utf8')} … ${JSON.stringify(totals)}`);
    }

    const temps = () => readdirSync(out).filter((f) => f.endsWith('.tmp'));
    let killed = 0;
    let replaced = 0;
    let tempsSeen = 0;
    const history: string[] = [];
    const moments = { json: killMoments(KILLS / 2, fullMs.json * 1.1, rand), csv: killMoments(KILLS / 2, fullMs.csv * 1.1, rand) };
    for (let k = 0; k < KILLS; k++) {
      const format = k % 2 === 0 ? 'json' : 'csv';
      const delay = nth(moments[format], Math.floor(k / 2), `${format} kill moment ${k}`);
      const run = await cliKilledAfter(['export', project, '--format', format, '--out', targets[format]], delay);
      assert.equal(run.timedOut, false);
      if (run.killed) killed++;
      else assert.equal(run.code, 0, run.stderr);
      const now = readFileSync(targets[format]);
      if (!now.equals(previous[format])) {
        assert.ok(complete(format, now), `after export ${k} (${format}, killed after ${delay} ms, seed ${SEED}): the target is neither the previous file nor a complete new one`);
        previous[format] = now;
        replaced++;
      }
      // Temporary files of killed exports may lie there until the next export to that name clears them: at most
      // one per target, and never one of a finished export.
      const left = temps();
      tempsSeen += left.length;
      for (const name of ['codings.json', 'codings.csv']) {
        assert.ok(left.filter((f) => f.startsWith(`.${name}.`)).length <= 1, `export ${k}: stale temporary files pile up: ${left.join(', ')}`);
      }
      if (!run.killed) assert.deepEqual(left.filter((f) => f.startsWith(`.codings.${format}.`)), [], `export ${k} finished but left its temporary file`);
      assert.deepEqual(
        readdirSync(out).filter((f) => !f.endsWith('.tmp')).sort(),
        ['codings.csv', 'codings.json'],
      );
      history.push(`${format} ${run.killed ? `killed at ${delay} ms` : 'finished'}${left.length ? ` (${left.length} temp)` : ''}`);
    }
    t.diagnostic(`full exports json ${Math.round(fullMs.json)} ms, csv ${Math.round(fullMs.csv)} ms; ${killed} of ${KILLS} killed; ${replaced} replaced; ${history.join('; ')}`);
    // Mid-run is judged by what is on disk: a kill left a half-written temporary file beside an intact target.
    assert.ok(tempsSeen >= 1, `no kill landed while a temporary file was being written: ${history.join('; ')}`);

    // One more undisturbed export of each clears every leftover.
    for (const format of ['json', 'csv'] as const) {
      const r = await cli(['export', project, '--format', format, '--out', targets[format]]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(complete(format, readFileSync(targets[format])));
    }
    assert.deepEqual(temps(), []);
    // The project itself was only read.
    assert.equal(checkProject(project, committed, 'after the exports'), totals.articles);
  });
});

describe('a batch whose transaction SQLite rolled back', () => {
  test('fails whole: nothing of it is stored outside the transaction, nothing reported imported', () => {
    const { project } = newProject();
    const db = project.db;
    const real = new ArticleStore(db);
    // SQLite rolls the whole transaction back on some errors (I/O, disk full, busy); simulate one on the second file.
    const store = Object.create(real) as ArticleStore;
    store.insert = (article: NewArticle) => {
      if (article.title === 'poison') {
        db.exec('ROLLBACK');
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }
      return real.insert(article);
    };
    const ready = (title: string): ReadyArticle => ({
      file: `${title}.txt`,
      sourceFile: `${title}.txt`,
      text: `${title}\nbody of ${title}`,
      title,
      encoding: 'UTF-8',
      encodingBasis: 'utf8',
      encodingConfidence: null,
      hadBom: false,
      originalLineEndings: 'LF',
      normalizedToNfc: false,
      hash: `hash-${title}`,
    });
    assert.throws(() => writeBatch(db, store, [ready('first'), ready('poison'), ready('third')]), /disk I\/O error/);
    assert.equal(db.inTransaction, false);
    assert.equal(project.articles.count(), 0, 'no article of the failed batch may be stored');
    project.close();
  });
});
