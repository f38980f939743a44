import type { Handlers, Session } from '../session';
import { readCoder } from './team';

export function codingsHandlers(session: Session): Pick<Handlers, 'codings.listForArticle'> {
  return {
    'codings.listForArticle': async ({ articleId, coder: asked }) => {
      const project = session.requireProject();
      // Refuses an article that does not exist (not_found) rather than answering with no codings.
      project.articles.summary(articleId);
      const { coder, filtered } = readCoder(session, asked);
      return { codings: project.codings.listForArticle(articleId, coder), ...filtered };
    },
  };
}
