import { searchMemos } from '../search/search';
import type { Handlers, Session } from '../session';

export function memosHandlers(session: Session): Pick<Handlers, 'memos.get' | 'memos.search'> {
  return {
    'memos.get': async ({ target }) => session.requireProject().memos.get(target),
    'memos.search': async ({ limit, mode, ...spec }) => searchMemos(session.requireProject(), { ...spec, mode: mode ?? 'text' }, { limit }),
  };
}
