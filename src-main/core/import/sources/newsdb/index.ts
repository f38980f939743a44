// News-database exports: one file, many articles. Detects the database by content (or takes it from
// `--format`), splits the file into articles with their fields, and turns each into what the importer stores: the
// headline and body as the text Gloss codes, and the fields as article attributes.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { at } from '../../../../contract/must';
import type { EncodingBasis } from '../../../../contract/types';
import { decode } from '../../decode';
import { sniffHtmlCharset } from '../../html';
import { normalise, titleFrom } from '../../normalise';
import { docxParagraphs, looksLikeZip } from '../docxParagraphs';
import { rtfParagraphs } from '../rtfParagraphs';
import { isApa, splitApa } from './apa';
import { paragraphsOf, parseHtml } from './dom';
import { isEuropresse, splitEuropresse } from './europresse';
import { isFactivaHtml, isFactivaXml, splitFactivaHtml, splitFactivaXml } from './factiva';
import { DOC_MARKER, paragraphsAsClassicText, splitLexisNexisText } from './lexisnexis';
import { isNexisUni, splitNexisUni } from './nexisuni';
import { isProQuestHtml, isProQuestText, splitProQuestHtml, splitProQuestText } from './proquest';
import { articleText, DATABASE_NAMES, type NewsArticle, type NewsFormat, type NewsSplit } from './types';

export { NEWS_FORMATS, type NewsFormat } from './types';

/** Extensions that only a news-database export is read from on this branch (Word, RTF, Factiva XML). */
export const NEWS_DOCUMENT_EXTENSIONS = ['.docx', '.rtf', '.xml'];

/** One article ready for the importer. */
export interface NewsArticleContent {
  text: string;
  hash: string;
  title: string;
  /** Attribute name → value, in the attributes' types (publication date yyyy-mm-dd, length a number). */
  attributes: { name: string; type: 'text' | 'number' | 'date'; value: string | number }[];
  source: NewsArticle;
}

export interface NewsExportContent {
  /** "LexisNexis", "Factiva", … */
  database: string;
  /** "LexisNexis TXT", "Factiva HTML (indexing display)", … */
  format: string;
  articles: NewsArticleContent[];
  notes: { position: string; message: string }[];
  encoding: string;
  encodingBasis: EncodingBasis;
  encodingConfidence: number | null;
  hadBom: boolean;
  originalLineEndings: string;
}

export type NewsReadResult = ({ ok: true } & NewsExportContent) | { ok: false; reason: string } | undefined;

interface Decoded {
  text: string;
  encoding: string;
  basis: EncodingBasis;
  confidence: number | null;
  hadBom: boolean;
  lineEndings: string;
}

function decodeText(bytes: Uint8Array, html: boolean): Decoded | { reason: string } {
  const d = decode(bytes, html ? { declaredCharset: sniffHtmlCharset(bytes) } : {});
  if (!d.ok) return { reason: d.reason };
  const n = normalise(d.text.replace(/^\uFEFF/, ''));
  return { text: n.text, encoding: d.encoding, basis: d.basis, confidence: d.confidence, hadBom: d.hadBom, lineEndings: n.originalLineEndings };
}

const FORMAT_DATABASES: Record<NewsFormat, string[]> = {
  lexisnexis: ['lexisnexis'],
  nexisuni: ['nexisuni'],
  factiva: ['factiva'],
  proquest: ['proquest'],
  europresse: ['europresse'],
};

/**
 * Reads `bytes` as a news-database export. Undefined when the file is not one (and no format was forced): the
 * importer then reads it as a single article. With `format`, a file that does not split as that database is
 * refused with the reason.
 */
export function readNewsExport(bytes: Uint8Array, fileName: string, format?: NewsFormat): NewsReadResult {
  const ext = extname(fileName).toLowerCase();
  if (!format && !NEWS_DOCUMENT_EXTENSIONS.includes(ext) && !mayBeNewsExport(bytes)) return undefined;
  let split: NewsSplit | undefined;
  let decoded: Decoded = { text: '', encoding: 'UTF-8', basis: 'utf8', confidence: null, hadBom: false, lineEndings: 'none' };
  try {
    if (ext === '.docx' || (looksLikeZip(bytes) && ext !== '.xml')) {
      decoded = { ...decoded, encoding: 'DOCX (UTF-8)' };
      const paragraphs = docxParagraphs(bytes).map((p) => p.normalize('NFC'));
      if (format === 'nexisuni' || (!format && isNexisUni(paragraphs))) split = splitNexisUni(paragraphs);
      else if (format === 'lexisnexis' || (!format && paragraphs.some((p) => DOC_MARKER.test(p)))) {
        split = splitLexisNexisText(paragraphsAsClassicText(paragraphs.map((text) => ({ text, centered: false }))), 'DOCX');
      }
    } else if (ext === '.rtf' || startsWithRtf(bytes)) {
      decoded = { ...decoded, encoding: 'RTF' };
      const paragraphs = rtfParagraphs(bytes).map((p) => ({ ...p, text: p.text.normalize('NFC') }));
      const texts = paragraphs.map((p) => p.text);
      if (format === 'lexisnexis' || (!format && texts.some((p) => DOC_MARKER.test(p)))) {
        split = splitLexisNexisText(paragraphsAsClassicText(paragraphs), 'RTF');
      } else if (format === 'nexisuni' || (!format && isNexisUni(texts))) split = { ...splitNexisUni(texts), variant: 'RTF' };
      else if (!format && isApa(texts)) split = splitApa(texts);
    } else {
      const html = ext === '.html' || ext === '.htm' || ext === '.xhtml';
      const d = decodeText(bytes, html || ext === '.xml');
      if ('reason' in d) return format ? { ok: false, reason: d.reason } : undefined;
      decoded = d;
      const text = d.text;
      const looksHtml = html || /^\s*<(?:!doctype html|html|div|body|head|meta|table|p)\b/i.test(text);
      if (ext === '.xml' || /^\s*<\?xml\b/.test(text)) {
        if (format === 'factiva' || (!format && isFactivaXml(text))) split = splitFactivaXml(text);
      } else if (looksHtml) {
        if (format === 'europresse' || (!format && isEuropresse(text))) split = splitEuropresse(text);
        else if (format === 'factiva' || (!format && isFactivaHtml(text))) split = splitFactivaHtml(text);
        else if (format === 'proquest' || (!format && isProQuestHtml(text))) split = splitProQuestHtml(text);
        else if (format === 'lexisnexis' || !format) {
          const paragraphs = paragraphsOf(parseHtml(text));
          if (format || paragraphs.some((p) => DOC_MARKER.test(p))) {
            split = splitLexisNexisText(paragraphsAsClassicText(paragraphs.map((p) => ({ text: p, centered: false }))), 'HTML');
          }
        }
        if (split && split.database === 'factiva') {
          split.variant = /class=["']?index\b/.test(text) ? 'HTML (indexing display)' : 'HTML (article display)';
        }
      } else if (format === 'proquest' || (!format && isProQuestText(text))) split = splitProQuestText(text);
      else if (format === 'lexisnexis' || (!format && text.split('\n').some((l) => DOC_MARKER.test(l)))) split = splitLexisNexisText(text);
    }
  } catch (err) {
    // Without --format, a Word or RTF file that cannot be read as an export is still a document Gloss reads whole.
    if (!format && ext !== '.xml') return undefined;
    return { ok: false, reason: (err as Error).message };
  }
  if (format && split && !FORMAT_DATABASES[format].includes(split.database)) split = undefined;
  if (!split || split.articles.length === 0) {
    if (format) return { ok: false, reason: `no ${formatName(format)} articles found in this file (--format ${format})` };
    // A Word or RTF file that is not an export is imported as one document; an .xml file is read only as an export.
    if (ext === '.xml') return { ok: false, reason: 'not a news-database export Gloss recognises (.xml files are read as Factiva XML exports)' };
    return undefined;
  }
  const articles = split.articles.map((a, i) => toContent(a, i, split.database, fileName));
  return {
    ok: true,
    database: DATABASE_NAMES[split.database],
    format: `${DATABASE_NAMES[split.database]} ${split.variant}`,
    articles,
    notes: split.notes,
    encoding: decoded.encoding,
    encodingBasis: decoded.basis,
    encodingConfidence: decoded.confidence,
    hadBom: decoded.hadBom,
    originalLineEndings: decoded.lineEndings,
  };
}

/**
 * A cheap look at the bytes before decoding: every export this module reads names itself somewhere in ASCII
 * ("N of M DOCUMENTS", "ProQuest document ID", Factiva's and Europresse's class names). Ordinary article files are
 * passed over without a second decode.
 */
const SIGNATURE = /\d\s+(?:of|von|sur|van|de|di|af)\s+\d+\s+DO[CK]UMENT|ProQuest document|DocPublicationName|titreArticleVisu|articleParagraph|class="?article [a-z]{2}Article|ppsarticle|<accessionNo>/i;

function mayBeNewsExport(bytes: Uint8Array): boolean {
  return SIGNATURE.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

function formatName(format: NewsFormat): string {
  return { lexisnexis: 'LexisNexis', nexisuni: 'Nexis Uni', factiva: 'Factiva', proquest: 'ProQuest', europresse: 'Europresse' }[format];
}

function startsWithRtf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '{\\rtf';
}

function toContent(article: NewsArticle, index: number, database: NewsSplit['database'], fileName: string): NewsArticleContent {
  const text = normalise(articleText(article)).text;
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  const headlineLines = article.headline.split('\n').map((l) => l.trim()).filter(Boolean);
  // APA sets a kicker ("KOLUMNE") above the headline: it is in the text, and the title is the headline itself.
  while (database === 'apa' && headlineLines.length > 1 && at(headlineLines, 0).split(/\s+/).length <= 2) headlineLines.shift();
  const headline = headlineLines.join(' ');
  const title = titleFrom(headline || text, `${fileName} #${index + 1}`);
  const f = article.fields;
  const attributes: NewsArticleContent['attributes'] = [];
  const add = (name: string, type: 'text' | 'number' | 'date', value: string | number | undefined) => {
    if (value !== undefined && value !== '') attributes.push({ name, type, value });
  };
  add('outlet', 'text', f.outlet);
  add('publication date', 'date', f.date);
  add('author', 'text', f.author);
  add('language', 'text', f.language);
  add('section', 'text', f.section);
  add('length', 'number', f.length);
  add('source_id', 'text', f.sourceId);
  add('database', 'text', DATABASE_NAMES[database]);
  return { text, hash, title, attributes, source: article };
}
