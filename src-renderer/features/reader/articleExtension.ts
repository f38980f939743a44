import { MarkExtension } from '@lexical/mark';
import { $createParagraphNode, $createTextNode, $getRoot, defineExtension } from 'lexical';
import type { ArticleDoc } from './articleDoc';

/**
 * The Lexical editor for one article: one ParagraphNode per line of the stored text, each holding the line as a
 * plain TextNode (never parsed as HTML or markdown). Lexical renders top-level paragraphs with dir="auto", so each
 * paragraph takes its direction from its own first strong character: Arabic and Hebrew paragraphs read right to
 * left, English ones left to right, in the same article.
 */
export function articleExtension(doc: ArticleDoc) {
  return defineExtension({
    name: '@gloss/article-reader',
    namespace: 'gloss-article',
    dependencies: [MarkExtension],
    theme: {
      paragraph: 'article-paragraph',
      mark: 'coding-active-mark',
    },
    onError: (error: Error) => {
      console.error('Lexical error in the article reader', error);
    },
    $initialEditorState: () => {
      const root = $getRoot();
      root.clear();
      for (const line of doc.lines) {
        const paragraph = $createParagraphNode();
        if (line.length > 0) paragraph.append($createTextNode(line));
        root.append(paragraph);
      }
    },
  });
}
