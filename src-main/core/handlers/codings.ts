import type { Handlers, Session } from '../session';

export function codingsHandlers(session: Session): Pick<Handlers, 'codings.listForArticle'> {
  return {
    'codings.listForArticle': async ({ articleId }) => {
      const project = session.requireProject();
      // Refuses an article that does not exist (not_found) rather than answering with no codings.
      project.articles.summary(articleId);
      return { codings: project.codings.listForArticle(articleId) };
    },
  };
}
