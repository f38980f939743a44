import { CooccurrenceView } from './cooccurrence/CooccurrenceView';
import { CoverageView } from './coverage/CoverageView';
import { FrequencyView } from './frequencies/FrequencyView';
import { useRememberedState } from './useRememberedState';
import './analysis.css';

type AnalysisTab = 'frequencies' | 'coverage' | 'cooccurrence';

const TABS: { name: AnalysisTab; label: string }[] = [
  { name: 'frequencies', label: 'Code frequencies' },
  { name: 'coverage', label: 'Coverage over time' },
  { name: 'cooccurrence', label: 'Co-occurrence' },
];

/** Counts & charts: code frequencies, coverage over time and co-occurrence, each on its own tab. */
export function AnalysisView() {
  const [tab, setTab] = useRememberedState<AnalysisTab>('analysis.tab', 'frequencies');
  return (
    <div className="analysis-view" data-testid="analysis-view">
      <div className="analysis-tabs" role="tablist" aria-label="Counts and charts">
        {TABS.map((t) => (
          <button
            key={t.name}
            type="button"
            role="tab"
            id={`analysis-tab-${t.name}`}
            aria-selected={tab === t.name}
            aria-controls="analysis-tabpanel"
            className={tab === t.name ? 'analysis-tab active' : 'analysis-tab'}
            onClick={() => setTab(t.name)}
            data-testid={`analysis-tab-${t.name}`}
          >
            <span className="view-tab-label">{t.label}</span>
            <span className="view-tab-label view-tab-reserve" aria-hidden>
              {t.label}
            </span>
          </button>
        ))}
      </div>
      <div className="analysis-body" role="tabpanel" id="analysis-tabpanel" aria-labelledby={`analysis-tab-${tab}`}>
        {tab === 'frequencies' && <FrequencyView />}
        {tab === 'coverage' && <CoverageView />}
        {tab === 'cooccurrence' && <CooccurrenceView />}
      </div>
    </div>
  );
}
