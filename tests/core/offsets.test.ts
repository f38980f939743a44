// The one module that converts between UTF-16 (DOM, Lexical, JS strings) and code points (store, contract, exports).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codePointLength, OffsetIndex, sliceCodePoints, snapToGraphemes } from '../../src-main/contract/offsets';
import { ARABIC_HARAKAT, E_ACUTE_COMBINING, FAMILY, FLAG_LB, THUMBS_DARK, TRICKY_TEXT, cps } from './helpers';

/** Strings with any UTF-16 unit, lone surrogates included: what a DOM selection can hand us in the worst case. */
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 40 });
/** Well-formed strings over the whole code-point range. */
const anyUnicode = fc.string({ unit: 'binary', maxLength: 40 });

describe('codePointLength', () => {
  test('counts code points, not UTF-16 units', () => {
    assert.equal(codePointLength(''), 0);
    assert.equal(codePointLength('abc'), 3);
    assert.equal(codePointLength(FLAG_LB), 2);
    assert.equal(codePointLength(THUMBS_DARK), 2);
    assert.equal(codePointLength(FAMILY), 7);
    assert.equal(codePointLength(E_ACUTE_COMBINING), 2);
    assert.equal(codePointLength(ARABIC_HARAKAT), 6);
    assert.equal(codePointLength(TRICKY_TEXT), cps(TRICKY_TEXT).length);
  });

  test('counts a lone surrogate as one code point, as [...s] does', () => {
    assert.equal(codePointLength('\uD800'), 1);
    assert.equal(codePointLength('\uDC00a'), 2);
    assert.equal(codePointLength('\uD800\uD800\uDC00'), 2);
    assert.equal(codePointLength('a\uD83D'), 2);
  });

  test('agrees with [...s].length on any UTF-16 string', () => {
    fc.assert(fc.property(anyUtf16, (s) => codePointLength(s) === [...s].length));
  });
});

describe('sliceCodePoints', () => {
  test('cuts whole astral characters', () => {
    const text = `a${FLAG_LB}b${FAMILY}c`;
    assert.equal(sliceCodePoints(text, 1, 3), FLAG_LB);
    assert.equal(sliceCodePoints(text, 4, 11), FAMILY);
    assert.equal(sliceCodePoints(text, 11, 12), 'c');
    assert.equal(sliceCodePoints(text, 0, 0), '');
  });

  test('equals [...text].slice(start, end).join("") for every span', () => {
    fc.assert(
      fc.property(anyUnicode, fc.nat(), fc.nat(), (s, a, b) => {
        const n = [...s].length;
        const start = Math.min(a % (n + 1), b % (n + 1));
        const end = Math.max(a % (n + 1), b % (n + 1));
        return sliceCodePoints(s, start, end) === [...s].slice(start, end).join('');
      }),
    );
  });

  test('refuses offsets outside the text', () => {
    assert.throws(() => sliceCodePoints('abc', 0, 4), RangeError);
    assert.throws(() => sliceCodePoints('abc', -1, 2), RangeError);
  });
});

describe('OffsetIndex', () => {
  test('lengths in both units', () => {
    const index = new OffsetIndex(TRICKY_TEXT);
    assert.equal(index.utf16Length, TRICKY_TEXT.length);
    assert.equal(index.codePointLength, cps(TRICKY_TEXT).length);
  });

  test('toUtf16 and toCodePoint map the same positions on a hand-checked text', () => {
    // a 🇱 🇧 b 👍 🏿 c  → code points 0..7, UTF-16 0..11
    const text = `a${FLAG_LB}b${THUMBS_DARK}c`;
    const index = new OffsetIndex(text);
    const expected: [number, number][] = [[0, 0], [1, 1], [2, 3], [3, 5], [4, 6], [5, 8], [6, 10], [7, 11]];
    for (const [cp, u] of expected) {
      assert.equal(index.toUtf16(cp), u, `toUtf16(${cp})`);
      assert.equal(index.toCodePoint(u), cp, `toCodePoint(${u})`);
    }
  });

  test('round trips every code-point offset, and every UTF-16 offset that is not inside a pair', () => {
    fc.assert(
      fc.property(anyUtf16, (s) => {
        const index = new OffsetIndex(s);
        const n = [...s].length;
        for (let cp = 0; cp <= n; cp++) {
          const u = index.toUtf16(cp);
          if ([...s].slice(0, cp).join('').length !== u) return false;
          if (index.toCodePoint(u) !== cp) return false;
        }
        for (let u = 0; u <= s.length; u++) {
          const insidePair = u > 0 && u < s.length && /[\uD800-\uDBFF]/.test(s.charAt(u - 1)) && /[\uDC00-\uDFFF]/.test(s.charAt(u));
          if (!insidePair && index.toUtf16(index.toCodePoint(u)) !== u) return false;
        }
        return true;
      }),
    );
  });

  test('an offset between the halves of a surrogate pair snaps down for a start and up for an end', () => {
    const text = `ab${FAMILY}z`; // the family's first man starts at UTF-16 2; 2+1 is inside his pair
    const index = new OffsetIndex(text);
    assert.equal(index.toCodePoint(3, 'start'), 2);
    assert.equal(index.toCodePoint(3, 'end'), 3);
    assert.equal(index.toCodePoint(3), 2, 'a start is the default');
    // The last astral character (the boy) starts at UTF-16 2 + 2+1+2+1+2+1 = 11.
    assert.equal(index.toCodePoint(12, 'start'), 8);
    assert.equal(index.toCodePoint(12, 'end'), 9);
    assert.equal(index.toUtf16(index.toCodePoint(12, 'end')), 13);
  });

  test('refuses offsets outside the text or not whole numbers', () => {
    const index = new OffsetIndex(`x${FLAG_LB}`);
    for (const bad of [-1, 4, 1.5, Number.NaN]) assert.throws(() => index.toUtf16(bad), RangeError, `toUtf16(${bad})`);
    for (const bad of [-1, 6, 0.5, Number.POSITIVE_INFINITY]) assert.throws(() => index.toCodePoint(bad), RangeError, `toCodePoint(${bad})`);
    assert.equal(index.toUtf16(3), 5);
    assert.equal(index.toCodePoint(5), 3);
  });
});

describe('snapToGraphemes', () => {
  const clusters: [string, string][] = [
    ['a flag', FLAG_LB],
    ['an emoji with a skin tone', THUMBS_DARK],
    ['a ZWJ family', FAMILY],
    ['e with a combining acute', E_ACUTE_COMBINING],
    ['an Arabic letter with its haraka', ARABIC_HARAKAT.slice(0, 2)],
    ['an Arabic letter with shadda and fatha', '\u0633\u0651\u064E'],
  ];

  for (const [what, cluster] of clusters) {
    test(`widens a range whose edges fall inside ${what}`, () => {
      const before = 'say ';
      const text = `${before}${cluster} now`;
      const from = before.length;
      const to = from + cluster.length;
      for (let inside = from + 1; inside < to; inside++) {
        assert.deepEqual(snapToGraphemes(text, inside, to), { start: from, end: to }, `start at ${inside}`);
        assert.deepEqual(snapToGraphemes(text, from, inside), { start: from, end: to }, `end at ${inside}`);
        assert.deepEqual(snapToGraphemes(text, inside, inside), { start: from, end: to }, `caret at ${inside}`);
      }
    });
  }

  test('leaves ranges that already sit on grapheme boundaries alone', () => {
    const text = `x${FLAG_LB}${FAMILY}${E_ACUTE_COMBINING}y`;
    const boundaries = [0, 1, 1 + FLAG_LB.length, 1 + FLAG_LB.length + FAMILY.length, text.length - 1, text.length];
    for (const a of boundaries) for (const b of boundaries) if (a <= b) assert.deepEqual(snapToGraphemes(text, a, b), { start: a, end: b });
  });

  test('arabic harakat: a range ending between a letter and its mark takes the mark', () => {
    const text = `\u0642\u0627\u0644 ${ARABIC_HARAKAT}.`;
    const word = text.indexOf(ARABIC_HARAKAT);
    // Select "كَت" but stop before the fatha on ت: the mark belongs to the letter, so the end moves past it.
    assert.deepEqual(snapToGraphemes(text, word, word + 3), { start: word, end: word + 4 });
    assert.equal(text.slice(word, word + 4), '\u0643\u064E\u062A\u064E');
  });

  test('works deep inside a long text (only the neighbourhood of each edge is segmented)', () => {
    const pad = 'lorem ipsum '.repeat(2000);
    const text = `${pad}${FAMILY}${pad}${FLAG_LB}${pad}`;
    const famAt = pad.length;
    const flagAt = 2 * pad.length + FAMILY.length;
    assert.deepEqual(snapToGraphemes(text, famAt + 5, flagAt + 1), { start: famAt, end: flagAt + FLAG_LB.length });
  });

  test('clamps to the text', () => {
    assert.deepEqual(snapToGraphemes('abc', -3, 99), { start: 0, end: 3 });
  });

  test('the snapped range never splits a grapheme, for any text and any range', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.nat(), fc.nat(), (s, a, b) => {
        const start = Math.min(a % (s.length + 1), b % (s.length + 1));
        const end = Math.max(a % (s.length + 1), b % (s.length + 1));
        const snapped = snapToGraphemes(s, start, end);
        const bounds = new Set([...segmenter.segment(s)].map((g) => g.index).concat(s.length));
        return snapped.start <= start && snapped.end >= end && bounds.has(snapped.start) && bounds.has(snapped.end);
      }),
    );
  });
});
