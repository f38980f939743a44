// Word, PDF and RTF import (issue 15): each reader on synthetic files written here (a DOCX with paragraphs, lists
// and a table; a two-column PDF with hyphenation and running headers; a scanned PDF; an RTF with \uN/\ucN and
// \'hh code pages), then the real importer and session on real files: the report's notes, the kept bytes, the
// article record, re-decoding, and a coding whose exported text is its code-point slice of the stored text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Article, Code, Coding, ImportReport } from '../../src-main/contract/types';
import { extractDocx } from '../../src-main/core/import/sources/docx';
import { textHash } from '../../src-main/core/store/integrity';
import { DocumentRefusal } from '../../src-main/core/import/sources/document';
import { extractPdf, layoutPage, toDocument, type Piece } from '../../src-main/core/import/sources/pdf';
import { extractRtf } from '../../src-main/core/import/sources/rtf';
import { rtfParagraphs } from '../../src-main/core/import/sources/rtfParagraphs';
import { minimalDocx, minimalPdf, wli, wp, wr, type PdfLine } from './document-fixtures';
import { builtCli, corpusDir, cpSlice, newProject, importPaths, newSession, tempDir, writeFile } from './import-support';
import { databaseAfterMigrations, openUpgraded } from './old-formats';
import { firstItems, nth, present } from './present';

// ---- DOCX ---------------------------------------------------------------------------------------------------------

const NUMBERING = `
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`;

const STYLES = `
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`;

const cell = (...paragraphs: string[]) => `<w:tc>${paragraphs.map((p) => wp(wr(p))).join('')}</w:tc>`;

/** A Word document with what news files hold: split runs, a tab, a link, lists, a table, an image, notes. */
function newsDocx(): Uint8Array {
  return minimalDocx({
    numbering: NUMBERING,
    styles: STYLES,
    comments: '<w:comment w:id="0" w:author="ed"><w:p><w:r><w:t>check this</w:t></w:r></w:p></w:comment>',
    header: wp(wr('Harbour Gazette internal')),
    body: [
      wp(wr('Aid con') + wr('voy waits at the crossing')),
      wp(
        wr('Officials said on Tuesday') +
          '<w:r><w:tab/></w:r>' +
          wr('that ') +
          '<w:hyperlink r:id="rId9">' + wr('the ministry') + '</w:hyperlink>' +
          '<w:del w:id="1" w:author="ed"><w:r><w:delText>never</w:delText></w:r></w:del>' +
          wr(' will respond') +
          wr(' secretly', '<w:vanish/>') +
          '<w:r><w:footnoteReference w:id="1"/></w:r>' +
          wr('. Cafe\u0301 \u{1F1F1}\u{1F1E7}'),
      ),
      wli(1, 0, 'Water'),
      wli(1, 1, 'Bottled'),
      wli(1, 0, 'Food'),
      wli(2, 0, 'First step'),
      wli(2, 1, 'detail'),
      wli(2, 0, 'Second step'),
      wp(wr('Styled item'), '<w:pStyle w:val="ListBullet"/>'),
      `<w:tbl><w:tr>${cell('Town')}${cell('Trucks')}</w:tr><w:tr>${cell('Rafah')}${cell('12', 'at dawn')}</w:tr></w:tbl>`,
      '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/></wp:inline></w:drawing></w:r></w:p>',
      wp(wr('Line one') + '<w:r><w:br/></w:r>' + wr('line two ') + wr('Al') + '<w:r><w:noBreakHyphen/></w:r>' + wr('Aqsa')),
    ].join(''),
  });
}

const DOCX_TEXT = [
  'Aid convoy waits at the crossing',
  'Officials said on Tuesday\tthat the ministry will respond. Cafe\u0301 \u{1F1F1}\u{1F1E7}',
  '• Water\n  ◦ Bottled\n• Food',
  '1. First step\n  a) detail\n2. Second step',
  '• Styled item',
  'Town\tTrucks\nRafah\t12 at dawn',
  'Line one\nline two Al-Aqsa',
].join('\n\n');

describe('DOCX reader', () => {
  it('keeps paragraphs, list numbers and bullets, table rows and line breaks, in reading order', () => {
    const doc = extractDocx(newsDocx());
    assert.equal(doc.text, DOCX_TEXT);
    assert.deepEqual(doc.paragraphs.slice(0, 3), ['Aid convoy waits at the crossing', doc.text.split('\n\n')[1], '• Water']);
  });

  it('notes what it left out or reshaped', () => {
    const { notes } = extractDocx(newsDocx());
    for (const expected of [
      /^1 table kept as text rows \(cells separated by tabs\)$/,
      /^1 image left out$/,
      /^1 footnote left out$/,
      /^1 comment left out$/,
      /^1 tracked deletion left out/,
      /^1 run of hidden text left out$/,
      /^page headers and footers left out$/,
    ]) {
      assert.ok(notes.some((n) => expected.test(n)), `${expected} in ${JSON.stringify(notes)}`);
    }
  });

  it('joins a drop cap to its paragraph and renders a restarted numbered list from its start value', () => {
    const numbering = `<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>`;
    const doc = extractDocx(
      minimalDocx({
        numbering,
        body: wp(wr('T'), '<w:framePr w:dropCap="drop" w:lines="3"/>') + wp(wr('he harbour reopened.')) + wli(7, 0, 'Fourth') + wli(7, 0, 'Fifth'),
      }),
    );
    assert.equal(doc.text, 'The harbour reopened.\n\nIV. Fourth\nV. Fifth');
  });

  it('reads a document saved as Strict Open XML (another namespace, the same elements)', () => {
    assert.equal(extractDocx(minimalDocx({ strict: true, body: wp(wr('Strict one')) + wp(wr('two')) })).text, 'Strict one\n\ntwo');
  });

  it('refuses what is not a .docx clearly', () => {
    assert.throws(() => extractDocx(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), (e: Error) => e instanceof DocumentRefusal && /old Word 97–2003 \(\.doc\)/.test(e.message));
    assert.throws(() => extractDocx(new TextEncoder().encode('plain text, renamed')), /not a Word file/);
    assert.throws(() => extractDocx(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0])), /damaged Word file/);
  });
});

// ---- PDF ----------------------------------------------------------------------------------------------------------

function twoColumnPage(n: number, pages: number, left: string[], right: string[], headline?: string): { lines: PdfLine[] } {
  return {
    lines: [
      { x: 72, y: 760, text: 'The Harbour Gazette', size: 9 },
      ...(headline ? [{ x: 72, y: 690, text: headline, size: 18 }] : []),
      ...left.map((text, i) => ({ x: 72, y: 650 - i * 12, text })),
      ...right.map((text, i) => ({ x: 320, y: 650 - i * 12, text })),
      { x: 290, y: 30, text: `Page ${n} of ${pages}`, size: 9 },
    ],
  };
}

function newsPdf(): Uint8Array {
  return minimalPdf([
    twoColumnPage(
      1,
      2,
      [
        'Negotiators met again on Monday in the',
        'old customs house, where the negoti-',
        'ations had stalled in the spring.',
        'Both delegations brought Anglo-',
        'Saxon lawyers and a long list of',
        'demands about the reconstruc-',
      ],
      ['tion of the eastern pier.', 'A second round is planned for June.', 'Fishermen and ferry operators want a seat', 'at the table as well.'],
      'Harbour talks resume after a long pause',
    ),
    twoColumnPage(
      2,
      2,
      ['Port workers said they hoped for', 'a quick agreement before the', 'summer season begins.'],
      ['The ministry did not comment on', 'the talks, a spokes-', 'woman said.'],
    ),
  ]);
}

const PDF_TEXT = [
  'Harbour talks resume after a long pause',
  'Negotiators met again on Monday in the old customs house, where the negotiations had stalled in the spring.',
  'Both delegations brought Anglo-Saxon lawyers and a long list of demands about the reconstruction of the eastern pier.',
  'A second round is planned for June.',
  'Fishermen and ferry operators want a seat at the table as well.',
  'Port workers said they hoped for a quick agreement before the summer season begins.',
  'The ministry did not comment on the talks, a spokeswoman said.',
].join('\n\n');

describe('PDF reader', () => {
  it('reads two columns in order, joins hyphenated words, and drops running headers and page numbers', async () => {
    const doc = await extractPdf(newsPdf());
    assert.equal(doc.text, PDF_TEXT);
    assert.ok(doc.notes.some((n) => /^read in columns on 2 pages$/.test(n)), JSON.stringify(doc.notes));
    assert.ok(doc.notes.some((n) => /^4 running header, footer or page number lines removed on 2 pages$/.test(n)), JSON.stringify(doc.notes));
    assert.ok(doc.notes.some((n) => /^4 words hyphenated across a line break joined$/.test(n)), JSON.stringify(doc.notes));
  });

  it('leaves the bytes it was given intact (PDF.js gets a copy)', async () => {
    const bytes = newsPdf();
    const copy = bytes.slice();
    await extractPdf(bytes);
    assert.deepEqual(bytes, copy);
  });

  it('removes chapter heads that repeat on three pages of a long document, and carries a paragraph across pages', async () => {
    const WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six'];
    // Six pages; each body runs down to the bottom margin and its last word is hyphenated onto the next page.
    const pages = [1, 2, 3, 4, 5, 6].map((n) => ({
      lines: [
        { x: 72, y: 750, text: n <= 3 ? 'Chapter 1: Alpha' : 'Chapter 2: Beta', size: 9 },
        // The last line sits at y = 72, inside the page's bottom 10%, at the usual spacing: body, not a footer.
        // Words, not numbers, tell the pages apart: digits are masked when running lines are compared.
        ...Array.from({ length: 55 }, (_, i) => ({
          x: 72,
          y: 720 - i * 12,
          text: i === 54 ? `page ${WORDS[n]} ends with a hyph-` : i === 0 && n > 1 ? `enated word on page ${WORDS[n]}` : `line ${n}.${i} of the running text`,
        })),
      ],
    }));
    const doc = await extractPdf(minimalPdf(pages));
    assert.doesNotMatch(doc.text, /Chapter/);
    assert.equal(doc.paragraphs.length, 1, doc.text.slice(0, 300));
    assert.match(doc.text, /line 1\.53 of the running text page one ends with a hyphenated word on page two line 2\.1 /);
  });

  it('keeps a one-page document whole: nothing repeats, so nothing is a running header', async () => {
    const doc = await extractPdf(minimalPdf([{ lines: [{ x: 72, y: 760, text: 'Only line at the top' }, { x: 72, y: 400, text: 'Body line.' }] }]));
    assert.equal(doc.text, 'Only line at the top\n\nBody line.');
  });

  it('refuses a scanned PDF (images, no text layer) with "no text layer: run OCR first"', async () => {
    await assert.rejects(extractPdf(minimalPdf([{ image: true }, { image: true }])), (e: Error) => e instanceof DocumentRefusal && e.message.startsWith('no text layer: run OCR first'));
  });

  it('reads a page whose intro runs across the page above two columns: the intro first, then each column', async () => {
    const column = (x: number, words: string) => Array.from({ length: 12 }, (_, i) => ({ x, y: 560 - i * 12, text: `${words} line ${i + 1} of the column` }));
    const doc = await extractPdf(
      minimalPdf([
        {
          lines: [
            { x: 72, y: 680, text: 'This introduction runs across the whole width of the page, above both of the columns below.' },
            { x: 72, y: 668, text: 'It ends on a shorter line that still crosses the gutter.' },
            ...column(72, 'Left'),
            ...column(320, 'Right'),
          ],
        },
      ]),
    );
    const text = doc.text.replace(/\n\n/g, ' ');
    assert.match(text, /^This introduction .* It ends on a shorter line that still crosses the gutter\. Left line 1 /);
    assert.ok(text.indexOf('Left line 12 of the column') < text.indexOf('Right line 1 of the column'), text);
    assert.match(text, /Right line 12 of the column$/);
  });

  it('reads a right-to-left page right column first, the pieces of each line from the right', () => {
    // Pieces as PDF.js gives them for Hebrew: each word in reading order, placed from the right edge leftwards.
    const words = (first: string, right: number, y: number): Piece[] => [
      { text: first, x0: right - 50, x1: right, y, size: 10, rtl: true },
      { text: 'שורה', x0: right - 100, x1: right - 60, y, size: 10, rtl: true },
    ];
    const pieces = [0, 1, 2, 3].flatMap((i) => [...words(`ימין${i}`, 540, 700 - i * 12), ...words(`שמאל${i}`, 280, 700 - i * 12)]);
    const doc = toDocument([layoutPage(pieces, 792)]);
    const right = [0, 1, 2, 3].map((i) => `ימין${i} שורה`).join(' ');
    const left = [0, 1, 2, 3].map((i) => `שמאל${i} שורה`).join(' ');
    assert.equal(doc.text, `${right} ${left}`);
  });

  it('refuses a scan whose only text is a stamp (a few characters on pages of images)', async () => {
    const stamped = minimalPdf([{ image: true, lines: [{ x: 500, y: 20, text: 'A-0012' }] }, { image: true, lines: [{ x: 500, y: 20, text: 'A-0013' }] }]);
    await assert.rejects(extractPdf(stamped), (e: Error) => e.message === 'no text layer: run OCR first (the PDF is images with only 12 characters of text on 2 pages: a scan)');
  });

  it('refuses what is not a PDF', async () => {
    await assert.rejects(extractPdf(new TextEncoder().encode('hello')), /not a PDF file/);
    await assert.rejects(extractPdf(new TextEncoder().encode('%PDF-1.4\nbroken')), /not a readable PDF/);
  });
});

// ---- RTF ----------------------------------------------------------------------------------------------------------

/** RTF is 7-bit text with escapes; `\bin` data is raw bytes, spliced in where "<BIN>" stands. */
function rtfBytes(source: string, bin = Uint8Array.from([0x00, 0x7b, 0x7d, 0x5c])): Uint8Array {
  const parts = source.split('<BIN>');
  const [before, after] = [nth(parts, 0, 'RTF source'), parts[1]];
  const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  return after === undefined ? enc(before) : Uint8Array.from([...enc(before), ...bin, ...enc(after)]);
}

const NEWS_RTF = String.raw`{\rtf1\ansi\ansicpg1251\deff0
{\fonttbl{\f0\fswiss\fcharset204 Arial;}{\f1\froman\fcharset0 Times New Roman;}{\f2\fcharset2 Symbol;}{\f3\fcharset161 Greek;}}
{\colortbl;\red255\green0\blue0;}
{\stylesheet{\s0 Normal style name;}}
{\info{\title Secret title}{\author Someone}}
{\*\generator Hand 1.0;}
\pard\plain\f0 \'cf\'f0\'e8\'e2\'e5\'f2, {\f1 caf\'e9} {\f3 \'e1\'e2} {\f5 \'e4\'e0}\par
\pard {\f1 Unicode: \uc1\u8364? euro, \uc2\u26085\'93\'fa\u26412\'96\'7b done, \uc0\u8212  dash, \uc1 emoji \u-10179?\u-8704?.}\par
{\*\unknowndest should vanish}{\*\shppict{\pict\pngblip\picw10 89504e47}}{\*\nonshppict{\pict\wmetafile8 0100}}
{\listtext\f2\'b7\tab}First item\par
{\listtext\f2\'b7\tab}Second item\par
\pard\intbl One\cell Two\cell\row
\pard\intbl Three\cell Four\cell\row
\pard Data {\*\objdata 0102}{\bin4 <BIN>}after binary \{braces\} and back\\slash\tab after tab\line next line\par
{\footnote footnote text}{\header header text}
{\field{\*\fldinst HYPERLINK "http://example.org"}{\fldrslt link text}}\par
}`;

const RTF_TEXT = [
  'Привет, café αβ да',
  'Unicode: € euro, 日本 done, — dash, emoji \u{1F600}.',
  '• First item\n• Second item',
  'One\tTwo\nThree\tFour',
  'Data after binary {braces} and back\\slash\tafter tab\nnext line',
  'link text',
].join('\n\n');

describe('RTF reader', () => {
  it('decodes \\uN with \\ucN fallbacks, \\\'hh in the font\'s or the document\'s code page, and skips what is not text', () => {
    const doc = extractRtf(rtfBytes(NEWS_RTF));
    assert.equal(doc.text, RTF_TEXT);
    assert.equal(doc.codePage, 1251);
    assert.equal(doc.codePageDeclared, true);
  });

  it('notes pictures (once, not their fallback copy), footnotes, headers, binary data and tables', () => {
    const { notes } = extractRtf(rtfBytes(NEWS_RTF));
    assert.deepEqual(
      [...notes].sort(),
      ['1 block of binary data left out', '1 footnote left out', '1 image left out', '1 page header left out', '1 table kept as text rows (cells separated by tabs)'].sort(),
    );
  });

  it('reads the ANSI bytes with a chosen code page when asked (re-decoding), fonts with their own charset unchanged', () => {
    const doc = extractRtf(rtfBytes(NEWS_RTF), { decoder: 'windows1250' });
    assert.equal(doc.text.split('\n')[0], 'Привет, café αβ äŕ');
  });

  it('reads control words named like Object members (\\constructor, \\toString) as unknown words, not as symbols', () => {
    const doc = extractRtf(rtfBytes('{\\rtf1 one\\constructor  two\\toString  three\\hasOwnProperty\\par}'));
    assert.equal(doc.text, 'one two three');
    assert.deepEqual(rtfParagraphs(rtfBytes('{\\rtf1 one\\constructor  two\\par}')).map((p) => p.text).filter((t) => t !== ''), ['one two']);
  });

  it('survives deep nesting, a truncated file and a lone surrogate; refuses what is not RTF', () => {
    assert.equal(extractRtf(rtfBytes(`{\\rtf1 ${'{'.repeat(200)}deep${'}'.repeat(200)}\\par}`)).text, 'deep');
    assert.equal(extractRtf(rtfBytes('{\\rtf1 cut off in the mid')).text, 'cut off in the mid');
    assert.equal(extractRtf(rtfBytes('{\\rtf1 a\\u-10179?b}')).text, 'a\uFFFDb');
    assert.throws(() => extractRtf(rtfBytes(`{\\rtf1 ${'{'.repeat(2000)}x}`)), /nests groups more than 1000 deep/);
    assert.throws(() => extractRtf(new TextEncoder().encode('just text')), /not an RTF file/);
    assert.equal(extractRtf(rtfBytes('{\\rtf1 Al\\_Aqsa\\~mosque}')).text, 'Al-Aqsa\u00a0mosque');
    // A long run of plain text is read at once (no per-character work, no argument-count limit).
    const long = 'word '.repeat(400_000);
    assert.equal(extractRtf(rtfBytes(`{\\rtf1 ${long}\\par}`)).text, long.trim());
  });

  const apa = join(corpusDir, 'newsdb', 'amcat_apa_onlinemanager.rtf');
  it('reads the APA news-database RTF that rtf-parser 1.3.3 dies on', { skip: existsSync(apa) ? false : `shared corpus file not found: ${apa}` }, () => {
    const doc = extractRtf(readFileSync(apa));
    // The file holds 20 articles, each with its "Ressort:" line (see the corpus README); its header logo is a picture.
    assert.equal(doc.text.match(/^Ressort:/gm)?.length, 20);
    assert.doesNotMatch(doc.text, /[\\{}\uFFFD]|jpegblip|123abc/);
    assert.match(doc.text, /[äöüß]/);
    assert.ok(doc.notes.includes('1 page header left out'), JSON.stringify(doc.notes));
  });
});

// ---- Through the importer and the session ------------------------------------------------------------------------

describe('importing Word, PDF and RTF files', () => {
  function files() {
    const dir = tempDir('gloss-docs-');
    return {
      dir,
      docx: writeFile(dir, 'coverage/convoy.docx', newsDocx()),
      pdf: writeFile(dir, 'coverage/harbour.pdf', newsPdf()),
      rtf: writeFile(dir, 'coverage/privet.rtf', rtfBytes(NEWS_RTF)),
      scan: writeFile(dir, 'coverage/scan.pdf', minimalPdf([{ image: true }])),
      other: writeFile(dir, 'coverage/photo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47])),
    };
  }

  it('imports each as one article (LF, NFC), keeps its bytes and notes, and refuses the scan with the OCR message', async () => {
    const f = files();
    const { project } = newProject();
    const report = await importPaths(project, [f.docx, f.pdf, f.rtf, f.scan]);
    assert.deepEqual(report.imported.map((i) => i.file), [f.docx, f.pdf, f.rtf]);
    assert.equal(report.rejected.length, 1);
    const rejected = nth(report.rejected, 0, 'rejected files');
    assert.equal(rejected.file, f.scan);
    assert.match(rejected.reason, /^no text layer: run OCR first/);

    const [docx, pdf, rtf] = firstItems(report.imported.map((i) => project.articles.get(i.articleId)), 3, 'imported articles');
    assert.equal(docx.text, DOCX_TEXT.normalize('NFC'));
    assert.ok(docx.text.includes('Café'));
    assert.equal(docx.normalizedToNfc, true);
    assert.equal(pdf.text, PDF_TEXT);
    assert.equal(rtf.text, RTF_TEXT);
    assert.deepEqual([docx.title, pdf.title, rtf.title], ['Aid convoy waits at the crossing', 'Harbour talks resume after a long pause', 'Привет, café αβ да']);
    assert.deepEqual([docx.sourceKind, pdf.sourceKind, rtf.sourceKind], ['docx', 'pdf', 'rtf']);
    assert.deepEqual([docx.encoding, rtf.encoding, rtf.encodingBasis], ['UTF-8', 'Windows-1251', 'declared']);
    assert.ok(docx.importNotes.includes('1 table kept as text rows (cells separated by tabs)'));
    assert.deepEqual(nth(report.imported, 0, 'imported files').notes, docx.importNotes);
    assert.ok(nth(report.imported, 1, 'imported files').notes?.some((n) => n.startsWith('read in columns')));
    assert.deepEqual(project.sources.get(docx.id)?.bytes, new Uint8Array(readFileSync(f.docx)));
    assert.deepEqual(project.sources.get(pdf.id)?.bytes, new Uint8Array(readFileSync(f.pdf)));
    assert.equal(project.sources.get(rtf.id)?.kind, 'rtf');
  });

  it('picks them up in a folder import, and the same document again is a duplicate', async () => {
    const f = files();
    const { project } = newProject();
    const report = await importPaths(project, [join(f.dir, 'coverage')]);
    assert.deepEqual(report.imported.map((i) => i.file.split('/').pop()).sort(), ['convoy.docx', 'harbour.pdf', 'privet.rtf']);
    assert.deepEqual(report.rejected.map((r) => r.file.split('/').pop()), ['scan.pdf']);
    const again = await importPaths(project, [f.docx]);
    assert.equal(again.skipped.length, 1);
    assert.match(nth(again.skipped, 0, 'skipped files').reason, /^duplicate of article/);
  });

  it('codes an imported DOCX article through the session and exports the exact passage', async () => {
    const f = files();
    const s = newSession();
    await s.call('project.create', { path: join(s.dir, 'p.gloss') });
    const report = await s.call<ImportReport>('articles.importPaths', { paths: [f.docx, f.rtf] });
    const [docxId, rtfId] = firstItems(report.imported.map((i) => i.articleId), 2, 'imported articles');
    const article = await s.call<Article>('articles.get', { id: docxId });
    const code = await s.call<Code>('codes.create', { name: 'Actors' });
    // In text order, the order the export lists codings in.
    const passages = ['the ministry', 'Café \u{1F1F1}\u{1F1E7}', '◦ Bottled', 'Rafah\t12 at dawn'];
    for (const needle of passages) {
      const at = article.text.indexOf(needle);
      assert.ok(at >= 0, needle);
      const start = [...article.text.slice(0, at)].length;
      const coding = await s.call<Coding>('codings.apply', { articleId: docxId, codeId: code.id, start, end: start + [...needle].length });
      assert.equal(coding.text, needle);
    }
    const out = join(s.dir, 'export.json');
    await s.call('export.json', { path: out });
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { articles: { id: number; text: string }[]; codings: { articleId: number; start: number; end: number; text: string }[] };
    const text = present(exported.articles.find((a) => a.id === docxId), 'exported DOCX article').text;
    assert.equal(text, article.text);
    assert.deepEqual(exported.codings.map((c) => cpSlice(text, c.start, c.end)), passages);
    assert.deepEqual(exported.codings.map((c) => c.text), passages);

    // Word and PDF text is Unicode: no encoding to choose. RTF's code page can be chosen again.
    const refused = await s.fail('articles.redecode', { id: docxId, encoding: 'Windows-1252' });
    assert.match(refused.message, /Word document.*no encoding to choose; nothing was changed/);
    const redecoded = await s.call<{ changed: boolean; applied: boolean; encoding: string }>('articles.redecode', { id: rtfId, encoding: 'Windows-1250' });
    assert.deepEqual([redecoded.changed, redecoded.applied, redecoded.encoding], [true, true, 'Windows-1250']);
    const rtf = await s.call<Article>('articles.get', { id: rtfId });
    assert.equal(rtf.text.split('\n')[0], 'Привет, café αβ äŕ');
  });
});

describe('gloss import (the built CLI)', () => {
  it('imports Word and PDF files, prints their notes, refuses a scan, and codes exact passages', { skip: existsSync(builtCli) ? false : `run npm run build first: ${builtCli} not found` }, () => {
    const dir = tempDir('gloss-cli-docs-');
    const project = join(dir, 'p.gloss');
    const docx = writeFile(dir, 'convoy.docx', newsDocx());
    const pdf = writeFile(dir, 'harbour.pdf', newsPdf());
    const scan = writeFile(dir, 'scan.pdf', minimalPdf([{ image: true }]));
    const run = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
    assert.equal(run('init', project).status, 0);
    const imported = run('import', project, docx, pdf, scan, '--json');
    assert.equal(imported.status, 1, imported.stderr);
    const report = JSON.parse(imported.stdout) as { imported: { file: string; articleId: number; notes?: string[] }[]; rejected: { file: string; reason: string }[] };
    assert.deepEqual(report.imported.map((i) => i.file), [docx, pdf]);
    assert.ok(nth(report.imported, 0, 'imported files').notes?.includes('1 image left out'), imported.stdout);
    assert.deepEqual(report.rejected, [{ file: scan, reason: "no text layer: run OCR first (the PDF's page holds only images: a scan)" }]);

    const text = PDF_TEXT;
    const needle = 'negotiations had stalled';
    const start = [...text.slice(0, text.indexOf(needle))].length;
    const pdfId = nth(report.imported, 1, 'imported files').articleId;
    const coded = run('code', project, '--article', String(pdfId), '--code', 'Talks', '--start', String(start), '--end', String(start + [...needle].length));
    assert.equal(coded.status, 0, coded.stderr);
    const out = join(dir, 'export.json');
    assert.equal(run('export', project, '--format', 'json', '--out', out).status, 0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { articles: { id: number; text: string }[]; codings: { articleId: number; start: number; end: number; text: string }[] };
    const article = present(exported.articles.find((a) => a.id === pdfId), 'exported PDF article');
    assert.equal(article.text, PDF_TEXT);
    const coding = nth(exported.codings, 0, 'exported codings');
    assert.equal(cpSlice(article.text, coding.start, coding.end), needle);
    assert.equal(coding.text, needle);
  });
});

describe('migration 007 (document sources) on a version-5 project', () => {
  it('keeps every kept file, takes the new kinds and notes, and still refuses an unknown kind', () => {
    const path = join(tempDir('gloss-m6-'), 'v5.gloss');
    const db = databaseAfterMigrations(path, 5);
    const text = 'Cafe\u0301 story';
    db.prepare(`INSERT INTO articles (title, source_file, imported_at, content_hash, encoding, had_bom, original_line_endings,
      normalized_to_nfc, text, length) VALUES ('Old', 'old.txt', '2026-01-01T00:00:00.000Z', 'h1', 'Windows-1252', 0, 'LF', 0, ?, ?)`).run(text, [...text].length);
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x73]);
    db.prepare(`INSERT INTO article_sources (article_id, kind, bytes, byte_length, sha256, import_encoding) VALUES (1, 'text', ?, ?, 'x', 'Windows-1252')`).run(bytes, bytes.length);
    db.close();

    const project = openUpgraded(path);
    try {
      assert.deepEqual(project.sources.get(1), { kind: 'text', bytes: new Uint8Array(bytes), importEncoding: 'Windows-1252' });
      const old = project.articles.get(1);
      assert.deepEqual([old.importNotes, old.sourceKind, old.hasSourceBytes], [[], 'text', true]);
      const id = project.articles.insert({
        title: 'Doc', sourceFile: 'doc.docx', contentHash: textHash('Doc text'), encoding: 'UTF-8', hadBom: false, originalLineEndings: 'none',
        normalizedToNfc: false, text: 'Doc text', length: 8, source: { kind: 'docx', bytes: Uint8Array.from([1, 2]), notes: ['1 image left out'] },
      });
      assert.deepEqual(project.articles.get(id).importNotes, ['1 image left out']);
      assert.throws(() => project.db.prepare("UPDATE article_sources SET kind = 'doc' WHERE article_id = ?").run(id), /CHECK constraint failed/);
      assert.throws(() => project.db.prepare("UPDATE article_sources SET notes = '{}' WHERE article_id = ?").run(id), /CHECK constraint failed/);
      // Deleting an article still takes its kept file with it (the rebuilt table kept its foreign key).
      project.articles.delete(id);
      assert.equal(project.sources.get(id), undefined);
    } finally {
      project.close();
    }
  });
});
