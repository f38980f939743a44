import type { EditorThemeClasses } from 'lexical';

/** Class names only: the page's CSP allows no inline styles, so every look lives in memos.css. */
export const memoTheme: EditorThemeClasses = {
  paragraph: 'memo-paragraph',
  text: { bold: 'memo-bold', italic: 'memo-italic' },
  list: {
    ul: 'memo-ul',
    ol: 'memo-ol',
    listitem: 'memo-li',
    nested: { listitem: 'memo-li-nested' },
  },
  link: 'memo-a',
};
