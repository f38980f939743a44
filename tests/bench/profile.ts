// `node --import tsx tests/bench/profile.ts [open-long|open-typical|apply] [--keep]`: opens the bench's long article
// in the web host under Chrome tracing (Playwright's browser.startTracing) and prints the main thread's top costs:
// layout, style, paint, script by function, and each forced layout with the script that forced it. The trace is
// written to $TMPDIR/gloss-profile-*.json for chrome://tracing or DevTools. Used to find what to change (issue 16).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { chooseBenchCoder, clickArticle, openReaderProject, startHost } from './browser';
import { selectPassageDeep } from './mouse';

const what = process.argv[2] ?? 'open-long';
const work = join(tmpdir(), 'gloss-profile-project');
const file = join(work, 'reader.gloss');

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  cat: string;
  args?: { data?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[]; functionName?: string; url?: string }; beginData?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[] } };
}

async function main(): Promise<void> {
  const project = await openReaderProject(work);
  const expected = new Map(
    (project.db.prepare('SELECT a.title AS title, count(c.id) AS n FROM articles a LEFT JOIN codings c ON c.article_id = a.id GROUP BY a.id').all() as { title: string; n: number }[]).map((r) => [r.title, r.n]),
  );
  project.close();
  const host = await startHost(file, join(work, 'web-data'));
  const browser = await chromium.launch({ executablePath: process.env.GLOSS_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('article-row').first().waitFor();
    await chooseBenchCoder(page);
    const title = what === 'open-typical' ? 'Typical benchmark article' : 'Long benchmark article';
    // The start dialog (choose a coder) may cover the list; the bench clicks rows from script as well.
    // Warm: open both once, so the trace shows a steady-state open (code compiled, caches filled).
    for (const t of ['Long benchmark article', 'Typical benchmark article']) {
      await page.locator('[data-testid="article-row"]', { hasText: t }).dispatchEvent('click');
      await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
    }
    // Then another article, so the traced click really opens this one.
    const other = what === 'open-typical' ? 'Long benchmark article' : 'Typical benchmark article';
    await page.locator('[data-testid="article-row"]', { hasText: other }).dispatchEvent('click');
    await page.getByTestId('article-title').filter({ hasText: other }).waitFor();
    await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
    await page.waitForTimeout(300);
    const path = join(tmpdir(), `gloss-profile-${what}.json`);
    // --no-samples: without the sampling profiler, whose interrupts inflate script time several-fold on this machine.
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'v8.execute', 'blink.user_timing', ...(process.argv.includes('--no-samples') ? [] : ['disabled-by-default-v8.cpu_profiler'])];
    if (what === 'apply') {
      await profileApply(page, path, categories, browser, expected.get('Long benchmark article'));
      return;
    }
    await browser.startTracing(page, { path, categories });
    const ms = await clickArticle(page, title, expected.get(title) ?? 1);
    await browser.stopTracing();
    console.log(`${what}: ${ms.toFixed(0)} ms (click → ready and painted); trace ${path}`);
    summarise(JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] });
  } finally {
    await browser.close();
    await host.stop();
  }
}

/**
 * One apply on the long article, as the bench does it (mouse selection deep in the text, then key 1 until the stored
 * highlight is painted), after one untraced warm-up apply. Prints what the page saw (saving paint, answer, stored
 * paint, the requests it made) and the main thread's tasks between the key and the stored paint.
 */
async function profileApply(page: Page, path: string, categories: string[], browser: Browser, applied: number | undefined): Promise<void> {
  const long = 'Long benchmark article';
  await page.locator('[data-testid="article-row"]', { hasText: long }).click();
  await page.getByTestId('article-title').filter({ hasText: long }).waitFor();
  await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
  await page.waitForTimeout(500);
  const once = async (paragraphIndex: number, traced: boolean) => {
    await selectPassageDeep(page, paragraphIndex);
    await page.waitForTimeout(300);
    if (traced) await browser.startTracing(page, { path, categories });
    const seen = (await page.evaluate(`(async () => {
      const count = (prefix) => {
        let c = 0;
        CSS.highlights.forEach((h, name) => { if (name.startsWith(prefix)) c += h.size; });
        return c;
      };
      const before = count('gloss-code-');
      performance.clearResourceTimings();
      performance.mark('gloss-key');
      const t0 = performance.now();
      const seen = { savingPainted: -1, storedPainted: -1, savingZero: -1, frames: [] };
      document.querySelector('[data-testid="article-text"]').dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
      await new Promise((resolve, reject) => {
        const check = () => {
          const now = performance.now() - t0;
          if (now > 30000) return reject(new Error('the stored coding was not painted within 30 s (refused?)'));
          seen.frames.push(Math.round(now));
          if (seen.savingPainted < 0 && count('gloss-saving') > 0) seen.savingPainted = now;
          const saving = document.querySelector('[data-testid="article-text"]')?.dataset.savingCodings ?? '0';
          if (seen.savingZero < 0 && saving === '0') seen.savingZero = now;
          if (count('gloss-code-') > before && saving === '0') {
            seen.storedPainted = now;
            requestAnimationFrame(() => setTimeout(resolve, 0));
          } else requestAnimationFrame(check);
        };
        check();
      });
      seen.total = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 1500));
      seen.requests = performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(location.origin, ''), start: Math.round(e.startTime - t0), end: Math.round(e.responseEnd - t0), kb: Math.round(e.encodedBodySize / 1024) }));
      return seen;
    })()`)) as { total: number; savingPainted: number; storedPainted: number; savingZero: number; frames: number[]; requests: { name: string; start: number; end: number; kb: number }[] };
    if (traced) await browser.stopTracing();
    return seen;
  };
  // The project is kept between runs: passages not coded by an earlier run (a duplicate would be refused).
  const runBefore = Math.floor(Math.max(0, (applied ?? 3000) - 3000) / 2);
  await once(180 + 14 * runBefore, false);
  const seen = await once(187 + 14 * runBefore, true);
  console.log(`apply: ${seen.total.toFixed(0)} ms (key → stored painted + a frame); saving seen ${seen.savingPainted.toFixed(0)} ms, saving count 0 at ${seen.savingZero.toFixed(0)} ms, stored seen ${seen.storedPainted.toFixed(0)} ms; trace ${path}`);
  console.log(`frames checked at (ms): ${seen.frames.join(' ')}`);
  for (const r of seen.requests) console.log(`  request ${r.start}–${r.end} ms ${r.kb} KB ${r.name}`);
  const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
  timeline(trace, seen.total);
  summarise(trace);
}

/** The main thread's tasks from the key on (ms after it), each with its biggest parts. */
function timeline(trace: { traceEvents: TraceEvent[] }, totalMs: number): void {
  const events = trace.traceEvents;
  const key = events.find((e) => e.name === 'gloss-key');
  const mainThread = mainThreadOf(events);
  if (!key || !mainThread) return console.log('(no key mark or main thread in the trace)');
  const on = events.filter((e) => `${e.pid}:${e.tid}` === mainThread && e.ph === 'X' && e.ts >= key.ts - 1000 && e.ts <= key.ts + (totalMs + 50) * 1000);
  const tasks = on.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 2000);
  console.log('main-thread tasks ≥ 2 ms from the key to the stored paint (start ms, duration ms: biggest parts):');
  for (const t of tasks) {
    const inside = on.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && e.name !== 'RunTask');
    const parts = new Map<string, number>();
    for (const e of inside) {
      const d = e.args?.data;
      const label = e.name === 'FunctionCall' ? `FunctionCall ${d?.functionName || ''}@${(d?.url ?? '').split('/').pop()}` : e.name === 'EventDispatch' ? `EventDispatch ${(e.args?.data as { type?: string } | undefined)?.type ?? ''}` : e.name;
      parts.set(label, Math.max(parts.get(label) ?? 0, (e.dur ?? 0) / 1000));
    }
    const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join('; ');
    console.log(`  ${((t.ts - key.ts) / 1000).toFixed(0).padStart(5)}  ${((t.dur ?? 0) / 1000).toFixed(1).padStart(6)}: ${top}`);
  }
}

function mainThreadOf(events: TraceEvent[]): string | undefined {
  const byThread = new Map<string, number>();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  return [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function summarise(trace: { traceEvents: TraceEvent[] }): void {
  const events = trace.traceEvents;
  // The renderer's main thread: the one running the page's script.
  const main = events.find((e) => e.name === 'TracingStartedInBrowser') ? events.filter((e) => e.name === 'RunTask' && e.cat.includes('toplevel')) : [];
  const byThread = new Map<string, number>();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const mainThread = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = events.filter((e) => `${e.pid}:${e.tid}` === mainThread && e.ph === 'X');
  void main;
  const total = new Map<string, number>();
  for (const e of on) total.set(e.name, (total.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  console.log('main thread, by event (ms, inclusive):');
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${name.padEnd(28)} ${ms.toFixed(1)}`);
  console.log('layouts (ms) and what forced them:');
  for (const e of on.filter((x) => x.name === 'Layout')) {
    const stack = e.args?.beginData?.stackTrace ?? [];
    const where = stack.slice(0, 3).map((f) => `${f.functionName || '(anon)'}:${f.lineNumber}`).join(' < ');
    console.log(`  ${((e.dur ?? 0) / 1000).toFixed(1).padStart(7)}  ${where || '(frame)'}`);
  }
  const recalc = on.filter((x) => x.name === 'UpdateLayoutTree');
  console.log(`style recalcs: ${recalc.length}, ${recalc.reduce((s, x) => s + (x.dur ?? 0), 0) / 1000} ms`);
  // Self time of script by function, from the sampled CPU profile when present.
  const frames = new Map<number, { functionName: string; url: string; lineNumber: number }>();
  const self = new Map<string, number>();
  for (const e of events.filter((x) => x.name === 'ProfileChunk' && String(x.pid) === mainThread?.split(':')[0])) {
    const data = (e.args as { data?: { cpuProfile?: { nodes?: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[] }; timeDeltas?: number[] } }).data;
    for (const n of data?.cpuProfile?.nodes ?? []) frames.set(n.id, n.callFrame);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const f = frames.get(id);
      const key = f ? `${f.functionName || '(anon)'} ${(f.url ?? '').split('/').pop()}:${f.lineNumber}` : String(id);
      self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    });
  }
  console.log('script self time by function (ms, sampled):');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
