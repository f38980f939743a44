// Retrieval and counts over a real project: coded passages with context, frequencies per 1,000 words by group,
// coverage by day/week/month, and co-occurrence (overlap, paragraph, article) with the passages behind each cell.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CodeCounts, Cooccurrence, CooccurrencePassage, Coverage, RetrievedPassage } from '../../src-main/contract/types';
import { cpSlice, spanOf } from './helpers';
import { nth, present } from './present';
import { ARABIC, BEIRUT, GAZA_AID, GAZA_PLAIN, GAZA_VOWELLED, HEBREW, LEBANON, SHALOM_POINTED, corpus, words, type Corpus } from './toolkit-fixture';

interface Coded extends Corpus {
  codes: { frames: number; humanitarian: number; security: number; actors: number };
  k: Record<'g1' | 'g2' | 'g3' | 'g4' | 'g5' | 'a1' | 'a2' | 'h1' | 'l1' | 'l2', number>;
}

/**
 * The corpus coded with Frames/Humanitarian, Frames/Security and Actors. Overlaps: g2×g3 (Humanitarian, Security),
 * g3×g4 (Security, Actors, g4 inside g3), l1×l2 (Security, Actors). Dates: gaza Monday 1 Jan 2024, arabic Sunday
 * 7 Jan (same ISO week), hebrew Monday 8 Jan, lebanon 15 Feb. Outlets: Al Jazeera ×2, Haaretz, none.
 */
async function coded(): Promise<Coded> {
  const c = await corpus();
  const frames = (await c.ok<{ id: number }>('codes.create', { name: 'Frames' })).id;
  const humanitarian = (await c.ok<{ id: number }>('codes.create', { name: 'Humanitarian', parentId: frames })).id;
  const security = (await c.ok<{ id: number }>('codes.create', { name: 'Security', parentId: frames })).id;
  const actors = (await c.ok<{ id: number }>('codes.create', { name: 'Actors' })).id;
  const apply = async (articleId: number, codeId: number, text: string, needle: string, memo?: string) =>
    (await c.ok<{ id: number }>('codings.apply', { articleId, codeId, ...spanOf(text, needle), ...(memo ? { memo } : {}) })).id;
  await c.ok('settings.update', { coderName: 'ana' });
  const g1 = await apply(c.ids.gaza, humanitarian, GAZA_AID, 'Aid convoy reaches Gaza \u{1F1F5}\u{1F1F8}', '=SUM(1) check');
  const g2 = await apply(c.ids.gaza, humanitarian, GAZA_AID, 'ceasefire talks resumed');
  const g3 = await apply(c.ids.gaza, security, GAZA_AID, 'talks resumed in Cairo');
  const g4 = await apply(c.ids.gaza, actors, GAZA_AID, 'Cairo');
  const g5 = await apply(c.ids.gaza, humanitarian, GAZA_AID, 'Families');
  await c.ok('settings.update', { coderName: 'ben' });
  const a1 = await apply(c.ids.arabic, humanitarian, ARABIC, GAZA_VOWELLED);
  const a2 = await apply(c.ids.arabic, actors, ARABIC, BEIRUT);
  const h1 = await apply(c.ids.hebrew, security, HEBREW, SHALOM_POINTED);
  const l1 = await apply(c.ids.lebanon, security, LEBANON, 'Ceasefire in Lebanon');
  const l2 = await apply(c.ids.lebanon, actors, LEBANON, 'Lebanon');
  const set = (articleId: number, name: string, value: string) => c.ok('attributes.set', { articleId, name, value });
  await set(c.ids.gaza, 'publication date', '2024-01-01');
  await set(c.ids.arabic, 'publication date', '2024-01-07');
  await set(c.ids.hebrew, 'publication date', '2024-01-08');
  await set(c.ids.lebanon, 'publication date', '2024-02-15');
  await set(c.ids.gaza, 'outlet', 'Al Jazeera');
  await set(c.ids.arabic, 'outlet', 'Al Jazeera');
  await set(c.ids.hebrew, 'outlet', 'Haaretz');
  return { ...c, codes: { frames, humanitarian, security, actors }, k: { g1, g2, g3, g4, g5, a1, a2, h1, l1, l2 } };
}

describe('retrieve.passages', () => {
  test('a code with its sub-codes, in article then offset order, with exact context', async () => {
    const c = await coded();
    const r = await c.ok<{ total: number; items: RetrievedPassage[] }>('retrieve.passages', { codeIds: [c.codes.frames], includeSubcodes: true });
    assert.equal(r.total, 7);
    assert.deepEqual(r.items.map((p) => p.codingId), [c.k.g1, c.k.g2, c.k.g3, c.k.g5, c.k.a1, c.k.h1, c.k.l1]);
    const texts = new Map([
      [c.ids.gaza, GAZA_AID],
      [c.ids.arabic, ARABIC],
      [c.ids.hebrew, HEBREW],
      [c.ids.lebanon, LEBANON],
    ]);
    for (const p of r.items) {
      const text = texts.get(p.articleId)!;
      assert.equal(p.text, cpSlice(text, p.start, p.end));
      assert.equal(p.before, cpSlice(text, Math.max(0, p.start - 80), p.start));
      assert.equal(p.after, cpSlice(text, p.end, p.end + 80));
    }
    const first = nth(r.items, 0, 'retrieved passages');
    assert.deepEqual(
      [first.articleTitle, first.codePath, first.codeColor.length, first.memo, first.coder],
      [GAZA_AID.split('\n')[0], 'Frames/Humanitarian', 7, '=SUM(1) check', 'ana'],
    );
    assert.equal(nth(r.items, 4, 'retrieved passages').text, GAZA_VOWELLED);
    // Without sub-codes the parent has no passages of its own.
    assert.equal((await c.ok<{ total: number }>('retrieve.passages', { codeIds: [c.codes.frames] })).total, 0);
  });

  test('paging, coder, text (ignoring case and marks) and attribute filters', async () => {
    const c = await coded();
    const get = (extra: Record<string, unknown>) =>
      c.ok<{ total: number; items: RetrievedPassage[] }>('retrieve.passages', { codeIds: [c.codes.humanitarian, c.codes.security, c.codes.actors], ...extra });
    const page = await get({ offset: 2, limit: 3, context: 4 });
    assert.equal(page.total, 10);
    assert.deepEqual(page.items.map((p) => p.codingId), [c.k.g3, c.k.g4, c.k.g5]);
    assert.equal(nth(page.items, 0, 'page of passages').before, cpSlice(GAZA_AID, spanOf(GAZA_AID, 'talks resumed in Cairo').start - 4, spanOf(GAZA_AID, 'talks resumed in Cairo').start));
    assert.deepEqual((await get({ coder: 'ben' })).items.map((p) => p.codingId), [c.k.a1, c.k.a2, c.k.h1, c.k.l1, c.k.l2]);
    assert.deepEqual((await get({ text: 'GAZA' })).items.map((p) => p.codingId), [c.k.g1]);
    assert.deepEqual((await get({ text: GAZA_PLAIN })).items.map((p) => p.codingId), [c.k.a1]);
    assert.deepEqual(
      (await get({ attributes: [{ name: 'outlet', op: 'eq', value: 'al jazeera' }], coder: 'ben' })).items.map((p) => p.codingId),
      [c.k.a1, c.k.a2],
    );
    assert.deepEqual(
      (await get({ attributes: [{ name: 'publication date', op: 'gt', value: '2024-01-07' }] })).items.map((p) => p.codingId),
      [c.k.h1, c.k.l1, c.k.l2],
    );
    await c.fails('retrieve.passages', { codeIds: [987654] }, 'not_found');
    await c.fails('retrieve.passages', { codeIds: [] }, 'invalid_request');
    await c.fails('retrieve.passages', { codeIds: [c.codes.actors], surprise: 1 }, 'invalid_request');
  });

  test('pages give the same passages as one unpaged request, across page boundaries and with every filter', async () => {
    const c = await coded();
    // Ties the order must break the same way on every page: a coding starting where g2 starts (shorter), and one on
    // exactly g2's span with another code (same start and end: by id).
    const tie = spanOf(GAZA_AID, 'ceasefire talks resumed');
    const shorter = (await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: c.codes.actors, start: tie.start, end: tie.start + 9 })).id;
    const same = (await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: c.codes.security, ...tie })).id;
    const codeIds = [c.codes.humanitarian, c.codes.security, c.codes.actors];
    const all = await c.ok<{ total: number; items: RetrievedPassage[] }>('retrieve.passages', { codeIds, limit: 10_000 });
    assert.deepEqual(
      all.items.map((p) => p.codingId),
      [c.k.g1, shorter, c.k.g2, same, c.k.g3, c.k.g4, c.k.g5, c.k.a1, c.k.a2, c.k.h1, c.k.l1, c.k.l2],
    );
    const filters: Record<string, unknown>[] = [
      {},
      { coder: 'ana' },
      { text: 'ceasefire' },
      { attributes: [{ name: 'outlet', op: 'eq', value: 'Al Jazeera' }] },
      { includeSubcodes: true, codeIds: [c.codes.frames] },
    ];
    for (const filter of filters) {
      const request = { codeIds, ...filter };
      const unpaged = await c.ok<{ total: number; items: RetrievedPassage[] }>('retrieve.passages', { ...request, limit: 10_000 });
      assert.equal(unpaged.total, unpaged.items.length);
      for (const limit of [1, 2, 3, 5]) {
        const pages: RetrievedPassage[] = [];
        for (let offset = 0; offset < unpaged.total + limit; offset += limit) {
          const page = await c.ok<{ total: number; items: RetrievedPassage[] }>('retrieve.passages', { ...request, offset, limit });
          assert.equal(page.total, unpaged.total, `the total on every page (${JSON.stringify(filter)}, limit ${limit})`);
          assert.ok(page.items.length <= limit);
          pages.push(...page.items);
        }
        assert.deepEqual(pages, unpaged.items, `pages of ${limit} (${JSON.stringify(filter)})`);
      }
    }
  });

  test('the CSV of a retrieval: BOM, header, exact passages, formula-like cells counted and guarded on request', async () => {
    const c = await coded();
    const out = join(c.dir, 'passages.csv');
    const result = await c.ok<{ path: string; articles: number; codings: number }>('retrieve.exportCsv', {
      codeIds: [c.codes.humanitarian],
      path: out,
      context: 10,
    });
    assert.deepEqual(result, { path: out, articles: 2, codings: 4, formulaLikeCells: 1 });
    const guarded = await c.ok<{ guardedCells?: number }>('retrieve.exportCsv', { codeIds: [c.codes.humanitarian], path: join(c.dir, 'guarded.csv'), context: 10, formulaGuard: true });
    assert.equal(guarded.guardedCells, 1);
    const guardedRows = parse(readFileSync(join(c.dir, 'guarded.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(nth(guardedRows, 0, 'guarded CSV rows').memo, "'=SUM(1) check");
    const raw = readFileSync(out, 'utf8');
    assert.ok(raw.startsWith('\ufeffcoding_id,article_id,article_title,code_path,start,end,context_before,text,context_after,memo,coder\r\n'));
    const rows = parse(raw, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => Number(r.coding_id)), [c.k.g1, c.k.g2, c.k.g5, c.k.a1]);
    const row = (index: number) => nth(rows, index, 'passage CSV rows');
    assert.equal(row(0).memo, '=SUM(1) check', 'exact by default');
    assert.equal(row(3).text, GAZA_VOWELLED);
    assert.equal(row(1).context_before, cpSlice(GAZA_AID, Number(row(1).start) - 10, Number(row(1).start)));
    // Never over the project itself (a slip in a save dialog would replace the analyst's work).
    await c.fails('retrieve.exportCsv', { codeIds: [c.codes.humanitarian], path: c.path }, 'conflict');
    await c.fails('counts.exportCsv', { rollUp: false, path: c.path }, 'conflict');
    assert.equal((await c.ok<{ codings: number }>('project.current')).codings, 10);
  });
});

describe('counts.codes', () => {
  test('codings, articles and codings per 1,000 words, without and with roll-up', async () => {
    const c = await coded();
    const total = words(GAZA_AID) + words(ARABIC) + words(HEBREW) + words(LEBANON);
    const plain = await c.ok<CodeCounts>('counts.codes', { rollUp: false });
    assert.deepEqual(plain.groups, [{ key: null, label: 'All articles', articleId: null, articles: 4, words: total }]);
    assert.deepEqual(
      plain.rows.map((r) => [r.codePath, r.codings, r.articles, r.per1000Words]),
      [
        ['Frames', 0, 0, 0],
        ['Frames/Humanitarian', 4, 2, (4 * 1000) / total],
        ['Frames/Security', 3, 3, (3 * 1000) / total],
        ['Actors', 3, 3, (3 * 1000) / total],
      ],
    );
    const rolled = await c.ok<CodeCounts>('counts.codes', { rollUp: true });
    assert.deepEqual(rolled.rows.map((r) => [r.codePath, r.codings, r.articles]), [
      ['Frames', 7, 4],
      ['Frames/Humanitarian', 4, 2],
      ['Frames/Security', 3, 3],
      ['Actors', 3, 3],
    ]);
    // Each article's words are counted once and kept.
    const cached = c.session.currentProject!.db.prepare('SELECT article_id AS id, words FROM article_word_counts ORDER BY article_id').all();
    assert.deepEqual(cached, [
      { id: c.ids.gaza, words: words(GAZA_AID) },
      { id: c.ids.arabic, words: words(ARABIC) },
      { id: c.ids.hebrew, words: words(HEBREW) },
      { id: c.ids.lebanon, words: words(LEBANON) },
    ]);
  });

  test('by article and by attribute: each group its own words; only code × group pairs with codings', async () => {
    const c = await coded();
    const byArticle = await c.ok<CodeCounts>('counts.codes', { rollUp: false, by: 'article' });
    assert.deepEqual(byArticle.groups.map((g) => [g.key, g.articleId, g.words]), [
      [String(c.ids.gaza), c.ids.gaza, words(GAZA_AID)],
      [String(c.ids.arabic), c.ids.arabic, words(ARABIC)],
      [String(c.ids.hebrew), c.ids.hebrew, words(HEBREW)],
      [String(c.ids.lebanon), c.ids.lebanon, words(LEBANON)],
    ]);
    const gaza = byArticle.rows.filter((r) => r.group === String(c.ids.gaza));
    assert.deepEqual(gaza.map((r) => [r.codePath, r.codings, r.per1000Words]), [
      ['Frames/Humanitarian', 3, (3 * 1000) / words(GAZA_AID)],
      ['Frames/Security', 1, 1000 / words(GAZA_AID)],
      ['Actors', 1, 1000 / words(GAZA_AID)],
    ]);
    const byOutlet = await c.ok<CodeCounts>('counts.codes', { rollUp: true, by: 'attribute', attribute: 'outlet' });
    const aj = words(GAZA_AID) + words(ARABIC);
    assert.deepEqual(byOutlet.groups.map((g) => [g.key, g.label, g.articles, g.words]), [
      ['Al Jazeera', 'Al Jazeera', 2, aj],
      ['Haaretz', 'Haaretz', 1, words(HEBREW)],
      [null, '(no value)', 1, words(LEBANON)],
    ]);
    const row = (group: string | null, path: string) => byOutlet.rows.find((r) => r.group === group && r.codePath === path);
    assert.deepEqual([row('Al Jazeera', 'Frames')?.codings, row('Al Jazeera', 'Frames')?.per1000Words], [5, (5 * 1000) / aj]);
    assert.equal(row('Haaretz', 'Actors'), undefined);
    assert.deepEqual([row(null, 'Actors')?.codings, row(null, 'Actors')?.articles], [1, 1]);
    await c.fails('counts.codes', { rollUp: false, by: 'attribute', attribute: 'no such' }, 'not_found');
  });

  test('the frequency table as CSV', async () => {
    const c = await coded();
    const out = join(c.dir, 'counts.csv');
    await c.ok('counts.exportCsv', { rollUp: false, by: 'attribute', attribute: 'outlet', path: out });
    const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(nth(rows, 0, 'counts CSV rows')), ['group', 'group_label', 'code_path', 'codings', 'articles', 'words', 'per_1000_words']);
    const aj = words(GAZA_AID) + words(ARABIC);
    const hum = present(rows.find((r) => r.group === 'Al Jazeera' && r.code_path === 'Frames/Humanitarian'), 'Al Jazeera Frames/Humanitarian row');
    assert.deepEqual([hum.codings, hum.articles, Number(hum.words)], ['4', '2', aj]);
    assert.equal(Number(hum.per_1000_words), Math.round(((4 * 1000) / aj) * 10_000) / 10_000);
    assert.ok(rows.some((r) => r.group === '' && r.group_label === '(no value)'));
  });

  test('a deleted article leaves the cache with it, and its count returns after undo', async () => {
    const c = await coded();
    await c.ok('counts.codes', { rollUp: false });
    const db = () => c.session.currentProject!.db;
    await c.ok('articles.delete', { id: c.ids.hebrew });
    assert.equal(db().prepare('SELECT count(*) AS n FROM article_word_counts WHERE article_id = ?').pluck().get(c.ids.hebrew), 0);
    const without = await c.ok<CodeCounts>('counts.codes', { rollUp: false });
    assert.equal(nth(without.groups, 0, 'count groups').words, words(GAZA_AID) + words(ARABIC) + words(LEBANON));
    await c.ok('history.undo');
    const back = await c.ok<CodeCounts>('counts.codes', { rollUp: false });
    assert.equal(nth(back.groups, 0, 'count groups').words, words(GAZA_AID) + words(ARABIC) + words(HEBREW) + words(LEBANON));
    assert.equal(present(back.rows.find((r) => r.codePath === 'Frames/Security'), 'Frames/Security row').codings, 3);
  });
});

describe('counts.coverage', () => {
  test('weeks from Monday, months, every period in between with zeros, undated codings apart', async () => {
    const c = await coded();
    const codeIds = [c.codes.humanitarian, c.codes.security, c.codes.actors];
    const weeks = await c.ok<Coverage>('counts.coverage', { codeIds, interval: 'week' });
    assert.equal(weeks.dateAttribute, 'publication date');
    assert.deepEqual(weeks.periods, ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29', '2024-02-05', '2024-02-12']);
    assert.deepEqual(weeks.series.map((s) => [s.codePath, s.counts, s.undated]), [
      ['Frames/Humanitarian', [4, 0, 0, 0, 0, 0, 0], 0],
      ['Frames/Security', [1, 1, 0, 0, 0, 0, 1], 0],
      ['Actors', [2, 0, 0, 0, 0, 0, 1], 0],
    ]);
    const months = await c.ok<Coverage>('counts.coverage', { codeIds: [c.codes.frames], interval: 'month', rollUp: true });
    assert.deepEqual([months.periods, nth(months.series, 0, 'monthly series').counts], [['2024-01', '2024-02'], [6, 1]]);
    const days = await c.ok<Coverage>('counts.coverage', { codeIds: [c.codes.security], interval: 'day' });
    assert.equal(days.periods.length, 46, '1 January to 15 February');
    const daily = nth(days.series, 0, 'daily series').counts;
    assert.deepEqual([daily[0], daily[7], daily[45]], [1, 1, 1]);
    // Another date attribute that only one article has: the rest are undated.
    await c.ok('attributes.define', { name: 'retrieved', type: 'date' });
    await c.ok('attributes.set', { articleId: c.ids.lebanon, name: 'retrieved', value: '2024-03-31' });
    const retrieved = await c.ok<Coverage>('counts.coverage', { codeIds: [c.codes.actors], interval: 'month', dateAttribute: 'retrieved' });
    const byRetrieved = nth(retrieved.series, 0, 'series by retrieved date');
    assert.deepEqual([retrieved.periods, byRetrieved.counts, byRetrieved.undated], [['2024-03'], [1], 2]);
    await c.fails('counts.coverage', { codeIds: [c.codes.actors], interval: 'week', dateAttribute: 'outlet' }, 'invalid_request');
  });
});

describe('counts.cooccurrence', () => {
  test('overlap, paragraph and article matrices', async () => {
    const c = await coded();
    const codeIds = [c.codes.humanitarian, c.codes.security, c.codes.actors];
    const matrix = async (unit: string, extra: Record<string, unknown> = {}) => (await c.ok<Cooccurrence>('counts.cooccurrence', { codeIds, unit, ...extra })).matrix;
    assert.deepEqual(await matrix('overlap'), [
      [4, 1, 0],
      [1, 3, 2],
      [0, 2, 3],
    ]);
    assert.deepEqual(await matrix('paragraph'), [
      [4, 1, 1],
      [1, 3, 2],
      [1, 2, 3],
    ]);
    assert.deepEqual(await matrix('article'), [
      [2, 1, 2],
      [1, 3, 2],
      [2, 2, 3],
    ]);
    const rolled = await c.ok<Cooccurrence>('counts.cooccurrence', { codeIds: [c.codes.frames, c.codes.actors], unit: 'article', rollUp: true });
    assert.deepEqual(rolled.codes.map((x) => x.codePath), ['Frames', 'Actors']);
    assert.deepEqual(rolled.matrix, [
      [4, 3],
      [3, 3],
    ]);
    const all = await c.ok<Cooccurrence>('counts.cooccurrence', { unit: 'overlap' });
    assert.equal(all.codes.length, 4, 'every code when none are named');
  });

  test('the passages behind a cell', async () => {
    const c = await coded();
    const cell = (codeA: number, codeB: number, unit: string) =>
      c.ok<{ total: number; items: CooccurrencePassage[] }>('counts.cooccurrencePassages', { codeA, codeB, unit });
    const overlap = await cell(c.codes.security, c.codes.actors, 'overlap');
    assert.equal(overlap.total, 2);
    assert.deepEqual(overlap.items.map((p) => [p.articleId, p.text, p.codingsA.map((k) => k.codingId), p.codingsB.map((k) => k.codingId)]), [
      [c.ids.gaza, 'talks resumed in Cairo', [c.k.g3], [c.k.g4]],
      [c.ids.lebanon, 'Ceasefire in Lebanon', [c.k.l1], [c.k.l2]],
    ]);
    assert.deepEqual(nth(nth(overlap.items, 0, 'overlap passages').codingsB, 0, 'its Actors codings'), { codingId: c.k.g4, ...spanOf(GAZA_AID, 'Cairo'), text: 'Cairo' });
    const paragraph = await cell(c.codes.humanitarian, c.codes.actors, 'paragraph');
    const secondParagraph = nth(GAZA_AID.split('\n'), 1, 'paragraphs of GAZA_AID');
    assert.deepEqual(paragraph.items.map((p) => [p.articleId, p.text, p.codingsA.map((k) => k.codingId), p.codingsB.map((k) => k.codingId)]), [
      [c.ids.gaza, secondParagraph, [c.k.g2], [c.k.g4]],
    ]);
    const shared = nth(paragraph.items, 0, 'paragraph passages');
    assert.deepEqual([shared.start, shared.end], [spanOf(GAZA_AID, secondParagraph).start, spanOf(GAZA_AID, secondParagraph).end]);
    const article = await cell(c.codes.humanitarian, c.codes.actors, 'article');
    assert.deepEqual(article.items.map((p) => [p.articleId, p.start, p.text, p.codingsA.length, p.codingsB.length]), [
      [c.ids.gaza, 0, '', 3, 1],
      [c.ids.arabic, 0, '', 1, 1],
    ]);
    // The diagonal: the units holding the code.
    const diagonal = await cell(c.codes.security, c.codes.security, 'paragraph');
    assert.equal(diagonal.total, 3);
    assert.equal((await cell(c.codes.security, c.codes.security, 'overlap')).total, 3);
  });
});
