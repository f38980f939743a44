// The readable text of an HTML page, for coding: never rendered, never a DOM. A small forgiving tokenizer walks the
// markup once; scripts, styles, templates, the head and embedded media are dropped; block elements become paragraph
// breaks and <br> a line break; entities are decoded (by `entities`, which knows all of HTML's named references
// and the legacy rules); white space is collapsed within paragraphs, as a browser would show it, except in <pre>.
// Malformed markup never throws: an unclosed tag or comment simply runs to the end of the file.
import { decodeHTML } from 'entities';

export interface HtmlText {
  /** Paragraphs separated by a blank line, lines within a paragraph (from <br>) by a line break. */
  text: string;
  /** From <title>, else the first heading; undefined when the page has neither. */
  title: string | undefined;
}

export { HTML_EXTENSIONS } from '../../contract/fileTypes';

/** Elements whose content is not part of the readable text. */
const SKIPPED = new Set([
  'head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'audio', 'video', 'picture', 'map', 'select', 'datalist', 'noembed', 'noframes', 'frameset',
]);

/** Elements whose content is raw text: no tags inside, only the matching end tag ends them. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'tfoot', 'thead', 'tr', 'ul', 'option', 'optgroup', 'frame', 'listing', 'search',
]);

/** Table cells: kept on one line, separated so their words do not run together. */
const CELL = new Set(['td', 'th']);

/** What may appear inside <head>; any other start tag closes an unclosed head. */
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template', 'head']);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

type Piece = { text: string; pre: boolean } | typeof LINE | typeof PARA;
const LINE = Symbol('line');
const PARA = Symbol('para');

export function extractHtmlText(html: string): HtmlText {
  const pieces: Piece[] = [];
  let title: string | undefined;
  let firstHeading: string | undefined;
  /** Text of the heading being read, while the first non-empty heading is still to be found. */
  let heading: string[] | undefined;
  /** Open skipped elements, innermost last. */
  const skipping: string[] = [];
  let preDepth = 0;
  let i = 0;
  const n = html.length;

  const emitText = (raw: string) => {
    if (skipping.length || raw.length === 0) return;
    const decoded = decodeHTML(raw);
    if (heading) heading.push(decoded);
    if (preDepth === 0) {
      pieces.push({ text: decoded, pre: false });
      return;
    }
    // Preformatted text keeps its spaces and its line breaks.
    decoded.split(/\r\n?|\n/).forEach((part, k) => {
      if (k > 0) pieces.push(LINE);
      if (part) pieces.push({ text: part, pre: true });
    });
  };

  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      emitText(html.slice(i));
      break;
    }
    if (lt > i) emitText(html.slice(i, lt));
    i = lt;
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // Doctype, CDATA, processing instruction: markup, not text.
      if (html.startsWith('<![CDATA[', i)) {
        const end = html.indexOf(']]>', i);
        i = end < 0 ? n : end + 3;
      } else {
        const end = html.indexOf('>', i);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    const isEnd = next === 0x2f; /* / */
    const nameStart = i + (isEnd ? 2 : 1);
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      // A "<" that starts no tag ("a < b") is text.
      emitText('<');
      i += 1;
      continue;
    }
    const tag = readTag(html, nameStart);
    i = tag.end;
    const name = tag.name;

    if (isEnd) {
      if (skipping.length) {
        if (skipping[skipping.length - 1] === name) skipping.pop();
        continue;
      }
      if (name === 'pre' || name === 'listing') preDepth = Math.max(0, preDepth - 1);
      if (HEADINGS.has(name) && heading) {
        const t = collapse(heading.join(''));
        heading = undefined;
        if (t) firstHeading = t;
      }
      if (BLOCK.has(name)) pieces.push(PARA);
      else if (CELL.has(name)) pieces.push({ text: ' ', pre: false });
      continue;
    }

    // A start tag. Anything that cannot be in a <head> ends an unclosed one (pages often omit </head>, even
    // <body>), as it does in a browser; otherwise a page with a stray <head> would lose all its text.
    if (skipping.length === 1 && skipping[0] === 'head' && !HEAD_CONTENT.has(name)) skipping.length = 0;

    if (name === 'title' && !tag.selfClosing) {
      const { content, end } = readRawText(html, i, name);
      i = end;
      const t = collapse(decodeHTML(content));
      if (t && title === undefined) title = t;
      continue;
    }
    if (RAW_TEXT.has(name) && !tag.selfClosing) {
      const { content, end } = readRawText(html, i, name);
      i = end;
      // <textarea> content is visible text; every other raw-text element here is dropped.
      if (name === 'textarea' && !skipping.length) {
        pieces.push(PARA);
        preDepth++;
        emitText(content);
        preDepth--;
        pieces.push(PARA);
      }
      continue;
    }
    if (skipping.length) {
      if (name === skipping[skipping.length - 1] && !tag.selfClosing) skipping.push(name);
      continue;
    }
    if (SKIPPED.has(name)) {
      if (!tag.selfClosing) skipping.push(name);
      continue;
    }
    if (name === 'br') {
      pieces.push(LINE);
      continue;
    }
    if (name === 'pre' || name === 'listing') {
      pieces.push(PARA);
      preDepth++;
      // A newline right after <pre> is not content (HTML drops it too).
      if (html.startsWith('\r\n', i)) i += 2;
      else if (html[i] === '\n') i += 1;
      continue;
    }
    if (HEADINGS.has(name) && firstHeading === undefined) heading = [];
    if (BLOCK.has(name)) pieces.push(PARA);
    // Cells and images separate words (an image's alt text describes it; it is not the article's text).
    else if (CELL.has(name) || name === 'img') pieces.push({ text: ' ', pre: false });
  }

  if (heading && firstHeading === undefined) firstHeading = collapse(heading.join('')) || undefined;
  return { text: assemble(pieces), title: title ?? firstHeading };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Reads a tag from its name to its closing ">", honouring quoted attribute values (which may contain ">"). */
function readTag(html: string, nameStart: number): { name: string; end: number; selfClosing: boolean } {
  let j = nameStart;
  while (j < html.length && !/[\s/>]/.test(html.charAt(j))) j++;
  const name = html.slice(nameStart, j).toLowerCase();
  let quote: string | undefined;
  let selfClosing = false;
  for (; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // Only a quote that opens an attribute value (after "=") starts a quoted run; a stray one does not.
      if (/=\s*$/.test(html.slice(Math.max(nameStart, j - 8), j))) quote = c;
    } else if (c === '>') {
      selfClosing = html[j - 1] === '/';
      return { name, end: j + 1, selfClosing };
    }
  }
  return { name, end: html.length, selfClosing };
}

/** Content of a raw-text element up to its end tag (case-insensitive), and where parsing resumes. */
function readRawText(html: string, from: number, name: string): { content: string; end: number } {
  const lower = html.toLowerCase();
  let at = from;
  for (;;) {
    const close = lower.indexOf(`</${name}`, at);
    if (close < 0) return { content: html.slice(from), end: html.length };
    const after = lower.charCodeAt(close + 2 + name.length);
    // "</scripts" does not close <script>; "</script>", "</script >" and "</script\n" do.
    if (Number.isNaN(after) || /[\s/>]/.test(String.fromCharCode(after))) {
      const gt = html.indexOf('>', close);
      return { content: html.slice(from, close), end: gt < 0 ? html.length : gt + 1 };
    }
    at = close + 2;
  }
}

/** HTML's white space (space, tab, line feed, form feed, carriage return) collapses; no-break space does not. */
const HTML_SPACE = /[ \t\n\f\r]+/g;

function collapse(text: string): string {
  return text.replace(HTML_SPACE, ' ').trim();
}

/**
 * Joins the pieces into paragraphs (separated by a blank line) of lines (separated by a line break). Ordinary text
 * collapses its white space, preformatted text keeps it; repeated breaks fold into one, a paragraph of only white
 * space (the "<p>&nbsp;</p>" of word processors) disappears, and nothing is left at the start or end.
 */
function assemble(pieces: Piece[]): string {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let line = '';
  let linePre = false;
  const endLine = () => {
    lines.push(linePre ? line.replace(/[ \t\f\r]+$/, '') : line.trim());
    line = '';
    linePre = false;
  };
  const endParagraph = () => {
    endLine();
    // Keep at most one empty line in a row inside a paragraph (from <br><br>), none at its edges.
    const kept = lines.filter((l, k) => l.length > 0 || (k > 0 && (lines[k - 1]?.length ?? 0) > 0));
    while (kept.length && kept.at(-1) === '') kept.pop();
    if (kept.some((l) => /[^\s\u00a0]/.test(l))) paragraphs.push(kept.join('\n'));
    lines = [];
  };
  for (const p of pieces) {
    if (p === PARA) endParagraph();
    else if (p === LINE) endLine();
    else if (p.pre) {
      line += p.text;
      linePre = true;
    } else {
      const t = p.text.replace(HTML_SPACE, ' ');
      line += line.endsWith(' ') && t.startsWith(' ') ? t.slice(1) : t;
    }
  }
  endParagraph();
  return paragraphs.join('\n\n');
}

/**
 * The charset an HTML (or XHTML) file declares in its first bytes: <meta charset>, the http-equiv Content-Type, or
 * an XML declaration. Read from the bytes as Latin-1, which keeps ASCII markup intact whatever the real encoding.
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(withoutComments);
  if (xml) return xml[1];
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(withoutComments);
  return meta?.[1];
}
