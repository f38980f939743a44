import type { ComponentType } from 'react';
import type { WorkbenchViewName } from './workbenchView';
import { AnalysisView } from '../features/analysis/AnalysisView';
import { PassagesView } from '../features/passages/PassagesView';
import { SearchView } from '../features/search/SearchView';

function Placeholder({ what }: { what: string }) {
  return <div className="placeholder">{what}</div>;
}

/** One component per analysis view; each feature folder replaces its placeholder. */
export const analysisViews: Record<Exclude<WorkbenchViewName, 'code'>, ComponentType> = {
  passages: PassagesView,
  search: SearchView,
  analysis: AnalysisView,
};
