import { searchMemos } from '../search/search';
import type { Handlers, Session } from '../session';
import { readCoder } from './team';

export function memosHandlers(session: Session): Pick<Handlers, 'memos.get' | 'memos.search'> {
  return {
    'memos.get': async ({ target }) => session.requireProject().memos.get(target),
    'memos.search': async ({ limit, mode, ...spec }) => {
      const { coder, filtered } = readCoder(session, undefined);
      return { ...(await searchMemos(session.requireProject(), { ...spec, mode: mode ?? 'text' }, { limit, coder })), ...filtered };
    },
  };
}
