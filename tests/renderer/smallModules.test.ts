// The renderer's small pure helpers: number and size wording, attribute values and filter chips, search and
// retrieval requests, upload batching, highlight colours and which memo links are allowed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatBytes, formatDateTime, plural } from '../../src-renderer/app/format';
import { describeFilter, formatAttributeValue, OPS_FOR_TYPE, parseAttributeInput } from '../../src-renderer/features/attributes/attributeValues';
import { EMPTY_FORM, hitKey, specOf } from '../../src-renderer/features/search/searchSpec';
import { retrieveQuery } from '../../src-renderer/features/passages/passageQuery';
import { isTooLarge, planBatches, tooLargeReason } from '../../src-renderer/features/articles/import/uploadBatches';
import { isTextFileName, MAX_FILE_BYTES, type PickedFile } from '../../src-renderer/features/articles/import/pickedFiles';
import { FALLBACK_COLOR, highlightFill } from '../../src-renderer/features/reader/highlightStyles';
import { isSafeLink } from '../../src-renderer/features/memos/memoText';

describe('format', () => {
  test('plural says one or many', () => {
    assert.equal(plural(1, 'coding'), '1 coding');
    assert.equal(plural(0, 'coding'), '0 codings');
    assert.equal(plural(2, 'match', 'matches'), '2 matches');
    assert.match(plural(1204, 'coding'), /^1\D?204 codings$/);
  });

  test('sizes as file managers count them (1 KB = 1,024 bytes)', () => {
    assert.equal(formatBytes(912), '912 bytes');
    assert.equal(formatBytes(1), '1 byte');
    assert.equal(formatBytes(1024), '1 KB');
    assert.match(formatBytes(1536), /^1[.,]5 KB$/);
    assert.equal(formatBytes(48 * 1024), '48 KB');
    assert.match(formatBytes(Math.round(1.4 * 1024 * 1024)), /^1[.,]4 MB$/);
    assert.equal(formatBytes(3 * 1024 ** 4), '3 TB');
    assert.match(formatBytes(2048 * 1024 ** 4), /^2\D?048 TB$/, 'past TB it stays in TB');
  });

  test('a date that is not one is shown as it came', () => {
    assert.equal(formatDateTime('not a date'), 'not a date');
    assert.notEqual(formatDateTime('2026-05-21T10:00:00Z'), '2026-05-21T10:00:00Z');
  });
});

describe('attribute values', () => {
  test('shown as the analyst reads them', () => {
    assert.equal(formatAttributeValue(null), '');
    assert.equal(formatAttributeValue(true), 'yes');
    assert.equal(formatAttributeValue(false), 'no');
    assert.equal(formatAttributeValue(12.5), '12.5');
    assert.equal(formatAttributeValue('2023-10-07'), '2023-10-07');
  });

  test('typed input becomes the value attributes.set takes; blank is no value', () => {
    assert.equal(parseAttributeInput('text', '  '), null);
    assert.equal(parseAttributeInput('text', ' Haaretz '), 'Haaretz');
    assert.equal(parseAttributeInput('number', '42'), 42);
    assert.equal(parseAttributeInput('number', 'forty'), 'forty', 'left for the core to refuse with its message');
    assert.equal(parseAttributeInput('boolean', 'yes'), true);
    assert.equal(parseAttributeInput('boolean', 'no'), false);
    assert.equal(parseAttributeInput('date', '2024-01-03'), '2024-01-03');
  });

  test('filter chips read as sentences, dates say before/after', () => {
    assert.equal(describeFilter({ name: 'outlet', op: 'eq', value: 'Haaretz' }, 'text'), 'outlet is Haaretz');
    assert.equal(describeFilter({ name: 'publication date', op: 'between', value: ['2023-10-07', '2023-12-31'] }, 'date'), 'publication date between 2023-10-07 and 2023-12-31');
    assert.equal(describeFilter({ name: 'publication date', op: 'lt', value: '2024-01-01' }, 'date'), 'publication date before 2024-01-01');
    assert.equal(describeFilter({ name: 'pages', op: 'gt', value: 3 }, 'number'), 'pages more than 3');
    assert.equal(describeFilter({ name: 'author', op: 'empty' }, 'text'), 'author has no value');
    assert.equal(describeFilter({ name: 'verified', op: 'eq', value: false }, 'boolean'), 'verified is no');
    // Every type offers "has no value", and only numbers and dates compare.
    for (const ops of Object.values(OPS_FOR_TYPE)) assert.ok(ops.includes('empty'));
    assert.deepEqual(OPS_FOR_TYPE.boolean, ['eq', 'empty']);
  });
});

describe('search and retrieval requests', () => {
  test('full-text search takes only the query; regular expressions take their options', () => {
    assert.deepEqual(specOf({ ...EMPTY_FORM, query: '  "cease fire" ', caseSensitive: true }), { query: '"cease fire"', mode: 'fts' });
    assert.deepEqual(specOf({ query: 'hostages?', mode: 'regex', caseSensitive: true, wholeWords: false, ignoreMarks: true }), {
      query: 'hostages?',
      mode: 'regex',
      caseSensitive: true,
      wholeWords: false,
      ignoreMarks: true,
    });
    assert.equal(hitKey({ articleId: 3, start: 10, end: 14 }), '3:10:14');
    assert.notEqual(hitKey({ articleId: 3, start: 1, end: 14 }), hitKey({ articleId: 31, start: 1, end: 4 }));
  });

  test('a passages query needs a code; blank filters are left out', () => {
    const base = { codeIds: [], includeSubcodes: true, coder: '', text: '', attributes: [] };
    assert.equal(retrieveQuery(base), null);
    assert.deepEqual(retrieveQuery({ ...base, codeIds: [4], coder: '  ', text: ' ' }), { codeIds: [4], includeSubcodes: true });
    assert.deepEqual(retrieveQuery({ ...base, codeIds: [4, 5], includeSubcodes: false, coder: ' ana ', text: ' aid ', attributes: [{ name: 'outlet', op: 'empty' }] }), {
      codeIds: [4, 5],
      includeSubcodes: false,
      coder: 'ana',
      text: 'aid',
      attributes: [{ name: 'outlet', op: 'empty' }],
    });
  });
});

describe('upload batches (browser imports)', () => {
  const picked = (name: string, size: number): PickedFile => ({ name, file: { size, name } as File });

  test('at most maxFiles per batch and at most maxBytes, in the order picked', () => {
    const files = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'].map((n) => picked(n, 40));
    assert.deepEqual(
      planBatches(files, 2, 1000).map((b) => b.map((f) => f.name)),
      [['a.txt', 'b.txt'], ['c.txt', 'd.txt'], ['e.txt']],
    );
    assert.deepEqual(
      planBatches(files, 100, 100).map((b) => b.map((f) => f.name)),
      [['a.txt', 'b.txt'], ['c.txt', 'd.txt'], ['e.txt']],
    );
    assert.deepEqual(planBatches([], 10, 10), []);
  });

  test('a file larger than a batch travels alone; files the core refuses by name are sent empty, so cost nothing', () => {
    const big = picked('big.txt', 500);
    assert.deepEqual(
      planBatches([picked('a.txt', 10), big, picked('b.txt', 10)], 100, 100).map((b) => b.map((f) => f.name)),
      [['a.txt'], ['big.txt'], ['b.txt']],
    );
    // A spreadsheet is not a type Gloss imports: it is sent empty, and its rejection still reaches the report.
    const sheet = picked('report.xlsx', 40 * 1024 * 1024);
    assert.equal(isTextFileName('report.xlsx'), false);
    assert.deepEqual(planBatches([picked('a.txt', 10), sheet, picked('b.txt', 10)], 100, 100).length, 1);
  });

  test('a text file over the limit is named too large, with sizes in MB', () => {
    assert.equal(isTooLarge(picked('huge.txt', MAX_FILE_BYTES + 1)), true);
    assert.equal(isTooLarge(picked('fits.txt', MAX_FILE_BYTES)), false);
    assert.equal(isTooLarge(picked('huge.pdf', MAX_FILE_BYTES + 1)), true, 'a PDF is imported, so its size counts');
    assert.equal(isTooLarge(picked('huge.xlsx', MAX_FILE_BYTES + 1)), false, 'refused for its type, not its size');
    assert.equal(tooLargeReason(65 * 1024 * 1024), 'file too large (65.0 MB; Gloss imports text files up to 64 MB)');
  });

  test('property: batches keep every file once, in order, within both limits (a lone oversized file excepted)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('x.txt', 'y.html', 'z.pdf', 'w.xlsx'), fc.nat({ max: 300 })), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 600 }), (specs, maxFiles, maxBytes) => {
        const files = specs.map(([n, size], i) => picked(`${i}-${n}`, size));
        const batches = planBatches(files, maxFiles, maxBytes);
        assert.deepEqual(batches.flat(), files);
        for (const batch of batches) {
          assert.ok(batch.length >= 1 && batch.length <= maxFiles);
          const bytes = batch.reduce((sum, f) => sum + (isTextFileName(f.name) ? f.file.size : 0), 0);
          assert.ok(bytes <= maxBytes || batch.length === 1, `${bytes} bytes in a batch of ${batch.length}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('highlight colours', () => {
  test('a code colour becomes a translucent fill; anything but #rrggbb falls back, so nothing else reaches CSS', () => {
    assert.equal(highlightFill('#e6194b'), 'rgb(230 25 75 / 0.32)');
    assert.equal(highlightFill('#E6194B', 0.5), 'rgb(230 25 75 / 0.5)');
    const fallback = highlightFill(FALLBACK_COLOR);
    for (const hostile of ['red', '#fff', '#e6194b; } body { display: none', 'url(javascript:alert(1))', '']) {
      assert.equal(highlightFill(hostile), fallback, hostile);
    }
  });
});

describe('memo links', () => {
  test('only https links with a host and no credentials', () => {
    for (const ok of ['https://example.org/', 'https://news.example/a?b=c#d']) assert.equal(isSafeLink(ok), true, ok);
    for (const bad of ['http://example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'https://user:pw@example.org/', 'https://user@example.org/', 'example.org', '', 'gloss://app/index.html']) {
      assert.equal(isSafeLink(bad), false, bad);
    }
  });
});
