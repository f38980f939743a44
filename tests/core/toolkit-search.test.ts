// Search over a real project: full-text (FTS5 selects the articles, the hits are then placed exactly), regular
// expressions on a worker thread with a time limit, Arabic and Hebrew marks ignored, keyword-in-context, coding all
// hits as one undo step, saved searches, and memo search.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeHitsResult, SavedSearch, SearchResult, MemoSearchHit } from '../../src-main/contract/types';
import { cpSlice, cps, nth, spanOf } from './helpers';
import {
  ARABIC,
  BEIRUT,
  GAZA_AID,
  GAZA_PLAIN,
  GAZA_VOWELLED,
  HEBREW,
  LEBANON,
  SHALOM,
  SHALOM_POINTED,
  corpus,
  nthSpan,
  type Corpus,
} from './toolkit-fixture';

type Flat = [number, number, number, string][];

/** Every hit as [articleId, start, end, text], checking on the way that each is its code-point slice of the article. */
function flat(c: Corpus, result: SearchResult): Flat {
  const texts = new Map([
    [c.ids.gaza, GAZA_AID],
    [c.ids.arabic, ARABIC],
    [c.ids.hebrew, HEBREW],
    [c.ids.lebanon, LEBANON],
  ]);
  const out: Flat = [];
  for (const a of result.articles) {
    assert.equal(a.hits.length, a.hitCount, 'nothing cut at the default limit');
    for (const h of a.hits) {
      const text = texts.get(h.articleId)!;
      assert.equal(h.articleId, a.articleId);
      assert.equal(h.text, cpSlice(text, h.start, h.end), `hit ${h.start}-${h.end} is the slice at its offsets`);
      assert.equal(h.before, cpSlice(text, Math.max(0, h.start - 80), h.start), 'context before: up to 80 code points');
      assert.equal(h.after, cpSlice(text, h.end, h.end + 80), 'context after: up to 80 code points');
      out.push([h.articleId, h.start, h.end, h.text]);
    }
  }
  assert.equal(result.totalHits, out.length);
  assert.equal(result.articleCount, result.articles.length);
  return out;
}

const at = (id: number, text: string, needle: string, n = 0): [number, number, number, string] => {
  const s = nthSpan(text, needle, n);
  return [id, s.start, s.end, cpSlice(text, s.start, s.end)];
};

describe('full-text search', () => {
  test('words, phrases, prefixes, AND / OR / NOT, with exact code-point offsets after emoji', async () => {
    const c = await corpus();
    const { gaza, lebanon, arabic } = c.ids;
    const run = async (query: string) => flat(c, await c.ok<SearchResult>('search.run', { query, mode: 'fts' }));

    assert.deepEqual(await run('ceasefire'), [
      at(gaza, GAZA_AID, 'ceasefire', 0),
      at(gaza, GAZA_AID, 'ceasefire', 1),
      at(lebanon, LEBANON, 'Ceasefire'),
      at(lebanon, LEBANON, 'CEASEFIRE'),
    ]);
    // A prefix takes in "ceasefires"; a phrase needs its words side by side.
    assert.deepEqual((await run('ceasefire*')).filter((h) => h[0] === lebanon).map((h) => h[3]), ['Ceasefire', 'CEASEFIRE', 'ceasefires']);
    assert.deepEqual(await run('"ceasefire talks"'), [at(gaza, GAZA_AID, 'ceasefire talks')]);
    assert.deepEqual(await run('"talks ceasefire"'), []);
    assert.deepEqual(await run('ceasefire NOT cairo'), [at(lebanon, LEBANON, 'Ceasefire'), at(lebanon, LEBANON, 'CEASEFIRE')]);
    assert.deepEqual(await run('aid AND lebanon'), [at(lebanon, LEBANON, 'Lebanon'), at(lebanon, LEBANON, 'aid')]);
    assert.deepEqual(await run('rafah OR ' + BEIRUT), [at(gaza, GAZA_AID, 'Rafah'), at(arabic, ARABIC, BEIRUT)]);
    // Rafah comes after a flag (2 code points, 4 UTF-16 units) and a ZWJ family (7 code points, 11 units).
    const rafah = spanOf(GAZA_AID, 'Rafah');
    assert.equal(rafah.start, GAZA_AID.indexOf('Rafah') - 2 - 4);
    // Punctuation inside a word is not FTS5 syntax here: "al-Shifa" is the phrase "al shifa", found nowhere.
    assert.deepEqual(await run('al-Shifa (U.S.) 7:30'), []);
  });

  test('Arabic with harakat and Hebrew with niqqud are found by their plain spelling, the whole vowelled word as the hit', async () => {
    const c = await corpus();
    const result = await c.ok<SearchResult>('search.run', { query: GAZA_PLAIN, mode: 'fts' });
    assert.deepEqual(flat(c, result), [
      [c.ids.arabic, 0, 6, GAZA_VOWELLED],
      at(c.ids.arabic, ARABIC, GAZA_PLAIN),
    ]);
    assert.equal(nth(result.articles, 0, 'the first article hit').hitCount, 2);
    // The vowelled spelling as the query finds the same two.
    const vowelled = await c.ok<SearchResult>('search.run', { query: GAZA_VOWELLED, mode: 'fts' });
    assert.deepEqual(flat(c, vowelled), flat(c, result));
    const shalom = await c.ok<SearchResult>('search.run', { query: SHALOM, mode: 'fts' });
    // ושלום is another word (with the prefix ו), as FTS5 tokenizes it; the prefix query finds neither more nor less.
    assert.deepEqual(flat(c, shalom), [[c.ids.hebrew, 0, cps(SHALOM_POINTED).length, SHALOM_POINTED], at(c.ids.hebrew, HEBREW, SHALOM, 0)]);
  });

  test('a query FTS5 cannot read is a clear invalid_request, not an internal error', async () => {
    const c = await corpus();
    for (const [query, message] of [
      ['NOT gaza', /NOT|words on both sides/],
      ['"unclosed phrase', /not closed/],
      ['(gaza OR cairo', /parenthesis is not closed/],
      ['gaza)', /without a matching/],
      ['!!! ...', /no words/],
      ['gaza AND', /ends where a word was expected/],
    ] as const) {
      const error = await c.fails('search.run', { query, mode: 'fts' }, 'invalid_request');
      assert.match(error.message, message, query);
    }
  });

  test('limit cuts the listed hits but the counts stay complete', async () => {
    const c = await corpus();
    const result = await c.ok<SearchResult>('search.run', { query: 'ceasefire', mode: 'fts', limit: 3, context: 5 });
    assert.equal(result.totalHits, 4);
    assert.equal(result.truncated, true);
    assert.deepEqual(result.articles.map((a) => [a.hitCount, a.hits.length]), [[2, 2], [2, 1]]);
    assert.equal(nth(nth(result.articles, 0, 'the first article hit').hits, 0, 'its first hit').before, cpSlice(GAZA_AID, nthSpan(GAZA_AID, 'ceasefire').start - 5, nthSpan(GAZA_AID, 'ceasefire').start));
  });
});

describe('regular-expression search', () => {
  test('case, whole words and marks; hits and context exact around emoji', async () => {
    const c = await corpus();
    const run = async (query: string, options: Record<string, unknown> = {}) =>
      flat(c, await c.ok<SearchResult>('search.run', { query, mode: 'regex', ...options }));
    assert.deepEqual((await run('cease\\w+')).map((h) => h[3]), ['ceasefire', 'ceasefire', 'Ceasefire', 'CEASEFIRE', 'ceasefires']);
    assert.deepEqual((await run('cease\\w+', { caseSensitive: true })).map((h) => h[3]), ['ceasefire', 'ceasefire', 'ceasefires']);
    assert.deepEqual((await run('ceasefire', { wholeWords: true })).map((h) => h[3]), ['ceasefire', 'ceasefire', 'Ceasefire', 'CEASEFIRE']);
    // The family emoji is one hit of 7 code points; the text after it starts 7 code points later.
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
    assert.deepEqual(await run(family), [at(c.ids.gaza, GAZA_AID, family)]);
    assert.equal(spanOf(GAZA_AID, family).end - spanOf(GAZA_AID, family).start, 7);

    // Without ignoreMarks only the unvowelled غزة matches; with it, غَزَّة too, its hit covering every mark.
    assert.deepEqual(await run(GAZA_PLAIN), [at(c.ids.arabic, ARABIC, GAZA_PLAIN)]);
    assert.deepEqual(await run(GAZA_PLAIN, { ignoreMarks: true }), [[c.ids.arabic, 0, 6, GAZA_VOWELLED], at(c.ids.arabic, ARABIC, GAZA_PLAIN)]);
    // A pattern with marks in it finds the plain spelling too when marks are ignored.
    assert.deepEqual(await run(GAZA_VOWELLED, { ignoreMarks: true }), await run(GAZA_PLAIN, { ignoreMarks: true }));
    // Hebrew: שָׁלוֹם, שלום, and the שלום inside ושלום unless whole words are asked for.
    const pointed = [c.ids.hebrew, 0, 7, SHALOM_POINTED] as [number, number, number, string];
    assert.deepEqual(await run(SHALOM, { ignoreMarks: true }), [pointed, at(c.ids.hebrew, HEBREW, SHALOM, 0), at(c.ids.hebrew, HEBREW, SHALOM, 1)]);
    assert.deepEqual(await run(SHALOM, { ignoreMarks: true, wholeWords: true }), [pointed, at(c.ids.hebrew, HEBREW, SHALOM, 0)]);
    // A mark-only match inside a word: "ignore marks" never produces a hit that starts on a mark.
    assert.deepEqual(await run('\u0632\u0629', { ignoreMarks: true }).then((h) => h.map((x) => x[3])), ['\u0632\u064E\u0651\u0629', '\u0632\u0629']);
  });

  test('an invalid regular expression is invalid_request with the reason', async () => {
    const c = await corpus();
    const error = await c.fails('search.run', { query: '(unclosed', mode: 'regex' }, 'invalid_request');
    assert.match(error.message, /regular expression/);
    await c.fails('search.run', { query: 'x', mode: 'regex', timeLimitMs: 10 }, 'invalid_request');
  });

  test('a catastrophic pattern is stopped at the time limit with a clear message, and Gloss keeps answering', async () => {
    const c = await corpus();
    await c.ok('articles.importFiles', { files: [{ name: 'aaa.txt', base64: Buffer.from(`${'a'.repeat(60)}b\n`).toString('base64') }] });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = Date.now();
    const reply = await c.call('search.run', { query: '(a+)+$', mode: 'regex', timeLimitMs: 700 });
    const elapsed = Date.now() - started;
    clearInterval(timer);
    assert.equal(reply.ok, false);
    if (reply.ok) return;
    assert.equal(reply.error.code, 'timeout');
    assert.match(reply.error.message, /stopped after 700 ms.*backtracks catastrophically/);
    assert.ok(elapsed >= 650 && elapsed < 4000, `stopped after ${elapsed} ms`);
    // The host's thread was free the whole time: the timer kept firing while the expression ran.
    assert.ok(ticks >= 15, `the event loop ran ${ticks} times during the search`);
    // And the session goes on: another search, and a change, work at once.
    const after = await c.ok<SearchResult>('search.run', { query: 'Rafah', mode: 'regex' });
    assert.equal(after.totalHits, 1);
    await c.ok('codes.create', { name: 'Still working' });
    // The default limit is about 2 s.
    const t = Date.now();
    await c.fails('search.run', { query: '(a|aa)+$', mode: 'regex' }, 'timeout');
    assert.ok(Date.now() - t < 5000);
  });
});

describe('code all hits', () => {
  test('one transaction, one undo step that removes exactly that batch; again: everything skipped', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Ceasefire' });
    const other = await c.ok<{ id: number }>('codes.create', { name: 'Other' });
    // Codings made before the batch: one on a hit's exact span with another code, one with the code elsewhere.
    const before = [
      await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.lebanon, codeId: other.id, ...spanOf(LEBANON, 'Ceasefire') }),
      await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.lebanon, codeId: code.id, ...spanOf(LEBANON, 'Lebanon') }),
    ];
    const listAll = async () => {
      const all = [];
      for (const id of Object.values(c.ids)) all.push(...(await c.ok<{ codings: { id: number; codeId: number; start: number; end: number; text: string }[] }>('codings.listForArticle', { articleId: id })).codings);
      return all.sort((a, b) => a.id - b.id);
    };
    const initial = await listAll();

    const result = await c.ok<CodeHitsResult>('search.codeHits', { search: { query: 'ceasefire', mode: 'fts' }, codeId: code.id });
    assert.deepEqual([result.created, result.skipped, result.collapsed, result.label], [4, 0, 0, 'Code 4 search hits']);
    const now = await listAll();
    const added = now.filter((k) => !initial.some((i) => i.id === k.id));
    assert.deepEqual(added.map((k) => k.id), result.codingIds);
    assert.deepEqual(added.map((k) => k.text), ['ceasefire', 'ceasefire', 'Ceasefire', 'CEASEFIRE']);
    assert.ok(added.every((k) => k.codeId === code.id));
    const state = await c.ok<{ undoLabel: string }>('history.state');
    assert.equal(state.undoLabel, 'Code 4 search hits');

    // The same batch again: every span already has the code; nothing is created and no undo step is added.
    const again = await c.ok<CodeHitsResult>('search.codeHits', { search: { query: 'ceasefire', mode: 'fts' }, codeId: code.id });
    assert.deepEqual([again.created, again.skipped], [0, 4]);
    assert.equal((await c.ok<{ undoLabel: string }>('history.state')).undoLabel, 'Code 4 search hits');

    const undone = await c.ok<{ label: string }>('history.undo');
    assert.equal(undone.label, 'Code 4 search hits');
    assert.deepEqual(await listAll(), initial, 'exactly the batch is gone; the earlier codings are untouched');
    assert.deepEqual(before.map((b) => b.id), initial.map((k) => k.id));
    await c.ok('history.redo');
    assert.deepEqual((await listAll()).map((k) => k.id), now.map((k) => k.id));
  });

  test('widening to the sentence or the paragraph, in Arabic too; hits that widen alike are coded once', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Sentence' });
    const para = await c.ok<{ id: number }>('codes.create', { name: 'Paragraph' });
    const texts = async (articleId: number, codeId: number) =>
      (await c.ok<{ codings: { codeId: number; start: number; end: number; text: string }[] }>('codings.listForArticle', { articleId })).codings
        .filter((k) => k.codeId === codeId)
        .map((k) => k.text);
    // "ceasefire" as a regex also hits inside "ceasefires": 5 hits, two of them in one sentence.
    const r = await c.ok<CodeHitsResult>('search.codeHits', { search: { query: 'ceasefire', mode: 'regex' }, codeId: code.id, widen: 'sentence' });
    assert.deepEqual([r.created, r.skipped, r.collapsed], [4, 0, 1]);
    assert.deepEqual(await texts(c.ids.gaza, code.id), ['The ceasefire talks resumed in Cairo.', 'Officials said the ceasefire could hold!']);
    assert.deepEqual(await texts(c.ids.lebanon, code.id), ['Ceasefire in Lebanon.', 'CEASEFIRE violated again; ceasefires are fragile']);

    const arabic = await c.ok<CodeHitsResult>('search.codeHits', {
      search: { query: GAZA_PLAIN, mode: 'regex', ignoreMarks: true },
      codeId: code.id,
      widen: 'sentence',
    });
    assert.equal(arabic.created, 2);
    const arabicLines = ARABIC.split('\n');
    const line1 = nth(arabicLines, 0, 'line 1 of ARABIC');
    const line2 = nth(arabicLines, 1, 'line 2 of ARABIC');
    // The first sentence ends at the full stop after القصف; the second line has no end mark and runs to its end.
    assert.deepEqual(await texts(c.ids.arabic, code.id), [line1.slice(0, line1.indexOf('.') + 1), line2]);

    const paragraphs = await c.ok<CodeHitsResult>('search.codeHits', { search: { query: 'ceasefire', mode: 'fts' }, codeId: para.id, widen: 'paragraph' });
    assert.deepEqual([paragraphs.created, paragraphs.collapsed], [2, 2]);
    assert.deepEqual(await texts(c.ids.gaza, para.id), [GAZA_AID.split('\n')[1]]);
    assert.deepEqual(await texts(c.ids.lebanon, para.id), [LEBANON.split('\n')[0]]);
  });

  test('never a second, overlapping coding of the same code: inside one is skipped, overlapping one is merged into it; a preview counts first (#14)', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Talks' });
    const codingsOf = async () =>
      (await c.ok<{ codings: { id: number; codeId: number; start: number; end: number; text: string }[] }>('codings.listForArticle', { articleId: c.ids.gaza })).codings
        .filter((k) => k.codeId === code.id)
        .map((k) => ({ id: k.id, text: k.text }));
    // Coded before: part of the first ceasefire sentence, and the whole of the second.
    const partial = await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: code.id, ...spanOf(GAZA_AID, 'ceasefire talks') });
    const whole = await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: code.id, ...spanOf(GAZA_AID, 'Officials said the ceasefire could hold!') });
    const before = await codingsOf();
    const request = { search: { query: 'ceasefire', mode: 'fts' as const }, codeId: code.id, widen: 'sentence' as const };

    const preview = await c.ok<CodeHitsResult>('search.codeHits', { ...request, preview: true });
    assert.deepEqual([preview.preview, preview.merged, preview.skipped], [true, 1, 1]);
    assert.deepEqual(await codingsOf(), before, 'a preview writes nothing');

    const r = await c.ok<CodeHitsResult>('search.codeHits', request);
    assert.deepEqual([r.merged, r.skipped, r.created], [1, 1, preview.created]);
    const after = await codingsOf();
    assert.deepEqual(
      after.filter((k) => k.id === partial.id || k.id === whole.id),
      [
        { id: partial.id, text: 'The ceasefire talks resumed in Cairo.' },
        { id: whole.id, text: 'Officials said the ceasefire could hold!' },
      ],
    );
    assert.equal(after.filter((k) => k.text.includes('ceasefire talks')).length, 1, 'the sentence has one coding of the code, not two');
    await c.ok('history.undo');
    assert.deepEqual(await codingsOf(), before, 'one undo gives back the coding as it was');
  });

  test('a selected subset of hits; hits outside an article are refused and nothing is coded', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Picked' });
    const rafah = spanOf(GAZA_AID, 'Rafah');
    const r = await c.ok<CodeHitsResult>('search.codeHits', { hits: [{ articleId: c.ids.gaza, ...rafah }], codeId: code.id });
    assert.deepEqual([r.created, r.label], [1, 'Code 1 search hit']);
    const length = cps(GAZA_AID).length;
    await c.fails('search.codeHits', { hits: [{ articleId: c.ids.gaza, start: 0, end: 3 }, { articleId: c.ids.gaza, start: length - 1, end: length + 1 }], codeId: code.id }, 'invalid_request');
    await c.fails('search.codeHits', { hits: [{ articleId: c.ids.gaza, start: 0, end: 3 }], codeId: 98765 }, 'not_found');
    await c.fails('search.codeHits', { codeId: code.id }, 'invalid_request');
    const codings = (await c.ok<{ codings: unknown[] }>('codings.listForArticle', { articleId: c.ids.gaza })).codings;
    assert.equal(codings.length, 1);
  });
});

describe('saved searches', () => {
  test('save, replace by name ignoring case, list, delete', async () => {
    const c = await corpus();
    const a = await c.ok<SavedSearch>('search.saved.save', { name: 'Truce', query: 'ceasefire', mode: 'fts' });
    await c.ok<SavedSearch>('search.saved.save', { name: 'Gaza marks', query: GAZA_PLAIN, mode: 'regex', ignoreMarks: true, wholeWords: true });
    const replaced = await c.ok<SavedSearch>('search.saved.save', { name: 'truce', query: 'ceasefire*', mode: 'fts' });
    assert.equal(replaced.id, a.id);
    const { items } = await c.ok<{ items: SavedSearch[] }>('search.saved.list');
    assert.deepEqual(
      items.map((s) => [s.name, s.query, s.mode, s.caseSensitive, s.wholeWords, s.ignoreMarks]),
      [
        ['Gaza marks', GAZA_PLAIN, 'regex', false, true, true],
        ['truce', 'ceasefire*', 'fts', false, false, false],
      ],
    );
    assert.deepEqual(await c.ok('search.saved.delete', { id: a.id }), { deleted: true });
    assert.deepEqual(await c.ok('search.saved.delete', { id: a.id }), { deleted: false });
    assert.equal((await c.ok<{ items: SavedSearch[] }>('search.saved.list')).items.length, 1);
  });
});

describe('memo search', () => {
  test('finds text in coding, article, code and project memos, ignoring case (and marks when asked)', async () => {
    const c = await corpus();
    const code = await c.ok<{ id: number }>('codes.create', { name: 'Truce' });
    const coding = await c.ok<{ id: number }>('codings.apply', { articleId: c.ids.gaza, codeId: code.id, ...spanOf(GAZA_AID, 'Rafah') });
    await c.ok('memos.set', { target: { kind: 'coding', id: coding.id }, plain: 'Rafah 🇵🇸 crossing: check the UN figures', rich: null });
    await c.ok('memos.set', { target: { kind: 'article', id: c.ids.arabic }, plain: `Compare ${GAZA_VOWELLED} coverage with the UN`, rich: '{"root":{"children":[]}}' });
    await c.ok('memos.set', { target: { kind: 'code', id: code.id }, plain: 'Use for truce talk, not UN resolutions', rich: null });
    await c.ok('memos.set', { target: { kind: 'project' }, plain: 'Project question: how is the un-named envoy framed?', rich: null });
    const search = (query: string, extra: Record<string, unknown> = {}) => c.ok<{ total: number; hits: MemoSearchHit[] }>('memos.search', { query, ...extra });
    const un = await search('UN', { caseSensitive: true });
    assert.deepEqual(un.hits.map((h) => h.target.kind), ['code', 'article', 'coding']);
    const anyCase = await search('un');
    assert.equal(anyCase.total, 4);
    assert.deepEqual(anyCase.hits.map((h) => [h.target.kind, h.text]), [['project', 'un'], ['code', 'UN'], ['article', 'UN'], ['coding', 'UN']]);
    const project = nth(anyCase.hits, 0, 'the project hit');
    assert.deepEqual([project.label, project.articleId, project.before, project.after.slice(0, 6)], ['Project', null, 'Project question: how is the ', '-named']);
    // Offsets are code points of the memo's plain text: the flag before "crossing" counts 2.
    const crossing = await search('crossing');
    assert.deepEqual(crossing.hits.map((h) => [h.target, h.start, h.end, h.label, h.articleId]), [
      [{ kind: 'coding', id: coding.id }, 9, 17, 'Truce: “Rafah”', c.ids.gaza],
    ]);
    const marks = await search(GAZA_PLAIN, { ignoreMarks: true });
    assert.deepEqual(marks.hits.map((h) => [h.target, h.start, h.end, h.text]), [[{ kind: 'article', id: c.ids.arabic }, 8, 14, GAZA_VOWELLED]]);
    assert.equal((await search(GAZA_PLAIN)).total, 0, 'without ignoreMarks the vowelled spelling does not match');
    const regex = await search('truce|envoy', { mode: 'regex' });
    assert.deepEqual(regex.hits.map((h) => h.text), ['envoy', 'truce']);
    // Text mode takes the query literally: regex characters are just characters.
    assert.equal((await search('U.N')).total, 0);
  });
});
