// react-text-annotate-blend 1.2.0: one component holding the whole text; overlapping spans are blended.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { TextAnnotateBlend } from 'react-text-annotate-blend';
import { COLORS, install, loadArticle } from './common.js';

const root = createRoot(document.getElementById('root'));
let ready = false;

function Reader({ data }) {
  const [value, setValue] = useState(() =>
    data.codings.map((c) => ({ start: c.start, end: c.end, tag: `C${c.code}`, color: COLORS[c.code % COLORS.length] })),
  );
  return createElement(TextAnnotateBlend, {
    content: data.text,
    value,
    style: { whiteSpace: 'pre-wrap', fontFamily: 'serif', lineHeight: 1.5 },
    getSpan: (span) => ({ ...span, tag: 'C0', color: COLORS[0] }),
    onChange: setValue,
  });
}

install({
  scope: () => document.getElementById('root'),
  async open(kind) {
    const data = await loadArticle(kind);
    flushSync(() => root.render(createElement(Reader, { data, key: kind + Math.random() })));
    ready = true;
  },
  close() {
    ready = false;
    flushSync(() => root.render(null));
  },
  ready: () => ready && document.querySelector('#root mark') !== null,
  count: () => document.querySelectorAll('#root mark, #root span[data-start]').length,
});
