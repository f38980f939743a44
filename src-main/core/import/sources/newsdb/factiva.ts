// Factiva exports. HTML in two displays: "Full Article/Report plus Indexing" (one field code per table row: HD
// headline, BY byline, WC words, PD date, SN source, SE section, LA language, LP lead and TD text paragraphs, CY
// copyright, AN accession number, and the indexing codes NS/RE/IN/CO/IPC…), and the default article display (the
// same fields as unlabelled lines above the paragraphs, ending "Document <accession number>"). XML: the PPS export,
// one <article> per item with named elements. The rules follow tm.plugin.factiva's readFactivaHTML/readFactivaXML.
import { dateLine, findDate } from './dates';
import { childElements, findAll, findOne, hasClass, paragraphsOf, parseHtml, parseXml, textOf, type Element } from './dom';
import { authorName, clean, COPYRIGHT, languageName, LENGTH_LINE, wordCount } from './fields';
import { finishArticle, type NewsArticle, type NewsFields, type NewsSplit } from './types';

export function isFactivaHtml(html: string): boolean {
  // Factiva marks each item <div class="article enArticle"> (the language code, then "Article"); an ordinary web page
  // with an "article" class is not an export.
  return /class=["']?article [a-z]{2}Article\b/.test(html) || (/class=["']?articleParagraph\b/.test(html) && /factiva|dow jones/i.test(html));
}

export function isFactivaXml(xml: string): boolean {
  return /<ppsarticle\b|<ppsArticleResponse\b/i.test(xml) || (/<article\b/.test(xml) && /<accessionNo>/.test(xml));
}

export function splitFactivaHtml(html: string): NewsSplit {
  const doc = parseHtml(html);
  const items = findAll(doc, (e) => e.name === 'div' && hasClass(e, 'article') && /\b[a-z]{2}Article\b/.test(e.attribs.class ?? ''));
  const articles = items.map((item, i) => (findOne(item, (e) => e.name === 'td' && hasClass(e, 'index')) ? fromIndexing(item, i) : fromDisplay(item, i)));
  return { database: 'factiva', variant: 'HTML', articles, notes: [] };
}

/** The field codes that fill one of the article's fields, and how each reads its value. */
const FIELD_CODES: Record<string, (value: string) => NewsFields> = {
  BY: (value) => ({ author: authorName(value) }),
  WC: (value) => ({ length: wordCount(value) }),
  PD: (value) => ({ date: findDate(value)?.date }),
  SN: (value) => ({ outlet: clean(value) }),
  SE: (value) => ({ section: clean(value) }),
  LA: (value) => ({ language: languageName(value) }),
  AN: (value) => ({ sourceId: clean(value.replace(/^Document\s+/i, '')) }),
};

/** "Full Article/Report plus Indexing": a table of field codes. */
function fromIndexing(item: Element, i: number): NewsArticle {
  const article: NewsArticle = { headline: '', body: [], fields: {}, position: `item ${i + 1}`, notes: [] };
  const lead: string[] = [];
  const text: string[] = [];
  for (const row of findAll(item, (e) => e.name === 'tr')) {
    const cells = childElements(row).filter((c) => c.name === 'td');
    const [codeCell, valueCell] = cells;
    if (!codeCell || !valueCell) continue;
    const code = textOf(codeCell).replace(/\u00a0/g, '').trim().toUpperCase();
    const value = textOf(valueCell);
    const field = Object.hasOwn(FIELD_CODES, code) ? FIELD_CODES[code] : undefined;
    if (field) Object.assign(article.fields, field(value));
    else if (code === 'HD') article.headline = value;
    else if (code === 'LP') lead.push(...paragraphsOf(valueCell));
    else if (code === 'TD') text.push(...paragraphsOf(valueCell));
    // Anything else — CY (copyright), ET (time), PG (page), SC (source code), NS/RE/IN/CO/IPC… (indexing) — is not
    // the article's text.
  }
  article.body = [...lead, ...text];
  finishArticle(article, { noteMissingDate: true });
  return article;
}

/** The default display: unlabelled lines above the paragraphs. */
function fromDisplay(item: Element, i: number): NewsArticle {
  const article: NewsArticle = { headline: '', body: [], fields: {}, position: `item ${i + 1}`, notes: [] };
  const headlineEl = findOne(item, (e) => e.attribs.id === 'hd' || /headline/i.test(e.attribs.class ?? ''));
  article.headline = textOf(headlineEl);
  article.body = findAll(item, (e) => e.name === 'p' && /articleParagraph/i.test(e.attribs.class ?? '')).flatMap((p) => paragraphsOf(p));
  const lines = childElements(item)
    .filter((e) => e !== headlineEl && e.name === 'div' && !findOne(e, (x) => x === headlineEl) && !/articleParagraph/i.test(e.attribs.class ?? ''))
    .map((e) => textOf(e))
    .filter((t) => t.length > 0);
  const unplaced: string[] = [];
  let afterDate = false;
  let sawLength = false;
  for (const line of lines) {
    const doc = /^Document\s+(\S+)$/i.exec(line);
    if (doc) article.fields.sourceId = doc[1];
    else if (LENGTH_LINE.test(line)) {
      article.fields.length = wordCount(line);
      sawLength = true;
    } else if (!article.fields.date && dateLine(line)) {
      article.fields.date = dateLine(line);
      afterDate = true;
    } else if (/^\d{1,2}:\d{2}(?:\s*(?:GMT|[AP]M))?$/i.test(line) || COPYRIGHT.test(line)) continue;
    else if (!sawLength && !afterDate && !article.fields.author) article.fields.author = authorName(line);
    else if (afterDate && !article.fields.outlet) article.fields.outlet = clean(line);
    else if (afterDate && /^[A-Z0-9]{2,10}$/.test(line)) continue; // the source code
    else if (afterDate && !article.fields.language && /^\p{L}+$/u.test(line)) article.fields.language = languageName(line);
    else unplaced.push(line);
  }
  if (unplaced.length > 0) article.notes.push(`lines not read as a field: ${unplaced.map((u) => `"${u.slice(0, 60)}"`).join(', ')}`);
  finishArticle(article, { noteMissingDate: true });
  return article;
}

export function splitFactivaXml(xml: string): NewsSplit {
  const doc = parseXml(xml);
  const items = findAll(doc, (e) => e.name === 'article');
  const articles = items.map((item, i): NewsArticle => {
    const child = (name: string) => childElements(item).find((c) => c.name === name) ?? null;
    const paragraphs = (name: string) => {
      const el = child(name);
      return el ? childElements(el).filter((p) => p.name === 'paragraph').map((p) => textOf(p)).filter((t) => t) : [];
    };
    const article: NewsArticle = {
      headline: paragraphs('headline').join(' '),
      body: [...paragraphs('leadParagraph'), ...paragraphs('tailParagraphs')],
      fields: {
        outlet: clean(textOf(child('sourceName'))),
        date: findDate(textOf(child('publicationDate')))?.date,
        author: authorName(paragraphs('byline').join(' ') || textOf(child('byline')) || textOf(child('author'))),
        section: clean(textOf(child('sectionName'))),
        length: wordCount(textOf(child('wordCount'))),
        language: textOf(child('baseLanguage')) ? languageName(textOf(child('baseLanguage'))) : undefined,
        sourceId: clean(textOf(child('accessionNo'))),
      },
      position: `item ${i + 1}`,
      notes: [],
    };
    finishArticle(article, { noteMissingDate: true });
    return article;
  });
  return { database: 'factiva', variant: 'XML', articles, notes: [] };
}
