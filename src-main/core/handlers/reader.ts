import type { Handlers, Session } from '../session';
import { readCoder } from './team';

/** Reads shaped for the reader (issue 16: what an open sends, parses and keeps). */
export function readerHandlers(session: Session): Pick<Handlers, 'codings.listForReader'> {
  return {
    'codings.listForReader': async ({ articleId, coder: asked }) => {
      const project = session.requireProject();
      // Refuses an article that does not exist (not_found) rather than answering with no codings.
      project.articles.summary(articleId);
      const { coder, filtered } = readCoder(session, asked);
      // The passage text is left out: the reader slices it from the article text (offsets are code points into it).
      const codings = project.codings.listForArticle(articleId, coder).map(({ text: _text, ...coding }) => coding);
      return { codings, ...filtered };
    },
  };
}
