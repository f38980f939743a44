// Shared by every bench page (bundled into each by esbuild): loads the same article data from the loopback server
// and splits it into paragraphs the way the stored text does (blank lines), keeping each paragraph's offset.
export async function loadArticle(kind) {
  const response = await fetch(`/data/${kind}.json`);
  return response.json();
}

/** Paragraphs of `text` with their UTF-16 start offsets (the bench's articles are BMP-only, so these are code points too). */
export function paragraphs(text) {
  const out = [];
  let at = 0;
  for (const part of text.split('\n\n')) {
    out.push({ text: part, start: at });
    at += part.length + 2;
  }
  return out;
}

export const COLORS = ['#f6d365', '#a1e3a1', '#9fd3ff', '#f5a3c7'];

/** Installs the protocol the harness drives: open(kind), close(), ready(), count(). */
export function install(page) {
  window.bench = page;
}
