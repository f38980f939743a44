// REFI-QDA import reports: one empty report and one sum, used by the importer and by the renderer that adds up
// the reports of an import's batches.
import type { RefiReport } from './types';

export function emptyRefiReport(): RefiReport {
  return { sources: [], codes: 0, codeSets: 0, coders: 0, memos: 0, attributes: 0, notImported: { links: 0, graphs: 0, codeSets: 0, nonTextSelections: 0, sources: [], notes: [] } };
}

/** Sums reports of several files imported at once. */
export function addRefiReports(a: RefiReport, b: RefiReport): RefiReport {
  return {
    sources: [...a.sources, ...b.sources],
    codes: a.codes + b.codes,
    codeSets: a.codeSets + b.codeSets,
    coders: a.coders + b.coders,
    memos: a.memos + b.memos,
    attributes: a.attributes + b.attributes,
    notImported: {
      links: a.notImported.links + b.notImported.links,
      graphs: a.notImported.graphs + b.notImported.graphs,
      codeSets: a.notImported.codeSets + b.notImported.codeSets,
      nonTextSelections: a.notImported.nonTextSelections + b.notImported.nonTextSelections,
      sources: [...a.notImported.sources, ...b.notImported.sources],
      notes: [...a.notImported.notes, ...b.notImported.notes],
    },
  };
}
