// LexisNexis "classic" exports (TXT, and the same layout in RTF and HTML): a cover page, then one block per article
// starting "N of M DOCUMENTS" (or "N von M DOKUMENTE", "N sur M DOCUMENTS", "N van M DOCUMENTEN"). In a block the
// outlet and the date are centred, the headline sits at the left margin before the labelled fields (BYLINE:,
// SECTION:, LENGTH: — or AUTOR:/RUBRIK:/LÄNGE:, AUTEUR:/RUBRIQUE:/LONGUEUR:), then the body, then trailing fields
// (LOAD-DATE:, LANGUAGE:, GRAPHIC:, PUBLICATION-TYPE:) and a centred copyright. Real exports vary a great deal
// (see the amcat test file): headlines before the date, a date on two lines, notices between outlet and date,
// transcripts, items with no body or nothing but a copyright, blocks with no centring at all. The rules follow
// LexisNexisTools' lnt_parse_nexis and amcat's lexisnexis plugin, made positional where the centring is missing.
import { at } from '../../../../contract/must';
import { dateLine } from './dates';
import { clean, COPYRIGHT, isCommonFieldRole, LENGTH_LINE, reflow, setCommonFieldOnce } from './fields';
import type { NewsArticle, NewsNote, NewsSplit } from './types';

export const DOC_MARKER =
  /^\s*(\d+)\s+(?:of|von|sur|van|de|di|af)\s+(\d+)\s+(?:DOCUMENTS?|DOKUMENTE?N?|DOCUMENTEN|DOCUMENTOS?|DOCUMENTI|DOKUMENT)\s*$/i;

/** What a length field states: a number of words ("1,204 words", "376  words", "543 mots", "382 Woerter"). */
const STATED_LENGTH = /^\d[\d,.]*\s+(?:words?|woorden|mots|w(?:ö|oe)rter|worte|palabras|parole|ord)\b/i;

type Role = 'author' | 'section' | 'length' | 'language' | 'headline' | 'text' | 'meta';

/** Field labels, upper-cased and without accents, and what each is. Anything else that looks like "WORD:" is text. */
const LABELS = new Map<string, Role>();
const label = (names: string, role: Role) => names.split(' ').forEach((n) => LABELS.set(n, role));
label('BYLINE AUTOR AUTEUR SIGNATURE NAME AUTHOR AUTEURS BYLINE-AUTHOR', 'author');
label('SECTION RUBRIK RUBRIQUE RUBRIEK SECTIE SEKTION', 'section');
label('LENGTH LANGE LONGUEUR LENGTE LAENGE', 'length');
label('LANGUAGE SPRACHE LANGUE TAAL', 'language');
label('HEADLINE TITLE TITRE TITEL LEADALL UBERSCHRIFT KOP', 'headline');
label('HIGHLIGHT TEXT BODY CHAPEAU LEAD TEXTE CORPS INTRO', 'text');
label(
  'LOAD-DATE UPDATE DATE-CHARGEMENT LAADDATUM PUBLICATION-TYPE TYPE-PUBLICATION PUB-TYPE PUBLIKATIONSTYP JOURNAL-CODE ' +
    'CODE-REVUE DATELINE ORTSZEILE GRAPHIC GRAFIK GRAPHIQUE DOCUMENT-TYPE TRANSCRIPT GUESTS ANCHORS SHOW BIO PUB-SUBJECT ' +
    'SUBJECT ORGANIZATION PERSON GEOGRAPHIC CITY STATE COUNTRY INDUSTRY TICKER COMPANY NOTES NOTE CORRECTION-DATE ' +
    'CORRECTION DISTRIBUTION TYPE URL ACC-NO SERIES EDITION AUSGABE ILLUSTRATION PHOTO DISCLAIMER MEMO ZUSATZ ' +
    'DOCUMENT-ID DOC-ID SOURCE QUELLE LOAD-DATE-TIME PUBLICATION-DATE TERMS KEYWORDS SCHLAGWORTER ABSTRACT',
  'meta',
);

const LABEL_LINE = /^([A-Za-zÄÖÜÉÈÊÀÂÎÔÛÇäöüéèêàâîôûç][A-Za-zÄÖÜÉÈÊÀÂÎÔÛÇäöüéèêàâîôûç-]{1,30}):(?:[\s\u00a0]+(.*)|\s*)$/;

function labelKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/** The role of a line that starts a labelled field, or undefined when it is text. */
function labelOf(line: string): { role: Role; value: string } | undefined {
  const t = line.trim();
  if (LENGTH_LINE.test(t)) return { role: 'length', value: t };
  if (/^\s{8}/.test(line)) return undefined;
  const m = LABEL_LINE.exec(t);
  const [, name, value = ''] = m ?? [];
  if (name === undefined) return undefined;
  // Labels are upper case in classic exports; a mixed-case "Name:" at a line start is text ("Note: …").
  if (name !== name.toUpperCase()) return undefined;
  const role = LABELS.get(labelKey(name));
  if (!role) return undefined;
  // "LENGTH: 19.43 meters" inside a body is text: a length states words.
  if (role === 'length' && !STATED_LENGTH.test(value)) return undefined;
  return { role, value };
}

interface Unit {
  kind: 'centered' | 'para';
  lines: string[];
  /** 1-based line number in the file. */
  line: number;
}

const CENTRED_INDENT = 8;
const isCentred = (line: string) => /^\s*/.exec(line)![0].replace(/\t/g, '        ').length >= CENTRED_INDENT;

/** Groups a block's lines into centred lines and left-aligned paragraphs, splitting a paragraph at each field label. */
function unitsOf(lines: string[], firstLine: number): Unit[] {
  const units: Unit[] = [];
  let group: { text: string; line: number }[] = [];
  const flush = () => {
    const [head] = group;
    if (!head) return;
    const centred = group.map((g) => isCentred(g.text));
    if (centred.every(Boolean)) for (const g of group) units.push({ kind: 'centered', lines: [g.text.trim()], line: g.line });
    else if (centred.some(Boolean) && !labelOf(head.text)) {
      // A notice set partly at the margin ("Prepared by …, which takes sole responsibility for / accuracy …").
      units.push({ kind: 'centered', lines: [group.map((g) => g.text.trim()).join(' ')], line: head.line });
    } else {
      let current: Unit | undefined;
      for (const g of group) {
        if (!current || labelOf(g.text)) {
          current = { kind: 'para', lines: [], line: g.line };
          units.push(current);
        }
        current.lines.push(g.text);
      }
    }
    group = [];
  };
  lines.forEach((text, i) => {
    if (text.trim() === '') flush();
    else group.push({ text, line: firstLine + i });
  });
  flush();
  return units;
}

function parseBlock(lines: string[], firstLine: number, where: (line: number) => string): NewsArticle {
  const notes: string[] = [];
  const units = unitsOf(lines, firstLine).filter((u, i, all) => {
    const text = u.lines.join(' ').trim();
    if (!COPYRIGHT.test(text)) return true;
    // A copyright line in the body's own words ("Copyright law says…") is text; the database's lines are short.
    return u.kind === 'para' && text.length > 200 && all[i - 1]?.kind === 'para';
  });
  const hasCentring = units.some((u) => u.kind === 'centered');
  const article: NewsArticle = { headline: '', body: [], fields: {}, position: where(firstLine), notes };
  let headerPhase = true;
  let sawDateOrHeadline = false;
  const dropped: string[] = [];

  for (const u of units) {
    // A unit is made with its first line (see unitsOf).
    const first = at(u.lines, 0);
    const field = u.kind === 'para' ? labelOf(first) : undefined;
    if (field) {
      headerPhase = false;
      const value = clean([field.value, ...u.lines.slice(1)].join(' ')) ?? '';
      // A second headline field, and text fields, are the body's; meta fields are not the article's text.
      if (isCommonFieldRole(field.role)) setCommonFieldOnce(article.fields, field.role, value);
      else if (field.role === 'headline' && !article.headline) article.headline = reflow([field.value, ...u.lines.slice(1)]);
      else if ((field.role === 'headline' || field.role === 'text') && value) article.body.push(reflow([field.value, ...u.lines.slice(1)]));
      continue;
    }
    const text = u.kind === 'centered' ? first : reflow(u.lines);
    // A date set after a LEADALL: field or a headline ("LEADALL: …" then the centred date) is still the header's.
    if (!headerPhase && u.kind === 'centered' && article.fields.date === undefined && article.body.length === 0) {
      const date = dateLine(text);
      if (date) article.fields.date = date;
      else dropped.push(`${where(u.line)}: ${text.slice(0, 80)}`);
      continue;
    }
    const isHeaderLike = u.kind === 'centered' || !hasCentring;
    if (headerPhase && isHeaderLike) {
      if (article.fields.outlet === undefined && !sawDateOrHeadline) {
        article.fields.outlet = clean(text);
        continue;
      }
      if (article.fields.date === undefined) {
        const date = dateLine(text);
        if (date) {
          article.fields.date = date;
          sawDateOrHeadline = true;
          continue;
        }
      }
      if (u.kind === 'centered' || article.fields.date === undefined || /^https?:\/\//i.test(text)) {
        // Editions, show names, weekdays on their own line, notices, URLs: header lines, not the article's text.
        dropped.push(`${where(u.line)}: ${text.slice(0, 80)}`);
        continue;
      }
    }
    if (!article.headline && headerPhase) {
      article.headline = text;
      sawDateOrHeadline = true;
      continue;
    }
    // Text after the header: the body (a centred line here is a subheading of the body).
    article.body.push(text);
    if (u.kind === 'para') headerPhase = false;
  }
  if (dropped.length > 0) notes.push(`header lines not in the text: ${dropped.join('; ')}`);
  if (article.fields.date === undefined) notes.push('no publication date found');
  if (article.fields.outlet === undefined) notes.push('no outlet found');
  if (!article.headline && article.body.length === 0) {
    // Nothing but a copyright or header lines: keep the block as it stands, so nothing the export held is lost.
    const raw = lines.map((l) => l.trim()).filter((l) => l.length > 0);
    article.body = raw.length > 0 ? [raw.join('\n')] : [];
    notes.push('no headline or body found; the block is kept as it stands');
  } else if (article.body.length === 0) notes.push('no body (headline only)');
  if (!article.headline) notes.push('no headline found');
  return article;
}

/** Splits LexisNexis classic text (LF line endings) into articles; undefined when it has no "N of M DOCUMENTS" line. */
export function splitLexisNexisText(text: string, variant = 'TXT'): NewsSplit | undefined {
  const lines = text.split('\n');
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (DOC_MARKER.test(l)) starts.push(i);
  });
  if (starts.length === 0) return undefined;
  const notes: NewsNote[] = [];
  if (lines.slice(0, starts[0]).some((l) => l.trim() !== '')) {
    notes.push({ position: variant === 'TXT' ? `lines 1–${starts[0]}` : 'start', message: 'cover page left out' });
  }
  // Line numbers mean something only in a text file; in RTF, HTML and DOCX the article's number in the file does.
  const articles = starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const where = variant === 'TXT' ? (line: number) => `line ${line}` : () => `item ${k + 1}`;
    return parseBlock(lines.slice(start + 1, end), start + 2, where);
  });
  return { database: 'lexisnexis', variant, articles, notes };
}

/** Paragraphs (from an HTML page or an RTF file) laid out as classic text: centred ones indented, blank lines between. */
export function paragraphsAsClassicText(paragraphs: { text: string; centered: boolean }[]): string {
  return paragraphs
    .filter((p) => p.text.trim() !== '')
    .map((p) =>
      p.text
        .split('\n')
        .map((l) => (p.centered ? ' '.repeat(20) + l.trim() : l.trimStart()))
        .join('\n'),
    )
    .join('\n\n');
}
