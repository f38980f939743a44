// Any real text in, exact offsets out — as a property over random text.
//
// Each run writes one random text (astral emoji, flags, ZWJ sequences, skin tones, combining marks, Arabic and
// Hebrew with their marks, bidi controls, C0 controls, any Unicode scalar, CRLF/CR/LF) to a real temp file in
// UTF-8 (with or without BOM) or UTF-16 LE/BE with BOM, imports it through the real importer, and codes random
// ranges snapped the way the renderer snaps a selection (snapToGraphemes on UTF-16, then OffsetIndex to code
// points). Checked per run: the stored text is the decoded text with LF line endings in NFC, the recorded encoding,
// BOM and line endings are right, and every coding's text is its code-point slice. Checked per batch of runs
// (one project holds a batch's articles, which keeps 10,000 runs fast): the JSON export's coding texts equal
// `[...text].slice(start, end).join('')` of the exported article; the CSV (exact by default) agrees row for row; and the
// JSON re-imported into a fresh project reproduces every article text and coding (code path, offsets, text, memo).
//
// GLOSS_PROPERTY_RUNS sets the number of runs (default 10,000, what CI runs); the seed is fixed, so a failure
// reproduces. Batch checks run inside a run, so fast-check stops at the first failure without shrinking
// (endOnFailure): the projects are shared state, and the failure message carries the batch's details instead.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { OffsetIndex, snapToGraphemes } from '../../src-main/contract/offsets';
import { cleanText } from '../../src-main/contract/text';
import { exportCsv } from '../../src-main/core/export/csv';
import { exportJson } from '../../src-main/core/export/json';
import { importSources } from '../../src-main/core/import/importer';
import { Project } from '../../src-main/core/store/Project';
import { cpSlice, tempDir } from './import-support';
import { nth } from './helpers';

const RUNS = Number(process.env.GLOSS_PROPERTY_RUNS ?? 10_000);
const SEED = 20_260_601;
/** Runs per project: enough articles that exports and re-imports are real work, few enough to stay quick. */
const BATCH = 250;

const codePoint = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const pick = (...items: string[]) => fc.constantFrom(...items);

/** One unit of text: a character, a grapheme cluster or a line break, weighted towards the hard cases. */
const unit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...'abcdefghij XYZ 0123456789.,;:"\'=+-@\t') },
  { weight: 4, arbitrary: pick('\n') },
  { weight: 3, arbitrary: codePoint(0x1f300, 0x1f64f) }, // emoji
  { weight: 2, arbitrary: fc.tuple(codePoint(0x1f1e6, 0x1f1ff), codePoint(0x1f1e6, 0x1f1ff)).map(([a, b]) => a + b) }, // flags
  {
    weight: 2,
    arbitrary: pick(
      '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}', // family
      '\u{1F3F3}\uFE0F\u200D\u{1F308}', // rainbow flag
      '\u{1F469}\u{1F3FD}\u200D\u{1F4BB}', // technologist with skin tone
      '\u2764\uFE0F\u200D\u{1F525}',
    ),
  },
  { weight: 2, arbitrary: fc.tuple(pick('\u{1F44D}', '\u{1F44B}', '\u{1F9D1}'), codePoint(0x1f3fb, 0x1f3ff)).map(([a, b]) => a + b) }, // skin tones
  { weight: 3, arbitrary: fc.tuple(pick('a', 'e', 'q', 'x', 'Z'), fc.array(codePoint(0x0300, 0x036f), { minLength: 1, maxLength: 3 })).map(([b, m]) => b + m.join('')) },
  { weight: 3, arbitrary: fc.tuple(codePoint(0x0621, 0x064a), fc.option(codePoint(0x064b, 0x0652))).map(([l, h]) => l + (h ?? '')) }, // Arabic + harakat
  { weight: 3, arbitrary: fc.tuple(codePoint(0x05d0, 0x05ea), fc.option(codePoint(0x05b0, 0x05bc))).map(([l, n]) => l + (n ?? '')) }, // Hebrew + niqqud
  { weight: 2, arbitrary: pick('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C') }, // bidi
  { weight: 1, arbitrary: pick('\u200D', '\uFE0F', '\u00A0', '\u2028', '\u0001', '\u001F', '\u007F', '\uFEFF', '\uFFFD') },
  { weight: 2, arbitrary: codePoint(0x20000, 0x2a6df) }, // astral CJK
  // Any Unicode scalar value but NUL (which no text file carries; a UTF-16 one is refused by design).
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((s) => !s.includes('\u0000')) },
);

const ENCODINGS = ['utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom'] as const;
const LINE_ENDINGS = ['LF', 'CRLF', 'CR', 'mixed'] as const;

const sample = fc.record({
  text: fc.string({ unit, minLength: 1, maxLength: 120 }),
  encoding: fc.constantFrom(...ENCODINGS),
  endings: fc.constantFrom(...LINE_ENDINGS),
  mixedChoices: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 8, maxLength: 8 }),
  ranges: fc.array(
    fc.record({ a: fc.nat(), b: fc.nat(), code: fc.nat(), memo: fc.oneof(pick(''), fc.string({ unit, maxLength: 20 })) }),
    { maxLength: 6 },
  ),
});
type Sample = typeof sample extends fc.Arbitrary<infer T> ? T : never;

/** Code paths with the names that break naive exports: Unicode, emoji, RTL, CSV and formula characters. */
const CODE_PATHS = ['Frames', 'Frames/Humanitarian \u{1F54A}\uFE0F', '\u0641\u0627\u0639\u0644\u0648\u0646', '\u05E9\u05D7\u05E7\u05E0\u05D9\u05DD/\u05E8\u05D0\u05E9\u05D9', '=Formula', '"Quoted, name"'];

function fileBytes(raw: string, encoding: Sample['encoding']): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(raw, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(raw, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(raw, 'utf16le').swap16()]);
  }
}

function withEndings(text: string, s: Sample): string {
  let k = 0;
  return text.replace(/\n/g, () => {
    if (s.endings === 'LF') return '\n';
    if (s.endings === 'CRLF') return '\r\n';
    if (s.endings === 'CR') return '\r';
    return nth(s.mixedChoices, k++ % s.mixedChoices.length, 'a mixed line ending');
  });
}

/** The line endings a file has, as the importer names them. */
function endingsOf(raw: string): string {
  const crlf = (raw.match(/\r\n/g) ?? []).length;
  const cr = (raw.match(/\r(?!\n)/g) ?? []).length;
  const lf = (raw.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf && 'CRLF', cr && 'CR', lf && 'LF'].filter(Boolean);
  return kinds.length === 0 ? 'none' : kinds.length === 1 ? String(kinds[0]) : 'mixed';
}

interface Expected {
  articleId: number;
  text: string;
  codings: Map<string, { codePath: string; start: number; end: number; text: string; memo: string }>;
}

/** One project's worth of runs, and what it must contain. */
class Batch {
  readonly dir = tempDir('gloss-prop-');
  readonly project = Project.create(join(this.dir, 'batch.gloss'));
  readonly codeIds = CODE_PATHS.map((p) => this.project.codes.ensurePath(p).id);
  readonly articles = new Map<number, Expected>();
  runs = 0;
  files = 0;

  close(): void {
    this.project.close();
  }
}

async function runOne(batch: Batch, s: Sample): Promise<void> {
  const raw = withEndings(s.text, s);
  const bytes = fileBytes(raw, s.encoding);
  const path = join(batch.dir, `f${batch.files++}.txt`);
  writeFileSync(path, bytes);
  const report = await importSources(batch.project, [{ kind: 'path', path }]);

  // What the file holds once decoded: a UTF-8 file without a BOM that starts with U+FEFF has, by definition, a BOM.
  const decoded = s.encoding === 'utf8' && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const expectedText = decoded.replace(/\r\n?/g, '\n').normalize('NFC');
  if (expectedText.trim().length === 0) {
    // An empty file and one of only white space are refused alike, with the same reason, and nothing is stored.
    assert.deepEqual(report.rejected.map((r) => r.reason), ['no text (the file is empty or only white space)']);
    assert.deepEqual([report.imported.length, report.skipped.length], [0, 0]);
    return;
  }
  assert.equal(report.rejected.length, 0, `rejected: ${JSON.stringify(report.rejected)} for ${JSON.stringify(raw)}`);
  const articleId = report.imported[0]?.articleId ?? report.skipped[0]?.articleId;
  assert.ok(articleId, JSON.stringify(report));
  const article = batch.project.articles.get(articleId);
  assert.equal(article.text, expectedText, `stored text for ${JSON.stringify(raw)} (${s.encoding})`);
  if (report.imported.length === 1) {
    const encoding = { utf8: 'UTF-8', 'utf8-bom': 'UTF-8', 'utf16le-bom': 'UTF-16LE', 'utf16be-bom': 'UTF-16BE' }[s.encoding];
    const hadBom = s.encoding !== 'utf8' || raw.startsWith('\uFEFF');
    assert.deepEqual([article.encoding, article.hadBom, article.originalLineEndings], [encoding, hadBom, endingsOf(decoded)]);
  }

  let expected = batch.articles.get(articleId);
  if (!expected) {
    expected = { articleId, text: article.text, codings: new Map() };
    batch.articles.set(articleId, expected);
  }
  const text = article.text;
  const index = new OffsetIndex(text);
  for (const r of s.ranges) {
    // As the renderer does: a UTF-16 selection, widened to whole graphemes, converted to code points.
    const [a, b] = [r.a % (text.length + 1), r.b % (text.length + 1)];
    const [from, to] = [Math.min(a, b), Math.max(a, b)];
    const snapped = snapToGraphemes(text, from, to);
    const start = index.toCodePoint(snapped.start, 'start');
    const end = index.toCodePoint(snapped.end, 'end');
    if (start >= end) continue;
    const codeId = nth(batch.codeIds, r.code % batch.codeIds.length, 'a code id');
    const key = `${codeId}:${start}:${end}`;
    if (expected.codings.has(key)) continue; // the same code on the same span is refused as a duplicate
    const coding = batch.project.codings.apply({ articleId, codeId, start, end, memo: r.memo, coder: 'prop' });
    assert.equal(coding.text, cpSlice(text, start, end));
    assert.equal(coding.text, text.slice(snapped.start, snapped.end), 'code points and UTF-16 agree on the snapped range');
    // Memos keep everything but control characters other than tab and LF (CR LF and CR become LF): contract/text.ts.
    expected.codings.set(key, { codePath: nth(CODE_PATHS, r.code % CODE_PATHS.length, 'a code path'), start, end, text: coding.text, memo: cleanText(r.memo) });
  }
}

interface ExportDoc {
  format: string;
  articles: { id: number; text: string }[];
  codings: { articleId: number; codePath: string; start: number; end: number; text: string; memo: string }[];
}

/** Exports the batch's project to JSON and CSV, checks both against the model, re-imports the JSON, compares. */
async function checkBatch(batch: Batch): Promise<void> {
  const jsonPath = join(batch.dir, 'export.json');
  const csvPath = join(batch.dir, 'export.csv');
  await exportJson(batch.project, jsonPath);
  await exportCsv(batch.project, csvPath);

  const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as ExportDoc;
  const texts = new Map(doc.articles.map((a) => [a.id, a.text]));
  const exported = new Map<string, ExportDoc['codings'][number]>();
  for (const c of doc.codings) {
    const articleText = texts.get(c.articleId)!;
    assert.equal(c.text, [...articleText].slice(c.start, c.end).join(''), `JSON coding ${JSON.stringify(c)}`);
    exported.set(`${c.articleId}:${c.codePath}:${c.start}:${c.end}`, c);
  }
  let modelled = 0;
  for (const a of batch.articles.values()) {
    assert.equal(texts.get(a.articleId), a.text);
    for (const k of a.codings.values()) {
      modelled++;
      const c = exported.get(`${a.articleId}:${k.codePath}:${k.start}:${k.end}`);
      assert.ok(c, `coding ${JSON.stringify(k)} missing from the JSON export`);
      assert.deepEqual([c.text, c.memo], [k.text, k.memo]);
    }
  }
  assert.equal(doc.codings.length, modelled);

  const rows = parse(readFileSync(csvPath), { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
  assert.equal(rows.length, doc.codings.length);
  for (const row of rows) {
    const articleText = texts.get(Number(row.article_id))!;
    const [start, end] = [Number(row.start), Number(row.end)];
    assert.equal(row.text, cpSlice(articleText, start, end), `CSV row ${JSON.stringify(row)}`);
    const c = exported.get(`${row.article_id}:${row.code_path}:${start}:${end}`);
    assert.ok(c, `CSV row without a JSON coding: ${JSON.stringify(row)}`);
    assert.equal(row.memo, c.memo);
  }

  // The JSON export, re-imported into a fresh project, is the same work.
  const fresh = Project.create(join(batch.dir, 'reimported.gloss'));
  try {
    const report = await importSources(fresh, [{ kind: 'path', path: jsonPath }]);
    assert.equal(report.rejected.length, 0, JSON.stringify(report.rejected));
    assert.equal(report.imported.length, batch.articles.size);
    const byText = new Map<string, string[]>();
    for (const a of fresh.articles.iterate()) {
      byText.set(a.text, fresh.codings.listForArticle(a.id).map((k) => JSON.stringify([k.codePath, k.start, k.end, k.text, k.memo])).sort());
    }
    for (const a of batch.articles.values()) {
      const want = [...a.codings.values()].map((k) => JSON.stringify([k.codePath, k.start, k.end, k.text, k.memo])).sort();
      assert.deepEqual(byText.get(a.text), want, `re-imported codings of ${JSON.stringify(a.text.slice(0, 80))}`);
    }
  } finally {
    fresh.close();
  }
}

describe('property: any text in, exact offsets out', () => {
  it(`import → code → export JSON/CSV → re-import (${RUNS} runs, seed ${SEED})`, { timeout: 30 * 60 * 1000 }, async (t) => {
    const started = Date.now();
    let batch = new Batch();
    let batches = 0;
    let codings = 0;
    const finish = async () => {
      if (batch.runs === 0) return;
      await checkBatch(batch);
      batches++;
      codings += [...batch.articles.values()].reduce((n, a) => n + a.codings.size, 0);
      batch.close();
      batch = new Batch();
    };
    try {
      await fc.assert(
        fc.asyncProperty(sample, async (s) => {
          await runOne(batch, s);
          if (++batch.runs === BATCH) await finish();
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      await finish();
    } finally {
      batch.close();
    }
    t.diagnostic(`${RUNS} runs in ${batches} projects, ${codings} codings checked through JSON, CSV and re-import, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
