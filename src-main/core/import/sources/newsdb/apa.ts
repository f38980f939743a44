// APA-OnlineManager RTF exports (the Austrian press agency's media database): per article a line
// `"<Outlet>" vom DD.MM.YYYY Seite: N`, then `Ressort: <section>`, sometimes an edition line ("Abend", a list of
// regional editions), the headline and the body. The rules follow amcat's APA upload plugin.
import { at, must } from '../../../../contract/must';
import { findDate } from './dates';
import { clean } from './fields';
import { finishArticle, type NewsArticle, type NewsSplit } from './types';

const START = /^"(.+?)"(?:\s+Nr\.\s*\d+)?\s+vom\s+(\d{1,2}\.\d{1,2}\.\d{4})(?:\s+Seite:?\s*(\S+))?\s*$/;

export function isApa(paragraphs: string[]): boolean {
  return paragraphs.filter((p) => START.test(p.trim())).length > 0 && paragraphs.some((p) => /^Ressort:/.test(p.trim()));
}

const EDITIONS = new Set(['abend', 'morgen', 'früh', 'mittag', 'nacht', 'sonntag', 'wochenende', 'spätausgabe', 'frühausgabe']);

/** An edition line: "Abend", "Abend, Abend", "OOE Morgen", or a list of regional abbreviations ("Bgld, Ktn, Wi, N.Ö."). */
function isEditionLine(p: string): boolean {
  const parts = p.split(/\s*,\s*/);
  if (parts.length >= 3 && parts.every((x) => x.length <= 6)) return true;
  return parts.every((part) => {
    const words = part.split(/\s+/);
    return words.some((w) => EDITIONS.has(w.toLowerCase())) && words.every((w) => EDITIONS.has(w.toLowerCase()) || /^[A-ZÄÖÜ]{2,4}$/.test(w));
  });
}

export function splitApa(paragraphs: string[]): NewsSplit {
  const items = paragraphs.map((text, index) => ({ text: text.replace(/\t+/g, ' ').trim(), index })).filter((p) => p.text !== '');
  const starts = items.map((p, i) => (START.test(p.text) ? i : -1)).filter((i) => i >= 0);
  const firstStart = starts[0];
  const notes = firstStart !== undefined && firstStart > 0 ? [{ position: `paragraph 1`, message: `${firstStart} paragraphs before the first article left out` }] : [];
  const articles = starts.map((s, k): NewsArticle => {
    const end = starts[k + 1] ?? items.length;
    const start = at(items, s);
    // `starts` are the lines START matched, and its outlet and date groups are not optional.
    const [, outlet, date] = must(START.exec(start.text) ?? undefined, 'the start line of an APA article');
    const article: NewsArticle = {
      headline: '',
      body: [],
      fields: { outlet: clean(outlet), date: findDate(must(date, "an APA article's date"))?.date },
      position: `paragraph ${start.index + 1}`,
      notes: [],
    };
    let rest = items.slice(s + 1, end).map((p) => p.text);
    const ressort = /^Ressort:\s*(.*)$/.exec(rest[0] ?? '');
    if (ressort) {
      article.fields.section = clean(ressort[1]);
      rest = rest.slice(1);
    }
    const edition = rest[0];
    if (rest.length > 1 && edition !== undefined && isEditionLine(edition)) {
      article.notes.push(`edition line left out: "${edition}"`);
      rest = rest.slice(1);
    }
    // A kicker ("Kompakt", "KOLUMNE", "Österreich") stands above the headline: both stay in the text, on two lines.
    let h = 0;
    const isKicker = (line: string) => line.split(/\s+/).length <= 2 && !/[.!?:]$/.test(line);
    while (h < 2 && h + 1 < rest.length && isKicker(at(rest, h))) h++;
    article.headline = rest.slice(0, h + 1).join('\n');
    article.body = rest.slice(h + 1);
    finishArticle(article, { noteMissingDate: false });
    return article;
  });
  return { database: 'apa', variant: 'RTF', articles, notes };
}
