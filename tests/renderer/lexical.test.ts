// The reader's and the memo editor's Lexical logic, in a headless Lexical editor (no DOM): where a UTF-16 offset
// falls in a paragraph split over several text nodes, and what a memo stores as plain text (the CSV/JSON `memo`).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, ListItemNode, ListNode } from '@lexical/list';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor, type TextNode } from 'lexical';
import { ArticleDoc } from '../../src-renderer/features/reader/articleDoc';
import { $rangeSelectionFor } from '../../src-renderer/features/reader/lexicalPoints';
import { $loadMemo, memoContentOf } from '../../src-renderer/features/memos/memoText';
import { nth } from '../core/present';

function headlessEditor(): LexicalEditor {
  return createEditor({
    nodes: [ListNode, ListItemNode, LinkNode],
    onError: (err) => {
      throw err;
    },
  });
}

/** An article laid out as the reader does: one paragraph per line, each line's text split into the given pieces. */
function articleEditor(lines: string[][]): LexicalEditor {
  const editor = headlessEditor();
  editor.update(
    () => {
      const root = $getRoot();
      for (const pieces of lines) {
        const p = $createParagraphNode();
        // Token mode keeps Lexical from merging neighbouring text nodes, as the marks in the reader do.
        for (const piece of pieces) p.append($createTextNode(piece).setMode('token'));
        root.append(p);
      }
    },
    { discrete: true },
  );
  return editor;
}

interface ResolvedPoint {
  line: number;
  node: number;
  offset: number;
  /** Where the point is in the whole article, in UTF-16 units. */
  global16: number;
}

function resolve(editor: LexicalEditor, doc: ArticleDoc, start16: number, end16: number): { anchor: ResolvedPoint; focus: ResolvedPoint } | null {
  return editor.getEditorState().read(() => {
    const selection = $rangeSelectionFor(doc, start16, end16);
    if (!selection) return null;
    const where = (point: typeof selection.anchor): ResolvedPoint => {
      const node = point.getNode() as TextNode;
      const paragraph = node.getParent()!;
      const line = paragraph.getIndexWithinParent();
      const siblings = paragraph.getChildren() as TextNode[];
      const index = siblings.findIndex((s) => s.is(node));
      const before = siblings.slice(0, index).reduce((n, s) => n + s.getTextContentSize(), 0);
      return { line, node: index, offset: point.offset, global16: nth(doc.lineStarts, line, `the start of line ${line}`) + before + point.offset };
    };
    assert.equal(selection.anchor.type, 'text');
    return { anchor: where(selection.anchor), focus: where(selection.focus) };
  });
}

describe('$rangeSelectionFor (the active coding as a Lexical selection)', () => {
  const lines = [['Cease', 'fire ', 'talks'], ['in ', 'Cairo']];
  const doc = new ArticleDoc(lines.map((l) => l.join('')).join('\n'));
  const editor = articleEditor(lines);

  test('offsets inside one text node', () => {
    const r = resolve(editor, doc, 1, 3)!;
    assert.deepEqual([r.anchor.node, r.anchor.offset, r.focus.node, r.focus.offset], [0, 1, 0, 3]);
  });

  test('at a boundary between text nodes a start belongs to the next node and an end to the previous one', () => {
    // "Cease|fire": 5 is the end of the first node and the start of the second.
    const r = resolve(editor, doc, 5, 10)!;
    assert.deepEqual([r.anchor.node, r.anchor.offset], [1, 0]);
    assert.deepEqual([r.focus.node, r.focus.offset], [1, 5]);
  });

  test('across the line break: a start on the LF goes to the next paragraph, an end stays in the previous one', () => {
    const lf = doc.lineEnd(0);
    const r = resolve(editor, doc, lf, lf + 1)!;
    assert.deepEqual([r.anchor.line, r.anchor.node, r.anchor.offset], [1, 0, 0]);
    const back = resolve(editor, doc, 0, lf + 1)!;
    assert.deepEqual([back.focus.line, back.focus.node, back.focus.offset], [0, 2, 5]);
  });

  test('the very end of the article is the end of its last text node', () => {
    const r = resolve(editor, doc, doc.length16, doc.length16)!;
    assert.deepEqual([r.anchor.line, r.anchor.node, r.anchor.offset], [1, 1, 5]);
  });

  test('an empty line is addressed by its paragraph element', () => {
    const blank = articleEditor([['a'], [], ['b']]);
    const blankDoc = new ArticleDoc('a\n\nb');
    const types = blank.getEditorState().read(() => {
      const s = $rangeSelectionFor(blankDoc, 0, 3)!;
      return [s.anchor.type, s.focus.type, s.focus.key === $getRoot().getChildAtIndex(1)!.getKey(), s.focus.offset];
    });
    // The end at offset 3 (the start of "b", after the blank line) stays on the blank line, which has no text node.
    assert.deepEqual(types, ['text', 'element', true, 0]);
  });

  test('property: the point is where ArticleDoc.position puts the offset, whatever the split into text nodes', () => {
    const lineArb = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\u{1F600}', ' '), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const d = new ArticleDoc(pieces.map((l) => l.join('')).join('\n'));
        const e = articleEditor(pieces);
        const start = Math.min(a, b) % (d.length16 + 1);
        const end = Math.max(start, Math.max(a, b) % (d.length16 + 1));
        const r = resolve(e, d, start, end)!;
        for (const [point, at, bias] of [
          [r.anchor, start, 'start'],
          [r.focus, end, 'end'],
        ] as const) {
          const expected = d.position(at, bias);
          assert.equal(point.line, expected.line);
          assert.equal(point.global16, nth(d.lineStarts, expected.line, `the start of line ${expected.line}`) + expected.inLine);
          const nodes = nth(pieces, point.line, `the nodes of line ${point.line}`);
          const size = nth(nodes, point.node, `node ${point.node} of line ${point.line}`).length;
          assert.ok(point.offset >= 0 && point.offset <= size);
          // No zero-width fragments: a start is never at the end of a node that has a next one, an end never at the
          // start of a node that has a previous one.
          if (bias === 'start') assert.ok(!(point.offset === size && point.node < nodes.length - 1));
          else assert.ok(!(point.offset === 0 && point.node > 0));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('memo plain text (what search, CSV and JSON see)', () => {
  function memoOf(build: () => void) {
    const editor = headlessEditor();
    editor.update(build, { discrete: true });
    return memoContentOf(editor.getEditorState());
  }

  test('one line per paragraph; bullets and numbers kept, nested items indented', () => {
    const memo = memoOf(() => {
      const root = $getRoot();
      root.append($createParagraphNode().append($createTextNode('Framing notes')));
      const bullets = $createListNode('bullet');
      const first = $createListItemNode().append($createTextNode('victims'));
      const nested = $createListNode('number');
      nested.append($createListItemNode().append($createTextNode('named')), $createListItemNode().append($createTextNode('counted')));
      bullets.append(first, $createListItemNode().append(nested), $createListItemNode().append($createTextNode('aid')));
      root.append(bullets);
      root.append($createParagraphNode());
    });
    assert.equal(memo.plain, 'Framing notes\n• victims\n  1. named\n  2. counted\n• aid');
    assert.ok(memo.rich && JSON.parse(memo.rich).root, 'the rich form is the editor state');
  });

  test('an editor with nothing but white space, or an empty list, is no memo at all', () => {
    const blank = memoOf(() => {
      $getRoot().append($createParagraphNode().append($createTextNode('   ')), $createListNode('bullet').append($createListItemNode()));
    });
    assert.deepEqual(blank, { plain: '', rich: null });
    // A list whose only item was emptied: its bullet is no text (this was stored as the memo "•").
    const emptyList = memoOf(() => {
      $getRoot().append($createListNode('number').append($createListItemNode()));
    });
    assert.deepEqual(emptyList, { plain: '', rich: null });
  });

  test('a stored memo reloads: its rich form when readable, else its plain text as paragraphs', () => {
    const original = memoOf(() => {
      $getRoot().append($createListNode('number').append($createListItemNode().append($createTextNode('first')), $createListItemNode().append($createTextNode('second'))));
    });
    const reload = (content: { plain: string; rich: string | null }) => {
      const editor = headlessEditor();
      editor.update(() => $loadMemo(content), { discrete: true });
      return memoContentOf(editor.getEditorState());
    };
    assert.equal(reload(original).plain, '1. first\n2. second');
    // Plain only (set through the CLI, or from before memos were rich): each line a paragraph.
    assert.equal(reload({ plain: 'line one\n\nline three', rich: null }).plain, 'line one\n\nline three');
    // A rich form this version cannot read (another tool, a node type it lacks): the plain text wins.
    assert.equal(reload({ plain: 'kept', rich: '{"root":{"children":[{"type":"no-such-node","version":1}]}}' }).plain, 'kept');
    assert.equal(reload({ plain: 'kept too', rich: 'not json' }).plain, 'kept too');
  });
});
