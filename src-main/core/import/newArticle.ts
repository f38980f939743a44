import { codePointLength } from '../../contract/offsets';
import type { NewArticle } from '../store/ArticleStore';
import type { ReadyArticle } from './articleWriter';

/**
 * The row an imported article is stored as, in one place for every writer (files, news exports, annotation files),
 * so what the importer records about a text (its encoding, the runner-up, its kept bytes) is kept by all of them.
 */
export function newArticleFrom(a: ReadyArticle, title = a.title): NewArticle {
  return {
    title,
    sourceFile: a.sourceFile,
    contentHash: a.hash,
    encoding: a.encoding,
    hadBom: a.hadBom,
    originalLineEndings: a.originalLineEndings,
    normalizedToNfc: a.normalizedToNfc,
    text: a.text,
    length: codePointLength(a.text),
    encodingBasis: a.encodingBasis,
    encodingConfidence: a.encodingConfidence,
    encodingRunnerUp: a.encodingRunnerUp ?? null,
    source: a.source,
  };
}
