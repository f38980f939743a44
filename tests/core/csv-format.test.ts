// The CSV writer (export/csvFormat.ts) writes its records by hand since issue 16; the files must stay byte for byte
// what Papa Parse's writer made of the same cells before (RFC 4180, CRLF, quotes when a field holds a comma, quote,
// line break or byte order mark, or starts or ends with a space). Every awkward cell is checked against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { csvText, type CsvCell } from '../../src-main/core/export/csvFormat';
import { nth } from './present';

const PAPA = { newline: '\r\n', quotes: false, header: false, escapeFormulae: false, skipEmptyLines: false } as const;

const AWKWARD: CsvCell[] = [
  '', 'plain', ' leading', 'trailing ', ' ', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'cr\rhere', 'crlf\r\nx', '\ufeffbom',
  'in\ufeffside', '=1+1', '-2 casualties', '+3', '@here', '\tTab', '\rstart', "'quoted", 'nul\0inside', 'ع،ربي', '😀 emoji',
  0, -1, 3.5, 1e21, null,
];

test('records are byte for byte what Papa Parse wrote for the same cells', () => {
  const rng = (() => {
    let a = 7;
    return () => ((a = (a * 1103515245 + 12345) >>> 0) / 2 ** 32);
  })();
  const rows: CsvCell[][] = [AWKWARD, [], [''], ['only']];
  for (let i = 0; i < 500; i++) {
    const n = 1 + Math.floor(rng() * 6);
    rows.push(Array.from({ length: n }, () => {
      const pick = AWKWARD[Math.floor(rng() * AWKWARD.length)] ?? null;
      const other = AWKWARD[Math.floor(rng() * AWKWARD.length)] ?? null;
      return typeof pick === 'string' && typeof other === 'string' ? pick + other : pick;
    }));
  }
  // Papa saw each cell as the writer's text (NUL removed, numbers as text), exactly as csvFormat.ts handed it over.
  const asPapaSaw = rows.map((r) => r.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : c.replaceAll('\0', ''))));
  for (const guard of [false, true]) {
    const guarded = asPapaSaw.map((r, i) => r.map((c, j) => (guard && typeof rows[i]?.[j] === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
    assert.equal(csvText(rows, { formulaGuard: guard }), `${Papa.unparse(guarded, PAPA)}\r\n`);
  }
  assert.equal(csvText([]), '');
});

// Every CSV Gloss writes goes through csvText / csvWriter: whatever the cells hold (quotes, commas, CR, LF, spaces, emoji, RTL),
// an independent RFC 4180 parser must read back exactly the same cells.
test('the CSV writer (raw cells) round-trips any cells through an RFC 4180 parser', () => {
  const cell = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('', ' ', '"', '""', ',', '\r', '\n', '\r\n', ' lead', 'trail ', 'a,"b"\nc', '=1+1', '\ufeffx'),
  );
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const width = nth(rows, 0, 'the first row').length;
      const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
      const text = csvText(table);
      assert.ok(text.endsWith('\r\n'));
      assert.deepEqual(parse(text, { relax_column_count: false, bom: false }), table);
    }),
    { seed: 20261124, numRuns: 2000 },
  );
});
