// Bytes → text: BOMs, binary refusal, strict UTF-8, declared charsets, legacy detection and its Windows-1252
// fallback, and what the importer records about each file. Texts are written here (news-like sentences in each
// language); the shared corpus is exercised by corpus.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decode, decodeAs } from '../../src-main/core/import/decode';
import { ENCODINGS, findEncoding, hasDecoder, normaliseName } from '../../src-main/core/import/encodings';
import { redecodeArticle } from '../../src-main/core/import/redecode';
import { nth, present } from './helpers';
import { importBytes, importPaths, newProject, tempDir, writeFile } from './import-support';

const enc = (text: string, encoding: string): Buffer => iconv.encode(text, encoding);
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function ok(result: ReturnType<typeof decode>) {
  if (!result.ok) assert.fail(`expected a decoding, got: ${result.reason}`);
  return result;
}
function refused(result: ReturnType<typeof decode>): string {
  if (result.ok) assert.fail(`expected a refusal, got ${result.encoding}: ${JSON.stringify(result.text.slice(0, 80))}`);
  return result.reason;
}

/** One sentence of news prose per encoding the issue lists; each long enough to be more than a guess. */
const LEGACY_SAMPLES: [string, string, string][] = [
  ['windows-1252', 'Windows-1252', 'Le président a déclaré mercredi que les négociations reprendraient à Genève « dès que possible ». Les élèves, très inquiets, ont manifesté devant l’école — une première depuis l’été dernier.'],
  // Latin-1 is read and recorded as Windows-1252 (as browsers do): the same characters outside 0x80–0x9F.
  ['iso-8859-1', 'Windows-1252', 'El niño pequeño comió una piña en la bañera. La señora García está de acuerdo: «¡Qué día más bonito!», dijo el señor Muñoz en la reunión del año pasado.'],
  ['iso-8859-15', 'ISO-8859-15', 'Der Preis für das Frühstück beträgt 12 €. Die Straße ist gesperrt, weil die Bürger gegen die Schließung der Bäckerei protestieren. Ärger über höhere Gebühren wächst.'],
  ['windows-1250', 'Windows-1250', 'Vláda v úterý oznámila, že příští týden začnou jednání o rozpočtu. Poslanci opozice kritizovali návrh, který podle nich zvýší daně pro živnostníky a sníží výdaje na školství.'],
  ['iso-8859-2', 'ISO-8859-2', 'Rząd ogłosił w środę, że rozmowy w sprawie budżetu rozpoczną się w przyszłym tygodniu. Posłowie opozycji skrytykowali projekt, który ich zdaniem podniesie podatki dla małych firm.'],
  ['windows-1251', 'Windows-1251', 'Правительство объявило в среду, что переговоры о бюджете начнутся на следующей неделе. Депутаты оппозиции раскритиковали проект, который, по их словам, повысит налоги.'],
  ['koi8-r', 'KOI8-R', 'Правительство объявило в среду, что переговоры о бюджете начнутся на следующей неделе. Депутаты оппозиции раскритиковали проект, который, по их словам, повысит налоги.'],
  ['iso-8859-5', 'ISO-8859-5', 'Правительство объявило в среду, что переговоры о бюджете начнутся на следующей неделе. Депутаты оппозиции раскритиковали проект, который, по их словам, повысит налоги.'],
  ['ibm866', 'IBM866', 'Правительство объявило в среду, что переговоры о бюджете начнутся на следующей неделе. Депутаты оппозиции раскритиковали проект, который, по их словам, повысит налоги.'],
  ['windows-1256', 'Windows-1256', 'أعلنت الحكومة يوم الأربعاء أن المفاوضات بشأن الميزانية ستبدأ الأسبوع المقبل. وانتقد نواب المعارضة المشروع الذي قالوا إنه سيرفع الضرائب على الشركات الصغيرة.'],
  ['iso-8859-6', 'ISO-8859-6', 'أعلنت الحكومة يوم الأربعاء أن المفاوضات بشأن الميزانية ستبدأ الأسبوع المقبل. وانتقد نواب المعارضة المشروع الذي قالوا إنه سيرفع الضرائب على الشركات الصغيرة.'],
  ['windows-1255', 'Windows-1255', 'הממשלה הודיעה ביום רביעי כי המשא ומתן על התקציב יחל בשבוע הבא. חברי האופוזיציה מתחו ביקורת על ההצעה, שלדבריהם תעלה את המסים על עסקים קטנים.'],
  // Plain Hebrew letters are the same bytes in ISO-8859-8 and Windows-1255; either name decodes the file exactly.
  ['iso-8859-8', 'ISO-8859-8|Windows-1255', 'הממשלה הודיעה ביום רביעי כי המשא ומתן על התקציב יחל בשבוע הבא. חברי האופוזיציה מתחו ביקורת על ההצעה, שלדבריהם תעלה את המסים על עסקים קטנים.'],
  ['shift_jis', 'Shift_JIS', '政府は水曜日、予算に関する交渉を来週開始すると発表した。野党議員は、この案が中小企業への税負担を増やすと批判している。'],
];

/** The sample sentence written in `encoding` (a LEGACY_SAMPLES name). */
function sampleText(encoding: string): string {
  return present(LEGACY_SAMPLES.find(([name]) => name === encoding), `the ${encoding} sample`)[2];
}

describe('byte order marks', () => {
  const text = 'Grüße \u{1F1F1}\u{1F1E7} שלום 𝐀';
  for (const [name, body] of [
    ['UTF-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-32LE', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode(text, 'utf32le', { addBOM: false })])],
    ['UTF-32BE', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), iconv.encode(text, 'utf32be', { addBOM: false })])],
  ] as const) {
    it(`decodes ${name} with its BOM exactly and records the BOM`, () => {
      const r = ok(decode(body));
      assert.equal(r.text, text);
      assert.equal(r.encoding, name);
      assert.equal(r.hadBom, true);
      assert.equal(r.basis, 'bom');
      assert.equal(r.confidence, null);
    });
  }

  it('refuses UTF-16 with an unpaired surrogate, naming it and its byte offset', () => {
    const high = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8, 0x42, 0x00]); // "A", lone U+D83D, "B"
    assert.match(refused(decode(high)), /^invalid UTF-16LE text: unpaired high surrogate 0xD83D at byte offset 4$/);
    const low = Buffer.from([0xfe, 0xff, 0x00, 0x41, 0xdc, 0x00]); // "A", lone U+DC00
    assert.match(refused(decode(low)), /^invalid UTF-16BE text: unpaired low surrogate 0xDC00 at byte offset 4$/);
    const trailing = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8]); // high surrogate at the very end
    assert.match(refused(decode(trailing)), /unpaired high surrogate/);
  });

  it('refuses UTF-16 with an odd number of bytes and UTF-32 with a non-scalar value', () => {
    assert.match(refused(decode(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]))), /odd number of bytes/);
    assert.match(refused(decode(Buffer.from([0xff, 0xfe, 0, 0, 0x00, 0xd8, 0, 0]))), /not a Unicode scalar value/);
  });

  it('refuses a UTF-8 BOM followed by bytes that are not UTF-8, saying where', () => {
    assert.match(refused(decode(bytes([0xef, 0xbb, 0xbf], 'caf', [0xe9]))), /UTF-8 byte order mark.*offset 6/);
  });
});

describe('binary files', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['a PNG image', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), /PNG/],
    ['a JPEG image', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), /JPEG/],
    ['a GIF image', bytes('GIF89a', [1, 0, 1, 0]), /GIF/],
    ['a PDF (even an all-ASCII one)', bytes('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), /PDF/],
    ['a ZIP or office file', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /ZIP/],
    ['an old office file', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /office/],
    ['an ELF executable', bytes([0x7f], 'ELF', [2, 1, 1]), /executable/],
    ['a Windows executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]), /executable/],
    ['a SQLite database', bytes('SQLite format 3', [0]), /SQLite/],
    ['NUL bytes in what is not UTF-16', Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 7919) % 256)), /NUL/],
  ];
  for (const [what, body, kind] of cases) {
    it(`refuses ${what} with a reason starting "binary file"`, () => {
      const reason = refused(decode(body));
      assert.match(reason, /^binary file \(/);
      assert.match(reason, kind);
    });
  }

  it('does not take prose that starts like a short signature for a binary file', () => {
    for (const text of ['MZ Holdings said on Monday it would buy the firm.', 'BM shares fell 3%.', 'GIF: the format turns 37.']) {
      assert.equal(ok(decode(Buffer.from(text))).text, text);
    }
  });

  it('reads BOM-less UTF-16 and UTF-32 (NUL bytes that Unicode explains) but not NUL-laden junk', () => {
    const latin = 'Hello world, this is UTF-16 without a byte order mark.\n';
    const cyrillic = 'Привет мир, это текст в кодировке UTF-16 без метки порядка байтов.';
    for (const [text, encoding, name] of [
      [latin, 'utf16le', 'UTF-16LE'],
      [cyrillic, 'utf16le', 'UTF-16LE'],
      [latin, 'utf16be', 'UTF-16BE'],
      [latin, 'utf32le', 'UTF-32LE'],
    ] as const) {
      const r = ok(decode(iconv.encode(text, encoding, { addBOM: false })));
      assert.equal(r.text, text);
      assert.equal(r.encoding, name);
      assert.equal(r.hadBom, false);
      assert.equal(r.basis, 'detected');
    }
  });
});

describe('UTF-8 and ISO-2022', () => {
  it('takes valid UTF-8 as UTF-8, whatever else the bytes might also be', () => {
    const text = 'Ceasefire talks 🕊️ resume; Ärger in Köln; 𝐀 \u{20000}';
    const r = ok(decode(Buffer.from(text)));
    assert.deepEqual([r.text, r.encoding, r.hadBom, r.basis], [text, 'UTF-8', false, 'utf8']);
  });

  it('reads seven-bit ISO-2022-JP, which is also valid UTF-8, as Japanese rather than escape codes', () => {
    const r = ok(decode(Buffer.from('\x1b$B$3$s$K$A$O\x1b(B, world', 'latin1')));
    assert.equal(r.text, 'こんにちは, world');
    assert.equal(r.encoding, 'ISO-2022-JP');
  });

  it('reads seven-bit ISO-2022-KR (SO/SI around KS X 1001 bytes) as Korean rather than escape codes', () => {
    const text = '서울에서 회담이 열렸다. Talks opened in Seoul.';
    const euc = iconv.encode('서울에서 회담이 열렸다.', 'cp949');
    const shifted = Buffer.from(Array.from(euc, (b) => (b === 0x20 ? 0x20 : b & 0x7f)));
    // Spaces inside the Korean run are ASCII spaces: shift out and back in around them.
    const parts: number[] = [0x1b, 0x24, 0x29, 0x43];
    let korean = false;
    for (const [i, b] of shifted.entries()) {
      const isKorean = nth(euc, i, 'the EUC-KR byte under a shifted one') >= 0x80;
      if (isKorean !== korean) parts.push(isKorean ? 0x0e : 0x0f);
      korean = isKorean;
      parts.push(b);
    }
    if (korean) parts.push(0x0f);
    const r = ok(decode(Buffer.concat([Buffer.from(parts), Buffer.from(' Talks opened in Seoul.')])));
    assert.deepEqual([r.text, r.encoding], [text, 'ISO-2022-KR']);
  });

  it('refuses damaged UTF-8 (good sequences and a stray byte) instead of turning it into mojibake', () => {
    const damaged = Buffer.concat([Buffer.from('Grüße aus Köln, schöne Grüße. '), Buffer.from([0xe9]), Buffer.from(' Ende.')]);
    assert.match(refused(decode(damaged)), /^damaged UTF-8: .*byte 0xE9 at offset 36/);
  });
});

describe('legacy encodings', () => {
  for (const [iconvName, expected, text] of LEGACY_SAMPLES) {
    it(`detects ${iconvName} and decodes it exactly`, () => {
      const r = ok(decode(enc(text, iconvName)));
      assert.equal(r.text, text);
      assert.ok(expected.split('|').includes(r.encoding), `${r.encoding} is not ${expected}`);
      assert.equal(r.hadBom, false);
      assert.ok(['detected', 'guessed'].includes(r.basis));
      assert.equal(typeof r.confidence, 'number');
    });
  }

  it('reads a lone Latin-1 byte in ASCII text (BBC sport/199.txt\'s £) as Windows-1252, recorded as a guess', () => {
    const r = ok(decode(bytes('Chelsea paid ', [0xa3], '5m for the striker.\n')));
    assert.equal(r.text, 'Chelsea paid £5m for the striker.\n');
    assert.equal(r.encoding, 'Windows-1252');
    assert.equal(r.basis, 'guessed');
  });

  it('never refuses a short file only for low confidence: Windows-1252 it is, as a guess', () => {
    for (const [raw, text] of [
      [bytes('Caf', [0xe9]), 'Café'],
      [bytes([0x93], 'Yes', [0x94], ' ', [0x96], ' he said.'), '“Yes” – he said.'],
      [bytes('na', [0xef], 've'), 'naïve'],
    ] as const) {
      const r = ok(decode(raw));
      assert.equal(r.text, text);
      assert.equal(r.encoding, 'Windows-1252');
      assert.equal(r.basis, 'guessed');
    }
  });

  it('reads short Western texts exactly, never as a Mac, DOS or non-Latin code page', () => {
    // A handful of accented letters: the detector alone may name IBM437, MacRoman or (French) Windows-1256.
    for (const text of [
      'Müller sagt: Größe zählt nicht.',
      'São Paulo é a maior cidade.',
      'Él llegó ayer.',
      'Ça va. Où est la gare ? À bientôt.',
      'Æblegrød og rødgrød med fløde på Ærø.',
      'Le gouvernement a annoncé mercredi que les négociations commenceront. « C’est une priorité », a-t-il déclaré.',
      // Windows-1250 0.010 against Windows-1252 0.009: a near tie goes to Windows-1252 ("crème", not "crčme").
      '<html><head><title>Hi &amp; bye</title></head><body><p>Café crème</p></body></html>',
    ]) {
      const r = ok(decode(enc(text, 'windows-1252')));
      assert.equal(r.text, text);
      assert.ok(findEncoding(r.encoding)?.group === 'Western European' || r.encoding === 'Windows-1250', r.encoding);
    }
  });

  it('reads ISO-8859-1-looking bytes with curly quotes (0x80–0x9F) as Windows-1252, never as C1 controls', () => {
    const text = 'The minister said “we will not negotiate” – and left. ' + 'Ça coûte 5 € à Genève. '.repeat(4);
    const r = ok(decode(enc(text, 'windows-1252')));
    assert.equal(r.text, text);
    assert.doesNotMatch(r.text, /[\u0080-\u009f]/);
  });

  it('refuses bytes that no encoding it knows explains, saying which byte', () => {
    const pattern = [1, 2, 3, 0x81, 0xf5, 4, 5, 6];
    const junk = Buffer.from(Array.from({ length: 400 }, (_, i) => nth(pattern, i % pattern.length, 'a junk byte')));
    assert.match(refused(decode(junk)), /byte 0x81 at offset 3/);
  });
});

describe('declared charsets (HTML)', () => {
  const arabic = sampleText('windows-1256');

  it('uses the declared charset when the bytes are not UTF-8 and all decode in it', () => {
    const r = ok(decode(enc(arabic, 'windows-1256'), { declaredCharset: 'windows-1256' }));
    assert.deepEqual([r.text, r.encoding, r.basis], [arabic, 'Windows-1256', 'declared']);
  });

  it('ignores a declared UTF-8 that the bytes are not, and detects instead', () => {
    const r = ok(decode(enc(arabic, 'windows-1256'), { declaredCharset: 'utf-8' }));
    assert.deepEqual([r.text, r.encoding, r.basis], [arabic, 'Windows-1256', 'detected']);
  });

  it('ignores a declaration when the bytes are valid UTF-8 (the declaration is the likelier mistake)', () => {
    const r = ok(decode(Buffer.from('Grüße'), { declaredCharset: 'iso-8859-1' }));
    assert.deepEqual([r.text, r.encoding], ['Grüße', 'UTF-8']);
  });

  it('reads a declared Latin-1 with bytes in 0x80–0x9F as Windows-1252 (as browsers do)', () => {
    const r = ok(decode(bytes([0x93], 'Hi', [0x94]), { declaredCharset: 'ISO-8859-1' }));
    assert.deepEqual([r.text, r.encoding, r.basis], ['“Hi”', 'Windows-1252', 'declared']);
  });
});

describe('decoding with an encoding chosen by hand', () => {
  it('decodes with the chosen encoding and records it as chosen', () => {
    const r = ok(decodeAs(enc('Příliš žluťoučký kůň', 'windows-1250'), 'ISO-8859-2'));
    assert.equal(r.encoding, 'ISO-8859-2');
    assert.equal(r.basis, 'chosen');
  });

  it('drops a BOM of the chosen encoding and keeps hadBom', () => {
    const r = ok(decodeAs(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x')]), 'utf-8'));
    assert.deepEqual([r.text, r.hadBom, r.basis], ['x', true, 'chosen']);
  });

  it('refuses bytes the chosen encoding leaves undefined, naming the byte, rather than storing U+FFFD', () => {
    assert.match(refused(decodeAs(bytes('abc', [0x81], 'd'), 'Windows-1252')), /0x81 at offset 3/);
    assert.match(refused(decodeAs(Buffer.from('x'), 'klingon')), /does not know the encoding "klingon"/);
  });
});

describe('the encoding registry', () => {
  it('decodes with every encoding it offers, and resolves each name and alias to one entry', () => {
    const seen = new Map<string, string>();
    for (const entry of ENCODINGS) {
      assert.ok(hasDecoder(entry), `${entry.name}: no decoder ${entry.decoder}`);
      for (const alias of [entry.name, ...entry.aliases]) {
        const key = normaliseName(alias);
        assert.ok(!seen.has(key) || seen.get(key) === entry.name, `${alias} names both ${seen.get(key)} and ${entry.name}`);
        seen.set(key, entry.name);
        assert.equal(findEncoding(alias)?.name, entry.name);
      }
    }
  });

  it('marks as common exactly the encodings the detector may choose on thin evidence (the issue\'s list)', () => {
    const common = ENCODINGS.filter((e) => e.common).map((e) => e.name);
    assert.deepEqual(common.sort(), [
      'IBM866', 'ISO-8859-1', 'ISO-8859-15', 'ISO-8859-2', 'ISO-8859-5', 'ISO-8859-6', 'ISO-8859-8', 'KOI8-R', 'Shift_JIS',
      'UTF-16BE', 'UTF-16LE', 'UTF-8', 'Windows-1250', 'Windows-1251', 'Windows-1252', 'Windows-1255', 'Windows-1256',
    ]);
  });
});

describe('what the importer records', () => {
  it('normalises line endings to LF and records the original ones, the BOM and the encoding', async () => {
    const { project } = newProject();
    const cases: [string, Uint8Array, string, boolean, string, string][] = [
      ['crlf.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('one\r\ntwo\r\n')]), 'CRLF', true, 'UTF-8', 'one\ntwo\n'],
      ['cr.txt', Buffer.from('three\rfour\r'), 'CR', false, 'UTF-8', 'three\nfour\n'],
      ['mixed.txt', Buffer.from('a\r\nb\rc\nd'), 'mixed', false, 'UTF-8', 'a\nb\nc\nd'],
      ['lf.txt', Buffer.from('x\ny'), 'LF', false, 'UTF-8', 'x\ny'],
      ['none.txt', Buffer.from('single line'), 'none', false, 'UTF-8', 'single line'],
      ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('p\r\nq', 'utf16le')]), 'CRLF', true, 'UTF-16LE', 'p\nq'],
      ['koi8.txt', enc(sampleText('koi8-r') + '\r\n', 'koi8-r'), 'CRLF', false, 'KOI8-R', sampleText('koi8-r') + '\n'],
    ];
    for (const [name, body, endings, bom, encoding, text] of cases) {
      const report = await importBytes(project, name, body);
      assert.equal(report.imported.length, 1, `${name}: ${JSON.stringify(report)}`);
      const a = project.articles.get(nth(report.imported, 0, `${name} imported`).articleId);
      assert.deepEqual(
        [a.text, a.originalLineEndings, a.hadBom, a.encoding, a.hasSourceBytes],
        [text, endings, bom, encoding, true],
        name,
      );
      // The original bytes are kept exactly, for re-decoding.
      assert.deepEqual(Buffer.from(project.sources.get(a.id)!.bytes), Buffer.from(body));
    }
    project.close();
  });

  it('normalises to NFC and records that it did', async () => {
    const { project } = newProject();
    const composed = nth((await importBytes(project, 'nfc.txt', 'Caf\u00e9')).imported, 0, 'nfc.txt imported');
    const decomposed = nth((await importBytes(project, 'nfd.txt', 'Cafe\u0301 au lait')).imported, 0, 'nfd.txt imported');
    assert.equal(project.articles.get(composed.articleId).normalizedToNfc, false);
    const a = project.articles.get(decomposed.articleId);
    assert.equal(a.text, 'Caf\u00e9 au lait');
    assert.equal(a.normalizedToNfc, true);
    project.close();
  });

  it('records how the encoding was decided and flags guesses in the report', async () => {
    const { project } = newProject();
    const dir = tempDir();
    const files = [
      writeFile(dir, 'bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('bom')])),
      writeFile(dir, 'utf8.txt', 'plain'),
      writeFile(dir, 'koi8.txt', enc(sampleText('koi8-r'), 'koi8-r')),
      writeFile(dir, 'guess.txt', bytes('Caf', [0xe9])),
    ];
    const report = await importPaths(project, files);
    const basis = report.imported.map((i) => [i.file.split('/').pop(), project.articles.get(i.articleId).encodingBasis, i.encodingGuessed ?? false]);
    assert.deepEqual(basis, [
      ['bom.txt', 'bom', false],
      ['utf8.txt', 'utf8', false],
      ['koi8.txt', 'detected', false],
      ['guess.txt', 'guessed', true],
    ]);
    assert.equal(typeof project.articles.get(nth(report.imported, 2, 'koi8.txt imported').articleId).encodingConfidence, 'number');
    project.close();
  });

  it('sorts a mixed batch into imported and rejected with specific reasons, one bad file stopping nothing', async () => {
    const { project } = newProject();
    const dir = tempDir();
    writeFile(dir, 'a-good.txt', 'fine');
    writeFile(dir, 'b-image.txt', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    writeFile(dir, 'c-surrogate.txt', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8]));
    writeFile(dir, 'd-damaged.txt', Buffer.concat([Buffer.from('Grüße '), Buffer.from([0xe9])]));
    writeFile(dir, 'e-nul-char.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\u0000b', 'utf16le')]));
    writeFile(dir, 'f-cyrillic.txt', enc(sampleText('windows-1251'), 'windows-1251'));
    writeFile(dir, 'g-empty.txt', '');
    const report = await importPaths(project, [dir]);
    assert.deepEqual(
      report.imported.map((i) => i.file.split('/').pop()),
      ['a-good.txt', 'f-cyrillic.txt'],
    );
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.file.split('/').pop(), r.reason]));
    assert.match(reasons['b-image.txt'], /^binary file \(a PNG image\)$/);
    assert.match(reasons['c-surrogate.txt'], /unpaired high surrogate/);
    assert.match(reasons['d-damaged.txt'], /^damaged UTF-8/);
    assert.match(reasons['e-nul-char.txt'], /NUL characters/);
    assert.equal(reasons['g-empty.txt'], 'empty file');
    project.close();
  });
});

// Issue 15: the code pages added or fixed, each with a fixture generated here (never corpus text). Where iconv-lite
// has no encoder (EBCDIC, Johab), the bytes are built from the published layout of the code page.
describe('DOS, Mac, ISO, EBCDIC and Korean code pages (issue 15)', () => {
  const western = (encoding: string, text: string, expected: string[]) => {
    const r = ok(decode(enc(text, encoding)));
    assert.equal(r.text, text, encoding);
    assert.ok(expected.includes(r.encoding), `${encoding}: read as ${r.encoding}`);
    return r;
  };

  it('reads Mac OS Roman, with 0xDB as the euro sign (Apple since 1998), not as Windows-1252', () => {
    const text =
      'Le café coûte désormais 5 € à Genève, a déclaré mercredi le président. « C’est très cher », répondent les élèves — une première.\n' +
      'Die Bürger in Köln ärgern sich über höhere Gebühren für das Frühstück.\n';
    // iconv-lite still maps 0xDB to "¤"; its encoder writes the byte, and Gloss must read it as "€".
    const bytes = enc(text.replace('€', '¤'), 'macroman');
    assert.ok(bytes.includes(0xdb));
    const r = ok(decode(bytes));
    assert.equal(r.text, text);
    assert.equal(r.encoding, 'MacRoman');
    assert.equal(ok(decodeAs(Buffer.from([0x35, 0x20, 0xdb]), 'MacRoman')).text, '5 €');
  });

  it('reads DOS code pages by their accented letters and box drawing (CP850, CP437, CP865)', () => {
    western('cp850', 'Hij zei dat het één keer wéér zou gebeuren. De ideeën van de coöperatie zijn creëren en beheren.\n', ['IBM850', 'IBM858', 'IBM437']);
    western('cp437', '╔══════════╗\n║ Résumé   ║\n╚══════════╝\nLe garçon a payé à la caisse, très vite.\n', ['IBM437', 'IBM850', 'IBM858']);
    western('cp865', 'Lampen har en høyde på 33 cm og en bredde på 14 cm. Det gir 5 års garanti på lampen, sa sjøfolkene.\n', ['IBM865', 'IBM850', 'IBM858']);
  });

  it('reads ISO-8859-3, -9, -14 and Windows-1258 by the letters of the language', () => {
    western('iso88593', "Il-Gvern ħabbar illum li l-ġurnata tal-elezzjoni se tkun f'Ġunju. Iż-żgħażagħ ċelebraw fit-toroq ta' Ħal Qormi.\n".repeat(3), ['ISO-8859-3']);
    western('iso88599', 'Hükümet çarşamba günü bütçe görüşmelerinin gelecek hafta başlayacağını açıkladı. Muhalefet milletvekilleri tasarıyı eleştirdi.\n'.repeat(2), ['ISO-8859-9', 'Windows-1254']);
    western('iso885914', "Dywedodd y Prif Weinidog fod y ddeiseb i Dŷ'r Cyffredin yn bwysig. Mae'r ŵyl yn dechrau yfory ym Mhwllheli, a'r ŷd yn barod.\n".repeat(3), ['ISO-8859-14']);
    // Windows-1258 writes tones as combining marks after â ê ô ơ ư ă and plain vowels: decompose the tones only.
    const vietnamese = 'Chính phủ cho biết các cuộc đàm phán về ngân sách sẽ bắt đầu vào tuần tới. Các đại biểu đối lập chỉ trích dự thảo.\n'.repeat(2);
    const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
    const as1258 = vietnamese.normalize('NFD').replace(/\p{L}\p{M}*/gu, (cluster) => cluster.replace(TONES, '').normalize('NFC') + (cluster.match(TONES) ?? []).join(''));
    const v = ok(decode(enc(as1258, 'windows1258')));
    assert.equal(v.text.normalize('NFC'), vietnamese);
    assert.equal(v.encoding, 'Windows-1258');
  });

  it('reads Romanian ș and ț from ISO-8859-16, and Polish from it without turning ą into a breve', () => {
    western('iso885916', 'Guvernul a anunțat miercuri că negocierile privind bugetul vor începe săptămâna viitoare. „Este o prioritate”, a declarat ministrul.\n'.repeat(2), ['ISO-8859-16']);
    western('iso885916', 'Rząd ogłosił w środę, że rozmowy w sprawie budżetu rozpoczną się w przyszłym tygodniu. Posłowie opozycji skrytykowali projekt.\n'.repeat(2), ['ISO-8859-16']);
  });

  it('reads Kazakh in KZ-1048 and PTCP154', () => {
    const kazakh = 'Қазақстан Республикасының үкіметі сәрсенбі күні бюджет туралы келіссөздер келесі аптада басталатынын хабарлады. Өңірлердегі әкімдер ұсынысты қолдады.\n'.repeat(2);
    for (const [encoding, names] of [['rk1048', ['KZ-1048', 'PTCP154']], ['pt154', ['PTCP154', 'KZ-1048']]] as const) {
      const r = ok(decode(enc(kazakh, encoding)));
      assert.equal(r.text, kazakh, encoding);
      assert.ok((names as readonly string[]).includes(r.encoding), `${encoding}: read as ${r.encoding}`);
    }
  });

  it('reads EBCDIC (IBM500 / IBM037) when the bytes say so: 0x40 spaces, letters above 0x80', () => {
    // The EBCDIC layout shared by IBM037 and IBM500: a–i 0x81–, j–r 0x91–, s–z 0xA2–, capitals +0x40, digits 0xF0–,
    // space 0x40, "." 0x4B, "," 0x6B, line feed 0x25, and the Latin-1 accents é 0x51, è 0x54, à 0x44, ç 0x48.
    const ebcdic = (s: string) =>
      Buffer.from(
        [...s].map((ch) => {
          const special: Record<string, number> = { ' ': 0x40, '.': 0x4b, ',': 0x6b, '\n': 0x25, é: 0x51, è: 0x54, à: 0x44, ç: 0x48 };
          if (special[ch] !== undefined) return special[ch];
          const lower = ch.toLowerCase();
          const base = lower <= 'i' ? 0x81 + lower.charCodeAt(0) - 0x61 : lower <= 'r' ? 0x91 + lower.charCodeAt(0) - 0x6a : 0xa2 + lower.charCodeAt(0) - 0x73;
          if (ch >= '0' && ch <= '9') return 0xf0 + Number(ch);
          return ch === lower ? base : base + 0x40;
        }),
      );
    const text = 'Le gouvernement a annoncé mercredi que les négociations sur le budget commenceront la semaine prochaine.\nLes élèves du lycée ont manifesté, a déclaré le maire de Genève.\n'.repeat(3);
    const r = ok(decode(ebcdic(text)));
    assert.equal(r.text, text);
    assert.ok(['IBM500', 'IBM037', 'IBM1140'].includes(r.encoding), r.encoding);
    // ASCII text with an @ here and there is not EBCDIC.
    assert.equal(ok(decode(bytes('Write to press@example.org or desk@example.org. Caf', [0xe9], '.'))).encoding, 'Windows-1252');
  });

  it('reads Johab (Hangul composed from jamo indexes) and refuses bytes Johab leaves undefined', () => {
    // KS X 1001 annex 3: 1 bit set, 5 bits initial (index + 2), 5 bits medial (code), 5 bits final (code; 1 = none).
    const MEDIAL = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 26, 27, 28, 29];
    const johab = (s: string) =>
      Buffer.from(
        [...s].flatMap((ch) => {
          const cp = ch.codePointAt(0)!;
          if (cp < 0x80) return [cp];
          const n = cp - 0xac00;
          const initial = Math.floor(n / 588);
          const medial = Math.floor((n % 588) / 28);
          const final = n % 28;
          const code = 0x8000 | ((initial + 2) << 10) | (nth(MEDIAL, medial, 'a Johab medial') << 5) | (final === 0 ? 1 : final <= 16 ? final + 1 : final + 2);
          return [code >> 8, code & 0xff];
        }),
      );
    const text = '정부는 수요일 다음 주에 예산 협상을 시작한다고 발표했다. 야당 의원들은 이 안이 중소기업의 세금 부담을 늘린다고 비판했다.\n'.repeat(2);
    const r = ok(decode(johab(text)));
    assert.deepEqual([r.text, r.encoding], [text, 'Johab']);
    assert.match(refused(decodeAs(Buffer.from([0x41, 0xd8, 0x31]), 'Johab')), /0xD8 at offset 1/);
  });

  it('honours an XML declaration, and reads a declared ISO code page with 0x80–0x9F bytes as its Windows twin', () => {
    const turkish = 'Hükümet çarşamba günü bütçe görüşmelerinin başlayacağını açıkladı.';
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1254"?>\n<p>'), enc(turkish, 'windows1254'), Buffer.from('</p>\n')]);
    const r = ok(decode(xml));
    assert.deepEqual([r.encoding, r.basis], ['Windows-1254', 'declared']);
    assert.ok(r.text.includes(turkish));
    const thai = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="tis-620"?>\n<p>'), enc('รัฐบาล • ประกาศ', 'windows874'), Buffer.from('</p>')]);
    const t = ok(decode(thai));
    assert.deepEqual([t.encoding, t.basis], ['Windows-874', 'declared']);
    assert.ok(t.text.includes('รัฐบาล • ประกาศ'));
  });

  it('compares readings on the first megabyte but decodes (and checks) the whole file', () => {
    const cyrillic = sampleText('windows-1251') + '\n';
    const big = cyrillic.repeat(Math.ceil((1.5 * (1 << 20)) / cyrillic.length));
    const r = ok(decode(enc(big, 'windows-1251')));
    assert.deepEqual([r.text === big, r.encoding], [true, 'Windows-1251']);
    // A byte Windows-1252 leaves undefined (0x81) after the first megabyte: the whole file must still decode.
    const western = 'Le président a déclaré mercredi que les négociations reprendraient à Genève.\n';
    const head = enc(western.repeat(Math.ceil((1.2 * (1 << 20)) / western.length)), 'windows-1252');
    const w = ok(decode(Buffer.concat([head, Buffer.from([0x81, 0x0a])])));
    assert.ok(w.text.startsWith(western) && w.text.endsWith('\u0081\n'), w.encoding);
  });

  it('marks a close call as guessed, keeps the runner-up, and re-decodes with it in one call', async () => {
    // Romanian bytes 0xBA/0xFE are "ș"/"ț" in ISO-8859-16 and "ş"/"ţ" in ISO-8859-2 and Windows-1250: the bytes
    // cannot tell; ISO-8859-16 wins (Romania's standard), as a guess, with the Latin-2 reading second.
    const modern = 'Guvernul a anunțat miercuri că negocierile privind bugetul vor începe săptămâna viitoare, iar sindicatele și patronatele sunt de acord.\n'.repeat(3);
    const legacy = modern.replace(/ș/g, 'ş').replace(/ț/g, 'ţ');
    const bytesOfFile = enc(modern, 'iso885916');
    const r = ok(decode(bytesOfFile));
    assert.deepEqual([r.text, r.encoding, r.basis], [modern, 'ISO-8859-16', 'guessed']);
    assert.ok(r.runnerUp === 'ISO-8859-2' || r.runnerUp === 'Windows-1250', `runner-up ${r.runnerUp}`);

    const { project } = newProject();
    const report = await importBytes(project, 'romanian.txt', bytesOfFile);
    const imported = nth(report.imported, 0, 'romanian.txt imported');
    assert.equal(imported.encodingGuessed, true);
    assert.equal(imported.encodingRunnerUp, r.runnerUp);
    const before = project.articles.get(imported.articleId);
    assert.deepEqual([before.encodingBasis, before.encodingRunnerUp], ['guessed', r.runnerUp]);
    const result = redecodeArticle(project, imported.articleId, before.encodingRunnerUp!);
    assert.equal(result.applied, true);
    const after = project.articles.get(imported.articleId);
    assert.deepEqual([after.text, after.encoding, after.encodingBasis, after.encodingRunnerUp], [legacy, r.runnerUp, 'chosen', null]);
    project.close();
  });
});
