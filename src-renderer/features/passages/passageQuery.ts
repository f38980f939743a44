import type { AttributeFilter, RetrieveQuery } from '../../../src-main/contract/types';

export interface PassageFilterState {
  codeIds: number[];
  includeSubcodes: boolean;
  coder: string;
  text: string;
  attributes: AttributeFilter[];
}

/** The query for `retrieve.passages` and `retrieve.exportCsv`; null until at least one code is picked. */
export function retrieveQuery(state: PassageFilterState): RetrieveQuery | null {
  if (state.codeIds.length === 0) return null;
  return {
    codeIds: state.codeIds,
    includeSubcodes: state.includeSubcodes,
    ...(state.coder.trim() ? { coder: state.coder.trim() } : {}),
    ...(state.text.trim() ? { text: state.text.trim() } : {}),
    ...(state.attributes.length > 0 ? { attributes: state.attributes } : {}),
  };
}
