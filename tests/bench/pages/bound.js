// The bound: the least a browser must do to show the article with its codings. A bare page with one <p> per paragraph
// and one CSS Highlight per code holding one Range per coding; adding a coding is one Range added to one Highlight.
import { COLORS, install, loadArticle, paragraphs } from './common.js';

const root = document.getElementById('root');
const style = document.createElement('style');
style.textContent = COLORS.map((c, i) => `::highlight(bound-${i}) { background-color: ${c}; }`).join('\n');
document.head.append(style);

let nodes = [];
let starts = [];
let ready = false;

function locate(offset) {
  // Binary search for the paragraph holding `offset`.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo];
  return { node, offset: Math.min(offset - starts[lo], node.length) };
}

function rangeOf(start, end) {
  const a = locate(start);
  const b = locate(end);
  const range = new Range();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

install({
  scope: () => document.getElementById('root'),
  async open(kind) {
    const data = await loadArticle(kind);
    const fragment = document.createDocumentFragment();
    nodes = [];
    starts = [];
    for (const p of paragraphs(data.text)) {
      const el = document.createElement('p');
      const text = document.createTextNode(p.text);
      el.append(text);
      fragment.append(el);
      nodes.push(text);
      starts.push(p.start);
    }
    root.replaceChildren(fragment);
    const byCode = COLORS.map(() => []);
    for (const c of data.codings) byCode[c.code % COLORS.length].push(rangeOf(c.start, c.end));
    byCode.forEach((ranges, i) => CSS.highlights.set(`bound-${i}`, new Highlight(...ranges)));
    ready = true;
  },
  close() {
    ready = false;
    CSS.highlights.clear();
    root.replaceChildren();
  },
  ready: () => ready,
  count() {
    let n = 0;
    CSS.highlights.forEach((h) => (n += h.size));
    return n;
  },
});

// Adding a coding with the mouse: the released selection becomes a Range of the first code's Highlight, as the
// peers create theirs on selection. (Gloss's own add is select, then key 1; both are timed to the painted frame.)
document.addEventListener('pointerup', () => {
  const selection = getSelection();
  if (!selection || selection.isCollapsed || !root.contains(selection.anchorNode)) return;
  CSS.highlights.get('bound-0')?.add(selection.getRangeAt(0).cloneRange());
});
