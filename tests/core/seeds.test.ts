// The five real seed articles in ../shared/seeds (never copied into this repository): import them, code passages
// chosen from their own text, and check that both exports give back exactly those passages at those offsets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { exportCsv } from '../../src-main/core/export/csv';
import { exportJson } from '../../src-main/core/export/json';
import { importSources } from '../../src-main/core/import/importer';
import { exportSchemaPath, newProject, nth, seedsDir } from './helpers';

const seedFiles = existsSync(seedsDir) ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort() : [];
const skip = seedFiles.length === 0 ? `no seed articles at ${seedsDir} (the shared folder beside the repository); nothing to test against` : false;

/** What Gloss should store for a UTF-8 file, computed here independently of the importer. */
function expectedText(file: string): string {
  return new TextDecoder('utf-8', { fatal: true })
    .decode(readFileSync(file))
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

/** A small deterministic generator, so the "random" spans are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Passages chosen from the article itself: sentences, the neighbourhood of every non-ASCII character, random spans. */
function chooseSpans(text: string, seed: number): { start: number; end: number }[] {
  const points = [...text];
  const spans = new Map<string, { start: number; end: number }>();
  const add = (start: number, end: number) => {
    start = Math.max(0, start);
    end = Math.min(points.length, end);
    if (start < end) spans.set(`${start}-${end}`, { start, end });
  };
  let sentenceStart = 0;
  points.forEach((ch, i) => {
    if (ch === '.' || ch === '\n') {
      add(sentenceStart, i + 1);
      sentenceStart = i + 1;
    }
    if (ch.codePointAt(0)! > 0x7f) add(i - 3, i + 4);
  });
  add(0, points.length);
  add(points.length - 1, points.length);
  const random = prng(seed);
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(random() * points.length);
    add(a, a + 1 + Math.floor(random() * 200));
  }
  return [...spans.values()];
}

describe('real seed articles', { skip }, () => {
  test('all five import, and codings survive both exports exactly', async () => {
    assert.equal(seedFiles.length, 5, `five seed articles in ${seedsDir}`);
    const { project, dir } = newProject('Seeds');
    const report = await importSources(project, [{ kind: 'path', path: seedsDir }]);
    assert.deepEqual(report.rejected, []);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.imported.map((i) => basename(i.file)), seedFiles);

    const codes = [project.codes.ensurePath('Frames/Humanitarian'), project.codes.ensurePath('Frames/Security'), project.codes.ensurePath('Actors')];
    const applied = new Map<number, { articleId: number; start: number; end: number; text: string; codePath: string }>();
    report.imported.forEach((item, n) => {
      const article = project.articles.get(item.articleId);
      const expected = expectedText(item.file);
      assert.equal(article.text, expected, `${basename(item.file)} is stored as decoded, LF, NFC text`);
      assert.equal(article.length, [...expected].length);
      const firstLine = expected.split('\n').map((l) => l.trim()).find(Boolean)!;
      // README: the first line when it looks like a headline (≤ 15 words, ≤ 120 characters, no final full stop),
      // otherwise the file name without its extension.
      const headline = firstLine.split(/\s+/).length <= 15 && [...firstLine].length <= 120 && !/[^.]\.$/.test(firstLine);
      const title = headline ? firstLine : basename(item.file).replace(/\.[^.]+$/, '');
      assert.equal(article.title, title, 'the title is the first line when it is a headline, else the file name');
      project.db.transaction(() => {
        chooseSpans(expected, n + 1).forEach((span, i) => {
          const code = nth(codes, i % codes.length, 'a seed code');
          const coding = project.codings.apply({ articleId: item.articleId, codeId: code.id, ...span, memo: `seed ${n} span ${i}`, coder: 'seed-test' });
          assert.equal(coding.text, [...expected].slice(span.start, span.end).join(''));
          applied.set(coding.id, { articleId: item.articleId, ...span, text: coding.text, codePath: code.path });
        });
      })();
    });
    assert.ok(applied.size > 100, `${applied.size} codings applied`);

    const files = new Map(report.imported.map((i) => [i.articleId, expectedText(i.file)]));

    await exportJson(project, join(dir, 'seeds.json'));
    const doc = JSON.parse(readFileSync(join(dir, 'seeds.json'), 'utf8')) as {
      articles: { id: number; text: string }[];
      codings: { id: number; articleId: number; codePath: string; start: number; end: number; text: string }[];
    };
    const ajv = new Ajv2020({ strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const validate = ajv.compile(JSON.parse(readFileSync(exportSchemaPath, 'utf8')));
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(doc.codings.length, applied.size);
    for (const a of doc.articles) assert.equal(a.text, files.get(a.id));
    for (const k of doc.codings) {
      const source = files.get(k.articleId)!;
      assert.equal([...source].slice(k.start, k.end).join(''), k.text, `JSON coding ${k.id}`);
      assert.deepEqual({ articleId: k.articleId, start: k.start, end: k.end, text: k.text, codePath: k.codePath }, applied.get(k.id));
    }

    for (const formulaGuard of [false, true]) {
      const out = join(dir, formulaGuard ? 'guarded.csv' : 'exact.csv');
      await exportCsv(project, out, { formulaGuard });
      const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      assert.equal(rows.length, applied.size);
      for (const row of rows) {
        const want = applied.get(Number(row.coding_id))!;
        const slice = [...files.get(Number(row.article_id))!].slice(Number(row.start), Number(row.end)).join('');
        assert.equal(slice, want.text);
        const text = !formulaGuard || !/^[=+\-@\t\r]/.test(slice) ? slice : `'${slice}`;
        assert.equal(row.text, text, `CSV coding ${row.coding_id} (formulaGuard ${formulaGuard})`);
        assert.equal(row.code_path, want.codePath);
      }
    }
  });
});
