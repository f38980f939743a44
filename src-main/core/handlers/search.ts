import { runSearch } from '../search/search';
import type { Handlers, Session } from '../session';

export function searchHandlers(session: Session): Pick<Handlers, 'search.run' | 'search.saved.list'> {
  return {
    'search.run': async ({ limit, context, ...spec }) => runSearch(session.requireProject(), spec, { limit, context }),
    'search.saved.list': async () => ({ items: session.requireProject().search.listSaved() }),
  };
}
