// Word (.docx) → text. The package is unzipped with fflate and its XML read with @xmldom/xmldom, rather than through
// mammoth's raw-text output, because the structure matters here: mammoth's raw text drops list numbers and bullets
// and runs table cells together as paragraphs, while the analyst should see "3." before the third list item and a
// table row on one line. What the XML walk keeps and leaves out follows what Word shows:
//   - paragraphs (w:p), with their list number or bullet rendered from numbering.xml (direct or by paragraph style),
//     and a drop cap joined to the paragraph it starts;
//   - runs' text, tabs, line breaks, no-break hyphens; hyperlinks, fields' results, content controls, insertions;
//   - tables, one line per row with cells separated by tabs (noted);
//   - text boxes, after the paragraph that anchors them;
//   - left out (and noted): images, footnotes/endnotes, comments, headers/footers, tracked deletions, hidden text.
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { counted, DocumentRefusal, joinBlocks, type DocumentBlock, type ExtractedDocument } from './document';
import { attr, child, children, descendants, isW } from './wordXml';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** No real article's XML is this large; a ZIP bomb's is. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

interface Level {
  format: string;
  text: string;
  start: number;
}

interface Numbering {
  /** numId → abstract levels (ilvl → level), with per-num start overrides applied. */
  levels: Map<string, Map<number, Level>>;
  /** numId → the abstract numbering it instantiates: lists sharing one abstract numbering continue one count. */
  abstractOf: Map<string, string>;
}

interface Counts {
  images: number;
  tables: number;
  textBoxes: number;
  footnoteRefs: number;
  endnoteRefs: number;
  deletions: number;
  hidden: number;
}

/** Reads a .docx file's bytes as text. Throws DocumentRefusal for what is not a readable Word document. */
export function extractDocx(bytes: Uint8Array): ExtractedDocument {
  const parts = unzipParts(bytes);
  const mainPath = mainDocumentPath(parts) ?? 'word/document.xml';
  const main = parts.get(mainPath);
  if (!main) throw new DocumentRefusal('not a Word document (the package has no word/document.xml)');
  const document = parseXml(main, mainPath);
  const styles = parts.has('word/styles.xml') ? styleNumbering(parseXml(parts.get('word/styles.xml')!, 'word/styles.xml')) : new Map();
  const numbering = parts.has('word/numbering.xml') ? readNumbering(parseXml(parts.get('word/numbering.xml')!, 'word/numbering.xml')) : undefined;

  const counts: Counts = { images: 0, tables: 0, textBoxes: 0, footnoteRefs: 0, endnoteRefs: 0, deletions: 0, hidden: 0 };
  const counters = new Map<string, number[]>();
  const blocks: DocumentBlock[] = [];

  const listPrefix = (paragraph: XmlElement): { prefix: string; list: string } | undefined => {
    const pPr = child(paragraph, 'pPr');
    const direct = pPr && child(pPr, 'numPr');
    let numId = direct && attr(child(direct, 'numId'), 'val');
    let ilvl = direct && attr(child(direct, 'ilvl'), 'val');
    if (numId === undefined) {
      const byStyle = styles.get(attr(pPr && child(pPr, 'pStyle'), 'val') ?? '');
      numId = byStyle?.numId;
      ilvl = ilvl ?? byStyle?.ilvl;
    }
    if (numId === undefined || numId === '0' || !numbering) return undefined;
    const levels = numbering.levels.get(numId);
    if (!levels) return undefined;
    const level = Number(ilvl ?? 0) || 0;
    const key = numbering.abstractOf.get(numId) ?? numId;
    const count = counters.get(key) ?? [];
    for (let l = 0; l < level; l++) if (count[l] === undefined) count[l] = levels.get(l)?.start ?? 1;
    count[level] = count[level] === undefined ? (levels.get(level)?.start ?? 1) : count[level] + 1;
    count.length = level + 1;
    counters.set(key, count);
    const own = levels.get(level);
    if (!own || own.format === 'none') return { prefix: '  '.repeat(level), list: key };
    const label =
      own.format === 'bullet'
        ? bulletOf(own.text)
        : own.text.replace(/%(\d)/g, (_, d: string) => {
            const l = Number(d) - 1;
            return formatNumber(count[l] ?? levels.get(l)?.start ?? 1, levels.get(l)?.format ?? 'decimal');
          });
    return { prefix: `${'  '.repeat(level)}${label} `, list: key };
  };

  /** A paragraph's visible text; text boxes inside it are collected into `boxes`. */
  const inlineText = (node: XmlNode, boxes: XmlElement[]): string => {
    let out = '';
    for (const c of children(node)) {
      if (c.namespaceURI === MC && c.localName === 'AlternateContent') {
        // Word writes a drawing twice: the modern form (Choice) and a VML fallback; read one.
        const choice = children(c).find((x) => x.localName === 'Choice') ?? children(c).find((x) => x.localName === 'Fallback');
        if (choice) out += inlineText(choice, boxes);
        continue;
      }
      switch (c.localName) {
        case 't':
          if (isW(c)) out += c.textContent ?? '';
          break;
        case 'tab':
          if (isW(c) && c.parentNode && (c.parentNode as XmlElement).localName === 'r') out += '\t';
          break;
        case 'br':
        case 'cr':
          if (isW(c)) out += '\n';
          break;
        case 'noBreakHyphen':
          // Shown as a hyphen, and searched as one: "Al-Aqsa" must find it.
          out += '-';
          break;
        case 'ruby': {
          // Phonetic guides above the text: the base text is the text.
          const base = child(c, 'rubyBase');
          if (base) out += inlineText(base, boxes);
          break;
        }
        case 'oMath':
        case 'oMathPara':
          // An equation: its characters, in order (m:t), as plain text.
          out += descendants(c, 't').map((t) => t.textContent ?? '').join('');
          break;
        case 'sym': {
          const code = parseInt(attr(c, 'char') ?? '', 16);
          // Symbol-font characters live in the private use area (F0xx): they have no meaning as text.
          if (code >= 0x20 && !(code >= 0xf000 && code <= 0xf0ff)) out += String.fromCodePoint(code);
          break;
        }
        case 'r':
          if (isHidden(c)) {
            if (children(c).some((x) => x.localName === 't')) counts.hidden++;
            break;
          }
          out += inlineText(c, boxes);
          break;
        case 'drawing':
        case 'pict':
        case 'object': {
          const inner = descendants(c, 'txbxContent');
          if (inner.length > 0) {
            boxes.push(...inner);
            counts.textBoxes += inner.length;
          } else counts.images++;
          break;
        }
        case 'footnoteReference':
          counts.footnoteRefs++;
          break;
        case 'endnoteReference':
          counts.endnoteRefs++;
          break;
        case 'del':
        case 'moveFrom':
          if (descendants(c, 'delText').length > 0 || descendants(c, 't').length > 0) counts.deletions++;
          break;
        case 'hyperlink':
        case 'smartTag':
        case 'ins':
        case 'moveTo':
        case 'fldSimple':
        case 'sdt':
        case 'sdtContent':
        case 'customXml':
        case 'dir':
        case 'bdo':
          out += inlineText(c, boxes);
          break;
        default:
          // pPr, rPr, instrText, delText, bookmarks, proofing marks, comment anchors: not text.
          break;
      }
    }
    return out;
  };

  let dropCapText = '';
  const readBlocks = (container: XmlNode, into: DocumentBlock[]) => {
    for (const c of children(container)) {
      if (!isW(c)) {
        if (c.namespaceURI === MC && c.localName === 'AlternateContent') {
          const choice = children(c).find((x) => x.localName === 'Choice') ?? children(c).find((x) => x.localName === 'Fallback');
          if (choice) readBlocks(choice, into);
        }
        continue;
      }
      if (c.localName === 'p') {
        const boxes: XmlElement[] = [];
        const pPr = child(c, 'pPr');
        const dropCap = attr(pPr && child(pPr, 'framePr'), 'dropCap');
        if (dropCap === 'drop' || dropCap === 'margin') {
          // A drop cap is its own framed paragraph holding the first letter of the next one: "T" + "he harbour".
          dropCapText += inlineText(c, boxes).trim();
          continue;
        }
        const item = listPrefix(c);
        const text = dropCapText + inlineText(c, boxes);
        dropCapText = '';
        if (item !== undefined && text.trim()) into.push({ kind: 'list-item', text: item.prefix + text.trim(), group: item.list });
        else into.push({ kind: 'paragraph', text });
        for (const box of boxes) readBlocks(box, into);
      } else if (c.localName === 'tbl') {
        counts.tables++;
        const table = `table:${counts.tables}`;
        for (const row of children(c).filter((x) => x.localName === 'tr')) {
          const cells = children(row)
            .filter((x) => x.localName === 'tc' || x.localName === 'sdt')
            .flatMap((x) => (x.localName === 'sdt' ? children(child(x, 'sdtContent') ?? x).filter((y) => y.localName === 'tc') : [x]));
          const texts = cells.map((cell) => {
            const inner: DocumentBlock[] = [];
            readBlocks(cell, inner);
            return inner
              .map((b) => b.text.replace(/\s+/g, ' ').trim())
              .filter(Boolean)
              .join(' ');
          });
          if (texts.some(Boolean)) into.push({ kind: 'table-row', text: texts.join('\t'), group: table });
        }
      } else if (c.localName === 'sdt') {
        const content = child(c, 'sdtContent');
        if (content) readBlocks(content, into);
      } else if (c.localName === 'customXml' || c.localName === 'ins' || c.localName === 'moveTo') {
        readBlocks(c, into);
      }
    }
  };

  const body = descendants(document.documentElement as unknown as XmlNode, 'body')[0];
  if (!body) throw new DocumentRefusal('not a Word document (word/document.xml has no body)');
  readBlocks(body, blocks);

  const notes: string[] = [];
  if (counts.tables) notes.push(`${counted(counts.tables, 'table')} kept as text rows (cells separated by tabs)`);
  if (counts.textBoxes) notes.push(`${counted(counts.textBoxes, 'text box', 'text boxes')} placed after the paragraph that holds them`);
  if (counts.images) notes.push(`${counted(counts.images, 'image')} left out`);
  if (counts.footnoteRefs) notes.push(`${counted(counts.footnoteRefs, 'footnote')} left out`);
  if (counts.endnoteRefs) notes.push(`${counted(counts.endnoteRefs, 'endnote')} left out`);
  const comments = parts.get('word/comments.xml');
  const commentCount = comments ? descendants(parseXml(comments, 'word/comments.xml').documentElement as unknown as XmlNode, 'comment').length : 0;
  if (commentCount) notes.push(`${counted(commentCount, 'comment')} left out`);
  if (counts.deletions) notes.push(`${counted(counts.deletions, 'tracked deletion')} left out (the text reads with changes accepted)`);
  if (counts.hidden) notes.push(`${counted(counts.hidden, 'run')} of hidden text left out`);
  const headerFooterText = [...parts.keys()]
    .filter((p) => /^word\/(header|footer)\d*\.xml$/.test(p))
    .some((p) => descendants(parseXml(parts.get(p)!, p).documentElement as unknown as XmlNode, 't').some((t) => (t.textContent ?? '').trim()));
  if (headerFooterText) notes.push('page headers and footers left out');
  return joinBlocks(blocks, notes);
}

/** The parts the reader needs, inflated; refuses what is not a ZIP package or would inflate to absurd sizes. */
function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocumentRefusal('an old Word 97–2003 (.doc) or password-protected Word file: save it as .docx without a password in Word first');
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new DocumentRefusal('not a Word file (.docx is a ZIP package; this file is not one)');
  let tooLarge = '';
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const wanted = file.name === '_rels/.rels' || (file.name.startsWith('word/') && /\.(xml|rels)$/.test(file.name));
        if (wanted && file.originalSize > MAX_PART_BYTES) tooLarge = file.name;
        return wanted && !tooLarge;
      },
    });
  } catch (err) {
    throw new DocumentRefusal(`a damaged Word file (the ZIP package cannot be read: ${(err as Error).message})`);
  }
  if (tooLarge) throw new DocumentRefusal(`a Word file whose part ${tooLarge} would unpack to more than ${MAX_PART_BYTES / 1024 / 1024} MB`);
  return new Map(Object.entries(files));
}

/** Where the package's relationships say the main document is (almost always word/document.xml). */
function mainDocumentPath(parts: Map<string, Uint8Array>): string | undefined {
  const rels = parts.get('_rels/.rels');
  if (!rels) return undefined;
  const doc = parseXml(rels, '_rels/.rels');
  for (const r of descendants(doc.documentElement as unknown as XmlNode, 'Relationship')) {
    if ((r.getAttribute('Type') ?? '').endsWith('/officeDocument')) return (r.getAttribute('Target') ?? '').replace(/^\//, '');
  }
  return undefined;
}

function parseXml(bytes: Uint8Array, name: string) {
  const xml = new TextDecoder('utf-8').decode(bytes);
  try {
    return new DOMParser({ onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    } }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw new DocumentRefusal(`a damaged Word file (${name} is not well-formed XML: ${(err as Error).message.split('\n')[0]})`);
  }
}

function readNumbering(doc: ReturnType<typeof parseXml>): Numbering {
  const root = doc.documentElement as unknown as XmlNode;
  const abstracts = new Map<string, Map<number, Level>>();
  for (const a of children(root).filter((x) => x.localName === 'abstractNum')) {
    abstracts.set(attr(a, 'abstractNumId') ?? '', readLevels(a, new Map()));
  }
  const levels = new Map<string, Map<number, Level>>();
  const abstractOf = new Map<string, string>();
  for (const num of children(root).filter((x) => x.localName === 'num')) {
    const numId = attr(num, 'numId') ?? '';
    const abstractId = attr(child(num, 'abstractNumId'), 'val') ?? '';
    const base = new Map(abstracts.get(abstractId) ?? []);
    let overridden = false;
    for (const o of children(num).filter((x) => x.localName === 'lvlOverride')) {
      const ilvl = Number(attr(o, 'ilvl') ?? 0);
      const lvl = child(o, 'lvl');
      if (lvl) readLevels(o, base);
      const start = attr(child(o, 'startOverride'), 'val');
      if (start !== undefined && base.has(ilvl)) base.set(ilvl, { ...base.get(ilvl)!, start: Number(start) });
      overridden = true;
    }
    levels.set(numId, base);
    // A list that restarts its numbering counts on its own.
    abstractOf.set(numId, overridden ? `num:${numId}` : `abstract:${abstractId}`);
  }
  return { levels, abstractOf };
}

function readLevels(parent: XmlElement, into: Map<number, Level>): Map<number, Level> {
  for (const lvl of children(parent).filter((x) => x.localName === 'lvl')) {
    into.set(Number(attr(lvl, 'ilvl') ?? 0), {
      format: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
      text: attr(child(lvl, 'lvlText'), 'val') ?? '',
      start: Number(attr(child(lvl, 'start'), 'val') ?? 1),
    });
  }
  return into;
}

/** Paragraph styles that number their paragraphs (Word's "List Bullet", "List Number"), following `basedOn`. */
function styleNumbering(doc: ReturnType<typeof parseXml>): Map<string, { numId?: string; ilvl?: string }> {
  const raw = new Map<string, { numId?: string; ilvl?: string; basedOn?: string }>();
  for (const s of children(doc.documentElement as unknown as XmlNode).filter((x) => x.localName === 'style')) {
    const pPr = child(s, 'pPr');
    const numPr = pPr && child(pPr, 'numPr');
    raw.set(attr(s, 'styleId') ?? '', {
      numId: numPr ? attr(child(numPr, 'numId'), 'val') : undefined,
      ilvl: numPr ? attr(child(numPr, 'ilvl'), 'val') : undefined,
      basedOn: attr(child(s, 'basedOn'), 'val'),
    });
  }
  const out = new Map<string, { numId?: string; ilvl?: string }>();
  for (const id of raw.keys()) {
    let at = raw.get(id);
    const seen = new Set<string>();
    let numId: string | undefined;
    let ilvl: string | undefined;
    while (at && !seen.has(at.basedOn ?? '')) {
      numId ??= at.numId;
      ilvl ??= at.ilvl;
      if (!at.basedOn) break;
      seen.add(at.basedOn);
      at = raw.get(at.basedOn);
    }
    if (numId !== undefined) out.set(id, { numId, ilvl });
  }
  return out;
}

function isHidden(run: XmlElement): boolean {
  const rPr = child(run, 'rPr');
  const vanish = rPr && child(rPr, 'vanish');
  if (!vanish) return false;
  const val = attr(vanish, 'val');
  return val === undefined || !['0', 'false', 'off'].includes(val);
}

/** Word's bullet glyphs are often Symbol or Wingdings private-use characters: shown as the bullet they stand for. */
function bulletOf(text: string): string {
  const ch = [...text][0] ?? '';
  if (ch === 'o') return '◦';
  const code = ch.codePointAt(0) ?? 0;
  if (!ch || (code >= 0xe000 && code <= 0xf8ff) || ch === '·' || ch === '§' || ch === 'ü' || ch === 'Ø') return '•';
  return ch;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

/** Word's letters repeat after Z: AA, BB, … */
function letters(n: number): string {
  if (n < 1) return String(n);
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, digits] of table) while (n >= value) {
    out += digits;
    n -= value;
  }
  return out;
}


