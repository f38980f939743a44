// A file's bytes → the text Gloss stores, with everything recorded about how it got there. The importer and
// re-decoding both go through here, so an article re-decoded with the encoding it was imported with gets back
// exactly the text it has.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { EncodingBasis } from '../../contract/types';
import { decode, decodeAs, type DecodeResult } from './decode';
import { findEncoding } from './encodings';
import { extractHtmlText, HTML_EXTENSIONS, sniffHtmlCharset } from './html';
import { normalise, titleFrom, titleFromText } from './normalise';
import { DocumentRefusal, type ExtractedDocument } from './sources/document';
import { extractDocx } from './sources/docx';
import { extractPdf } from './sources/pdf';
import { codePageDecoder, extractRtf } from './sources/rtf';

/** How a file's bytes become text: decoded as plain text or an HTML page, or read as a Word, PDF or RTF document. */
export type { SourceKind } from '../store/ArticleStore';
import type { SourceKind } from '../store/ArticleStore';

export { TEXT_EXTENSIONS, GLOSS_JSON_EXTENSIONS, DOCUMENT_EXTENSIONS, REFI_EXTENSIONS } from '../../contract/fileTypes';
import { TEXT_EXTENSIONS, GLOSS_JSON_EXTENSIONS, NEWS_XML_EXTENSIONS, REFI_EXTENSIONS } from '../../contract/fileTypes';

/**
 * What the importer does with a file, by its extension; undefined for files it does not import. Any of them may turn
 * out to be a news-database export (recognised by content); 'news-xml' (.xml) files are read only as such.
 */
export function importKindOf(fileName: string): SourceKind | 'gloss-json' | 'news-xml' | 'refi' | undefined {
  const ext = extname(fileName).toLowerCase();
  if (TEXT_EXTENSIONS.includes(ext)) return 'text';
  if (HTML_EXTENSIONS.includes(ext)) return 'html';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  if (ext === '.rtf') return 'rtf';
  if (GLOSS_JSON_EXTENSIONS.includes(ext)) return 'gloss-json';
  if (NEWS_XML_EXTENSIONS.includes(ext)) return 'news-xml';
  if (REFI_EXTENSIONS.includes(ext)) return 'refi';
  return undefined;
}

/** What a reader of each document kind is called in messages. */
const DOCUMENT_NAMES = { docx: 'a Word document', pdf: 'a PDF', rtf: 'an RTF document' } as const;

export interface ArticleContent {
  /** LF line endings, NFC. */
  text: string;
  /** SHA-256 of the stored text's UTF-8, the key duplicates are found by. */
  hash: string;
  title: string;
  encoding: string;
  encodingBasis: EncodingBasis;
  encodingConfidence: number | null;
  /** The encoding that came second in detection (see Article.encodingRunnerUp). */
  encodingRunnerUp: string | null;
  hadBom: boolean;
  originalLineEndings: string;
  normalizedToNfc: boolean;
  /** For documents: what was left out or changed shape on the way to text (images, tables as rows, headers). */
  notes?: string[];
}

export type ContentResult = ({ ok: true } & ArticleContent) | { ok: false; reason: string };

/**
 * Decodes (by detection, or with `encoding` when the analyst chose one), extracts an HTML page's readable text,
 * normalises line endings to LF and the text to NFC, and titles it. `sourceFile` is the title of last resort.
 */
export function contentFromBytes(bytes: Uint8Array, kind: SourceKind, sourceFile: string, encoding?: string): ContentResult {
  if (kind === 'pdf') return { ok: false, reason: 'a PDF is read asynchronously (contentFromFile)' };
  if (kind === 'docx' || kind === 'rtf') return contentFromDocument(kind, sourceFile, () => readDocument(bytes, kind, encoding));
  const decoded: DecodeResult =
    encoding !== undefined ? decodeAs(bytes, encoding) : decode(bytes, kind === 'html' ? { declaredCharset: sniffHtmlCharset(bytes) } : {});
  if (!decoded.ok) return decoded;
  if (decoded.text.includes('\u0000')) {
    return { ok: false, reason: 'the text contains NUL characters (U+0000), which Gloss cannot store' };
  }

  let body = decoded.text;
  let pageTitle: string | undefined;
  // The source's line endings are what the analyst's file had, so they are read before HTML extraction rewrites lines.
  const sourceLineEndings = normalise(decoded.text).originalLineEndings;
  if (kind === 'html') {
    const page = extractHtmlText(decoded.text);
    body = page.text;
    pageTitle = page.title;
  }
  const { text, normalizedToNfc } = normalise(body);
  if (text.trim().length === 0) {
    return {
      ok: false,
      reason: kind === 'html' ? 'no readable text (the page has only markup, scripts or styles)' : 'no text (the file is empty or only white space)',
    };
  }
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  // A page's own <title> is its title; otherwise the text's first line, when it looks like one.
  const title = pageTitle ? titleFrom(normalise(pageTitle).text, sourceFile) : titleFromText(text, sourceFile);
  return {
    ok: true,
    text,
    hash,
    title,
    encoding: decoded.encoding,
    encodingBasis: decoded.basis,
    encodingConfidence: decoded.confidence,
    encodingRunnerUp: decoded.runnerUp ?? null,
    hadBom: decoded.hadBom,
    originalLineEndings: sourceLineEndings,
    normalizedToNfc,
  };
}

/** Like contentFromBytes, for every kind of file the importer reads (a PDF is read asynchronously). */
export async function contentFromFile(bytes: Uint8Array, kind: SourceKind, sourceFile: string): Promise<ContentResult> {
  if (kind !== 'pdf') return contentFromBytes(bytes, kind, sourceFile);
  let doc: ExtractedDocument;
  try {
    doc = await extractPdf(bytes);
  } catch (err) {
    return refusal(err, 'pdf');
  }
  return contentFromDocument('pdf', sourceFile, () => ({ doc, encoding: 'UTF-8', basis: 'declared' }));
}

interface ReadDocument {
  doc: ExtractedDocument;
  encoding: string;
  basis: EncodingBasis;
}

/**
 * Word and PDF files carry Unicode text, so their encoding is not a question (recorded as UTF-8, declared). An RTF
 * file names its code page; `encoding` (re-decoding by hand) replaces it.
 */
function readDocument(bytes: Uint8Array, kind: 'docx' | 'rtf', encoding?: string): ReadDocument {
  if (kind === 'docx') return { doc: extractDocx(bytes), encoding: 'UTF-8', basis: 'declared' };
  const chosen = encoding !== undefined ? findEncoding(encoding) : undefined;
  if (encoding !== undefined && !chosen) throw new DocumentRefusal(`Gloss does not know the encoding "${encoding}"`);
  const doc = extractRtf(bytes, chosen ? { decoder: chosen.decoder } : {});
  if (chosen) return { doc, encoding: chosen.name, basis: 'chosen' };
  const name = findEncoding(`cp${doc.codePage}`)?.name ?? findEncoding(codePageDecoder(doc.codePage) ?? '')?.name ?? `CP${doc.codePage}`;
  // An RTF file without \ansicpg is Windows-1252 by the format's definition, not by a guess.
  return { doc, encoding: name, basis: doc.codePageDeclared ? 'declared' : 'detected' };
}

function contentFromDocument(kind: 'docx' | 'pdf' | 'rtf', sourceFile: string, read: () => ReadDocument): ContentResult {
  let result: ReadDocument;
  try {
    result = read();
  } catch (err) {
    return refusal(err, kind);
  }
  const { doc } = result;
  if (doc.text.includes('\u0000')) return { ok: false, reason: 'the text contains NUL characters (U+0000), which Gloss cannot store' };
  const { text, normalizedToNfc } = normalise(doc.text);
  if (text.trim().length === 0) return { ok: false, reason: `no text (${DOCUMENT_NAMES[kind]} with nothing to read in it)` };
  return {
    ok: true,
    text,
    hash: createHash('sha256').update(text, 'utf8').digest('hex'),
    title: titleFromText(text, sourceFile),
    encoding: result.encoding,
    encodingBasis: result.basis,
    encodingConfidence: null,
    encodingRunnerUp: null,
    hadBom: false,
    // Documents have paragraphs, not line endings: the text is built with LF.
    originalLineEndings: 'none',
    normalizedToNfc,
    notes: doc.notes,
  };
}

/** A reader's refusal is the reason the report gives; anything else is a file the reader could not cope with. */
function refusal(err: unknown, kind: 'docx' | 'pdf' | 'rtf'): { ok: false; reason: string } {
  if (err instanceof DocumentRefusal) return { ok: false, reason: err.message };
  return { ok: false, reason: `${DOCUMENT_NAMES[kind]} that Gloss could not read (${(err as Error).message})` };
}
