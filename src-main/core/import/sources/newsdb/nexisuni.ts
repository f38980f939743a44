// Nexis Uni DOCX exports: a cover page and a table of contents, then per article its headline, outlet and date
// (and sometimes a copyright line), fields "Section:", "Length:", "Byline:" (a no-break space after the colon),
// "Body", the paragraphs, an optional "Classification" block (Language:, Subject:, …, Load-Date:) and
// "End of Document". The rules follow LexisNexisTools' lnt_parse_uni, reading the header backwards from the first
// field so a longer cover, a missing copyright line or a renamed field (2024–25 exports) do not shift it.
import { at } from '../../../../contract/must';
import { dateLine } from './dates';
import { clean, COPYRIGHT, isCommonFieldRole, labelledField, setCommonFieldOnce } from './fields';
import type { NewsArticle, NewsNote, NewsSplit } from './types';

/** "End of Document" in the English, German, French and Dutch interfaces. */
const END = /^\s*(?:End of Document|Ende des Dokuments|Fin du document|Einde (?:van )?document)\s*$/i;
const BODY = /^(?:Body|Text|Corps|Tekst|Texte)$/;
const FIELD = /^(\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,2}):[\s\u00a0]+(.*)$/su;

type Role = 'author' | 'section' | 'length' | 'language' | 'text' | 'meta';
const ROLES: Record<string, Role> = {
  byline: 'author', author: 'author', section: 'section', length: 'length', language: 'language', highlight: 'text',
  autor: 'author', auteur: 'author', rubrik: 'section', rubrique: 'section', rubriek: 'section', länge: 'length',
  longueur: 'length', lengte: 'length', sprache: 'language', langue: 'language', taal: 'language',
  ladedatum: 'meta', 'date de chargement': 'meta', 'publikationstyp': 'meta', 'type de publication': 'meta',
  dateline: 'meta', 'load-date': 'meta', 'publication-type': 'meta', 'journal code': 'meta', subject: 'meta',
  organization: 'meta', person: 'meta', geographic: 'meta', industry: 'meta', company: 'meta', ticker: 'meta',
  graphic: 'meta', correction: 'meta', 'correction-date': 'meta', notes: 'meta', series: 'meta', edition: 'meta',
  'document-type': 'meta', 'news subject': 'meta', state: 'meta', city: 'meta', country: 'meta', type: 'meta',
  url: 'meta', transcript: 'meta', guests: 'meta', show: 'meta', anchors: 'meta', 'load date': 'meta',
};

const fieldOf = (p: string) => labelledField(FIELD, ROLES, p);

export function isNexisUni(paragraphs: string[]): boolean {
  return paragraphs.some((p) => END.test(p)) && paragraphs.some((p) => BODY.test(p.trim()) || fieldOf(p) !== undefined);
}

export function splitNexisUni(paragraphs: string[]): NewsSplit {
  const notes: NewsNote[] = [];
  const articles: NewsArticle[] = [];
  let chunk: { text: string; index: number }[] = [];
  const chunks: { text: string; index: number }[][] = [];
  paragraphs.forEach((text, index) => {
    if (END.test(text)) {
      chunks.push(chunk);
      chunk = [];
    } else if (text.trim() !== '') chunk.push({ text: text.replace(/\u00a0/g, ' ').trim(), index });
  });
  const [leftOver] = chunk;
  if (leftOver) notes.push({ position: `paragraph ${leftOver.index + 1}`, message: `${chunk.length} paragraphs after the last "End of Document" left out` });

  chunks.forEach((items, k) => {
    const [head] = items;
    if (!head) return;
    const article: NewsArticle = { headline: '', body: [], fields: {}, position: `paragraph ${head.index + 1}`, notes: [] };
    const firstField = items.findIndex((p) => fieldOf(p.text) || BODY.test(p.text));
    const headerEnd = firstField < 0 ? Math.min(items.length, 4) : firstField;
    const header = items.slice(0, headerEnd).filter((p) => !COPYRIGHT.test(p.text));
    let dateAt = -1;
    for (let i = header.length - 1; i >= 0; i--) {
      const d = dateLine(at(header, i).text);
      if (d) {
        article.fields.date = d;
        dateAt = i;
        break;
      }
    }
    if (dateAt >= 1) article.fields.outlet = clean(at(header, dateAt - 1).text);
    const headlineAt = dateAt >= 2 ? dateAt - 2 : dateAt < 0 ? header.length - 1 : -1;
    const headlineItem = header[headlineAt];
    if (headlineItem) {
      article.headline = headlineItem.text;
      article.position = `paragraph ${headlineItem.index + 1}`;
    }
    if (dateAt < 0) article.notes.push('no publication date found');
    const before = header.slice(0, Math.max(0, headlineAt));
    const [firstBefore] = before;
    const lastBefore = before.at(-1);
    if (firstBefore && lastBefore) {
      notes.push({
        position: `paragraphs ${firstBefore.index + 1}–${lastBefore.index + 1}`,
        message: k === 0 ? 'cover page and table of contents left out' : `${before.length} paragraphs before the headline left out`,
      });
    }
    let inClassification = false;
    for (const p of items.slice(headerEnd)) {
      if (BODY.test(p.text)) continue;
      if (/^(?:Classification|Klassifikation|Classement|Classificatie)$/.test(p.text)) {
        inClassification = true;
        continue;
      }
      const field = fieldOf(p.text);
      if (field) {
        const { role, value } = field;
        if (isCommonFieldRole(role)) setCommonFieldOnce(article.fields, role, value);
        else if (role === 'text' && value) article.body.push(value);
        continue;
      }
      if (inClassification) continue;
      article.body.push(p.text);
    }
    if (!article.headline) article.notes.push('no headline found');
    if (article.body.length === 0) article.notes.push('no body (headline only)');
    articles.push(article);
  });
  return { database: 'nexisuni', variant: 'DOCX', articles, notes };
}
