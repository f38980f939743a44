// The codings CSV reads the articles it exports in one ordered pass beside the codings (issue 16). What it promises
// stays: every row carries its own article's title and file, one coder's export holds only that coder's codings (the
// name matched as Gloss matches coder names, ignoring case), articles without exported codings are not needed, and
// damage in an article that is exported stops the export with an error naming it, the previous file left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { GlossError } from '../../src-main/contract/errors';
import { exportCsv } from '../../src-main/core/export/csv';
import { Project } from '../../src-main/core/store/Project';
import { importText, newProject } from './helpers';

const TEXTS = [
  'Convoy waits\nForty trucks waited at the crossing.',
  'Ministers meet\nThe ministers met in Cairo.',
  'Schools reopen\nPupils returned to three schools.',
  'Harbour closed\nThe harbour stayed closed for a week.',
];

function rows(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

test('one coder’s CSV: their codings with their own articles, damage elsewhere ignored, damage in theirs stops it', async () => {
  const { project, dir, path } = newProject('Scan');
  const ids: number[] = [];
  for (const [i, text] of TEXTS.entries()) ids.push(await importText(project, text, `story-${i + 1}.txt`));
  const code = project.codes.ensurePath('Frames/Humanitarian').id;
  const [first, second, third, fourth] = ids as [number, number, number, number];
  // Ana codes the first and third articles, Ben the second and third; nobody codes the fourth.
  project.codings.apply({ articleId: first, codeId: code, start: 13, end: 18, coder: 'ana' }); // "Forty"
  project.codings.apply({ articleId: second, codeId: code, start: 19, end: 28, coder: 'ben' }); // "ministers"
  project.codings.apply({ articleId: third, codeId: code, start: 15, end: 21, coder: 'ben' }); // "Pupils"
  project.codings.apply({ articleId: third, codeId: code, start: 0, end: 7, coder: 'ana' }); // "Schools"
  void fourth;
  project.close();

  const damage = (articleId: number, from: string, to: string) => {
    const db = new Database(path);
    db.transaction(() => {
      db.prepare('INSERT INTO article_text_permits (article_id) VALUES (?)').run(articleId);
      db.prepare('UPDATE articles SET text = replace(text, ?, ?) WHERE id = ?').run(from, to, articleId);
      db.prepare('DELETE FROM article_text_permits WHERE article_id = ?').run(articleId);
    })();
    db.close();
  };

  let p = Project.open(path);
  const ana = join(dir, 'ana.csv');
  const result = await exportCsv(p, ana, { coder: 'ANA' });
  assert.equal(result.codings, 2);
  assert.equal(result.articles, 4, 'the result counts the project’s articles');
  assert.deepEqual(
    rows(ana).map((r) => [r.article_title, r.source_file, r.text, r.coder]),
    [
      ['Convoy waits', 'story-1.txt', 'Forty', 'ana'],
      ['Schools reopen', 'story-3.txt', 'Schools', 'ana'],
    ],
  );
  const all = join(dir, 'all.csv');
  await exportCsv(p, all);
  assert.deepEqual(rows(all).map((r) => r.text), ['Forty', 'ministers', 'Schools', 'Pupils']);
  p.close();

  // The second article (only Ben's) is altered behind Gloss's back: Ana's export never reads it; Ben's and the whole
  // project's stop on it and leave their previous files untouched.
  damage(second, 'Cairo', 'Gizeh');
  p = Project.open(path);
  try {
    const anaBefore = readFileSync(ana);
    await exportCsv(p, ana, { coder: 'ana' });
    assert.deepEqual(readFileSync(ana), anaBefore);
    const allBefore = readFileSync(all);
    for (const options of [{}, { coder: 'ben' }]) {
      await assert.rejects(exportCsv(p, all, options), (e: unknown) => {
        assert.ok(e instanceof GlossError && e.code === 'damaged', String(e));
        assert.match(e.message, /Article 2 \("Ministers meet"\) is damaged/);
        return true;
      });
      assert.deepEqual(readFileSync(all), allBefore, 'the previous export is left as it was');
    }
  } finally {
    p.close();
  }
});
