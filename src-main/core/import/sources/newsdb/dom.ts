// Small helpers over htmlparser2's DOM for the HTML and XML splitters: the page is parsed, never rendered, and
// only text is taken from it.
import { parseDocument, DomUtils } from 'htmlparser2';
import type { AnyNode, Document, Element } from 'domhandler';

export type { Element };

export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

export function parseXml(xml: string): Document {
  return parseDocument(xml, { xmlMode: true, decodeEntities: true });
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function findAll(root: AnyNode | AnyNode[], test: (e: Element) => boolean): Element[] {
  return DomUtils.findAll(test, Array.isArray(root) ? root : [root]);
}

export function findOne(root: AnyNode | AnyNode[], test: (e: Element) => boolean): Element | null {
  return DomUtils.findOne(test, Array.isArray(root) ? root : [root], true);
}

export function hasClass(e: Element, name: string): boolean {
  return (e.attribs.class ?? '').split(/\s+/).some((c) => c.toLowerCase() === name.toLowerCase());
}

export function childElements(e: Element): Element[] {
  return e.children.filter(isElement);
}

const BLOCK = new Set(['p', 'div', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'section', 'article', 'header', 'footer', 'aside', 'blockquote', 'ul', 'ol', 'dl', 'dt', 'dd', 'pre', 'paragraph']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'img', 'meta', 'noscript', 'template']);

/** The readable paragraphs inside a node: block elements separate them, <br> breaks a line, white space collapses. */
export function paragraphsOf(root: AnyNode | AnyNode[]): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const t = current
      .split('\n')
      .map((l) => l.replace(/[ \t\r\f\u00a0]+/g, ' ').trim())
      .filter((l) => l.length > 0)
      .join('\n');
    if (t) out.push(t);
    current = '';
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') current += (node as unknown as { data: string }).data.replace(/[\n\r\t]+/g, ' ');
    else if (isElement(node)) {
      const name = node.name.toLowerCase();
      if (SKIP.has(name)) return;
      if (name === 'br') {
        current += '\n';
        return;
      }
      const block = BLOCK.has(name);
      if (block) flush();
      for (const c of node.children) walk(c);
      if (block) flush();
    } else if ('children' in node) for (const c of (node as Document).children) walk(c);
  };
  for (const n of Array.isArray(root) ? root : [root]) walk(n);
  flush();
  return out;
}

/** The text of a node on one line. */
export function textOf(root: AnyNode | AnyNode[] | null | undefined): string {
  if (!root) return '';
  return paragraphsOf(root).join(' ').replace(/\s+/g, ' ').trim();
}
