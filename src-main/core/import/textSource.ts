// A file's bytes → the text Gloss stores, with everything recorded about how it got there. The importer and
// re-decoding both go through here, so an article re-decoded with the encoding it was imported with gets back
// exactly the text it has.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { EncodingBasis } from '../../contract/types';
import { decode, decodeAs, type DecodeResult } from './decode';
import { extractHtmlText, HTML_EXTENSIONS, sniffHtmlCharset } from './html';
import { normalise, titleFrom } from './normalise';

export type SourceKind = 'text' | 'html';

export { TEXT_EXTENSIONS, GLOSS_JSON_EXTENSIONS, REFI_EXTENSIONS } from '../../contract/fileTypes';
import { TEXT_EXTENSIONS, GLOSS_JSON_EXTENSIONS, REFI_EXTENSIONS } from '../../contract/fileTypes';

/** What the importer does with a file, by its extension; undefined for files it does not import. */
export function importKindOf(fileName: string): SourceKind | 'gloss-json' | 'refi' | undefined {
  const ext = extname(fileName).toLowerCase();
  if (TEXT_EXTENSIONS.includes(ext)) return 'text';
  if (HTML_EXTENSIONS.includes(ext)) return 'html';
  if (GLOSS_JSON_EXTENSIONS.includes(ext)) return 'gloss-json';
  if (REFI_EXTENSIONS.includes(ext)) return 'refi';
  return undefined;
}

export interface ArticleContent {
  /** LF line endings, NFC. */
  text: string;
  /** SHA-256 of the stored text's UTF-8, the key duplicates are found by. */
  hash: string;
  title: string;
  encoding: string;
  encodingBasis: EncodingBasis;
  encodingConfidence: number | null;
  hadBom: boolean;
  originalLineEndings: string;
  normalizedToNfc: boolean;
}

export type ContentResult = ({ ok: true } & ArticleContent) | { ok: false; reason: string };

/**
 * Decodes (by detection, or with `encoding` when the analyst chose one), extracts an HTML page's readable text,
 * normalises line endings to LF and the text to NFC, and titles it. `sourceFile` is the title of last resort.
 */
export function contentFromBytes(bytes: Uint8Array, kind: SourceKind, sourceFile: string, encoding?: string): ContentResult {
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
  const title = titleFrom(pageTitle ? normalise(pageTitle).text : text, sourceFile);
  return {
    ok: true,
    text,
    hash,
    title,
    encoding: decoded.encoding,
    encodingBasis: decoded.basis,
    encodingConfidence: decoded.confidence,
    hadBom: decoded.hadBom,
    originalLineEndings: sourceLineEndings,
    normalizedToNfc,
  };
}
