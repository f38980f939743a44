// What a news-database splitter hands back: the articles of one export file, each with the fields the database
// states, and what it could not read (with where), for the import report.

export type NewsDatabase = 'lexisnexis' | 'nexisuni' | 'factiva' | 'proquest' | 'europresse' | 'apa';

/** The names `gloss import --format` takes (APA is detected by content only). */
export { NEWS_FORMATS, type NewsFormat } from '../../../../contract/fileTypes';

export const DATABASE_NAMES: Record<NewsDatabase, string> = {
  lexisnexis: 'LexisNexis',
  nexisuni: 'Nexis Uni',
  factiva: 'Factiva',
  proquest: 'ProQuest',
  europresse: 'Europresse',
  apa: 'APA-OnlineManager',
};

export interface NewsFields {
  outlet?: string;
  /** yyyy-mm-dd. */
  date?: string;
  author?: string;
  section?: string;
  /** Words, as the database states them. */
  length?: number;
  language?: string;
  /** Document / accession number. */
  sourceId?: string;
}

export interface NewsArticle {
  headline: string;
  /** Paragraphs of the body, in order, each without line breaks unless the source had short lines. */
  body: string[];
  fields: NewsFields;
  /** Where the article starts in the file: a line number (text files) or an item number (documents, pages). */
  position: string;
  /** What was odd about this article (no date found, no body, …). */
  notes: string[];
}

/**
 * The last step of every splitter: the fields the export left empty are dropped, and what the article lacks is noted
 * (its headline; its date, where the database always states one; its body, in `noBody`'s words where given).
 */
export function finishArticle(article: NewsArticle, options: { noteMissingDate: boolean; noBody?: string }): void {
  for (const key of Object.keys(article.fields) as (keyof NewsFields)[]) if (article.fields[key] === undefined) delete article.fields[key];
  if (!article.headline) article.notes.push('no headline found');
  if (options.noteMissingDate && !article.fields.date) article.notes.push('no publication date found');
  if (article.body.length === 0) article.notes.push(options.noBody ?? 'no body (headline only)');
}

export interface NewsNote {
  /** A line number or item, as in NewsArticle.position. */
  position: string;
  message: string;
}

export interface NewsSplit {
  database: NewsDatabase;
  /** "TXT", "HTML", "DOCX", "XML", "RTF". */
  variant: string;
  articles: NewsArticle[];
  /** What was left out or not understood, file-wide (cover pages, unreadable blocks). */
  notes: NewsNote[];
}

/** The text Gloss stores and codes: the headline, a blank line, the body paragraphs separated by blank lines. */
export function articleText(article: NewsArticle): string {
  const parts = [article.headline.trim(), ...article.body.map((p) => p.trim())].filter((p) => p.length > 0);
  return parts.join('\n\n');
}
