import { useState } from 'react';
import { touches, useCall } from '../../api/query';
import type { Article, ArticleSummary, EncodingBasis } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import { formatDateTime, formatNumber, plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { ArticleAttributesSection } from '../attributes/ArticleAttributesSection';
import { RedecodeDialog } from './RedecodeDialog';

/** What a document's notes say the text was read from. */
const SOURCE_KINDS: Record<string, string> = { docx: 'Word', pdf: 'PDF', rtf: 'RTF' };

/** How the encoding was decided, as a phrase after its name. */
const BASIS: Record<EncodingBasis, string> = {
  bom: 'from its byte order mark',
  utf8: 'the file is valid UTF-8',
  declared: 'declared by the page',
  detected: 'detected',
  guessed: 'guessed',
  chosen: 'chosen by hand',
  export: 'from a Gloss export',
  unknown: 'not recorded',
};

const LINE_ENDINGS: Record<string, string> = {
  LF: 'LF (Unix, macOS)',
  CRLF: 'CRLF (Windows), stored as LF',
  CR: 'CR (classic Mac OS), stored as LF',
  mixed: 'Mixed, stored as LF',
  none: 'None (a single line)',
};

export function ArticleDetailsDialog({ article: summary, onClose }: { article: ArticleSummary; onClose(): void }) {
  const { project } = useAppStore();
  // true: the picker; 'runner-up': straight to decoding with the encoding that came second.
  const [redecoding, setRedecoding] = useState<boolean | 'runner-up'>(false);
  // Fetched afresh (and again after a re-decode or rename, here or in another window), since the list row carries
  // only the summary.
  const load = useCall('articles.get', { id: summary.id }, { invalidatedBy: touches(['articles'], { articleId: summary.id }) });
  const article: Article | null = load.data ?? null;
  const failed = load.error?.message ?? null;

  if (redecoding && article) {
    return (
      <RedecodeDialog
        article={article}
        suggested={redecoding === 'runner-up' ? (article.encodingRunnerUp ?? undefined) : undefined}
        run={redecoding === 'runner-up'}
        onClose={() => setRedecoding(false)}
        onDone={() => setRedecoding(false)}
      />
    );
  }

  const shown = article ?? summary;
  const guessed = article?.encodingBasis === 'guessed';
  const unicodeDocument = article?.sourceKind === 'docx' || article?.sourceKind === 'pdf';
  return (
    <Dialog
      title="Article details"
      onClose={onClose}
      testId="article-details-dialog"
      className="article-details-dialog"
      actions={
        <>
          <button
            type="button"
            data-testid="redecode-button"
            disabled={!article?.hasSourceBytes || unicodeDocument}
            title={
              article && !article.hasSourceBytes
                ? 'The original file was not kept with this article (imported from a Gloss export, or before Gloss kept files), so it cannot be decoded again. Import the file again instead.'
                : unicodeDocument
                  ? 'This article was read from a Word document or a PDF, whose text is Unicode: there is no encoding to choose.'
                  : 'Decode the original file again with an encoding you choose'
            }
            onClick={() => setRedecoding(true)}
          >
            Re-import with another encoding…
          </button>
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {failed && <p role="alert">The article’s details could not be loaded: {failed}</p>}
      <dl className="details-list">
        <dt>Title</dt>
        <dd dir="auto">{shown.title}</dd>
        <dt>Source file</dt>
        <dd data-testid="detail-source">{shown.sourceFile}</dd>
        <dt>Encoding</dt>
        <dd data-testid="detail-encoding">
          {shown.encoding}
          {article && (
            <span className={guessed ? 'encoding-guessed' : 'muted'} data-testid="detail-encoding-basis">
              {guessed ? '' : ' ('}
              {BASIS[article.encodingBasis]}
              {article.encodingConfidence !== null && article.encodingBasis !== 'chosen' && `, ${Math.round(article.encodingConfidence * 100)}% confident`}
              {guessed ? '' : ')'}
            </span>
          )}
        </dd>
        {guessed && (
          <dd className="details-hint" data-testid="detail-encoding-hint">
            Gloss was not sure of this file’s encoding. If the text shows odd characters (such as Ã© or â€™ where é or ’ belong, or
            question marks), re-import it with another encoding.
            {article.encodingRunnerUp && article.hasSourceBytes && (
              <>
                {' '}
                <button type="button" className="link" data-testid="redecode-runner-up" onClick={() => setRedecoding('runner-up')}>
                  Try {article.encodingRunnerUp}, the next best
                </button>
              </>
            )}
          </dd>
        )}
        <dt>Byte order mark</dt>
        <dd data-testid="detail-bom">{article ? (article.hadBom ? 'Yes, the file began with one (not part of the text)' : 'No') : '…'}</dd>
        <dt>Line endings</dt>
        <dd data-testid="detail-line-endings">{article ? (LINE_ENDINGS[article.originalLineEndings] ?? article.originalLineEndings) : '…'}</dd>
        <dt>Unicode NFC</dt>
        <dd data-testid="detail-nfc">
          {article ? (article.normalizedToNfc ? 'Normalising to NFC changed the text (composed accents)' : 'The text was already in NFC') : '…'}
        </dd>
        {article && article.importNotes.length > 0 && (
          <>
            <dt>Read from {SOURCE_KINDS[article.sourceKind ?? ''] ?? 'the file'}</dt>
            <dd data-testid="detail-import-notes">
              <ul className="details-notes">
                {article.importNotes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>Imported</dt>
        <dd data-testid="detail-imported" title={shown.importedAt}>
          {formatDateTime(shown.importedAt)}
        </dd>
        <dt>Length</dt>
        <dd data-testid="detail-length">{plural(shown.length, 'character')}</dd>
        <dt>Codings</dt>
        <dd data-testid="detail-codings">{formatNumber(shown.codingCount)}</dd>
        <dt>Article ID</dt>
        <dd>{shown.id}</dd>
      </dl>
      <ArticleAttributesSection articleId={shown.id} readOnly={project?.readOnly} />
    </Dialog>
  );
}
