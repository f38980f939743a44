import type { ComponentType } from 'react';
import type { WorkbenchViewName } from './workbenchView';

function Placeholder({ what }: { what: string }) {
  return <div className="placeholder">{what}</div>;
}

/** One component per analysis view; each feature folder replaces its placeholder. */
export const analysisViews: Record<Exclude<WorkbenchViewName, 'code'>, ComponentType> = {
  passages: () => <Placeholder what="Coded passages" />,
  search: () => <Placeholder what="Search" />,
  analysis: () => <Placeholder what="Counts and charts" />,
};
