// The reader's bound and its peers, measured in the same Chromium run as Gloss, on the same article data.
// Each page is bundled here with esbuild (it ships with vite) and served from memory on 127.0.0.1 only.
// Every contestant is timed from the user's action to the painted frame: for an open, from the call that fetches the
// article to the first frame after its highlights are in the page; for an add, from the mouse release (the bound and
// the peers create the annotation on selection) to the frame after it is painted. Gloss's add is select, then key 1,
// timed from the key to painted *and stored* (tests/bench/browser.ts).
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { median, type Figure } from './measure';
import { dragBetween, type DragBox } from './mouse';
import { at } from '../../src-main/contract/must';

const root = resolve(__dirname, '..', '..');
const pagesDir = join(__dirname, 'pages');

export interface ReaderArticle {
  title: string;
  text: string;
  /** UTF-16 offsets (the bench's reader articles are BMP-only, so they equal the stored code points). */
  codings: { start: number; end: number; code: number }[];
}

export interface ReaderData {
  long: ReaderArticle;
  typical: ReaderArticle;
}

interface Contestant {
  name: string;
  page: string;
  query?: string;
  /** Label Studio: a fresh page per open and one long run (it takes ~45 s and leaks a <style> per region). */
  freshPage?: boolean;
  longRuns?: number;
  add: 'key' | 'mouseup';
}

const BOUND: Contestant = { name: 'bound', page: 'bound', add: 'mouseup' };
const PEERS: Contestant[] = [
  { name: 'recogito_spans', page: 'recogito', query: '?renderer=SPANS', add: 'mouseup' },
  { name: 'recogito_css_highlights', page: 'recogito', query: '?renderer=CSS_HIGHLIGHTS', add: 'mouseup' },
  { name: 'react_text_annotate_blend', page: 'blend', add: 'mouseup' },
  { name: 'label_studio', page: 'labelstudio', freshPage: true, longRuns: 1, add: 'mouseup' },
];

async function bundle(page: string): Promise<{ js: string; css: string }> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(pagesDir, `${page}.js`)],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    outdir: '/bench-out',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const pick = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: pick('.js'), css: pick('.css') };
}

interface PageServer {
  url: string;
  close(): Promise<void>;
}

async function serve(data: ReaderData, pages: string[]): Promise<PageServer> {
  const files = new Map<string, { type: string; body: string | Buffer }>();
  for (const page of pages) {
    const { js, css } = await bundle(page);
    const extra =
      page === 'labelstudio'
        ? '<link rel="stylesheet" href="/ls/main.css"><script src="/ls/main.js"></script>'
        : '';
    files.set(`/${page}.html`, {
      type: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><title>${page}</title>${extra}<style>${css}
body { font: 16px/1.5 serif; margin: 0 auto; max-width: 760px; padding: 16px; }</style></head>
<body><div id="root"></div><div id="label-studio"></div><script src="/${page}.js"></script></body></html>`,
    });
    files.set(`/${page}.js`, { type: 'text/javascript', body: js });
  }
  if (pages.includes('labelstudio')) {
    const build = join(root, 'node_modules', '@heartexlabs', 'label-studio', 'build', 'static');
    files.set('/ls/main.js', { type: 'text/javascript', body: readFileSync(join(build, 'js', 'main.js')) });
    files.set('/ls/main.css', { type: 'text/css', body: readFileSync(join(build, 'css', 'main.css')) });
  }
  files.set('/data/long.json', { type: 'application/json', body: JSON.stringify(data.long) });
  files.set('/data/typical.json', { type: 'application/json', body: JSON.stringify(data.typical) });
  const server: Server = createServer((req, res) => {
    const file = files.get(at((req.url ?? '/').split('?'), 0));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

// Page code is passed as strings: tsx's transform would otherwise inject helpers the page does not have.
const OPEN = (kind: string) => `(async () => {
  const b = window.bench;
  b.close();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const t0 = performance.now();
  await b.open(${JSON.stringify(kind)});
  await new Promise((resolve, reject) => {
    const deadline = performance.now() + 180000;
    const check = () => {
      if (performance.now() > deadline) return reject(new Error('not painted within 180 s'));
      if (b.ready()) requestAnimationFrame(() => setTimeout(resolve, 0));
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - t0;
})()`;

async function openOnce(browser: Browser, base: string, c: Contestant, kind: 'long' | 'typical', page?: Page): Promise<{ ms: number; page: Page }> {
  const p = page ?? (await browser.newPage({ viewport: { width: 1400, height: 900 } }));
  if (!page) {
    await p.goto(`${base}/${c.page}.html${c.query ?? ''}`);
    await p.waitForFunction('window.bench !== undefined && (!document.querySelector("#label-studio") || document.readyState === "complete")');
  }
  const ms = (await p.evaluate(OPEN(kind))) as number;
  return { ms, page: p };
}

/** Selects characters 3–40 of a text node deep in the article with the mouse, then adds it as a coding. */
async function addOnce(page: Page, c: Contestant, n: number): Promise<number> {
  if (c.page === 'labelstudio') await page.evaluate('window.bench.arm && window.bench.arm()');
  const box = (await page.evaluate(`(() => {
    const scope = window.bench.scope();
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent.length >= 45) nodes.push(node);
    const node = nodes[Math.floor(nodes.length * (0.5 + ${n} * 0.013)) % nodes.length];
    node.parentElement.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, 3); range.setEnd(node, 4);
    const a = range.getBoundingClientRect();
    range.setStart(node, 40); range.setEnd(node, 41);
    const b = range.getBoundingClientRect();
    window.__before = window.bench.count();
    window.__upAt = 0;
    addEventListener('pointerup', () => { window.__upAt = performance.now(); }, { capture: true, once: true });
    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
  })()`)) as DragBox;
  await dragBetween(page, box);
  return (await page.evaluate(`(async () => {
    let t0 = window.__upAt || performance.now();
    if (${JSON.stringify(c.add)} === 'key') {
      t0 = performance.now();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
    }
    await new Promise((resolve, reject) => {
      const deadline = performance.now() + 120000;
      const check = () => {
        if (performance.now() > deadline) return reject(new Error('the new annotation was not painted within 120 s'));
        if (window.bench.count() !== window.__before) requestAnimationFrame(() => setTimeout(resolve, 0));
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - t0;
  })()`)) as number;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

export interface ContestantResult {
  name: string;
  openLong: number;
  openTypical: number;
  add: number;
  heap: number;
}

async function measure(browser: Browser, base: string, c: Contestant, runs: number, log: (s: string) => void): Promise<ContestantResult> {
  let shared: Page | undefined;
  const open = async (kind: 'long' | 'typical') => {
    if (c.freshPage) {
      const { ms, page } = await openOnce(browser, base, c, kind);
      await page.close();
      return ms;
    }
    const { ms, page } = await openOnce(browser, base, c, kind, shared);
    shared = page;
    return ms;
  };
  // A contestant slower than 5 s an open is measured once: five runs of ~45 s would only say the same thing.
  const adaptive = async (kind: 'long' | 'typical', maxRuns: number) => {
    const first = await open(kind);
    if (first > 5000 || maxRuns === 1) return first;
    return median(maxRuns, () => open(kind));
  };
  log(`  ${c.name}: open typical…`);
  const openTypical = await adaptive('typical', runs);
  log(`  ${c.name}: open long…`);
  const openLong = await adaptive('long', c.longRuns ?? runs);
  // Add and heap on the long article, as for Gloss.
  const { page } = c.freshPage ? await openOnce(browser, base, c, 'long') : { page: shared! };
  if (!c.freshPage) await page.evaluate(OPEN('long'));
  const heap = await heapMb(page);
  log(`  ${c.name}: add…`);
  let n = 0;
  let add = NaN;
  try {
    const first = await addOnce(page, c, n++);
    add = first > 5000 ? first : await median(runs, () => addOnce(page, c, n++));
  } catch (err) {
    log(`  ${c.name}: add failed: ${(err as Error).message}`);
  }
  await page.close();
  return { name: c.name, openLong, openTypical, add, heap };
}

/** Measures the bound page (always) and, with `peers`, every peer. */
export async function benchReaderPeers(
  browser: Browser,
  data: ReaderData,
  runs: number,
  peers: boolean,
  log: (s: string) => void,
): Promise<{ bound: ContestantResult; peers: ContestantResult[] }> {
  const contestants = peers ? [BOUND, ...PEERS] : [BOUND];
  const server = await serve(data, [...new Set(contestants.map((c) => c.page))]);
  try {
    log('  bound page…');
    const bound = await measure(browser, server.url, BOUND, runs, log);
    const results: ContestantResult[] = [];
    for (const c of peers ? PEERS : []) {
      try {
        results.push(await measure(browser, server.url, c, runs, log));
      } catch (err) {
        log(`  ${c.name} failed: ${(err as Error).message}`);
        results.push({ name: c.name, openLong: NaN, openTypical: NaN, add: NaN, heap: NaN });
      }
    }
    return { bound, peers: results };
  } finally {
    await server.close();
  }
}

export function peerFigures(bound: ContestantResult, peers: ContestantResult[]): Figure[] {
  const out: Figure[] = [];
  const fig = (metric: string, value: number, b: number, note: string, unit = 'ms'): Figure => ({
    metric,
    value,
    unit,
    bound: b,
    ratio: Number.isFinite(value) ? value / b : null,
    note,
  });
  out.push(fig('bound.open_long_ms', bound.openLong, bound.openLong, 'bare page, <p> per paragraph, 4 CSS Highlights'));
  out.push(fig('bound.open_typical_ms', bound.openTypical, bound.openTypical, 'bare page'));
  out.push(fig('bound.add_ms', bound.add, bound.add, 'mouse release → painted'));
  out.push(fig('bound.heap_mb', bound.heap, bound.heap, 'long article open', 'MB'));
  for (const p of peers) {
    out.push(fig(`peers.${p.name}.open_long_ms`, p.openLong, bound.openLong, 'vs bound open long'));
    out.push(fig(`peers.${p.name}.open_typical_ms`, p.openTypical, bound.openTypical, 'vs bound open typical'));
    out.push(fig(`peers.${p.name}.add_ms`, p.add, bound.add, 'mouse release → painted, vs bound add'));
    out.push(fig(`peers.${p.name}.heap_mb`, p.heap, bound.heap, 'long article open, vs bound', 'MB'));
  }
  return out;
}
