import { api } from '../../../api/api';
import type { AttributeDefinition, CountsGrouping } from '../../../../src-main/contract/types';
import { plural } from '../../../app/format';
import { useAppStore } from '../../../app/store';
import { downloadFrom } from '../../export/download';
import { formulaNoteFor, type TableExportChoice } from '../../export/CsvExportDialog';
import { CsvExportButton } from '../../export/CsvExportButton';
import { useAttributeDefinitions } from '../../attributes/useAttributeDefinitions';
import { useAnalysisData } from '../useAnalysisData';
import { useRememberedState } from '../useRememberedState';
import { FrequencyChart } from './FrequencyChart';
import { FrequencyTable } from './FrequencyTable';
import { frequencyRows, MEASURE_LABELS, type Measure, type Sort } from './frequencyModel';
import { useCodes } from '../../codebook/useCodes';
import { RollUpCheckbox, SelectField } from '../AnalysisControls';

const CHART_SCOPES: { value: 'all' | 'top'; label: string }[] = [
  { value: 'all', label: 'All codes' },
  { value: 'top', label: 'Top-level codes' },
];
const MEASURES = (Object.keys(MEASURE_LABELS) as Measure[]).map((m) => ({ value: m, label: MEASURE_LABELS[m] }));

/** 'none', 'article', or 'attribute:<name>': one select for "count per". */
type GroupingChoice = string;

function parseGrouping(choice: GroupingChoice): { by: CountsGrouping; attribute?: string } {
  if (choice.startsWith('attribute:')) return { by: 'attribute', attribute: choice.slice('attribute:'.length) };
  return { by: choice === 'article' ? 'article' : 'none' };
}

/** Codings per code, for the whole corpus, per article or per attribute value: a sortable table and a bar chart. */
export function FrequencyView() {
  const { attempt, notify } = useAppStore();
  const codes = useCodes();
  const { definitions } = useAttributeDefinitions();
  const [choice, setChoice] = useRememberedState<GroupingChoice>('frequencies.grouping', 'none');
  const [rollUp, setRollUp] = useRememberedState('frequencies.rollUp', true);
  const [measure, setMeasure] = useRememberedState<Measure>('frequencies.measure', 'codings');
  const [sort, setSort] = useRememberedState<Sort | null>('frequencies.sort', null);
  const [view, setView] = useRememberedState<'table' | 'chart'>('frequencies.view', 'table');
  const [chartScope, setChartScope] = useRememberedState<'all' | 'top'>('frequencies.chartScope', 'all');

  // A grouping by an attribute that has since gone (deleted, renamed) falls back to the whole corpus.
  const grouping = parseGrouping(choice);
  const attributeGone = grouping.by === 'attribute' && definitions !== null && !definitions.some((d) => d.name === grouping.attribute);
  const request = attributeGone ? { rollUp, by: 'none' as const } : { rollUp, ...grouping };
  const { data, loading, error } = useAnalysisData('counts.codes', definitions ? request : null);

  const groupNoun = request.by === 'article' ? 'articles' : request.by === 'attribute' ? `values of ${request.attribute}` : 'codes';
  const title =
    `${MEASURE_LABELS[measure]} per code` +
    (request.by === 'article' ? ' per article' : request.by === 'attribute' ? ` by ${request.attribute}` : '') +
    (rollUp ? ' (sub-codes included)' : '');

  const exportTable = async (choice: TableExportChoice) => {
    const result = await attempt(() => api['counts.exportCsv']({ ...request, ...choice }));
    if (!result) return;
    if (result.downloadUrl) downloadFrom(result.downloadUrl);
    notify(`Exported the frequency table ${result.downloadUrl ? `as the download ${result.path}` : `to ${result.path}`}${formulaNoteFor(result)}`);
  };

  const rows = data ? frequencyRows(data) : [];
  const totalWords = data?.groups.reduce((n, g) => n + g.words, 0) ?? 0;
  const totalArticles = data?.groups.reduce((n, g) => n + g.articles, 0) ?? 0;

  return (
    <div className="analysis-panel" data-testid="frequency-view">
      <div className="analysis-controls">
        <label className="field">
          <span>Count per</span>
          <select value={attributeGone ? 'none' : choice} onChange={(e) => (setChoice(e.target.value), setSort(null))} data-testid="frequency-grouping">
            <option value="none">Code (whole corpus)</option>
            <option value="article">Code and article</option>
            <AttributeOptions definitions={definitions ?? []} />
          </select>
        </label>
        <RollUpCheckbox checked={rollUp} onChange={setRollUp} testId="frequency-rollup" />
        <span className="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')} data-testid="frequency-show-table">
            Table
          </button>
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')} data-testid="frequency-show-chart">
            Bar chart
          </button>
        </span>
        {view === 'chart' && <SelectField label="Codes" value={chartScope} options={CHART_SCOPES} onChange={setChartScope} testId="frequency-chart-scope" />}
        {view === 'chart' && <SelectField label="Bars show" value={measure} options={MEASURES} onChange={setMeasure} testId="frequency-measure" />}
        <span className="spacer" />
        <CsvExportButton
          testId="frequency-export-csv"
          disabled={!data}
          title="Export the frequency table"
          intro="One row per code and group: the group, the code path, codings, articles, words and codings per 1,000 words."
          onExport={exportTable}
        />
      </div>
      {error && <p role="alert">The counts could not be computed: {error}</p>}
      {data && (
        <p className="analysis-summary muted" aria-live="polite">
          {plural(totalArticles, 'article')}, {plural(totalWords, 'word')}
          {request.by === 'attribute' && `, ${plural(data.groups.length, 'value')} of ${request.attribute} (articles without one grouped as “(no value)”)`}
          {loading && ' · updating…'}
        </p>
      )}
      {data && view === 'table' && (
        <FrequencyTable
          rows={rows}
          grouped={request.by !== 'none'}
          groupHeading={request.by === 'article' ? 'Article' : (request.attribute ?? '')}
          sort={sort}
          onSort={setSort}
        />
      )}
      {data && view === 'chart' && (
        <FrequencyChart
          // A code name cannot contain "/", so a path without one is a top-level code.
          counts={chartScope === 'top' ? { ...data, rows: data.rows.filter((r) => !r.codePath.includes('/')) } : data}
          measure={measure}
          title={chartScope === 'top' ? title.replace(' per code', ' per top-level code') : title}
          categoryNoun={groupNoun}
        />
      )}
      {!data && loading && <p className="muted">Counting…</p>}
      {codes.length === 0 && <p className="muted">Create codes in the codebook and code passages; their counts appear here.</p>}
    </div>
  );
}

function AttributeOptions({ definitions }: { definitions: AttributeDefinition[] }) {
  if (definitions.length === 0) return null;
  return (
    <optgroup label="Code and attribute value">
      {definitions.map((d) => (
        <option key={d.id} value={`attribute:${d.name}`}>
          Code and {d.name}
        </option>
      ))}
    </optgroup>
  );
}
