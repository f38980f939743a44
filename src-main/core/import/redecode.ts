// Re-decoding an article's original bytes with an encoding the analyst chose, for the file the detector got wrong.
// What happens is decided before anything changes, and said:
//   - same text under the new encoding: only the recorded encoding changes (no confirmation needed);
//   - different text and no codings: the text is replaced;
//   - different text with codings: without `confirm`, nothing changes and the caller gets a preview (how many
//     codings would lose their passage, the new title, a sample of the new text); with `confirm`, the text is
//     replaced and exactly those codings are removed — a coding whose passage is still at its offsets stays.
import { GlossError } from '../../contract/errors';
import { codePointLength } from '../../contract/offsets';
import type { RedecodeResult } from '../../contract/types';
import type { Project } from '../store/Project';
import { findEncoding } from './encodings';
import { contentFromBytes } from './textSource';

/** How much of the new text a preview shows. */
const SAMPLE_CODE_POINTS = 240;

export function redecodeArticle(project: Project, id: number, encoding: string, confirm = false): RedecodeResult {
  const article = project.articles.get(id);
  const entry = findEncoding(encoding);
  if (!entry) {
    throw new GlossError('invalid_request', `Gloss does not know the encoding "${encoding}"; articles.encodings lists the ones it can use.`);
  }
  const source = project.sources.get(id);
  if (!source) {
    throw new GlossError(
      'conflict',
      `Article ${id} cannot be re-decoded: its original bytes were not kept (it was imported before Gloss kept them, from a Gloss export, or split from a news-database export). Import the file again instead.`,
    );
  }
  if (source.kind === 'docx' || source.kind === 'pdf') {
    const what = source.kind === 'docx' ? 'a Word document' : 'a PDF';
    throw new GlossError('invalid_request', `Article ${id} was read from ${what}, whose text is Unicode: it has no encoding to choose; nothing was changed.`);
  }
  const content = contentFromBytes(source.bytes, source.kind, article.sourceFile, entry.name);
  if (!content.ok) throw new GlossError('invalid_request', `Article ${id} ${content.reason}; nothing was changed.`);

  // A title Gloss derived (from the first line or the page's <title>) follows the text; one the analyst typed stays.
  const asImported = contentFromBytes(source.bytes, source.kind, article.sourceFile, article.encoding);
  const titleWasDerived = asImported.ok && asImported.title === article.title;
  const newTitle = titleWasDerived ? content.title : article.title;
  const newLength = codePointLength(content.text);
  const changed = content.text !== article.text;
  const { affected, kept } = project.sources.codingsAgainst(id, content.text, newLength);
  const result = {
    changed,
    encoding: entry.name,
    newTitle,
    sample: sampleOf(article.text, content.text),
    newLength,
  };

  if (!changed) {
    project.db.transaction(() => {
      project.sources.setEncoding(id, { encoding: entry.name, encodingBasis: 'chosen', encodingConfidence: null, hadBom: content.hadBom });
      if (newTitle !== article.title) project.articles.rename(id, newTitle);
    }).immediate();
    return { ...result, applied: true, codingsAffected: 0, codingsKept: kept };
  }
  if (affected + kept > 0 && !confirm) {
    return { ...result, applied: false, codingsAffected: affected, codingsKept: kept };
  }
  const removed = project.sources.replaceText(id, {
    text: content.text,
    length: newLength,
    contentHash: content.hash,
    title: newTitle,
    encoding: entry.name,
    encodingBasis: 'chosen',
    encodingConfidence: null,
    hadBom: content.hadBom,
    originalLineEndings: content.originalLineEndings,
    normalizedToNfc: content.normalizedToNfc,
  });
  return { ...result, applied: true, codingsAffected: removed, codingsKept: kept + affected - removed };
}

/**
 * A piece of the new text to judge the encoding by: where it first differs from the current text (the beginning
 * of a file is often plain ASCII and would look right under any encoding), from the start of that line.
 */
function sampleOf(oldText: string, newText: string): string {
  let at = 0;
  const n = Math.min(oldText.length, newText.length);
  while (at < n && oldText.charCodeAt(at) === newText.charCodeAt(at)) at++;
  if (at === newText.length && at === oldText.length) at = 0;
  let start = newText.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
  if (at - start > 120) start = at - 40;
  // Never start inside a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(newText[start] ?? '')) start--;
  const cps = [...newText.slice(start, start + SAMPLE_CODE_POINTS * 2)].slice(0, SAMPLE_CODE_POINTS).join('');
  return (start > 0 ? '…' : '') + cps + (start + cps.length < newText.length ? '…' : '');
}
