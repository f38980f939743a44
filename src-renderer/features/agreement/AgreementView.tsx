import { useId, useMemo, useState } from 'react';
import { api } from '../../api/api';
import { useCall } from '../../api/query';
import { useAppStore } from '../../app/store';
import { downloadFrom } from '../export/download';
import { DisagreementWorklist } from './DisagreementWorklist';
import { formatMeasure, formatPercent, ratingOf, RATING_LABELS, sortRows, type CodeRow, type Rating, type Sort, type SortKey } from './agreementModel';
import '../analysis/analysis.css';
import './agreement.css';

export const CONSENSUS_CODER = 'Consensus';

/** α with its reading as text beside the colour, so the rating never depends on seeing colour. */
function AlphaCell({ alpha, testId }: { alpha: number | null | undefined; testId?: string }) {
  const rating = ratingOf(alpha);
  return (
    <td className={`num alpha-cell rating-${rating}`} data-testid={testId} data-rating={rating}>
      {formatMeasure(alpha)} <span className="rating-label">{rating === 'undefined' ? '' : rating}</span>
    </td>
  );
}

function Legend() {
  return (
    <ul className="agreement-legend" aria-label="How to read α">
      {(['acceptable', 'tentative', 'unacceptable'] as Rating[]).map((r) => (
        <li key={r}>
          <span className={`rating-swatch rating-${r}`} aria-hidden /> {RATING_LABELS[r]}
        </li>
      ))}
      <li className="muted">Unit: each code point of the articles both coders coded.</li>
    </ul>
  );
}

/**
 * Inter-coder agreement: choose two coders (or all, for Krippendorff's α over all of them), read percent, κ, α and
 * αu per code, export the table, and open a code's disagreements to settle them as the consensus coder.
 */
export function AgreementView() {
  const { project, attempt, notify } = useAppStore();
  const ids = useId();
  const { data: coderData } = useCall('team.coders', {}, { invalidatedBy: ['codings'], enabled: project !== null });
  const coders = useMemo(() => (coderData?.coders ?? []).map((c) => c.coder).filter((c) => c !== CONSENSUS_CODER), [coderData]);
  const [chosenX, setX] = useState<string | null>(null);
  const [chosenY, setY] = useState<string | null>(null);
  const [allCoders, setAllCoders] = useState(false);
  const [rollUp, setRollUp] = useState(false);
  const [overlap, setOverlap] = useState(90);
  const [sort, setSort] = useState<Sort>({ key: 'code', descending: false });
  const [openCode, setOpenCode] = useState<string | null>(null);

  const coderX = chosenX ?? coders[0] ?? '';
  const coderY = chosenY ?? coders.find((c) => c !== coderX) ?? '';
  const chosen = allCoders ? [coderX, coderY, ...coders.filter((c) => c !== coderX && c !== coderY)] : [coderX, coderY];
  const valid = coderX !== '' && coderY !== '' && coderX !== coderY && overlap > 0 && overlap <= 100;
  const request = { coders: chosen, rollUp, overlapThreshold: overlap / 100 };
  const { data: report, error } = useCall('team.agreement', request, { invalidatedBy: ['codings', 'codes', 'articles'], enabled: project !== null && valid });
  const rows = useMemo(() => sortRows(report?.codes ?? [], sort), [report, sort]);
  // A window that codes blind must not see the others' work here either: the lead turns blind mode off first.
  const blind = useCall('team.blind', {}, { invalidatedBy: ['codings'], enabled: project !== null });
  const stopBlind = async () => {
    await attempt(() => api['team.setBlind']({ on: false }));
    await blind.refetch();
  };
  if (blind.data?.on) {
    return (
      <div className="analysis-view" data-testid="agreement-view">
        <div className="analysis-body">
          <div className="analysis-panel">
            <p className="agreement-blind" data-testid="agreement-blind">
              This window codes blind as <strong>{blind.data.coder}</strong>: it shows only {blind.data.coder}'s codings. Agreement compares every
              coder's work, so it is for the person who reviews it, with blind coding off.
            </p>
            <p>
              <button type="button" data-testid="agreement-stop-blind" onClick={() => void stopBlind()}>
                Show every coder's codings
              </button>
            </p>
          </div>
        </div>
      </div>
    );
  }
  const several = (report?.coders.length ?? 0) > 2;

  if (openCode !== null) {
    return (
      <div className="analysis-view" data-testid="agreement-view">
        <DisagreementWorklist coderX={coderX} coderY={coderY} codePath={openCode} rollUp={rollUp} onClose={() => setOpenCode(null)} />
      </div>
    );
  }

  const exportCsv = async () => {
    const result = await attempt(() => api['team.exportAgreementCsv'](request));
    if (!result) return;
    if (result.downloadUrl) downloadFrom(result.downloadUrl);
    notify(`Exported the agreement table to ${result.path}`);
  };

  const header = (key: SortKey, label: string, title?: string) => (
    <th className={key === 'code' ? undefined : 'num'} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined} title={title}>
      <button
        type="button"
        className="sort-header"
        data-testid={`agreement-sort-${key}`}
        onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'code' }))}
      >
        {label}
        <span className="sort-mark" aria-hidden>
          {sort.key === key ? (sort.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );
  const figures = (r: { both: number; xOnly: number; yOnly: number; neither: number }) => (
    <>
      <td className="num">{r.both}</td>
      <td className="num">{r.xOnly}</td>
      <td className="num">{r.yOnly}</td>
      <td className="num">{r.neither}</td>
    </>
  );

  return (
    <div className="analysis-view" data-testid="agreement-view">
      <div className="analysis-body">
        <div className="analysis-panel">
          <div className="analysis-controls">
            <CoderSelect label="Coder X" coders={coders} value={coderX} onChange={setX} testId="agreement-coder-x" />
            <CoderSelect label="Coder Y" coders={coders} value={coderY} onChange={setY} testId="agreement-coder-y" />
            <label title="Krippendorff's α over every coder (the counts and κ stay those of X and Y)">
              <input type="checkbox" checked={allCoders} data-testid="agreement-all-coders" onChange={(e) => setAllCoders(e.target.checked)} /> α over all{' '}
              {coders.length} coders
            </label>
            <label>
              <input type="checkbox" checked={rollUp} data-testid="agreement-roll-up" onChange={(e) => setRollUp(e.target.checked)} /> Roll up sub-codes
            </label>
            <label htmlFor={`${ids}-overlap`}>
              Segment overlap ≥{' '}
              <input
                id={`${ids}-overlap`}
                type="number"
                min={1}
                max={100}
                value={overlap}
                className="agreement-overlap"
                data-testid="agreement-overlap"
                onChange={(e) => setOverlap(Number(e.target.value))}
              />{' '}
              %
            </label>
            <span className="spacer" />
            <button type="button" data-testid="agreement-export" disabled={!report} onClick={() => void exportCsv()}>
              Export CSV…
            </button>
          </div>
          {coders.length < 2 && <p className="analysis-empty muted">Agreement needs codings by at least two coders (the consensus coder does not count).</p>}
          {coders.length >= 2 && coderX === coderY && <p className="analysis-empty">Choose two different coders.</p>}
          {error && <p className="analysis-empty error-text">{error.message}</p>}
          {report && (
            <>
              <p className="analysis-summary" data-testid="agreement-summary">
                {report.coders.slice(0, 2).join(' and ')}
                {several ? ` (α over all: ${report.coders.join(', ')})` : ''} over {report.articleIds.length} article(s) both coded
                {report.rollUp ? ', sub-codes rolled up' : ''}. Click a code to work through its disagreements.
              </p>
              <Legend />
              {report.codes.length === 0 ? (
                <p className="analysis-empty muted">Neither coder applied any code in the articles both coded.</p>
              ) : (
                <div className="analysis-table-wrap">
                  <table className="analysis-table agreement-table" data-testid="agreement-table">
                    <thead>
                      <tr>
                        {header('code', 'Code')}
                        {header('percent', 'Percent')}
                        {header('kappa', 'κ', "Cohen's kappa")}
                        {header('alpha', 'α', "Krippendorff's alpha (binary, X and Y)")}
                        {header('alphaU', 'αu', "Krippendorff's unitizing alpha")}
                        {several && header('alphaAll', 'α all', "Krippendorff's alpha over all coders")}
                        {header('both', 'Both')}
                        {header('xOnly', `${report.coders[0]} only`)}
                        {header('yOnly', `${report.coders[1]} only`)}
                        {header('neither', 'Neither')}
                        <th className="num" title={`Share of each coder's codings the other matched with at least ${overlap}% overlap`}>
                          Matched ≥ {overlap}%
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r: CodeRow) => (
                        <tr key={r.code} data-testid="agreement-row" data-code={r.code}>
                          <td>
                            <button type="button" className="link-button" data-testid="agreement-open-code" onClick={() => setOpenCode(r.code)}>
                              {r.code}
                            </button>
                          </td>
                          <td className="num" data-testid="agreement-percent">
                            {formatPercent(r.percent)}
                          </td>
                          <td className="num" data-testid="agreement-kappa">
                            {formatMeasure(r.kappa)}
                          </td>
                          <AlphaCell alpha={r.alpha} testId="agreement-alpha" />
                          <td className="num" data-testid="agreement-alpha-u">
                            {formatMeasure(r.alphaU)}
                          </td>
                          {several && <AlphaCell alpha={r.alphaAll} testId="agreement-alpha-all" />}
                          {figures(r)}
                          <td className="num">
                            {r.matchedXY.matched}/{r.matchedXY.total} · {r.matchedYX.matched}/{r.matchedYX.total}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr data-testid="agreement-overall">
                        <th scope="row">Overall (all codes pooled)</th>
                        <td className="num" data-testid="agreement-percent">
                          {formatPercent(report.overall.percent)}
                        </td>
                        <td className="num" data-testid="agreement-kappa">
                          {formatMeasure(report.overall.kappa)}
                        </td>
                        <AlphaCell alpha={report.overall.alpha} testId="agreement-alpha" />
                        <td className="num" data-testid="agreement-alpha-u">
                          {formatMeasure(report.overall.alphaU)}
                        </td>
                        {several && <AlphaCell alpha={report.overall.alphaAll} testId="agreement-alpha-all" />}
                        {figures(report.overall)}
                        <td />
                      </tr>
                    </tfoot>
                  </table>
                </div>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

/** One of the two coders compared. */
function CoderSelect({ label, coders, value, onChange, testId }: { label: string; coders: string[]; value: string; onChange(coder: string): void; testId: string }) {
  return (
    <label>
      {label}{' '}
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {coders.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}
