// Namespace-aware reading of WordprocessingML (a .docx's XML), shared by the Word importer and the REFI-QDA rich note
// reader: both meet the transitional and the Strict namespace, and elements by local name.
import type { Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** Word's "Strict Open XML" save option writes the same elements in another namespace. */
export const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
export const isW = (el: XmlElement) => el.namespaceURI === W || el.namespaceURI === W_STRICT;

/** The element children of a node, in order. */
export function children(node: XmlNode): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as XmlElement);
  return out;
}

/** The first element child with this local name (any namespace). */
export function child(node: XmlNode, localName: string): XmlElement | undefined {
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as XmlElement).localName === localName) return c as XmlElement;
  return undefined;
}

/**
 * The elements with this local name below `node`, in document order. With `insideFound: false` a found element's
 * inside is not searched (its own reader takes it apart); by default it is (a table inside a table cell).
 */
export function descendants(node: XmlNode, localName: string, { insideFound = true } = {}): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (n: XmlNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const found = (c as XmlElement).localName === localName;
      if (found) out.push(c as XmlElement);
      if (!found || insideFound) visit(c);
    }
  };
  visit(node);
  return out;
}

/** A WordprocessingML attribute (w:val and friends), or a plain one. */
export function attr(el: XmlElement | undefined | null, name: string): string | undefined {
  if (!el) return undefined;
  for (const ns of [W, W_STRICT]) if (el.hasAttributeNS(ns, name)) return el.getAttributeNS(ns, name) ?? '';
  return el.getAttribute(name) ?? undefined;
}
