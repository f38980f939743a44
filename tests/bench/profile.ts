// `node --import tsx tests/bench/profile.ts [open-long|open-typical|apply] [--keep]`: opens the bench's long article
// in the web host under Chrome tracing (Playwright's browser.startTracing) and prints the main thread's top costs:
// layout, style, paint, script by function, and each forced layout with the script that forced it. The trace is
// written to $TMPDIR/gloss-profile-*.json for chrome://tracing or DevTools. Used to find what to change (issue 16).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { Project } from '../../src-main/core/store/Project';
import { addReaderArticles, clickArticle, startHost } from './browser';

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
  if (!existsSync(file)) {
    mkdirSync(work, { recursive: true });
    const project = Project.create(file);
    await addReaderArticles(project, work, { longChars: 300_000, longCodings: 3000, typicalChars: 20_000, typicalCodings: 200, runs: 1 });
    project.close();
  }
  const project = Project.open(file);
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
    const title = what === 'open-typical' ? 'Typical benchmark article' : 'Long benchmark article';
    // Warm: open both once, so the trace shows a steady-state open (code compiled, caches filled).
    for (const t of ['Long benchmark article', 'Typical benchmark article']) {
      await page.locator('[data-testid="article-row"]', { hasText: t }).click();
      await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
    }
    // Then another article, so the traced click really opens this one.
    const other = what === 'open-typical' ? 'Long benchmark article' : 'Typical benchmark article';
    await page.locator('[data-testid="article-row"]', { hasText: other }).click();
    await page.getByTestId('article-title').filter({ hasText: other }).waitFor();
    await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
    await page.waitForTimeout(300);
    const path = join(tmpdir(), `gloss-profile-${what}.json`);
    await browser.startTracing(page, {
      path,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'],
    });
    const ms = await clickArticle(page, title, expected.get(title) ?? 1);
    await browser.stopTracing();
    console.log(`${what}: ${ms.toFixed(0)} ms (click → ready and painted); trace ${path}`);
    summarise(JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] });
  } finally {
    await browser.close();
    await host.stop();
  }
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
