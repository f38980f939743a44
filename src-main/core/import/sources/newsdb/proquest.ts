// ProQuest exports, as e-mailed HTML or saved TXT: per document an optional "Document N of M", the headline (or
// "Title:"), labelled fields ("Author:", "Publication info:", "Abstract:", "Full text:" followed by the text's
// paragraphs, then "Subject:", "Publication title:", "Publication date:", "Section:", "Language of publication:",
// "ProQuest document ID:", "Copyright:", "Database:" …). TXT documents are separated by lines of underscores; HTML
// documents start at <a name="DocID…">. The rules follow tm.plugin.proquest.
import { findDate } from './dates';
import { paragraphsOf, parseHtml } from './dom';
import { authorName, clean, labelledField, languageName, wordCount } from './fields';
import { finishArticle, type NewsArticle, type NewsNote, type NewsSplit } from './types';

type Role = 'headline' | 'author' | 'info' | 'text' | 'outlet' | 'date' | 'section' | 'language' | 'id' | 'length' | 'meta';
const ROLES: Record<string, Role> = {
  title: 'headline', author: 'author', 'publication info': 'info', 'full text': 'text', 'publication title': 'outlet',
  'publication date': 'date', section: 'section', 'language of publication': 'language', 'proquest document id': 'id',
  'word count': 'length', abstract: 'meta', links: 'meta', subject: 'meta', location: 'meta', people: 'meta',
  'company / organization': 'meta', pages: 'meta', 'publication year': 'meta', year: 'meta', publisher: 'meta',
  'place of publication': 'meta', 'country of publication': 'meta', 'publication subject': 'meta', issn: 'meta',
  'source type': 'meta', 'document type': 'meta', 'document url': 'meta', copyright: 'meta', 'last updated': 'meta',
  database: 'meta', 'identifier / keyword': 'meta', dateline: 'meta', credit: 'meta', 'document feature': 'meta',
  column: 'meta', illustration: 'meta', 'accession number': 'meta', volume: 'meta', issue: 'meta', edition: 'meta',
  'first page': 'meta', 'start page': 'meta', 'section title': 'meta', 'publication info / notes': 'meta', url: 'meta',
  'isbn': 'meta', 'ProQuest document link': 'meta', topic: 'meta', 'named person': 'meta', 'corporate author': 'meta',
};

const LABEL = /^([A-Z][A-Za-z /]{1,40}?):[ \t\u00a0]*([\s\S]*)$/;

const labelOf = (p: string) => labelledField(LABEL, ROLES, p);

export function isProQuestHtml(html: string): boolean {
  return /ProQuest document (?:ID|link)|search\.proquest\.com\/docview/i.test(html) && /<strong>\s*Full text:/i.test(html);
}

export function isProQuestText(text: string): boolean {
  return /^ProQuest document ID:/m.test(text) && /^(?:Full text|Title|Publication title):/m.test(text);
}

/** One document's paragraphs → an article. */
function parseDocument(paragraphs: string[], position: string, statedLength?: number): NewsArticle {
  const article: NewsArticle = { headline: '', body: [], fields: {}, position, notes: [] };
  let role: Role | undefined;
  let info = '';
  for (const p of paragraphs) {
    if (/^Document \d+ of \d+$/i.test(p) || /^ProQuest document link$/i.test(p)) continue;
    const label = labelOf(p);
    if (label) {
      role = label.role;
      const v = label.value;
      if (role === 'headline') article.headline = clean(v) ?? '';
      else if (role === 'author') article.fields.author ??= authorName(v);
      else if (role === 'info') info = v;
      else if (role === 'text' && v) article.body.push(v);
      else if (role === 'outlet') article.fields.outlet ??= clean(v.split(';')[0]);
      else if (role === 'date') article.fields.date ??= findDate(v)?.date;
      else if (role === 'section') article.fields.section ??= clean(v);
      else if (role === 'language') article.fields.language ??= languageName(v);
      else if (role === 'id') article.fields.sourceId ??= clean(v);
      else if (role === 'length') article.fields.length ??= wordCount(v);
      continue;
    }
    if (role === undefined) {
      if (!article.headline) article.headline = p.replace(/\s+/g, ' ').trim();
    } else if (role === 'text') article.body.push(p);
  }
  // "Los Angeles Times ; Los Angeles, Calif. [Los Angeles, Calif]08 May 2010: AA.2." when the fields are missing.
  if (info) {
    article.fields.outlet ??= clean(info.split(/\s;\s|;/)[0]);
    article.fields.date ??= findDate(info)?.date;
  }
  if (statedLength !== undefined) article.fields.length ??= statedLength;
  finishArticle(article, { noteMissingDate: true, noBody: 'no full text (abstract or citation only)' });
  return article;
}

export function splitProQuestHtml(html: string): NewsSplit {
  const starts = [...html.matchAll(/<a\s+name=["']?DocID/gi)].map((m) => m.index);
  const chunks = starts.length > 0 ? starts.map((s, i) => html.slice(s, starts[i + 1] ?? html.length)) : [html];
  const articles = chunks.map((chunk, i) => {
    const wc = /<text\b[^>]*\bwordcount=["']?(\d+)/i.exec(chunk);
    return parseDocument(paragraphsOf(parseHtml(chunk)), `item ${i + 1}`, wc ? Number(wc[1]) : undefined);
  });
  return { database: 'proquest', variant: 'HTML', articles, notes: [] };
}

export function splitProQuestText(text: string): NewsSplit {
  const lines = text.split('\n');
  const notes: NewsNote[] = [];
  const articles: NewsArticle[] = [];
  let chunk: { text: string; line: number }[] = [];
  const flush = () => {
    const body = chunk.map((c) => c.text).join('\n');
    if (/^ProQuest document ID:/m.test(body) || /^Document \d+ of \d+\s*$/m.test(body)) {
      const paragraphs: string[] = [];
      let current: string[] = [];
      const end = () => {
        if (current.length > 0) paragraphs.push(current.join('\n').trim());
        current = [];
      };
      for (const c of chunk) {
        if (c.text.trim() === '') end();
        else {
          if (labelOf(c.text)) end();
          current.push(c.text.trim());
        }
      }
      end();
      const firstLine = chunk.find((c) => c.text.trim() !== '')?.line ?? 1;
      articles.push(parseDocument(paragraphs, `line ${firstLine}`));
    } else if (chunk.some((c) => c.text.trim() !== '')) {
      const first = chunk.find((c) => c.text.trim() !== '')!;
      notes.push({ position: `line ${first.line}`, message: `left out (not a document): "${first.text.trim().slice(0, 60)}"` });
    }
    chunk = [];
  };
  lines.forEach((l, i) => {
    if (/^_{20,}\s*$/.test(l)) flush();
    else chunk.push({ text: l, line: i + 1 });
  });
  flush();
  return { database: 'proquest', variant: 'TXT', articles, notes };
}
