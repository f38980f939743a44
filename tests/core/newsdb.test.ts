// News-database exports, on synthetic fixtures written for Gloss (tests/fixtures/newsdb): each export imports as
// one article per item, with the fields the database states as article attributes, the headline and body as the
// coded text (no cover page, classification block or copyright), duplicates reported, and codings on a split
// article slicing its stored text exactly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { ImportReport, NewsExportReport } from '../../src-main/contract/types';
import { exportJson } from '../../src-main/core/export/json';
import { importSources, previewSources } from '../../src-main/core/import/importer';
import { redecodeArticle } from '../../src-main/core/import/redecode';
import type { NewsFormat } from '../../src-main/core/import/sources/newsdb';
import type { Project } from '../../src-main/core/store/Project';
import { builtCli, newProject, repoRoot, tempDir, writeFiles } from './helpers';
import { firstItems, nth, present } from './present';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'newsdb');
const fixture = (name: string) => readFileSync(join(fixtures, name));

/** The Nexis Uni fixture is a document.xml; a real .docx is that file zipped with the parts Word writes. */
function nexisUniDocx(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': fixture('nexisuni-document.xml'),
  });
}

async function importFiles(project: Project, files: Record<string, string | Uint8Array>, format?: NewsFormat): Promise<ImportReport> {
  const paths = writeFiles(tempDir('gloss-newsdb-'), files);
  return importSources(project, paths.map((path) => ({ kind: 'path' as const, path })), { format });
}

function only(report: ImportReport): NewsExportReport {
  assert.equal(report.newsExports?.length, 1, `one news export in ${JSON.stringify(report)}`);
  return nth(report.newsExports ?? [], 0, 'news export');
}

/** A new project with one news-database export imported as `fileName`: the project, the report, its one news export. */
async function importExport(fileName: string, bytes: Uint8Array) {
  const { project, dir } = newProject();
  const report = await importFiles(project, { [fileName]: bytes });
  return { project, dir, report, news: only(report) };
}

/** Each stored article's text and attributes (name → value, only those set), in import order. */
function stored(project: Project, report: ImportReport) {
  return report.imported.map(({ articleId }) => {
    const article = project.articles.get(articleId);
    const attributes = Object.fromEntries(project.attributes.forArticle(articleId).filter((a) => a.value !== null).map((a) => [a.name, a.value]));
    return { id: articleId, title: article.title, text: article.text, attributes };
  });
}

describe('news-database exports (synthetic fixtures)', () => {
  it('LexisNexis classic TXT: six blocks, German/French labels, a transcript, an item without body, a copyright-only block', async () => {
    const { project, report, news } = await importExport('export.txt', fixture('lexisnexis-classic.txt'));
    assert.equal(news.format, 'LexisNexis TXT');
    assert.equal(news.found, 6);
    assert.equal(report.imported.length, 6);
    assert.ok(news.notes.some((n) => n.position === 'lines 1–8' && /cover page/.test(n.message)), JSON.stringify(news.notes));
    const [en, de, fr, transcript, noBody, copyrightOnly] = firstItems(stored(project, report), 6, 'stored articles');
    // The file's byte order mark and CRLF line endings are recorded; the stored text has neither.
    const record = project.articles.get(en.id);
    assert.equal(record.hadBom, true);
    assert.equal(record.originalLineEndings, 'CRLF');
    assert.ok(!en.text.includes('\r') && !en.text.includes('\ufeff'));
    // A split article keeps no copy of the whole export, so re-decoding it says why it cannot.
    assert.throws(() => redecodeArticle(project, en.id, 'windows-1252'), /split from a news-database export/);

    assert.equal(en.title, 'Harbour cranes stand still; Workers wait for spare parts');
    assert.deepEqual(en.attributes, {
      outlet: 'The Harbour Courier', 'publication date': '2026-03-02', author: 'ANNA EXAMPLE', language: 'English',
      section: 'NEWS; Pg. 4', length: 1204, database: 'LexisNexis',
    });
    assert.ok(en.text.startsWith('Harbour cranes stand still;\nWorkers wait for spare parts\n\nThe cranes at the north quay'));
    // A "LENGTH:" line that states metres, not words, is body text; the real fields and the copyright are not.
    assert.match(en.text, /LENGTH: 12 metres of cable were replaced as well\.$/);
    for (const gone of ['BYLINE', 'LOAD-DATE', 'Copyright', 'Download Request', 'Late Edition', 'PUBLICATION-TYPE']) {
      assert.ok(!en.text.includes(gone), `"${gone}" is not in the coded text`);
    }
    // Hard-wrapped lines of one paragraph are joined.
    assert.match(en.text, /gearbox failed during the night shift and the spare part/);

    assert.deepEqual(de.attributes, {
      outlet: 'Hafenblatt', 'publication date': '2026-03-04', author: 'Max Mustermann', language: 'German',
      section: 'WIRTSCHAFT; S. 7', length: 230, database: 'LexisNexis',
    });
    assert.equal(de.text, 'Kräne stehen still\n\nDie Kräne am Nordkai stehen seit Dienstag still. Ersatzteile sind bestellt.');
    assert.deepEqual(fr.attributes, {
      outlet: 'Le Courrier du Port', 'publication date': '2026-03-05', author: 'Jeanne Exemple', language: 'French',
      section: 'ÉCONOMIE', length: 310, database: 'LexisNexis',
    });
    assert.equal(transcript.text, 'Cranes idle at north quay\n\nSAM HOST, HOST: Good evening. The cranes are still idle.\n\nPAT GUEST: The part arrives on Monday.');
    assert.equal(transcript.attributes['publication date'], '2026-03-06');
    assert.equal(noBody.text, 'Crane photo of the week');
    assert.ok(nth(news.articles, 4, 'news articles').notes.some((n) => /no body/.test(n)));
    // Nothing but a copyright: kept as it stands and said so, rather than dropped silently.
    assert.equal(copyrightOnly.text, 'Copyright 2026 Harbour Courier Ltd.');
    assert.ok(nth(news.articles, 5, 'news articles').notes.some((n) => /no headline or body/.test(n)));
    assert.ok(nth(news.articles, 5, 'news articles').notes.some((n) => /no publication date/.test(n)));
    project.close();
  });

  it('LexisNexis RTF: centred header, \\\'hh in the code page, \\uN with \\ucN, pictures and page headers left out', async () => {
    const { project, report, news } = await importExport('export.rtf', fixture('lexisnexis-classic.rtf'));
    assert.equal(news.format, 'LexisNexis RTF');
    const [first, second] = firstItems(stored(project, report), 2, 'stored articles');
    assert.equal(first.text, 'Kräne kosten 5 € pro Stunde\n\nDer Betrieb kostet € 5 pro Stunde und “mehr” bei Nacht.');
    assert.equal(first.attributes.outlet, 'Hafenblatt');
    assert.equal(first.attributes['publication date'], '2026-03-04');
    assert.equal(first.attributes.length, 120);
    assert.equal(second.attributes.author, 'Anna Example');
    assert.equal(report.imported.length, 2);
    project.close();
  });

  it('LexisNexis HTML: markup in the text stays text, labels become fields', async () => {
    const { project, report } = await importExport('export.html', fixture('lexisnexis.html'));
    const [first, second] = firstItems(stored(project, report), 2, 'stored articles');
    assert.equal(first.text, 'Cranes & quays\n\nThe <b>cranes</b> stood still.\n\nA second paragraph.');
    assert.deepEqual(first.attributes, {
      outlet: 'The Harbour Courier', 'publication date': '2026-03-02', author: 'ANNA EXAMPLE', language: 'English',
      section: 'Business Desk', length: 88, database: 'LexisNexis',
    });
    assert.equal(second.attributes['publication date'], '2026-03-03');
    assert.equal(second.attributes.language, 'Dutch');
    project.close();
  });

  it('Nexis Uni DOCX: cover and table of contents left out, classification block not in the text, an item without body', async () => {
    const { project, report, news } = await importExport('export.docx', nexisUniDocx());
    assert.equal(news.format, 'Nexis Uni DOCX');
    assert.equal(news.found, 3);
    assert.ok(news.notes.some((n) => /cover page and table of contents/.test(n.message)));
    const [first, second, third] = firstItems(stored(project, report), 3, 'stored articles');
    assert.equal(first.text, 'Cranes idle at the north quay\n\nThe cranes at the north quay have not moved since Tuesday.\n\nA gearbox failed during the night shift.');
    assert.deepEqual(first.attributes, {
      outlet: 'The Harbour Courier', 'publication date': '2026-03-02', author: 'Anna Example', language: 'English',
      section: 'NEWS; Version:2', length: 612, database: 'Nexis Uni',
    });
    assert.equal(second.attributes.outlet, 'De Havenkrant');
    assert.equal(second.attributes['publication date'], '2026-03-03');
    assert.equal(third.text, 'Photo of the week');
    project.close();
  });

  it('Factiva HTML, both displays, and Factiva XML', async () => {
    const { project } = newProject();
    const indexing = await importFiles(project, { 'indexing.html': fixture('factiva-indexing.html') });
    assert.equal(only(indexing).format, 'Factiva HTML (indexing display)');
    const [a, b, c] = firstItems(stored(project, indexing), 3, 'stored articles');
    assert.deepEqual(a.attributes, {
      outlet: 'The Harbour Courier', 'publication date': '2026-03-02', author: 'Anna Example', language: 'English',
      section: 'News', length: 1204, source_id: 'HARBC00020260302e2320000a', database: 'Factiva',
    });
    assert.equal(a.text, 'Cranes idle at north quay\n\nThe cranes have not moved since Tuesday.\n\nA gearbox failed.\n\nThe part arrives Monday.');
    assert.ok(!a.text.includes('gcat') && !a.text.includes('(c)'));
    assert.equal(b.attributes['publication date'], '2026-03-05');
    assert.equal(b.attributes.language, 'French');
    assert.equal(c.text, 'Nur eine Überschrift');

    const { project: p2 } = newProject();
    const display = await importFiles(p2, { 'article.html': fixture('factiva-article.html') });
    assert.equal(only(display).format, 'Factiva HTML (article display)');
    const [d, e] = firstItems(stored(p2, display), 2, 'stored articles');
    assert.deepEqual(d.attributes, {
      outlet: 'The Harbour Courier', 'publication date': '2026-03-02', author: 'Anna Example', language: 'English',
      length: 612, source_id: 'HARBC00020260302e2320000a', database: 'Factiva',
    });
    assert.equal(e.attributes.language, 'Dutch');
    assert.equal(e.attributes.length, 42);

    const { project: p3 } = newProject();
    const xml = await importFiles(p3, { 'export.xml': fixture('factiva.xml') });
    assert.equal(only(xml).format, 'Factiva XML');
    const [f, g] = firstItems(stored(p3, xml), 2, 'stored articles');
    assert.equal(f.text, 'Cranes idle at north quay\n\nThe cranes have not moved since Tuesday.\n\nA gearbox failed.\n\nThe part arrives Monday.');
    assert.equal(f.attributes.source_id, 'HARBC00020260302e2320000a');
    assert.equal(f.attributes.author, 'Anna Example');
    assert.equal(g.attributes.language, 'German');
    for (const p of [project, p2, p3]) p.close();
  });

  it('ProQuest TXT: report pages left out, the abstract is not the text, a duplicate inside the export is reported', async () => {
    const { project, report, news } = await importExport('proquest.txt', fixture('proquest.txt'));
    assert.equal(news.format, 'ProQuest TXT');
    assert.equal(news.found, 3);
    assert.equal(news.imported, 2);
    assert.equal(news.duplicates, 1);
    assert.equal(nth(news.articles, 2, 'news articles').duplicateOf, nth(news.articles, 0, 'news articles').articleId);
    assert.equal(report.skipped.length, 1);
    const [first, second] = firstItems(stored(project, report), 2, 'stored articles');
    assert.equal(first.text, 'Cranes idle at north quay\n\nThe cranes at the north quay have not moved since Tuesday.\n\nA gearbox failed during the night shift.');
    assert.deepEqual(first.attributes, {
      outlet: 'The Harbour Courier', 'publication date': '2026-03-02', author: 'Example, Anna', language: 'English',
      section: 'Business', source_id: '1000001', database: 'ProQuest',
    });
    assert.equal(second.title, 'Kranen staan stil');
    assert.equal(second.attributes['publication date'], '2026-03-03');
    project.close();
  });

  it('ProQuest HTML: word count from <text wordcount>, a citation without full text says so', async () => {
    const { project, report, news } = await importExport('proquest.html', fixture('proquest.html'));
    const [first, second] = firstItems(stored(project, report), 2, 'stored articles');
    assert.equal(first.attributes.length, 612);
    assert.equal(first.text, 'Cranes idle at north quay\n\nThe cranes have not moved since Tuesday.\n\nA gearbox failed.');
    assert.equal(second.text, 'Kranen staan stil');
    assert.ok(nth(news.articles, 1, 'news articles').notes.some((n) => /no full text/.test(n)));
    project.close();
  });

  it('Europresse HTML: section and date from the header line, document number as source_id', async () => {
    const { project, report } = await importExport('europresse.html', fixture('europresse.html'));
    const [first, second] = firstItems(stored(project, report), 2, 'stored articles');
    assert.deepEqual(first.attributes, {
      outlet: 'Le Courrier du Port', 'publication date': '2026-03-05', author: 'Jeanne Exemple', section: 'Économie',
      source_id: 'news·20260305·CP·0001', database: 'Europresse',
    });
    assert.equal(first.text, "Les grues à l'arrêt\n\nLes grues du quai nord sont immobiles.\n\nLa pièce arrive lundi.");
    assert.equal(second.attributes.author, undefined);
    assert.equal(second.attributes['publication date'], '2026-03-06');
    project.close();
  });

  it('the same articles from another export are duplicates: matched by text across files and reported', async () => {
    const { project } = newProject();
    const first = await importFiles(project, { 'a.xml': fixture('factiva.xml') });
    assert.equal(first.imported.length, 2);
    const again = await importFiles(project, { 'b.xml': fixture('factiva.xml'), 'c.html': fixture('factiva-indexing.html') });
    const exportOf = (name: string) => present(again.newsExports?.find((e) => e.file.split('/').pop() === name), `news export of ${name}`);
    const fromXml = exportOf('b.xml');
    assert.equal(fromXml.duplicates, 2);
    assert.equal(fromXml.imported, 0);
    // The indexing display's first article has the same headline and paragraphs as the XML's first.
    const fromHtml = exportOf('c.html');
    assert.equal(nth(fromHtml.articles, 0, 'c.html articles').duplicateOf, nth(first.imported, 0, 'a.xml imports').articleId);
    project.close();
  });

  it('codings on a split article slice its stored text exactly, and the export carries them', async () => {
    const { project, dir, report } = await importExport('export.txt', fixture('lexisnexis-classic.txt'));
    const de = nth(report.imported, 1, 'imported articles').articleId;
    const text = project.articles.get(de).text;
    const word = 'Nordkai';
    const startUnits = text.indexOf(word);
    const start = [...text.slice(0, startUnits)].length;
    const code = project.codes.ensurePath('Places/Quay');
    project.codings.apply({ articleId: de, codeId: code.id, start, end: start + [...word].length, coder: 'test' });
    const out = join(dir, 'out.json');
    await exportJson(project, out);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { articles: { id: number; text: string }[]; codings: { articleId: number; start: number; end: number; text: string }[] };
    const coding = present(exported.codings.find((c) => c.articleId === de), 'exported coding');
    assert.equal(coding.text, word);
    const articleText = present(exported.articles.find((a) => a.id === de), 'exported article').text;
    assert.equal([...articleText].slice(coding.start, coding.end).join(''), word);
    project.close();
  });

  it('--format overrides detection, and refuses a file that is not that database’s export', async () => {
    const { project } = newProject();
    const forced = await importFiles(project, { 'export.txt': fixture('lexisnexis-classic.txt') }, 'lexisnexis');
    assert.equal(only(forced).found, 6);
    const wrong = await importFiles(project, { 'plain.txt': 'Just one article.\n\nNo export at all.\n' }, 'factiva');
    assert.equal(wrong.imported.length, 0);
    assert.match(nth(wrong.rejected, 0, 'rejected files').reason, /no Factiva articles found in this file \(--format factiva\)/);
    // An ordinary web page that happens to use "article" classes is one article, not a Factiva export.
    const page = await importFiles(project, {
      'page.html': '<html><body><div class="article main-article"><h1>Harbour</h1><p class="articleParagraph">Cranes idle.</p></div><div class="article">Other</div></body></html>',
    });
    assert.equal(page.imported.length, 1);
    assert.equal(page.newsExports, undefined);
    // Without --format an ordinary text file is one article, as before.
    const plain = await importFiles(project, { 'plain.txt': 'Just one article.\n\nNo export at all.\n' });
    assert.equal(plain.imported.length, 1);
    assert.equal(plain.newsExports, undefined);
    project.close();
  });

  it('a .docx or .rtf that is not a news export is imported as one document; a damaged one is refused', async () => {
    const { project } = newProject();
    const report = await importFiles(project, {
      'letter.rtf': '{\\rtf1\\ansi Dear reader,\\par this is a letter.\\par}',
      'broken.docx': 'PK\u0003\u0004 not really a zip',
    });
    assert.deepEqual(report.imported.map((i) => i.file.split('/').pop()), ['letter.rtf']);
    assert.equal(report.newsExports, undefined);
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.file.split('/').pop(), r.reason]));
    assert.match(present(reasons['broken.docx'], 'reason for broken.docx'), /damaged|not a Word document|could not be read/);
    project.close();
  });

  it('gloss import: --json carries newsExports, --format is checked and applied', (t) => {
    if (!existsSync(builtCli)) return t.skip('out/main/cli.js is not built (npm run build)');
    const dir = tempDir('gloss-newsdb-cli-');
    const [txt] = firstItems(writeFiles(dir, { 'export.txt': fixture('lexisnexis-classic.txt') }), 1, 'written files');
    const gloss = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(gloss('init', 'p.gloss').status, 0);

    const run = gloss('import', 'p.gloss', txt, '--json');
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { imported: { title: string }[]; newsExports: NewsExportReport[] };
    assert.equal(out.imported.length, 6);
    assert.equal(nth(out.imported, 1, 'imported articles').title, 'Kräne stehen still');
    const news = nth(out.newsExports, 0, 'news exports');
    assert.equal(news.format, 'LexisNexis TXT');
    assert.equal(nth(news.articles, 0, 'news articles').fields['publication date'], '2026-03-02');

    const again = gloss('import', 'p.gloss', txt);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /export\.txt: LexisNexis TXT, 6 articles from The Harbour Courier, Hafenblatt, Le Courrier du Port and 1 more; 0 imported, 6 duplicates/);

    const bogus = gloss('import', 'p.gloss', txt, '--format', 'nexis');
    assert.equal(bogus.status, 2);
    assert.match(bogus.stderr, /--format for import must be one of lexisnexis, nexisuni, factiva, proquest, europresse/);

    const wrong = gloss('import', 'p.gloss', txt, '--format=factiva');
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /no Factiva articles found in this file \(--format factiva\)/);
  });

  it('a preview reads the exports and says what would be imported, storing nothing', async () => {
    const { project } = newProject();
    await importFiles(project, { 'first.xml': fixture('factiva.xml') });
    const before = project.articles.list({}).total;
    const preview = await previewSources(project, [
      { kind: 'bytes', name: 'proquest.txt', bytes: fixture('proquest.txt') },
      { kind: 'bytes', name: 'again.xml', bytes: fixture('factiva.xml') },
      { kind: 'bytes', name: 'plain.txt', bytes: Buffer.from('One ordinary article.\n') },
      { kind: 'bytes', name: 'letter.rtf', bytes: Buffer.from('{\\rtf1 Dear reader.\\par}') },
    ]);
    assert.equal(project.articles.list({}).total, before);
    const [pq, fx] = firstItems(preview.newsExports, 2, 'previewed news exports');
    assert.equal(pq.format, 'ProQuest TXT');
    assert.equal(pq.imported, 2);
    assert.equal(pq.duplicates, 1);
    assert.match(nth(pq.articles, 2, 'ProQuest articles').notes.join(' '), /same text as proquest\.txt #1/);
    assert.equal(fx.duplicates, 2);
    assert.ok(fx.articles.every((a) => a.duplicateOf !== undefined));
    // plain.txt and letter.rtf (an RTF that is no export is one document) would import as ordinary articles.
    assert.equal(preview.otherFiles, 2);
    assert.equal(preview.rejected.length, 0);
    project.close();
  });

  it('Nexis Uni DOCX from the German interface (Rubrik:, Länge:, Autor:, "Ende des Dokuments")', async () => {
    const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
    const paragraphs = ['Datum und Uhrzeit: Montag, 2. März 2026', 'Dokumente (1)', '1. Kräne stehen still', '',
      'Kräne stehen still', 'Hafenblatt', '4. März 2026 Mittwoch', 'Rubrik:\u00a0WIRTSCHAFT', 'Länge:\u00a0230 words',
      'Autor:\u00a0Max Mustermann', 'Text', 'Die Kräne am Nordkai stehen still.', 'Klassifikation', 'Sprache:\u00a0GERMAN',
      'Ende des Dokuments'];
    const xml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map((t) => (t ? p(t) : '<w:p/>')).join('')}</w:body></w:document>`;
    const { project, report, news } = await importExport('export.docx', zipSync({ 'word/document.xml': strToU8(xml) }));
    assert.equal(news.format, 'Nexis Uni DOCX');
    const [article] = firstItems(stored(project, report), 1, 'stored articles');
    assert.equal(article.text, 'Kräne stehen still\n\nDie Kräne am Nordkai stehen still.');
    assert.deepEqual(article.attributes, {
      outlet: 'Hafenblatt', 'publication date': '2026-03-04', author: 'Max Mustermann', language: 'German',
      section: 'WIRTSCHAFT', length: 230, database: 'Nexis Uni',
    });
    project.close();
  });
});
