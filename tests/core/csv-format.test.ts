import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvText } from '../../src-main/core/export/csvFormat';
import { nth } from './present';

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
