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

/** A WordprocessingML attribute (w:val and friends), or a plain one. */
export function attr(el: XmlElement | undefined | null, name: string): string | undefined {
  if (!el) return undefined;
  for (const ns of [W, W_STRICT]) if (el.hasAttributeNS(ns, name)) return el.getAttributeNS(ns, name) ?? '';
  return el.getAttribute(name) ?? undefined;
}
