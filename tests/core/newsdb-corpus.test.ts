// Every file of the shared news-database corpus (../shared/corpus/newsdb, read in place, never copied) imports into
// the number of articles its README states, with the outlet, date, headline and author the file gives. Skips,
// saying why, where the corpus is absent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportReport } from '../../src-main/contract/types';
import { importSources } from '../../src-main/core/import/importer';
import type { Project } from '../../src-main/core/store/Project';
import { corpusDir } from './import-support';
import { newProject, nth } from './helpers';

const newsdb = join(corpusDir, 'newsdb');

interface Expected {
  /** 1-based article number in the file. */
  n: number;
  title?: string | RegExp;
  outlet?: string;
  date?: string;
  author?: string | null;
  section?: string;
  length?: number;
  language?: string;
  source_id?: string;
  /** Text the coded article must not contain (boilerplate). */
  notInText?: string[];
}

const FILES: { file: string; format: string; count: number; expect: Expected[] }[] = [
  {
    file: 'lnt_sample.TXT', format: 'LexisNexis TXT', count: 10,
    expect: [
      { n: 1, title: 'Lorem ipsum dolor sit amet', outlet: 'Guardian.com', date: '2010-01-11', author: 'Andrew Sparrow', length: 355, language: 'English', notInText: ['Download Request', 'LOAD-DATE', 'Copyright', 'BYLINE'] },
      { n: 3, outlet: 'The Sun (England)', date: '2010-01-11', author: 'TREVOR Kavanagh', section: 'FEATURES; Pg. 6', notInText: ['Edition 1'] },
      { n: 8, title: 'PRISONER OF HIS OWN CABINET', outlet: 'MAIL ON SUNDAY (London)', date: '2010-01-10', author: 'STEPHEN POLLARD' },
      { n: 10, title: 'Wikipedia', outlet: 'DAILY MAIL (London)', date: '2010-01-09', author: null, length: 2968 },
    ],
  },
  {
    file: 'lnt_sample.DOCX', format: 'Nexis Uni DOCX', count: 10,
    expect: [
      { n: 1, title: 'Lorem ipsum dolor sit amet', outlet: 'The Guardian(London)', date: '2019-07-01', author: 'Mattha Busby (now), Andrew Sparrow (earlier)', length: 355, notInText: ['Client/Matter', 'Documents (10)', 'End of Document', 'Body'] },
      { n: 7, title: 'Sample Headline', date: '2019-07-03', author: 'Letters', language: 'English', notInText: ['Classification', 'Load-Date', 'Subject:', 'Copyright'] },
      { n: 10, title: 'What is Wikipedia', date: '2019-07-02', author: 'Tom Kibasi' },
    ],
  },
  {
    file: 'amcat_ln_test.txt', format: 'LexisNexis TXT', count: 27,
    expect: [
      { n: 1, title: /^This is a headline; with a byline\./, outlet: 'Börsen-Zeitung', date: '2011-08-31', author: 'MF Tokio', section: 'S. 7 Ausg. 167', language: 'German', notInText: ['Printopdracht', 'AUTOR:', 'SPRACHE:'] },
      { n: 3, outlet: 'Le Figaro', date: '2003-05-17', author: 'Sophie LATIL', section: 'CULTURE', length: 543, language: 'French' },
      { n: 9, title: 'Califronia Budget Crisis; Obama Appeals for Stimulus', outlet: 'CNN', date: '2009-01-11', length: 12567, notInText: ['SHOW:', 'TRANSCRIPT:'] },
      { n: 10, date: undefined },
      { n: 14, title: "Two more officials of Iraq's 55 most wanted in coalition hands", outlet: 'Deutsche Presse-Agentur', date: '2003-04-20' },
      { n: 15, title: 'AUFNAHME DER TUERKEI WAERE FUER DIE UNION FINANZIELL VERKRAFTBAR', outlet: 'Wirtschaftsblatt', date: '2003-04-15', length: 382 },
      { n: 21, outlet: 'Le Monde', date: '2003-03-27', author: 'Gérard Davet, Fréderic Potet, Olivier Zilbertin (avec P. G à New York)', length: 876 },
      { n: 23, title: 'Technologie en olie geven koersen zetje; Euronext & Beurzen Europa', outlet: 'de Volkskrant', date: '2008-12-31', section: 'ECONOMIE; Blz. 9', language: 'Dutch' },
      { n: 25, title: "'Plofkip moet ook uit restaurants'", outlet: 'Ad / Algemeen Dagblad', date: '2016-04-03', length: 184, notInText: ['http://'] },
    ],
  },
  {
    file: 'lexisnexis_test_en.html', format: 'LexisNexis HTML', count: 2,
    expect: [
      { n: 1, title: 'Heading One', outlet: 'Some Newspaper', date: '1991-12-19', author: 'PAPER AUTHOR', length: 584, notInText: ['DOCUMENTS', 'LOAD-DATE'] },
      { n: 2, title: 'First part; Second part', outlet: 'Some Newspaper', date: '1993-01-28', author: null },
    ],
  },
  {
    file: 'factiva_test.html', format: 'Factiva HTML (indexing display)', count: 2,
    expect: [
      { n: 1, title: 'Test 1', outlet: 'Test newspaper', date: '2011-12-29', length: 295, language: 'French', source_id: 'TESTFR0020111229e7ct0001r', notInText: ['gvote1', 'Test company'] },
      { n: 2, title: 'Test 2', outlet: 'Ouest France', section: 'Infolocale', source_id: 'TESTFR0020111229e7ct0015j' },
    ],
  },
  {
    file: 'factiva_test.xml', format: 'Factiva XML', count: 3,
    expect: [
      { n: 1, title: 'TEST - first test article', outlet: 'My Newspaper', date: '2012-01-09', length: 942, language: 'English', source_id: 'TEST0000020120109e51700030' },
      { n: 2, date: '2012-01-06', language: 'French' },
    ],
  },
  {
    file: 'europresse_test2.html', format: 'Europresse HTML', count: 4,
    expect: [
      { n: 1, title: 'Title', outlet: 'Newspaper', date: '2006-03-14', author: 'Author', section: 'Communication', source_id: 'news·20060315·LM·0q1503_1256056', notInText: ['Numéro de document', 'Tous droits'] },
      { n: 3, title: 'A heading', date: '2006-03-13', section: 'Economie' },
    ],
  },
  {
    file: 'proquest_sample-1.html', format: 'ProQuest HTML', count: 1,
    expect: [
      { n: 1, title: /^City National expands again; It acquires 1st Pacific Bank of California/, outlet: 'Los Angeles Times', date: '2010-05-08', author: 'Olivarez-Giles, Nathan', length: 239, source_id: '251439970', notInText: ['Abstract', 'ProQuest document', 'Database:'] },
    ],
  },
  {
    file: 'amcat_apa_onlinemanager.rtf', format: 'APA-OnlineManager RTF', count: 20,
    expect: [
      { n: 1, title: 'Nach dem Sondieren zu den echten Verhandlungen', outlet: 'Oberösterreichische Nachrichten', date: '2017-10-23', section: 'Politik', notInText: ['Ressort:', 'APA-OnlineManager'] },
      { n: 13, outlet: 'Salzburger Nachrichten', date: '2017-10-23', section: 'thema' },
      { n: 20, outlet: 'Österreich', section: 'NÖ & Burgenland' },
    ],
  },
];

describe('news-database corpus (../shared/corpus/newsdb)', () => {
  for (const { file, format, count, expect } of FILES) {
    it(`${file}: ${count} articles as ${format}`, async (t) => {
      const path = join(newsdb, file);
      if (!existsSync(path)) return t.skip(`shared corpus file not found at ${path}`);
      const { project } = newProject();
      const report: ImportReport = await importSources(project, [{ kind: 'path', path }]);
      assert.deepEqual(report.rejected, []);
      const news = report.newsExports?.[0];
      assert.ok(news, `${file} is read as a news export`);
      assert.equal(news.format, format);
      assert.equal(news.found, count);
      assert.equal(news.imported + news.duplicates, count);
      for (const e of expect) check(project, file, nth(news.articles, e.n - 1, `${file} article ${e.n}`), e);
      project.close();
    });
  }
});

function check(project: Project, file: string, line: NonNullable<ImportReport['newsExports']>[number]['articles'][number], e: Expected): void {
  const where = `${file} #${e.n}`;
  assert.ok(line, `${where} exists`);
  assert.ok(line.articleId !== undefined, `${where} was stored`);
  const article = project.articles.get(line.articleId);
  const attrs = Object.fromEntries(project.attributes.forArticle(line.articleId).map((a) => [a.name, a.value]));
  if (e.title instanceof RegExp) assert.match(article.title, e.title, where);
  else if (e.title !== undefined) assert.equal(article.title, e.title, where);
  if (e.title !== undefined) assert.ok(article.text.startsWith(article.title.split(' ')[0] ?? ''), `${where}: the text starts with the headline`);
  if ('outlet' in e) assert.equal(attrs.outlet ?? undefined, e.outlet, `${where} outlet`);
  if ('date' in e) assert.equal(attrs['publication date'] ?? undefined, e.date, `${where} date`);
  if ('author' in e) assert.equal(attrs.author, e.author ?? null, `${where} author`);
  if ('section' in e) assert.equal(attrs.section, e.section, `${where} section`);
  if ('length' in e) assert.equal(attrs.length, e.length, `${where} length`);
  if ('language' in e) assert.equal(attrs.language, e.language, `${where} language`);
  if ('source_id' in e) assert.equal(attrs.source_id, e.source_id, `${where} source_id`);
  for (const s of e.notInText ?? []) assert.ok(!article.text.includes(s), `${where}: "${s}" is not in the coded text`);
  assert.ok(article.text.trim().length > 0, `${where} has text`);
}
