import type { Handlers, Session } from '../session';
import { readCoder } from './team';

export function codingsHandlers(session: Session): Pick<Handlers, 'codings.listForArticle' | 'codings.listForReader'> {
  /** The article's codings, narrowed to a coder as asked or as the window's blind coding requires. */
  const ofArticle = (articleId: number, asked: string | undefined) => {
    const project = session.requireProject();
    // Refuses an article that does not exist (not_found) rather than answering with no codings.
    project.articles.summary(articleId);
    const { coder, filtered } = readCoder(session, asked);
    return { codings: project.codings.listForArticle(articleId, coder), filtered };
  };
  return {
    'codings.listForArticle': async ({ articleId, coder }) => {
      const { codings, filtered } = ofArticle(articleId, coder);
      return { codings, ...filtered };
    },
    // Shaped for the reader (issue 16: what an open sends, parses and keeps): without each passage's text, which the
    // reader slices from the article text it already has (offsets are code points into it).
    'codings.listForReader': async ({ articleId, coder }) => {
      const { codings, filtered } = ofArticle(articleId, coder);
      return { codings: codings.map(({ text: _text, ...coding }) => coding), ...filtered };
    },
  };
}
