// A REFI-QDA note's rich-text twin (richTextPath: a .docx, as NVivo, MAXQDA and ATLAS.ti write it) → the memo
// editor's own rich form (Lexical's serialized state), so bold, italic, underline, strike-through, lists and links in
// a supervisor's NVivo memo are still there in Gloss. And back: a memo with a rich form goes out as a .docx next to
// its plain text. Only what the memo editor can show is kept (paragraphs, line breaks, the four text formats,
// bullet and numbered lists, http/https/mailto links); headings and tables come through as plain paragraphs.
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { attr, child, children, descendants, isW, W } from '../import/sources/wordXml';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A note's document is small; anything larger than this is not a note. */
const MAX_NOTE_PART_BYTES = 16 * 1024 * 1024;

/** Lexical's text format bits, as TextNode stores them. */
const BOLD = 1;
const ITALIC = 2;
const STRIKE = 4;
const UNDERLINE = 8;

type LexicalNode = Record<string, unknown>;

export interface RichNote {
  /** The memo editor's state, as JSON. */
  rich: string;
  /** The same text as plain text (lists with their markers), for a note that carries no PlainTextContent. */
  plain: string;
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** Reads a note's .docx; null when it is not a readable Word document (the plain text is used then). */
export function docxToMemo(bytes: Uint8Array): RichNote | null {
  let parts: Record<string, Uint8Array>;
  try {
    let tooLarge = false;
    parts = unzipSync(bytes, {
      filter: (f) => {
        const wanted = f.name === 'word/document.xml' || f.name === 'word/numbering.xml' || f.name === 'word/_rels/document.xml.rels';
        if (wanted && f.originalSize > MAX_NOTE_PART_BYTES) tooLarge = true;
        return wanted && !tooLarge;
      },
    });
    if (tooLarge) return null;
  } catch {
    return null;
  }
  const document = parts['word/document.xml'] && parseXml(parts['word/document.xml']);
  if (!document) return null;
  const numbering = parts['word/numbering.xml'] ? listKinds(parseXml(parts['word/numbering.xml'])) : new Map<string, Map<number, 'bullet' | 'number'>>();
  const links = parts['word/_rels/document.xml.rels'] ? hyperlinkTargets(parseXml(parts['word/_rels/document.xml.rels'])) : new Map<string, string>();
  const body = descendants(document.documentElement as unknown as XmlNode, 'body', { insideFound: false })[0];
  if (!body) return null;

  const blocks: LexicalNode[] = [];
  const plainLines: string[] = [];
  /** The list being filled: its node and the number of its next item, per nesting level. */
  let open: { kind: 'bullet' | 'number'; node: LexicalNode; count: number }[] = [];

  // Paragraphs do not nest (text boxes aside); a found paragraph's inside is read by runsOf.
  for (const p of descendants(body, 'p', { insideFound: false })) {
    const inlines = runsOf(p, links);
    const text = inlines.map((n) => (n.type === 'linebreak' ? '\n' : n.type === 'link' ? (n.children as LexicalNode[]).map((c) => c.text).join('') : (n.text as string))).join('');
    const list = listOf(p, numbering);
    if (!list) {
      open = [];
      blocks.push(element('paragraph', inlines, { textFormat: 0, textStyle: '' }));
      plainLines.push(text);
      continue;
    }
    // Deeper levels nest inside the previous item; a change of kind at the same level starts a new list.
    open = open.slice(0, list.level + 1);
    if (open[list.level] && open[list.level]!.kind !== list.kind) open = open.slice(0, list.level);
    while (open.length <= list.level) {
      const level = open.length;
      const kind = level === list.level ? list.kind : (open[level - 1]?.kind ?? list.kind);
      const node = element('list', [], { listType: kind, start: 1, tag: kind === 'bullet' ? 'ul' : 'ol' });
      if (level === 0) blocks.push(node);
      else {
        // A nested list sits in a list item of its own, as Lexical's list plugin builds it.
        const parent = open[level - 1]!;
        (parent.node.children as LexicalNode[]).push(element('listitem', [node], { value: parent.count }));
      }
      open.push({ kind, node, count: 1 });
    }
    const current = open[list.level]!;
    (current.node.children as LexicalNode[]).push(element('listitem', inlines, { value: current.count }));
    plainLines.push(`${'  '.repeat(list.level)}${list.kind === 'bullet' ? '•' : `${current.count}.`} ${text}`);
    current.count += 1;
  }
  if (blocks.length === 0) return null;
  return { rich: JSON.stringify({ root: element('root', blocks, {}) }), plain: plainLines.join('\n').trim() };
}

function element(type: string, children: LexicalNode[], extra: LexicalNode): LexicalNode {
  return { children, direction: null, format: '', indent: 0, type, version: 1, ...extra };
}

function textNode(text: string, format: number): LexicalNode {
  return { detail: 0, format, mode: 'normal', style: '', text, type: 'text', version: 1 };
}

/** The inline content of a paragraph: text runs with their formats, line breaks, hyperlinks. */
function runsOf(p: XmlElement, links: Map<string, string>): LexicalNode[] {
  const out: LexicalNode[] = [];
  const addRun = (r: XmlElement, into: LexicalNode[]) => {
    const format = formatOf(r);
    let text = '';
    const flush = () => {
      if (!text) return;
      const last = into.at(-1);
      // Word splits runs for spelling marks and revision ids; neighbours with the same format are one text node.
      if (last && last.type === 'text' && last.format === format) last.text = `${last.text as string}${text}`;
      else into.push(textNode(text, format));
      text = '';
    };
    for (const c of children(r)) {
      if (!isW(c)) continue;
      if (c.localName === 't') text += c.textContent ?? '';
      else if (c.localName === 'tab') text += '\t';
      else if (c.localName === 'noBreakHyphen') text += '-';
      else if (c.localName === 'br' || c.localName === 'cr') {
        flush();
        into.push({ type: 'linebreak', version: 1 });
      }
    }
    flush();
  };
  const walk = (node: XmlElement, into: LexicalNode[]) => {
    for (const c of children(node)) {
      if (!isW(c)) continue;
      if (c.localName === 'r') addRun(c, into);
      else if (c.localName === 'hyperlink') {
        const url = links.get(c.getAttributeNS(R, 'id') ?? '') ?? '';
        if (SAFE_URL.test(url)) {
          const link = element('link', [], { rel: 'noreferrer', target: null, title: null, url });
          walk(c, link.children as LexicalNode[]);
          if ((link.children as LexicalNode[]).length) into.push(link);
        } else walk(c, into);
      } else if (['ins', 'smartTag', 'sdt', 'sdtContent', 'fldSimple'].includes(c.localName ?? '')) walk(c, into);
      // Deleted text (w:del), proofing marks and bookmarks carry no visible text.
    }
  };
  walk(p, out);
  return out;
}

function formatOf(r: XmlElement): number {
  const rPr = child(r, 'rPr');
  if (!rPr) return 0;
  const on = (name: string) => {
    const el = child(rPr, name);
    if (!el) return false;
    const v = attr(el, 'val');
    return v === undefined || !['0', 'false', 'none'].includes(v);
  };
  return (on('b') ? BOLD : 0) | (on('i') ? ITALIC : 0) | (on('strike') || on('dstrike') ? STRIKE : 0) | (on('u') ? UNDERLINE : 0);
}

function listOf(p: XmlElement, numbering: Map<string, Map<number, 'bullet' | 'number'>>): { kind: 'bullet' | 'number'; level: number } | null {
  const numPr = child(child(p, 'pPr') ?? p, 'numPr');
  if (!numPr) return null;
  const numId = attr(child(numPr, 'numId'), 'val');
  if (numId === undefined || numId === '0') return null;
  const level = Math.min(8, Number(attr(child(numPr, 'ilvl'), 'val') ?? 0) || 0);
  return { kind: numbering.get(numId)?.get(level) ?? 'bullet', level };
}

/** numId → level → bullet or numbered, from word/numbering.xml. */
function listKinds(doc: ReturnType<typeof parseXml>): Map<string, Map<number, 'bullet' | 'number'>> {
  const out = new Map<string, Map<number, 'bullet' | 'number'>>();
  if (!doc) return out;
  const root = doc.documentElement as unknown as XmlNode;
  const abstracts = new Map<string, Map<number, 'bullet' | 'number'>>();
  for (const a of children(root).filter((x) => x.localName === 'abstractNum')) {
    const levels = new Map<number, 'bullet' | 'number'>();
    for (const lvl of children(a).filter((x) => x.localName === 'lvl')) {
      levels.set(Number(attr(lvl, 'ilvl') ?? 0), attr(child(lvl, 'numFmt'), 'val') === 'bullet' ? 'bullet' : 'number');
    }
    abstracts.set(attr(a, 'abstractNumId') ?? '', levels);
  }
  for (const num of children(root).filter((x) => x.localName === 'num')) {
    out.set(attr(num, 'numId') ?? '', abstracts.get(attr(child(num, 'abstractNumId'), 'val') ?? '') ?? new Map());
  }
  return out;
}

function hyperlinkTargets(doc: ReturnType<typeof parseXml>): Map<string, string> {
  const out = new Map<string, string>();
  if (!doc) return out;
  for (const r of descendants(doc.documentElement as unknown as XmlNode, 'Relationship')) {
    if ((r.getAttribute('Type') ?? '').endsWith('/hyperlink')) out.set(r.getAttribute('Id') ?? '', r.getAttribute('Target') ?? '');
  }
  return out;
}

// ---- Memo → .docx ------------------------------------------------------------------------------------------------

/**
 * A memo's rich form as a minimal Word document (paragraphs, runs with their formats, line breaks, lists as Word
 * numbering, links), or null when the rich form cannot be read (the note then goes out as plain text only).
 */
export function memoToDocx(richJson: string): Uint8Array | null {
  let state: { root?: { children?: LexicalNode[] } };
  try {
    state = JSON.parse(richJson) as typeof state;
  } catch {
    return null;
  }
  const blocks = state.root?.children;
  if (!Array.isArray(blocks)) return null;
  const rels: string[] = [];
  const paragraphs: string[] = [];
  const runs = (nodes: LexicalNode[]): string =>
    nodes
      .map((n) => {
        if (n.type === 'linebreak') return '<w:r><w:br/></w:r>';
        if (n.type === 'text' && typeof n.text === 'string') return run(n.text, typeof n.format === 'number' ? n.format : 0);
        if (n.type === 'link' && typeof n.url === 'string' && SAFE_URL.test(n.url) && Array.isArray(n.children)) {
          const id = `rIdLink${rels.length + 1}`;
          rels.push(`<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${escapeXml(n.url)}" TargetMode="External"/>`);
          return `<w:hyperlink r:id="${id}">${runs(n.children as LexicalNode[])}</w:hyperlink>`;
        }
        return Array.isArray(n.children) ? runs(n.children as LexicalNode[]) : '';
      })
      .join('');
  const list = (node: LexicalNode, level: number) => {
    const numId = node.listType === 'number' ? 2 : 1;
    for (const item of (node.children as LexicalNode[] | undefined) ?? []) {
      const kids = (item.children as LexicalNode[] | undefined) ?? [];
      const nested = kids.filter((k) => k.type === 'list');
      const inline = kids.filter((k) => k.type !== 'list');
      if (inline.length || nested.length === 0) paragraphs.push(`<w:p><w:pPr><w:numPr><w:ilvl w:val="${Math.min(8, level)}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${runs(inline)}</w:p>`);
      for (const n of nested) list(n, level + 1);
    }
  };
  for (const block of blocks) {
    if (block.type === 'list') list(block, 0);
    else paragraphs.push(`<w:p>${runs((block.children as LexicalNode[] | undefined) ?? [])}</w:p>`);
  }
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${paragraphs.join('')}</w:body></w:document>`;
  const level = (ilvl: number, bullet: boolean) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${bullet ? 'bullet' : 'decimal'}"/><w:lvlText w:val="${bullet ? '•' : `%${ilvl + 1}.`}"/><w:pPr><w:ind w:left="${720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
  const abstract = (id: number, bullet: boolean) => `<w:abstractNum w:abstractNumId="${id}">${[0, 1, 2, 3, 4, 5, 6, 7, 8].map((l) => level(l, bullet)).join('')}</w:abstractNum>`;
  const numberingXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="${W}">${abstract(0, true)}${abstract(1, false)}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>${rels.join('')}</Relationships>`,
    ),
    'word/document.xml': strToU8(documentXml),
    'word/numbering.xml': strToU8(numberingXml),
  };
  // A fixed time keeps two exports of the same project byte-identical.
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

function run(text: string, format: number): string {
  const props = [(format & BOLD) !== 0 && '<w:b/>', (format & ITALIC) !== 0 && '<w:i/>', (format & STRIKE) !== 0 && '<w:strike/>', (format & UNDERLINE) !== 0 && '<w:u w:val="single"/>']
    .filter(Boolean)
    .join('');
  const pieces = text.split('\t').map((t) => (t ? `<w:t xml:space="preserve">${escapeXml(t)}</w:t>` : ''));
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${pieces.join('<w:tab/>')}</w:r>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---- XML helpers (the namespace-aware ones are import/sources/wordXml.ts) ------------------------------------------

function parseXml(bytes: Uint8Array) {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(new TextDecoder('utf-8').decode(bytes), 'text/xml');
  } catch {
    return null;
  }
}


