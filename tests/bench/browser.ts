import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { importSources } from '../../src-main/core/import/importer';
import { Project } from '../../src-main/core/store/Project';
import { article, rng } from './data';
import { median, type Figure } from './measure';
import { selectPassageDeep } from './mouse';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { benchReaderPeers, peerFigures, type ContestantResult, type ReaderArticle } from './peers';
import { at, must } from '../../src-main/contract/must';

const root = resolve(__dirname, '..', '..');

export interface BrowserSizes {
  longChars: number;
  longCodings: number;
  typicalChars: number;
  typicalCodings: number;
  runs: number;
}

/** Adds the long and the typical article, with codings (some overlapping), to a project; returns their ids. */
export async function addReaderArticles(project: Project, work: string, sizes: BrowserSizes): Promise<{ longId: number; typicalId: number }> {
  const r = rng(99);
  const make = async (name: string, title: string, chars: number, codings: number) => {
    const text = `${title}\n\n${article(r, 1, chars - title.length - 2)}`;
    const file = join(work, name);
    writeFileSync(file, text);
    const report = await importSources(project, [{ kind: 'path', path: file }]);
    const id = must(report.imported[0], `the import of ${name}`).articleId;
    const length = project.articles.get(id).length;
    const codes = ['Bench/A', 'Bench/B', 'Bench/C', 'Bench/D'].map((p) => project.codes.ensurePath(p).id);
    project.db.transaction(() => {
      for (let k = 0; k < codings; k++) {
        // Spread over the whole text; every fifth one overlaps its predecessor.
        const base = Math.floor(((k + 0.5) / codings) * (length - 400));
        const start = k % 5 === 4 ? Math.max(0, base - 60) : base;
        try {
          project.codings.apply({ articleId: id, codeId: at(codes, k % codes.length), start, end: start + 30 + (k % 7) * 15, coder: 'bench' });
        } catch {
          // identical span: skip
        }
      }
    })();
    return id;
  };
  const longId = await make('long.txt', 'Long benchmark article', sizes.longChars, sizes.longCodings);
  const typicalId = await make('typical.txt', 'Typical benchmark article', sizes.typicalChars, sizes.typicalCodings);
  return { longId, typicalId };
}

interface Host {
  child: ChildProcess;
  url: string;
  startedAt: number;
  stop(): Promise<void>;
}

/**
 * The full-size reader project the profiling tools share (`profile.ts`, `abBuilds.ts`), kept in `work` between runs:
 * made once with the bench's long and typical articles, then opened.
 */
export async function openReaderProject(work: string): Promise<Project> {
  const file = join(work, 'reader.gloss');
  if (!existsSync(file)) {
    mkdirSync(work, { recursive: true });
    const project = Project.create(file);
    await addReaderArticles(project, work, { longChars: 300_000, longCodings: 3000, typicalChars: 20_000, typicalCodings: 200, runs: 1 });
    project.close();
  }
  return Project.open(file);
}

export function startHost(projectPath: string, dataDir: string): Promise<Host> {
  const startedAt = performance.now();
  // GLOSS_BENCH_OUT: another build's out/ folder, for an A/B of two builds on the same data.
  const child = spawn(process.execPath, [join(process.env.GLOSS_BENCH_OUT ?? join(root, 'out'), 'main', 'web.js'), '--data', dataDir, '--port', '0', '--machine-readable', '--project', projectPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /GLOSS_WEB_URL=(\S+)/.exec(out);
      if (m?.[1])
        ok({
          child,
          url: m[1],
          startedAt,
          stop: async () => {
            child.kill('SIGTERM');
            await new Promise((done) => child.once('exit', done));
          },
        });
    });
    child.once('exit', (code) => fail(new Error(`web host exited ${code}`)));
  });
}

/**
 * A project whose codings name a coder asks "Who is coding?" on open; the bench codes as that coder ("bench"), as an
 * analyst would, so the dialog does not sit over the text.
 */
export async function chooseBenchCoder(page: Page): Promise<void> {
  const ask = page.getByTestId('choose-coder-dialog');
  try {
    await ask.waitFor({ timeout: 3000 });
  } catch {
    return;
  }
  await ask.locator('[data-testid="coder-choice"][data-coder="bench"]').click();
  await ask.waitFor({ state: 'detached' });
}

/** Clicks the article (found through the list filter) and waits until its highlights are painted and the page is idle. */
export async function openArticle(page: Page, title: string, expectedRanges: number): Promise<number> {
  await page.getByTestId('article-filter').fill(title);
  await page.locator('[data-testid="article-row"]', { hasText: title }).first().waitFor();
  return clickArticle(page, title, expectedRanges);
}

/**
 * Clicks the listed article whose row shows `title` and waits until it is shown with at least `expectedRanges`
 * highlight ranges painted and the page is idle; the milliseconds from the click.
 */
export async function clickArticle(page: Page, title: string, expectedRanges: number): Promise<number> {
  // Page code is passed as a string: tsx's transform would otherwise inject helpers the page does not have.
  return (await page.evaluate(`(async () => {
    const title = ${JSON.stringify(title)};
    const expected = ${expectedRanges};
    const row = [...document.querySelectorAll('[data-testid="article-row"]')].find((r) => r.textContent.includes(title));
    const t0 = performance.now();
    row.click();
    await new Promise((resolve, reject) => {
      const deadline = performance.now() + 30000;
      const check = () => {
        if (performance.now() > deadline) return reject(new Error('the article did not show its highlights within 30 s'));
        let n = 0;
        CSS.highlights.forEach((h, name) => { if (name.startsWith('gloss-code-')) n += h.size; });
        const shown = document.querySelector('[data-testid="article-title"]')?.textContent?.includes(title);
        // Painted, then one more frame and a task: the page is ready for the next input.
        if (shown && n >= expected) requestAnimationFrame(() => setTimeout(resolve, 0));
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - t0;
  })()`)) as number;
}

async function closeArticle(page: Page): Promise<void> {
  await page.getByTestId('article-filter').fill('');
}

/** The article and its codings as every contestant gets them (code index 0–3 instead of Gloss's code ids). */
function readerArticle(project: Project, id: number): ReaderArticle {
  const a = project.articles.get(id);
  const codings = project.codings.listForArticle(id);
  const codeIds = [...new Set(codings.map((c) => c.codeId))].sort((x, y) => x - y);
  if ([...a.text].length !== a.text.length) throw new Error('the bench reader articles must be BMP-only (UTF-16 offsets = code points)');
  return { title: a.title, text: a.text, codings: codings.map((c) => ({ start: c.start, end: c.end, code: codeIds.indexOf(c.codeId) })) };
}

export async function benchBrowser(
  projectPath: string,
  dataDir: string,
  project: Project,
  ids: { longId: number; typicalId: number },
  sizes: BrowserSizes,
  options: { peers: boolean; log: (line: string) => void },
): Promise<Figure[]> {
  const longCodings = project.codings.listForArticle(ids.longId).length;
  const typicalCodings = project.codings.listForArticle(ids.typicalId).length;
  const data = { long: readerArticle(project, ids.longId), typical: readerArticle(project, ids.typicalId) };
  project.close();
  const browser: Browser = await chromium.launch({ executablePath: process.env.GLOSS_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const figures: Figure[] = [];
  try {
    // The bound (and the peers) first, in the same browser, on the same data.
    const contest = await benchReaderPeers(browser, data, sizes.runs, options.peers, options.log);
    const bound: ContestantResult = contest.bound;
    options.log('  Gloss…');
    const startup = await median(sizes.runs, async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const host = await startHost(projectPath, dataDir);
      await page.goto(host.url);
      await page.getByTestId('article-row').first().waitFor();
      const ms = performance.now() - host.startedAt;
      await page.close();
      await host.stop();
      return ms;
    });
    figures.push({ metric: 'startup.web_ms', value: startup, unit: 'ms', bound: null, ratio: null, note: 'host start → first article list' });

    const host = await startHost(projectPath, dataDir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('article-row').first().waitFor();
    await chooseBenchCoder(page);

    const openLong = await median(sizes.runs, async () => {
      const ms = await openArticle(page, 'Long benchmark article', longCodings);
      await closeArticle(page);
      await page.getByTestId('article-row').first().waitFor();
      // Open another article in between so each run really opens the long one again.
      await openArticle(page, 'Typical benchmark article', typicalCodings);
      await closeArticle(page);
      return ms;
    });
    figures.push({ metric: 'open.long_article_ms', value: openLong, unit: 'ms', bound: bound.openLong, ratio: openLong / bound.openLong, note: `ratio ≤ 1.5 (${sizes.longChars} chars, ${longCodings} codings)` });

    const openTypical = await median(sizes.runs, async () => {
      await openArticle(page, 'Long benchmark article', longCodings);
      await closeArticle(page);
      const ms = await openArticle(page, 'Typical benchmark article', typicalCodings);
      await closeArticle(page);
      return ms;
    });
    figures.push({ metric: 'open.typical_article_ms', value: openTypical, unit: 'ms', bound: bound.openTypical, ratio: openTypical / bound.openTypical, note: `ratio ≤ 1.2, ≤ best peer (${sizes.typicalChars} chars, ${typicalCodings} codings)` });

    await openArticle(page, 'Long benchmark article', longCodings);
    const heap = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0')) as number;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const heapMb = (usedSize || heap) / 1024 / 1024;
    figures.push({ metric: 'renderer.heap_mb', value: heapMb, unit: 'MB', bound: bound.heap, ratio: heapMb / bound.heap, note: 'ratio ≤ 5 (long article open)' });

    // Apply: select a passage deep in the long article with the mouse, press 1, until the new highlight is painted.
    let n = 0;
    const apply = await median(sizes.runs, async () => {
      try {
        return await applyOnce();
      } catch (err) {
        await page.screenshot({ path: join(tmpdir(), 'gloss-bench-apply-failure.png') });
        throw err;
      }
    });
    async function applyOnce(): Promise<number> {
      const paragraphIndex = 200 + n++ * 7;
      await selectPassageDeep(page, paragraphIndex);
      return (await page.evaluate(`(async () => {
        const count = () => {
          let c = 0;
          CSS.highlights.forEach((h, name) => { if (name.startsWith('gloss-code-')) c += h.size; });
          return c;
        };
        const before = count();
        const t0 = performance.now();
        document.querySelector('[data-testid="article-text"]').dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
        await new Promise((resolve, reject) => {
          const deadline = performance.now() + 30000;
          const check = () => {
            if (performance.now() > deadline) return reject(new Error('the new coding was not painted within 30 s'));
            // Painted and stored: the reader paints a coding before the server answers and marks the text with the
            // number of codings still being saved (data-saving-codings); a stored coding has both.
            const saving = document.querySelector('[data-testid="article-text"]')?.dataset.savingCodings ?? '0';
            if (count() > before && saving === '0') requestAnimationFrame(() => setTimeout(resolve, 0));
            else requestAnimationFrame(check);
          };
          check();
        });
        return performance.now() - t0;
      })()`)) as number;
    }
    figures.push({ metric: 'code.apply_ms', value: apply, unit: 'ms', bound: bound.add, ratio: apply / bound.add, note: 'ratio ≤ 1.5, ≤ best peer (select + key 1 → painted and stored)' });
    await page.close();
    await host.stop();
    figures.push(...peerFigures(bound, contest.peers));
  } finally {
    await browser.close();
  }
  return figures;
}
