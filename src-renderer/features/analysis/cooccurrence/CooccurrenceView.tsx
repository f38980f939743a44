import { at } from '../../../../src-main/contract/must';
import type { CooccurrenceUnit } from '../../../../src-main/contract/types';
import { useAnalysisData } from '../useAnalysisData';
import { useRememberedState } from '../useRememberedState';
import { CooccurrenceMatrix, type MatrixCell } from './CooccurrenceMatrix';
import { CooccurrencePassages } from './CooccurrencePassages';
import { RollUpCheckbox, SelectField } from '../AnalysisControls';

const UNITS: { value: CooccurrenceUnit; label: string; explain: string }[] = [
  { value: 'overlap', label: 'Overlapping passages', explain: 'Each cell counts pairs of codings whose passages overlap; the diagonal, each code’s codings.' },
  { value: 'paragraph', label: 'Same paragraph', explain: 'Each cell counts paragraphs holding codings of both codes; the diagonal, paragraphs holding the code.' },
  { value: 'article', label: 'Same article', explain: 'Each cell counts articles holding codings of both codes; the diagonal, articles holding the code.' },
];

/** How often codes meet: a heat-mapped matrix, and the passages behind any cell. */
export function CooccurrenceView() {
  const [unit, setUnit] = useRememberedState<CooccurrenceUnit>('cooccurrence.unit', 'overlap');
  const [rollUp, setRollUp] = useRememberedState('cooccurrence.rollUp', false);
  const [showUncoded, setShowUncoded] = useRememberedState('cooccurrence.showUncoded', false);
  const [cell, setCell] = useRememberedState<MatrixCell | null>('cooccurrence.cell', null);
  const request = { unit, rollUp };
  const { data, loading, error } = useAnalysisData('counts.cooccurrence', request);

  // Codes without codings make empty rows and columns; left out unless asked for.
  const shown = data ? data.codes.map((_, i) => i).filter((i) => showUncoded || at(at(data.matrix, i), i) > 0) : [];
  const cellShown = cell && data && [cell.codeA, cell.codeB].every((id) => shown.some((i) => at(data.codes, i).codeId === id)) ? cell : null;

  return (
    <div className="analysis-panel" data-testid="cooccurrence-view">
      <div className="analysis-controls">
        <SelectField label="Codes co-occur in" value={unit} options={UNITS} onChange={setUnit} testId="cooccurrence-unit" />
        <RollUpCheckbox checked={rollUp} onChange={setRollUp} testId="cooccurrence-rollup" />
        <label className="checkbox-field">
          <input type="checkbox" checked={showUncoded} onChange={(e) => setShowUncoded(e.target.checked)} />
          <span>Show codes without codings</span>
        </label>
      </div>
      <p className="analysis-summary muted">
        {UNITS.find((u) => u.value === unit)?.explain} Click a cell to list its passages.
        {loading && ' · updating…'}
      </p>
      {error && <p role="alert">The co-occurrences could not be computed: {error}</p>}
      {data && shown.length === 0 && <p className="muted analysis-empty">No codings yet.</p>}
      {data && shown.length > 0 && <CooccurrenceMatrix data={data} shown={shown} selected={cellShown} onSelect={setCell} />}
      {data && cellShown && <CooccurrencePassages cell={cellShown} data={data} rollUp={rollUp} onClose={() => setCell(null)} />}
    </div>
  );
}
