import type { ComponentType } from 'react';
import type { WorkbenchViewName } from './workbenchView';
import { AnalysisView } from '../features/analysis/AnalysisView';
import { PassagesView } from '../features/passages/PassagesView';
import { SearchView } from '../features/search/SearchView';
import { AgreementView } from '../features/agreement/AgreementView';

/** One component per analysis view, each from its feature folder. */
export const analysisViews: Record<Exclude<WorkbenchViewName, 'code'>, ComponentType> = {
  passages: PassagesView,
  search: SearchView,
  analysis: AnalysisView,
  agreement: AgreementView,
};
