// Find in article (Ctrl+F) and the code picker's matching of typed names: pure functions of the reader.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Code } from '../../src-main/contract/types';
import { findMatches, MAX_MATCHES } from '../../src-renderer/features/reader/findMatches';
import { exactCode, newCodeFor, rankCodes } from '../../src-renderer/features/reader/codeMatching';

describe('findMatches', () => {
  test('case-insensitive, in UTF-16 offsets of the stored text', () => {
    const text = '\u{1F44D} Gaza talks; GAZA aid';
    assert.deepEqual(findMatches(text, 'gaza'), {
      matches: [
        { start16: 3, end16: 7 },
        { start16: 15, end16: 19 },
      ],
      capped: false,
    });
    assert.equal(text.slice(3, 7), 'Gaza');
  });

  test('a character whose lower case is longer does not shift the offsets after it', () => {
    // "İ".toLowerCase() is two units (i + combining dot); offsets must stay those of the stored text.
    const text = 'İİ Gaza';
    assert.deepEqual(findMatches(text, 'gaza').matches, [{ start16: 3, end16: 7 }]);
  });

  test('the query is literal text, not a pattern', () => {
    assert.deepEqual(findMatches('a.b axb a+b (x) [y] \\z', 'a.b').matches, [{ start16: 0, end16: 3 }]);
    assert.deepEqual(findMatches('axb a+b', 'a+b').matches, [{ start16: 4, end16: 7 }]);
    assert.deepEqual(findMatches('(x) [y]', '[y]').matches, [{ start16: 4, end16: 7 }]);
    assert.deepEqual(findMatches('a\\z', '\\z').matches, [{ start16: 1, end16: 3 }]);
    // A hyphen was escaped, which the u flag refuses: Ctrl+F for "cease-fire" threw.
    assert.deepEqual(findMatches('a cease-fire, a CEASE-FIRE', 'cease-fire').matches, [
      { start16: 2, end16: 12 },
      { start16: 16, end16: 26 },
    ]);
    assert.deepEqual(findMatches('and/or', '/').matches, [{ start16: 3, end16: 4 }]);
  });

  test('an empty query finds nothing; more than the cap stops at the cap and says so', () => {
    assert.deepEqual(findMatches('anything', ''), { matches: [], capped: false });
    const many = findMatches('a'.repeat(MAX_MATCHES + 5), 'a');
    assert.equal(many.capped, true);
    assert.equal(many.matches.length, MAX_MATCHES);
    const exactly = findMatches('a'.repeat(MAX_MATCHES), 'a');
    assert.equal(exactly.capped, false);
  });

  test('property: every match is the query, ignoring case, at its offsets; matches do not overlap', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', 'b', ' ', 'é', '\u{1F600}', '-', '.', '(', '\\'), maxLength: 30 }), fc.string({ unit: fc.constantFrom('a', 'b', 'B', '-', '/', '.', '*', '(', '[', '\\', '$', '^', '|', '?', '{', '}'), minLength: 1, maxLength: 3 }), (text, query) => {
        const { matches } = findMatches(text, query);
        let previousEnd = 0;
        for (const m of matches) {
          assert.equal(text.slice(m.start16, m.end16).toLowerCase(), query.toLowerCase());
          assert.ok(m.start16 >= previousEnd);
          previousEnd = m.end16;
        }
        // Nothing missed: a scan by hand finds as many non-overlapping occurrences.
        let count = 0;
        const lower = text.toLowerCase();
        for (let at = lower.indexOf(query.toLowerCase()); at >= 0; at = lower.indexOf(query.toLowerCase(), at + query.length)) count++;
        assert.equal(matches.length, count);
      }),
      { numRuns: 300 },
    );
  });
});

function code(id: number, path: string, parentId: number | null = null): Code {
  const name = path.split('/').pop()!;
  return { id, parentId, name, path, color: '#888888', description: '', sortOrder: id, codingCount: 0 };
}

describe('rankCodes, exactCode and newCodeFor (typing a code name)', () => {
  const codes = [
    code(1, 'Frames'),
    code(2, 'Frames/Humanitarian', 1),
    code(3, 'Frames/Security', 1),
    code(4, 'Actors'),
    code(5, 'Actors/Human rights groups', 4),
    code(6, 'Tone-negative'),
    code(7, 'Inhuman'),
  ];

  test('exact name or path first, then names starting with it, then a word starting with it, then containing it', () => {
    assert.deepEqual(
      rankCodes(codes, 'human').map((c) => c.path),
      ['Frames/Humanitarian', 'Actors/Human rights groups', 'Inhuman'],
    );
    assert.deepEqual(
      rankCodes(codes, '  FRAMES/security ').map((c) => c.path),
      ['Frames/Security'],
    );
    assert.deepEqual(
      rankCodes(codes, 'negative').map((c) => c.path),
      ['Tone-negative'],
    );
    assert.deepEqual(
      rankCodes(codes, 'rights').map((c) => c.path),
      ['Actors/Human rights groups'],
    );
  });

  test('an empty query lists the codebook in order, up to the limit', () => {
    assert.deepEqual(
      rankCodes(codes, ' ', 3).map((c) => c.id),
      [1, 2, 3],
    );
    assert.equal(rankCodes(codes, 'a', 2).length, 2);
  });

  test('exactCode prefers a full path to a name', () => {
    const clash = [code(1, 'Security'), code(2, 'Frames'), code(3, 'Frames/Security', 2)];
    assert.equal(exactCode(clash, 'frames/security')?.id, 3);
    assert.equal(exactCode(clash, 'SECURITY')?.id, 1);
    assert.equal(exactCode(clash, 'secur'), undefined);
  });

  test('newCodeFor: any path, its missing parents made along with it (#14); nothing for an existing code or an empty level', () => {
    assert.deepEqual(newCodeFor(codes, 'Economy'), { path: 'Economy', missing: ['Economy'] });
    assert.deepEqual(newCodeFor(codes, ' frames / Legal '), { path: 'Frames/Legal', missing: ['Legal'] });
    assert.deepEqual(newCodeFor(codes, 'Nowhere/Legal'), { path: 'Nowhere/Legal', missing: ['Nowhere', 'Legal'] });
    assert.deepEqual(newCodeFor(codes, 'Aid\\/relief'), { path: 'Aid\\/relief', missing: ['Aid/relief'] });
    assert.equal(newCodeFor(codes, 'frames/security'), null);
    assert.equal(newCodeFor(codes, 'Frames/'), null);
    assert.equal(newCodeFor(codes, '   '), null);
    assert.equal(newCodeFor(codes, 'x'.repeat(201)), null);
    assert.deepEqual(newCodeFor(codes, 'x'.repeat(200)), { path: 'x'.repeat(200), missing: ['x'.repeat(200)] });
  });

  test('rankCodes lists every match: nothing past the eighth is cut (#14)', () => {
    const many = Array.from({ length: 12 }, (_, i) => code(i + 1, `Code ${i + 1}`));
    assert.equal(rankCodes(many, '').length, 12);
    assert.equal(rankCodes(many, 'code').length, 12);
  });
});
