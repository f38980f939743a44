import { $getRoot, type LexicalEditor } from 'lexical';
import { at } from '../../../src-main/contract/must';
import type { ArticleDoc } from './articleDoc';

export interface DomPoint {
  node: Node;
  offset: number;
}

interface ParagraphTextMap {
  nodes: Text[];
  /** Offset of each text node within the paragraph, in UTF-16 units. */
  starts: number[];
}

/**
 * Maps between positions in the editor's DOM and global UTF-16 offsets in the article text.
 *
 * The paragraph is the unit of mapping: paragraph i holds line i, which starts at `doc.lineStarts[i]`.
 * Inside a paragraph Lexical is free to split the text over several text nodes (it does so when the active
 * coding is wrapped in a mark), so offsets are found by walking the paragraph's text nodes, never by assuming one.
 * The walk is cached per paragraph and dropped whenever Lexical touches the DOM (`invalidate`).
 */
export class TextPositions {
  private keys: string[] | null = null;
  private indexByElement = new Map<Element, number>();
  private textMaps = new Map<number, ParagraphTextMap>();

  constructor(
    private readonly editor: LexicalEditor,
    readonly doc: ArticleDoc,
  ) {}

  private lineByKey: Map<string, number> | null = null;

  /** Forget cached DOM walks (of the given lines, or all); call after any Lexical update that changed the DOM. */
  invalidate(lines?: ReadonlySet<number>): void {
    if (lines) for (const line of lines) this.textMaps.delete(line);
    else {
      this.textMaps.clear();
      this.indexByElement.clear();
    }
  }

  /** The line a paragraph's Lexical key stands for, or undefined for any other node. */
  lineOfParagraphKey(key: string): number | undefined {
    if (!this.lineByKey) {
      const keys = this.paragraphKeys();
      this.lineByKey = new Map(keys.map((k, i) => [k, i]));
    }
    return this.lineByKey.get(key);
  }

  get root(): HTMLElement | null {
    return this.editor.getRootElement();
  }

  private paragraphKeys(): string[] {
    // Paragraphs are created once per article and never replaced, so their keys are read once.
    this.keys ??= this.editor.getEditorState().read(() => $getRoot().getChildrenKeys());
    return this.keys;
  }

  paragraphElement(line: number): HTMLElement | null {
    const key = this.paragraphKeys()[line];
    return key === undefined ? null : this.editor.getElementByKey(key);
  }

  /** Index of the paragraph that holds `node`, or -1 when the node is not inside one. */
  paragraphIndexOf(node: Node): number {
    const root = this.root;
    if (!root) return -1;
    let el: Node | null = node;
    while (el && el.parentNode !== root) el = el.parentNode;
    if (!el || !(el instanceof Element)) return -1;
    let index = this.indexByElement.get(el);
    if (index === undefined) {
      this.indexByElement.clear();
      const keys = this.paragraphKeys();
      for (const [i, key] of keys.entries()) {
        const p = this.editor.getElementByKey(key);
        if (p) this.indexByElement.set(p, i);
      }
      index = this.indexByElement.get(el) ?? -1;
    }
    return index;
  }

  private textMap(line: number, paragraph: HTMLElement): ParagraphTextMap {
    let map = this.textMaps.get(line);
    // A cached walk is stale once Lexical has replaced the paragraph's text nodes (the first one is detached).
    const first = map?.nodes[0];
    if (map && (first === undefined || first.parentNode !== null) && paragraph.isConnected) return map;
    map = { nodes: [], starts: [] };
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    let start = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      map.nodes.push(t);
      map.starts.push(start);
      start += t.data.length;
    }
    this.textMaps.set(line, map);
    return map;
  }

  /** A DOM boundary point (as in a Selection or Range) → global UTF-16 offset; null outside the article. */
  pointToUtf16(node: Node, offset: number): number | null {
    const root = this.root;
    if (!root) return null;
    if (node === root) {
      if (offset >= root.childNodes.length) return this.doc.length16;
      const child = at(root.childNodes, offset);
      const line = this.paragraphIndexOf(child);
      return line < 0 ? null : this.doc.lineStart(line);
    }
    if (!root.contains(node)) {
      // A selection that runs out of the article is clamped to the article's ends.
      const position = root.compareDocumentPosition(node);
      if (position & Node.DOCUMENT_POSITION_PRECEDING) return 0;
      if (position & Node.DOCUMENT_POSITION_FOLLOWING) return this.doc.length16;
      return null;
    }
    const line = this.paragraphIndexOf(node);
    if (line < 0) return null;
    const paragraph = this.paragraphElement(line);
    if (!paragraph) return null;
    let inParagraph: number;
    if (node.nodeType === Node.TEXT_NODE) {
      const map = this.textMap(line, paragraph);
      const i = map.nodes.indexOf(node as Text);
      inParagraph = i < 0 ? 0 : at(map.starts, i) + offset;
    } else {
      // An element boundary (a triple click, a <br> in an empty line): the text before it is what counts.
      const r = document.createRange();
      r.setStart(paragraph, 0);
      r.setEnd(node, offset);
      inParagraph = r.toString().length;
    }
    return this.doc.lineStart(line) + Math.min(inParagraph, at(this.doc.lines, line).length);
  }

  /**
   * Global UTF-16 offset → DOM boundary point. An offset on a line break is ambiguous (end of one paragraph or
   * start of the next); `bias` picks the side that keeps a range inside the text it covers: the start of a range
   * moves to the next paragraph, its end stays at the end of the previous one.
   */
  utf16ToPoint(utf16: number, bias: 'start' | 'end'): DomPoint | null {
    const doc = this.doc;
    const { line, inLine } = doc.position(utf16, bias);
    const paragraph = this.paragraphElement(line);
    if (!paragraph) return null;
    const map = this.textMap(line, paragraph);
    if (map.nodes.length === 0) return { node: paragraph, offset: 0 };
    // Binary search for the last text node starting at or before inLine; at a node boundary the start of a
    // range belongs to the following node and the end to the preceding one, so no zero-width fragments appear.
    let lo = 0;
    let hi = map.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = at(map.starts, mid);
      if (s < inLine || (s === inLine && bias === 'start')) lo = mid;
      else hi = mid - 1;
    }
    const node = at(map.nodes, lo);
    return { node, offset: Math.min(node.data.length, Math.max(0, inLine - at(map.starts, lo))) };
  }

  /** A StaticRange for highlights: cheap to create and not tracked by the DOM on every mutation. */
  staticRange(start16: number, end16: number): StaticRange | null {
    if (end16 <= start16) return null;
    const a = this.utf16ToPoint(start16, 'start');
    const b = this.utf16ToPoint(end16, 'end');
    if (!a || !b) return null;
    if (a.node === b.node && a.offset >= b.offset) return null;
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  }

  /** A live Range, for measuring (getClientRects) and for setting the DOM selection. */
  range(start16: number, end16: number): Range | null {
    const a = this.utf16ToPoint(start16, 'start');
    const b = this.utf16ToPoint(Math.max(start16, end16), end16 <= start16 ? 'start' : 'end');
    if (!a || !b) return null;
    const r = document.createRange();
    try {
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
    } catch {
      return null;
    }
    return r;
  }

  /** Where the caret at an offset is drawn (viewport coordinates), for anchoring edge handles. */
  caretRect(utf16: number, bias: 'start' | 'end'): DOMRect | null {
    const p = this.utf16ToPoint(utf16, bias);
    if (!p) return null;
    const r = document.createRange();
    r.setStart(p.node, p.offset);
    r.collapse(true);
    const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
    if (rect.height > 0) return rect;
    // An empty line has no text to put a caret in; its paragraph box stands in.
    const el = p.node instanceof Element ? p.node : p.node.parentElement;
    return el ? el.getBoundingClientRect() : null;
  }

  /** The UTF-16 offset under a viewport point, for clicks on highlights and dragged handles. */
  offsetAtPoint(x: number, y: number): number | null {
    const point = caretFromPoint(x, y);
    if (!point) return null;
    const root = this.root;
    if (!root || !root.contains(point.node)) return null;
    return this.pointToUtf16(point.node, point.offset);
  }
}

function caretFromPoint(x: number, y: number): DomPoint | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  // Older WebKit has only the non-standard form.
  const legacy = (document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint;
  const r = legacy?.call(document, x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
