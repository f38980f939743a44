import { $isListItemNode, $isListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $parseSerializedNode, type EditorState, type LexicalNode, type SerializedLexicalNode } from 'lexical';

/** What `memos.set` stores: the text search and the CSV see, and the editor's own state to reopen it with formatting. */
export interface MemoContent {
  plain: string;
  rich: string | null;
}

/**
 * A memo's plain text: one line per paragraph, and list items with their bullet or number (indented by level), so
 * the CSV and JSON `memo` fields still read as a list. Lexical's own getTextContent would drop the bullets and put
 * blank lines between every block.
 */
export function memoContentOf(state: EditorState): MemoContent {
  const plain = state.read(() => {
    const lines: string[] = [];
    for (const block of $getRoot().getChildren()) {
      if ($isListNode(block)) listLines(block, 0, lines);
      else lines.push(block.getTextContent());
    }
    return lines.join('\n').replace(/\s+$/u, '');
  });
  // An editor emptied of text is no memo at all (not an empty list or stray bold paragraph). The plain form cannot
  // tell: an empty list item still has its bullet there.
  const hasText = state.read(() => $getRoot().getTextContent().trim() !== '');
  if (!hasText) return { plain: '', rich: null };
  return { plain, rich: JSON.stringify(state.toJSON()) };
}

function listLines(list: ListNode, depth: number, lines: string[]): void {
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().filter($isListNode);
    if (nested.length > 0 && item.getChildren().length === nested.length) {
      // An item that only holds a sub-list is Lexical's way of indenting; it has no text of its own.
      for (const sub of nested) listLines(sub, depth + 1, lines);
      continue;
    }
    lines.push(`${'  '.repeat(depth)}${marker(list, item)} ${itemText(item)}`);
    for (const sub of nested) listLines(sub, depth + 1, lines);
  }
}

function marker(list: ListNode, item: ListItemNode): string {
  return list.getListType() === 'number' ? `${item.getValue()}.` : '•';
}

function itemText(item: ListItemNode): string {
  return item
    .getChildren()
    .filter((child: LexicalNode) => !$isListNode(child))
    .map((child) => child.getTextContent())
    .join('');
}

/**
 * Fills an empty editor with a stored memo: its rich form when it has one the editor can read, else its plain
 * text as paragraphs (a memo typed before memos were rich, or set through the CLI).
 */
export function $loadMemo(content: MemoContent): void {
  const root = $getRoot();
  root.clear();
  if (content.rich !== null) {
    try {
      const parsed = JSON.parse(content.rich) as { root?: { children?: SerializedLexicalNode[] } };
      const children = parsed.root?.children ?? [];
      const nodes = children.map((child) => $parseSerializedNode(child));
      if (nodes.every((node) => $isElementNode(node))) {
        root.append(...nodes);
        if (root.getChildrenSize() === 0) root.append($createParagraphNode());
        return;
      }
    } catch {
      // Unreadable (written by another tool, or a node type this version lacks): the plain text is the memo.
      root.clear();
    }
  }
  for (const line of content.plain.split('\n')) {
    const paragraph = $createParagraphNode();
    if (line) paragraph.append($createTextNode(line));
    root.append(paragraph);
  }
}

/**
 * Links in memos may only be plain https URLs with a host and no credentials: the desktop app opens nothing else in
 * the system browser (main checks the same), so a memo cannot carry a javascript:, file: or phishing-style link.
 */
export function isSafeLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.length > 0 && !u.username && !u.password;
  } catch {
    return false;
  }
}
