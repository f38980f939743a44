// Foreign positions → stored code points: BOM, CRLF counted once or twice, NFC composition, UTF-16 and UTF-8 units.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { candidateForms, chooseForm, TextOffsetMap, type ForeignForm } from '../../src-main/core/text/offsetMap';

const cp = (s: string): string[] => [...s];
const storedSlice = (m: TextOffsetMap, start: number, end: number): string => cp(m.stored).slice(start, end).join('');
const form = (unit: ForeignForm['unit'], crlf: ForeignForm['crlf'] = 'one', bomCounted = false): ForeignForm => ({ unit, crlf, bomCounted });

describe('TextOffsetMap', () => {
  test('stores LF + NFC text', () => {
    const m = new TextOffsetMap('Jose\u0301\r\nx\ry');
    assert.equal(m.stored, 'José\nx\ny');
    assert.equal(m.storedLength, 8);
  });

  test('CRLF counted as two or as one lands on the same characters', () => {
    const m = new TextOffsetMap('ab\r\ncd\r\nef');
    // "cd" is at 4..6 counting CR and LF, at 3..5 counting a line break once.
    assert.deepEqual(m.toStored(4, 6, form('codepoint', 'two')), { ok: true, start: 3, end: 5, widened: false });
    assert.deepEqual(m.toStored(3, 5, form('codepoint', 'one')), { ok: true, start: 3, end: 5, widened: false });
    assert.equal(storedSlice(m, 3, 5), 'cd');
    // "ef" at the end.
    assert.deepEqual(m.toStored(8, 10, form('codepoint', 'two')), { ok: true, start: 6, end: 8, widened: false });
  });

  test('an edge between CR and LF widens over the line break and says so', () => {
    const m = new TextOffsetMap('ab\r\ncd');
    const r = m.toStored(1, 3, form('codepoint', 'two'));
    assert.deepEqual(r, { ok: true, start: 1, end: 3, widened: true });
    assert.equal(storedSlice(m, 1, 3), 'b\n');
  });

  test('a counted BOM shifts every position by one', () => {
    const m = new TextOffsetMap('Hello world', true);
    assert.deepEqual(m.toStored(7, 12, form('codepoint', 'one', true)), { ok: true, start: 6, end: 11, widened: false });
    assert.deepEqual(m.toStored(6, 11, form('codepoint')), { ok: true, start: 6, end: 11, widened: false });
  });

  test('a letter NFC composes: positions after it shift, an edge inside it widens to the whole letter', () => {
    const m = new TextOffsetMap('Jose\u0301 said');
    assert.deepEqual(m.toStored(6, 10, form('codepoint')), { ok: true, start: 5, end: 9, widened: false });
    assert.equal(storedSlice(m, 5, 9), 'said');
    const inside = m.toStored(0, 4, form('codepoint'));
    assert.deepEqual(inside, { ok: true, start: 0, end: 4, widened: true });
    assert.equal(storedSlice(m, 0, 4), 'José');
  });

  test('UTF-16 code units: astral characters count two', () => {
    const m = new TextOffsetMap('a\u{1F1F1}\u{1F1E7} b');
    // UTF-16: a=0, flag=1..5, space=5, b=6.
    assert.deepEqual(m.toStored(6, 7, form('utf16')), { ok: true, start: 4, end: 5, widened: false });
    // An end between the halves of a surrogate pair rounds up to the whole code point.
    assert.deepEqual(m.toStored(1, 2, form('utf16')), { ok: true, start: 1, end: 2, widened: true });
  });

  test('UTF-8 bytes', () => {
    const m = new TextOffsetMap('é漢x');
    // é = 2 bytes, 漢 = 3 bytes.
    assert.deepEqual(m.toStored(2, 5, form('utf8')), { ok: true, start: 1, end: 2, widened: false });
    assert.deepEqual(m.toStored(5, 6, form('utf8')), { ok: true, start: 2, end: 3, widened: false });
    // A start inside é's two bytes rounds down to the whole letter.
    assert.deepEqual(m.toStored(1, 5, form('utf8')), { ok: true, start: 0, end: 2, widened: true });
  });

  test('refuses spans past the end or backwards, with the reason', () => {
    const m = new TextOffsetMap('short');
    const past = m.toStored(2, 9);
    assert.equal(past.ok, false);
    assert.match(!past.ok ? past.reason : '', /past the end of the text \(5 code points\)/);
    const backwards = m.toStored(4, 2);
    assert.match(!backwards.ok ? backwards.reason : '', /ends \(2\) before it starts \(4\)/);
  });

  test('property: any span on original character boundaries maps to its own normalised text, in every form', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '\r\n', '\n', '\r', 'e\u0301', 'é', '\u{1F1F1}\u{1F1E7}', 'ش', 'شَ', 'ة\u0651\u064E', '漢', 'ß', 'A\u030A', '\u{1F44D}\u{1F3FD}');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.nat(), fc.nat(), (pieces, bom, x, y) => {
        const original = pieces.join('');
        const m = new TextOffsetMap(original, bom);
        // Choose piece boundaries so no edge splits a piece (a grapheme, a CRLF, a composed letter); every piece
        // starts with a base character, so pieces do not combine with each other.
        const i = x % (pieces.length + 1);
        const j = y % (pieces.length + 1);
        const [a, b] = i <= j ? [i, j] : [j, i];
        const before = pieces.slice(0, a).join('');
        const inside = pieces.slice(a, b).join('');
        // The pieces are independent under normalisation except a CR piece followed by an LF piece, which make a CRLF.
        const splitsCrlf = (k: number): boolean => pieces[k - 1] === '\r' && pieces[k] === '\n';
        if (splitsCrlf(a) || splitsCrlf(b)) return;
        const expected = inside.replace(/\r\n?/g, '\n').normalize('NFC');
        const measure = (s: string, f: ForeignForm): number => {
          const t = f.crlf === 'one' ? s.replace(/\r\n?/g, '\n') : s;
          return f.unit === 'codepoint' ? cp(t).length : f.unit === 'utf16' ? t.length : Buffer.byteLength(t, 'utf8');
        };
        for (const f of [form('codepoint'), form('codepoint', 'two'), form('utf16'), form('utf16', 'two'), form('utf8'), form('utf8', 'two', true)]) {
          const shift = f.bomCounted && bom ? 1 : 0;
          const start = measure(before, f) + shift;
          const end = start + measure(inside, f);
          const r = m.toStored(start, end, f);
          assert.ok(r.ok, `${JSON.stringify(original)} ${JSON.stringify(f)}`);
          assert.equal(storedSlice(m, r.start, r.end), expected, `${JSON.stringify(original)} [${start},${end}) ${JSON.stringify(f)}`);
          assert.equal(r.widened, false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('choosing the unit a producer counted in', () => {
  test('quotes decide: UTF-16 positions on a text with emoji', () => {
    const text = 'Aid \u{1F1F1}\u{1F1E7} convoy \u{1F44D} waits at the crossing';
    const m = new TextOffsetMap(text);
    const quote = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length, quote: q });
    const spans = [quote('waits'), quote('crossing'), quote('convoy')];
    const choice = chooseForm(m, spans, candidateForms(m));
    assert.equal(choice.form.unit, 'utf16');
    assert.equal(choice.by, 'quotes');
    assert.equal(choice.confident, true);
    assert.match(choice.reason, /3 of 3 quoted passages match when positions are read as UTF-16 code units/);
  });

  test('a counted BOM and CRLF counted twice are recognised from quotes', () => {
    const original = 'Title\r\n\r\nThe minister said\r\nthat aid would flow.';
    const m = new TextOffsetMap(original, true);
    const at = (q: string) => ({ start: original.indexOf(q) + 1, end: original.indexOf(q) + 1 + q.length, quote: q });
    const choice = chooseForm(m, [at('minister'), at('aid would flow')], candidateForms(m));
    assert.deepEqual(choice.form, { unit: 'codepoint', crlf: 'two', bomCounted: true });
  });

  test('without quotes, word boundaries decide, and a tie between forms that place spans alike is no doubt', () => {
    const text = 'plain ascii text about a ceasefire';
    const m = new TextOffsetMap(text);
    assert.deepEqual(candidateForms(m), [form('codepoint')]);
    const choice = chooseForm(m, [{ start: 6, end: 11 }], candidateForms(m));
    assert.equal(choice.confident, true);
  });

  test('word-boundary scoring picks code points over UTF-16 where emoji shift the words', () => {
    const text = '\u{1F4F0}\u{1F4F0}\u{1F4F0} Breaking news about the ceasefire talks in Cairo today';
    const m = new TextOffsetMap(text);
    const cps = cp(text);
    const word = (w: string) => {
      const start = cps.join('').indexOf(w);
      const cpStart = cp(cps.join('').slice(0, start)).length;
      return { start: cpStart, end: cpStart + cp(w).length };
    };
    const spans = ['Breaking', 'news', 'ceasefire', 'talks', 'Cairo'].map(word);
    const choice = chooseForm(m, spans, candidateForms(m));
    assert.equal(choice.form.unit, 'codepoint');
    assert.equal(choice.by, 'boundaries');
    assert.equal(choice.score, 5);
  });
});
