// @recogito/text-annotator with the renderer named in the page's query (SPANS or CSS_HIGHLIGHTS). Annotations are
// loaded with setAnnotations(list, false): the README's path breaks the CSS_HIGHLIGHTS renderer.
import { createTextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import { COLORS, install, loadArticle, paragraphs } from './common.js';

const renderer = new URLSearchParams(location.search).get('renderer') === 'CSS_HIGHLIGHTS' ? 'CSS_HIGHLIGHTS' : 'SPANS';
const root = document.getElementById('root');
let anno = null;
let ready = false;

install({
  scope: () => document.querySelector('#root .article'),
  async open(kind) {
    const data = await loadArticle(kind);
    const container = document.createElement('div');
    container.className = 'article';
    for (const p of paragraphs(data.text)) {
      const el = document.createElement('p');
      el.textContent = p.text;
      container.append(el);
    }
    root.replaceChildren(container);
    // Offsets count the container's text content, which has no separators between paragraphs; map them.
    const offsets = [];
    let plain = 0;
    for (const p of paragraphs(data.text)) {
      offsets.push({ start: p.start, plain });
      plain += p.text.length;
    }
    const toPlain = (offset) => {
      let i = offsets.length - 1;
      while (i > 0 && offsets[i].start > offset) i--;
      return offsets[i].plain + Math.min(offset - offsets[i].start, 1e9);
    };
    anno = createTextAnnotator(container, {
      renderer,
      style: (annotation) => ({ fill: COLORS[(annotation.bodies[0]?.value ?? 0) % COLORS.length], fillOpacity: 0.45 }),
    });
    const list = data.codings.map((c, i) => ({
      id: `a${i}`,
      bodies: [{ id: `b${i}`, annotation: `a${i}`, purpose: 'tagging', value: c.code }],
      target: {
        annotation: `a${i}`,
        selector: [{ quote: data.text.slice(c.start, c.end), start: toPlain(c.start), end: toPlain(c.end) }],
      },
    }));
    anno.setAnnotations(list, false);
    ready = true;
  },
  close() {
    ready = false;
    anno?.destroy();
    anno = null;
    root.replaceChildren();
  },
  ready() {
    return ready && this.count() > 0;
  },
  count() {
    if (renderer === 'CSS_HIGHLIGHTS') {
      let n = 0;
      CSS.highlights.forEach((h) => (n += h.size));
      return n;
    }
    return document.querySelectorAll('.r6o-span-highlight-layer > *').length;
  },
});
