// Europresse HTML: one <article> per item; the header holds the outlet (DocPublicationName), a line "Section,
// weekday day month year, p. N" (DocHeader), a rubric, the headline (titreArticleVisu) and the author; the body is
// the <section>; notes and illustrations sit in <aside>; the footer holds the copyright and "Numéro de document".
// The rules follow tm.plugin.europresse.
import { findDate } from './dates';
import { childElements, findAll, findOne, hasClass, paragraphsOf, parseHtml, textOf } from './dom';
import { authorName, clean, COPYRIGHT, LENGTH_LINE, wordCount } from './fields';
import { finishArticle, type NewsArticle, type NewsSplit } from './types';

export function isEuropresse(html: string): boolean {
  return /DocPublicationName|titreArticleVisu/.test(html);
}

export function splitEuropresse(html: string): NewsSplit {
  const doc = parseHtml(html);
  const items = findAll(doc, (e) => e.name === 'article');
  const articles = items.map((item, i): NewsArticle => {
    const article: NewsArticle = { headline: '', body: [], fields: {}, position: `item ${i + 1}`, notes: [] };
    const by = (cls: string) => findOne(item, (e) => hasClass(e, cls));
    article.fields.outlet = clean(textOf(by('DocPublicationName')));
    const header = textOf(by('DocHeader'));
    const date = findDate(header);
    if (date) {
      article.fields.date = date.date;
      // "Economie, lundi 13 mars 2006, p. MDE6": what comes before the weekday and date is the section.
      const before = header.slice(0, date.index).replace(/[,\s]*(?:\p{L}+\s*)?$/u, '').trim();
      if (before) article.fields.section = before;
    } else article.notes.push('no publication date found');
    article.headline = textOf(by('titreArticleVisu'));
    const headerEl = findOne(item, (e) => e.name === 'header');
    if (headerEl) {
      // The author is the unlabelled line after the headline block.
      const kids = childElements(headerEl);
      const titleAt = kids.findIndex((k) => hasClass(k, 'titreArticle') || findOne(k, (e) => hasClass(e, 'titreArticleVisu')) !== null);
      for (const k of kids.slice(titleAt + 1)) {
        const t = textOf(k);
        if (t && !article.fields.author) article.fields.author = authorName(t);
      }
    }
    const section = findOne(item, (e) => e.name === 'section');
    article.body = section ? paragraphsOf(section).filter((p) => !COPYRIGHT.test(p)) : [];
    for (const p of findAll(item, (e) => e.name === 'p' || e.name === 'div')) {
      const t = textOf(p);
      const id = /^Num[ée]ro de document\s*:\s*(.+)$/i.exec(t);
      if (id) article.fields.sourceId = clean(id[1]);
      if (LENGTH_LINE.test(t)) article.fields.length = wordCount(t);
    }
    // The missing date was noted where the date line is read.
    finishArticle(article, { noteMissingDate: false });
    return article;
  });
  return { database: 'europresse', variant: 'HTML', articles, notes: [] };
}

