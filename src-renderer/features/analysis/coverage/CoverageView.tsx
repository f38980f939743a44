import type { Code, Coverage } from '../../../../src-main/contract/types';
import { formatNumber, plural } from '../../../app/format';
import { useAttributeDefinitions } from '../../attributes/useAttributeDefinitions';
import { useAnalysisData } from '../useAnalysisData';
import { useRememberedState } from '../useRememberedState';
import { CodeChecklist } from './CodeChecklist';
import { CoverageChart } from './CoverageChart';
import { useCodes } from '../../codebook/useCodes';
import { RollUpCheckbox, SelectField } from '../AnalysisControls';

/** The core draws at most 100 codes in one chart; a readable chart has far fewer. */
const MAX_CODES = 100;
const DEFAULT_CODES = 6;
const INTERVALS: { value: Coverage['interval']; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/**
 * To start with, a handful of codes with codings: the top-level ones when sub-codes count with their parent (each
 * line then stands for a branch of the codebook), otherwise the codes holding codings themselves.
 */
function defaultCodes(codes: Code[], rollUp: boolean): number[] {
  const parent = new Map(codes.map((c) => [c.id, c.parentId]));
  const branchCount = new Map<number, number>();
  for (const c of codes) {
    for (let id: number | null = c.id; id !== null; id = parent.get(id) ?? null) branchCount.set(id, (branchCount.get(id) ?? 0) + c.codingCount);
  }
  const candidates = rollUp ? codes.filter((c) => c.parentId === null && (branchCount.get(c.id) ?? 0) > 0) : codes.filter((c) => c.codingCount > 0);
  return candidates.slice(0, DEFAULT_CODES).map((c) => c.id);
}

/** Whether a coding could be counted twice in a sum over the series: with sub-codes rolled up, under a code and its ancestor. */
function nested(codes: Code[], ids: number[]): boolean {
  const chosen = new Set(ids);
  const parent = new Map(codes.map((c) => [c.id, c.parentId]));
  return ids.some((id) => {
    for (let p = parent.get(id) ?? null; p !== null; p = parent.get(p) ?? null) if (chosen.has(p)) return true;
    return false;
  });
}

/** Codings per day, week or month for the chosen codes, dated by a date attribute (publication date by default). */
export function CoverageView() {
  const codes = useCodes();
  const { definitions } = useAttributeDefinitions();
  const [picked, setPicked] = useRememberedState<number[] | null>('coverage.codes', null);
  const [interval, setIntervalChoice] = useRememberedState<Coverage['interval']>('coverage.interval', 'month');
  const [dateAttribute, setDateAttribute] = useRememberedState('coverage.dateAttribute', 'publication date');
  const [rollUp, setRollUp] = useRememberedState('coverage.rollUp', true);

  const known = new Set(codes.map((c) => c.id));
  const selected = (picked ?? defaultCodes(codes, rollUp)).filter((id) => known.has(id));
  const dateAttributes = (definitions ?? []).filter((d) => d.type === 'date');
  const dateName = dateAttributes.some((d) => d.name === dateAttribute) ? dateAttribute : (dateAttributes[0]?.name ?? 'publication date');
  const request = { codeIds: selected, interval, dateAttribute: dateName, rollUp };
  const { data, loading, error } = useAnalysisData('counts.coverage', selected.length ? request : null);

  const undatedSeries = data?.series.filter((s) => s.undated > 0) ?? [];
  const undatedTotal = undatedSeries.reduce((n, s) => n + s.undated, 0);
  const canSum = !(rollUp && nested(codes, selected));
  const breakdown = undatedSeries.map((s) => `${s.codePath} ${formatNumber(s.undated)}`).join(' · ');

  return (
    <div className="analysis-panel coverage-panel" data-testid="coverage-view">
      <div className="analysis-controls">
        <SelectField label="Per" value={interval} options={INTERVALS} onChange={setIntervalChoice} testId="coverage-interval" />
        <SelectField
          label="Dated by"
          value={dateName}
          options={dateAttributes.map((d) => ({ value: d.name, label: d.name }))}
          onChange={setDateAttribute}
          testId="coverage-date-attribute"
        />
        <RollUpCheckbox checked={rollUp} onChange={setRollUp} testId="coverage-rollup" />
      </div>
      <div className="coverage-layout">
        <CodeChecklist codes={codes} selected={selected} onChange={setPicked} max={MAX_CODES} />
        <div className="coverage-main">
          {error && <p role="alert">The coverage could not be computed: {error}</p>}
          {selected.length === 0 && <p className="muted analysis-empty">Choose codes to draw.</p>}
          {data && selected.length > 0 && data.periods.length === 0 && (
            <p className="muted analysis-empty" data-testid="coverage-no-dates">
              None of these codings is in an article with a {dateName}. Set dates in an article’s details, or import them from a CSV
              (Attributes ▸ Import from CSV in the article list).
            </p>
          )}
          {data && selected.length > 0 && data.periods.length > 0 && (
            <CoverageChart coverage={data} title={`Codings per ${interval} by ${dateName}${rollUp ? ' (sub-codes included)' : ''}`} />
          )}
          {data && undatedTotal > 0 && (
            <p className="coverage-undated" data-testid="coverage-undated" title={breakdown}>
              {canSum
                ? `${plural(undatedTotal, 'coding')} in articles without a ${dateName} ${undatedTotal === 1 ? 'is' : 'are'} not shown`
                : `Codings in articles without a ${dateName} are not shown`}
              {undatedSeries.length > 1 || !canSum ? `: ${breakdown}.` : '.'}
            </p>
          )}
          {loading && <p className="muted">Counting…</p>}
        </div>
      </div>
    </div>
  );
}
