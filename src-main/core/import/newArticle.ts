import { codePointLength } from '../../contract/offsets';
import type { NewArticle } from '../store/ArticleStore';
import type { ReadyArticle } from './articleWriter';

type StoredText = Pick<NewArticle, 'encoding' | 'hadBom' | 'originalLineEndings' | 'normalizedToNfc' | 'text'>;

/** A read text and how it was read (encoding, BOM, line endings, NFC, its hash) as an article row stores them. */
export function storedTextOf(a: StoredText & { hash: string }): StoredText & { contentHash: string } {
  return {
    contentHash: a.hash,
    encoding: a.encoding,
    hadBom: a.hadBom,
    originalLineEndings: a.originalLineEndings,
    normalizedToNfc: a.normalizedToNfc,
    text: a.text,
  };
}

/**
 * The row an imported article is stored as, in one place for every writer (files, news exports, annotation files),
 * so what the importer records about a text (its encoding, the runner-up, its kept bytes) is kept by all of them.
 */
export function newArticleFrom(a: ReadyArticle, title = a.title): NewArticle {
  return {
    title,
    sourceFile: a.sourceFile,
    ...storedTextOf(a),
    length: codePointLength(a.text),
    encodingBasis: a.encodingBasis,
    encodingConfidence: a.encodingConfidence,
    encodingRunnerUp: a.encodingRunnerUp ?? null,
    source: a.source,
  };
}
