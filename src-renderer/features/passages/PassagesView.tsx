import { useCallback, useMemo, useState } from 'react';
import type { RetrievedPassage } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { useDebouncedValue } from '../../app/useDebouncedValue';
import { useAttributeDefinitions } from '../attributes/useAttributeDefinitions';
import { useWorkbenchView } from '../../app/workbenchView';
import { PassageFilters, type PassageFilterInputs } from './PassageFilters';
import { PassageList } from './PassageList';
import { PassagesExportButton } from './PassagesExportButton';
import { retrieveQuery } from './passageQuery';
import { usePassagePages } from './usePassagePages';
import './passages.css';
import { useCodes } from '../codebook/useCodes';

const START: PassageFilterInputs = { checked: new Set(), includeSubcodes: true, coder: '', text: '', attributes: [] };

/**
 * Coded passages (the "retrieval" of ATLAS.ti, MAXQDA and NVivo): everything coded with the chosen codes, narrowed
 * by coder, text and article attributes, each in a little context. A click opens the passage in its article.
 */
export function PassagesView() {
  const codes = useCodes();
  const { revealPassage } = useWorkbenchView();
  const { definitions } = useAttributeDefinitions();
  const [inputs, setInputs] = useState<PassageFilterInputs>(START);
  // Typing in the text or coder field should not query on every key.
  const text = useDebouncedValue(inputs.text, 250);
  const coder = useDebouncedValue(inputs.coder, 250);

  // Codes deleted since they were ticked (elsewhere, or by an undo) drop out, or every request would fail.
  const codeIds = useMemo(() => codes.filter((c) => inputs.checked.has(c.id)).map((c) => c.id), [codes, inputs.checked]);
  const query = useMemo(
    () => retrieveQuery({ codeIds, includeSubcodes: inputs.includeSubcodes, coder, text, attributes: inputs.attributes }),
    [codeIds, inputs.includeSubcodes, coder, text, inputs.attributes],
  );
  const queryKey = query ? JSON.stringify(query) : '';
  const pages = usePassagePages(query);

  const open = useCallback(
    (p: RetrievedPassage) => {
      revealPassage({ articleId: p.articleId, start: p.start, end: p.end });
    },
    [revealPassage],
  );

  return (
    <div className="passages-view" data-testid="passages-view">
      <aside className="passages-side">
        <PassageFilters codes={codes} definitions={definitions} coders={pages.coders} value={inputs} onChange={setInputs} />
      </aside>
      <section className="passages-main" aria-label="Coded passages">
        <header className="passages-bar">
          <h2 className="passages-title">Coded passages</h2>
          <span className="passages-total" data-testid="passages-total" aria-live="polite">
            {!query ? 'No codes chosen' : pages.total === null ? 'Loading…' : plural(pages.total, 'passage')}
          </span>
          <span className="spacer" />
          <PassagesExportButton query={query} />
        </header>
        {!query ? (
          <p className="placeholder">Tick one or more codes on the left to see every passage coded with them.</p>
        ) : pages.total === 0 ? (
          <p className="placeholder">No coded passages match. Loosen the filters, or tick more codes.</p>
        ) : (
          <PassageList pages={pages} queryKey={queryKey} onOpen={open} />
        )}
      </section>
    </div>
  );
}
