import { api } from '../../api/api';
import type { RetrieveQuery } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { useAppStore } from '../../app/store';
import { formulaNoteFor, type TableExportChoice } from '../export/CsvExportDialog';
import { CsvExportButton } from '../export/CsvExportButton';
import { downloadFrom } from '../export/download';
import { CONTEXT } from './usePassagePages';

/** Exports every passage the view's query retrieves (not only the rows on screen), with the same filters and context. */
export function PassagesExportButton({ query }: { query: RetrieveQuery | null }) {
  const { attempt, notify } = useAppStore();

  const run = async (choice: TableExportChoice) => {
    if (!query) return;
    const result = await attempt(() => api['retrieve.exportCsv']({ ...query, ...choice, context: CONTEXT }));
    // null: the save dialog was cancelled, which needs no comment.
    if (!result) return;
    if (result.downloadUrl) downloadFrom(result.downloadUrl);
    const where = result.downloadUrl ? `as the download ${result.path}` : `to ${result.path}`;
    notify(`Exported ${plural(result.codings, 'passage')} from ${plural(result.articles, 'article')} ${where}${formulaNoteFor(result)}`);
  };

  return (
    <CsvExportButton
      testId="passages-export"
      disabled={!query}
      title="Export these passages"
      intro="One row per passage, with the filters of this view: article, code path, exact start and end offsets, the context before, the passage, the context after, memo and coder."
      onExport={run}
    />
  );
}
