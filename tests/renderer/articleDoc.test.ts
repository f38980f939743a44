// ArticleDoc: the reader's one bridge between what the DOM reports (UTF-16, one paragraph per line) and what the store
// keeps (code points, end exclusive). Checked by hand on the texts that make offsets hard, and by properties against
// an independent reading of the rules: code points by Array.from, clusters by Intl.Segmenter over the whole text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ArticleDoc } from '../../src-renderer/features/reader/articleDoc';
import { nth } from '../core/present';

// Clusters that are more than one UTF-16 unit or more than one code point.
const THUMB = '\u{1F44D}\u{1F3FD}'; // thumbs up + skin tone: 2 code points, 4 units
const FLAG = '\u{1F1F1}\u{1F1E7}'; // flag of Lebanon: 2 regional indicators
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // ZWJ sequence: 5 code points, 8 units
const E_ACUTE = 'e\u0301'; // e + combining acute: 2 code points, 2 units
const ARABIC = '\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B\u0627'; // مَرْحَبًا with vowel marks

/** Grapheme boundaries of the whole text, in UTF-16 units (0 and the length included). */
function graphemeBoundaries(text: string): Set<number> {
  const out = new Set<number>([text.length]);
  for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) out.add(s.index);
  return out;
}

/** Code-point offset of a UTF-16 offset that is on a code point boundary. */
const codePointsBefore = (text: string, utf16: number) => Array.from(text.slice(0, utf16)).length;

describe('ArticleDoc lines', () => {
  test('one line per LF; each line starts after the LF before it', () => {
    const doc = new ArticleDoc('ab\n\ncd\n');
    assert.deepEqual(doc.lines, ['ab', '', 'cd', '']);
    assert.deepEqual(doc.lineStarts, [0, 3, 4, 7]);
    assert.equal(doc.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => doc.lineEnd(l)), [2, 3, 6, 7]);
    // An offset on an LF belongs to the line that LF ends.
    assert.deepEqual([0, 2, 3, 4, 6, 7].map((o) => doc.lineOf(o)), [0, 0, 1, 2, 2, 3]);
    assert.equal(doc.length16, 7);
  });
});

describe('ArticleDoc.position', () => {
  const doc = new ArticleDoc('ab\ncd');

  test('inside a line both biases agree', () => {
    for (const bias of ['start', 'end'] as const) {
      assert.deepEqual(doc.position(1, bias), { line: 0, inLine: 1 });
      assert.deepEqual(doc.position(4, bias), { line: 1, inLine: 1 });
    }
  });

  test('on a line break a range start moves to the next line and a range end stays on the previous one', () => {
    // 2 is the end of "ab" (where its LF sits), 3 the start of "cd": the same gap between paragraphs.
    assert.deepEqual(doc.position(2, 'start'), { line: 1, inLine: 0 });
    assert.deepEqual(doc.position(3, 'start'), { line: 1, inLine: 0 });
    assert.deepEqual(doc.position(2, 'end'), { line: 0, inLine: 2 });
    assert.deepEqual(doc.position(3, 'end'), { line: 0, inLine: 2 });
  });

  test('the first and last positions have no other side to move to', () => {
    assert.deepEqual(doc.position(0, 'end'), { line: 0, inLine: 0 });
    assert.deepEqual(doc.position(5, 'start'), { line: 1, inLine: 2 });
  });

  test('offsets outside the text are clamped to its ends', () => {
    assert.deepEqual(doc.position(-7, 'start'), { line: 0, inLine: 0 });
    assert.deepEqual(doc.position(99, 'end'), { line: 1, inLine: 2 });
  });

  test('an empty line: a start there moves on to the next line, an end moves back to the previous line', () => {
    const blank = new ArticleDoc('a\n\nb');
    assert.deepEqual(blank.position(2, 'start'), { line: 2, inLine: 0 });
    assert.deepEqual(blank.position(2, 'end'), { line: 0, inLine: 1 });
  });

  test('property: the point is the offset itself or the other side of one LF, on the side the bias asks for', () => {
    const textArb = fc.array(fc.constantFrom('a', 'b', '\n', THUMB, 'ش'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(textArb, fc.integer({ min: -3, max: 80 }), fc.constantFrom<'start' | 'end'>('start', 'end'), (text, raw, bias) => {
        const d = new ArticleDoc(text);
        const at = Math.max(0, Math.min(raw, text.length));
        const { line, inLine } = d.position(raw, bias);
        assert.ok(line >= 0 && line < d.lineCount);
        const length = nth(d.lines, line, `line ${line}`).length;
        assert.ok(inLine >= 0 && inLine <= length);
        const global = nth(d.lineStarts, line, `the start of line ${line}`) + inLine;
        if (global !== at) {
          // Only ever across one line break, and in the bias's direction.
          assert.equal(global, bias === 'start' ? at + 1 : at - 1);
          assert.equal(text[bias === 'start' ? at : at - 1], '\n');
        }
        // A start never sits at the end of a (non-empty) line that has a next line, an end never at the start of a
        // later one; an empty line is its own start and end, and the point moves across one line break at most.
        if (bias === 'start') assert.ok(!(length > 0 && inLine === length && line + 1 < d.lineCount));
        else assert.ok(!(length > 0 && inLine === 0 && line > 0));
      }),
      { numRuns: 400 },
    );
  });
});

describe('ArticleDoc.spanFromUtf16 (what a selection records)', () => {
  test('converts to code points, end exclusive, with the exact text', () => {
    const text = `${THUMB} aid`; // THUMB is 4 units, 2 code points
    const doc = new ArticleDoc(text);
    assert.deepEqual(doc.spanFromUtf16(5, 8), { start: 3, end: 6, text: 'aid' });
    assert.deepEqual(doc.spanFromUtf16(0, 4), { start: 0, end: 2, text: THUMB });
  });

  test('widens to whole clusters: never half a surrogate pair, an emoji sequence, a flag or a letter without its mark', () => {
    const text = `a${THUMB}b${FLAG}c${FAMILY}d${E_ACUTE}f`;
    const doc = new ArticleDoc(text);
    const cp = (s: string) => Array.from(s).length;
    // Starting inside the thumb's first surrogate pair and ending inside its skin tone.
    assert.deepEqual(doc.spanFromUtf16(2, 4), { start: 1, end: 1 + cp(THUMB), text: THUMB });
    // Half a flag (one regional indicator) is the whole flag.
    const flagAt = 1 + THUMB.length + 1;
    assert.deepEqual(doc.spanFromUtf16(flagAt, flagAt + 2), { start: 4, end: 6, text: FLAG });
    // One person of the family is the whole family.
    const familyAt = flagAt + FLAG.length + 1;
    assert.deepEqual(doc.spanFromUtf16(familyAt + 3, familyAt + 5), { start: 7, end: 12, text: FAMILY });
    // The e without its accent takes the accent too.
    const eAt = familyAt + FAMILY.length + 1;
    assert.deepEqual(doc.spanFromUtf16(eAt, eAt + 1), { start: 13, end: 15, text: E_ACUTE });
  });

  test('Arabic letters keep their vowel marks', () => {
    const doc = new ArticleDoc(ARABIC);
    // The first letter alone (مَ is two code points).
    assert.deepEqual(doc.spanFromUtf16(0, 1), { start: 0, end: 2, text: '\u0645\u064E' });
  });

  test('the order of the ends does not matter; an empty range is nothing', () => {
    const doc = new ArticleDoc('ceasefire');
    assert.deepEqual(doc.spanFromUtf16(4, 0), doc.spanFromUtf16(0, 4));
    assert.equal(doc.spanFromUtf16(3, 3), null);
    assert.equal(doc.spanFromUtf16(-5, 0), null);
    assert.deepEqual(doc.spanFromUtf16(-5, 99), { start: 0, end: 9, text: 'ceasefire' });
  });

  test('property: the span covers the selection, ends on cluster boundaries, and its text is the code-point slice', () => {
    const clusters = ['a', 'Z', ' ', '\n', THUMB, FLAG, FAMILY, E_ACUTE, '\u05E9\u05B8', '\u0644\u064E', '\u{1F600}', '\u4E2D'];
    const textArb = fc.array(fc.constantFrom(...clusters), { minLength: 1, maxLength: 25 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, a, b) => {
        const doc = new ArticleDoc(text);
        const lo = Math.min(a, b) % (text.length + 1);
        const hi = Math.max(a, b) % (text.length + 1);
        const span = doc.spanFromUtf16(lo, hi);
        if (lo === hi) return assert.equal(span, null);
        if (lo > hi) return; // the modulo swapped them; covered by the order test
        assert.ok(span);
        const start16 = Array.from(text).slice(0, span.start).join('').length;
        const end16 = Array.from(text).slice(0, span.end).join('').length;
        assert.ok(start16 <= lo && end16 >= hi, `[${start16}, ${end16}) does not cover [${lo}, ${hi})`);
        const bounds = graphemeBoundaries(text);
        assert.ok(bounds.has(start16) && bounds.has(end16), `[${start16}, ${end16}) cuts a cluster`);
        assert.equal(span.text, Array.from(text).slice(span.start, span.end).join(''));
        // Widened no further than the clusters the selection touches.
        assert.ok(![...bounds].some((x) => x > start16 && x <= lo) && ![...bounds].some((x) => x >= hi && x < end16));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ArticleDoc code points ↔ UTF-16', () => {
  const text = `${FAMILY} Rafah ${FLAG}`;
  const doc = new ArticleDoc(text);

  test('slice and utf16Range take code points, end exclusive, clamped to the text', () => {
    assert.equal(doc.slice(0, 5), FAMILY);
    assert.equal(doc.slice(6, 11), 'Rafah');
    assert.equal(doc.slice(12, 14), FLAG);
    assert.equal(doc.slice(12, 500), FLAG);
    assert.deepEqual(doc.utf16Range(6, 11), { start16: 9, end16: 14 });
    assert.deepEqual(doc.utf16Range(-3, 1000), { start16: 0, end16: text.length });
    assert.equal(doc.toUtf16(14), text.length);
  });

  test('property: toUtf16 is the UTF-16 length of the first n code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer({ min: -2, max: 60 }), (t, n) => {
        const d = new ArticleDoc(t);
        const cps = Array.from(t);
        const clamped = Math.max(0, Math.min(n, cps.length));
        assert.equal(d.toUtf16(n), cps.slice(0, clamped).join('').length);
        assert.equal(codePointsBefore(t, d.toUtf16(n)), clamped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ArticleDoc caret moves (dragged edges, Shift+arrow)', () => {
  const text = `x${FAMILY}y${E_ACUTE}`;
  const doc = new ArticleDoc(text);
  const familyEnd = 1 + FAMILY.length;

  test('next and previous grapheme step over whole clusters', () => {
    assert.equal(doc.nextGrapheme(0), 1);
    assert.equal(doc.nextGrapheme(1), familyEnd);
    assert.equal(doc.nextGrapheme(familyEnd + 1), text.length);
    assert.equal(doc.nextGrapheme(text.length), text.length);
    assert.equal(doc.previousGrapheme(text.length), familyEnd + 1);
    assert.equal(doc.previousGrapheme(familyEnd), 1);
    assert.equal(doc.previousGrapheme(0), 0);
  });

  test('snapCaret goes to the nearer cluster edge (the start on a tie)', () => {
    assert.equal(doc.snapCaret(2), 1); // one unit into the family: nearer its start
    assert.equal(doc.snapCaret(familyEnd - 1), familyEnd);
    assert.equal(doc.snapCaret(1 + FAMILY.length / 2), 1); // exactly halfway
    assert.equal(doc.snapCaret(familyEnd), familyEnd); // already a boundary
  });

  test('property: caret moves land on cluster boundaries and move strictly (except at the ends)', () => {
    const clusters = ['a', '\n', THUMB, FLAG, FAMILY, E_ACUTE, '\u0644\u064E'];
    const textArb = fc.array(fc.constantFrom(...clusters), { minLength: 1, maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(textArb, fc.nat(), (t, raw) => {
        const d = new ArticleDoc(t);
        const at = raw % (t.length + 1);
        const bounds = graphemeBoundaries(t);
        const next = d.nextGrapheme(at);
        const prev = d.previousGrapheme(at);
        const snapped = d.snapCaret(at);
        for (const x of [next, prev, snapped]) assert.ok(bounds.has(x), `${x} is inside a cluster of ${JSON.stringify(t)}`);
        if (at < t.length) assert.ok(next > at);
        if (at > 0) assert.ok(prev < at);
        // Nothing between: the next boundary after `at`, the last one before it.
        assert.ok(![...bounds].some((x) => x > at && x < next) && ![...bounds].some((x) => x < at && x > prev));
      }),
      { numRuns: 400 },
    );
  });
});
