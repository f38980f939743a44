// `node --import tsx tests/bench/abBuilds.ts <other-out-dir> [rounds]`: A/B of two builds of the reader on the same
// project (the profile project: a 300,000-character article with 3,000 codings and a 20,000-character one with 200).
// A is the build in <other-out-dir> (an out/ folder beside a package.json naming gloss), B is this worktree's out/.
// Each build gets its own browser (so heaps are not shared) and web host; the rounds alternate A and B, and each
// round times the bench's opens (typical after long, long after typical) and reads the heap after the long open.
// Prints medians per build. Used for issue 16's open/heap A/B.
import { copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { openArticle, openReaderProject, startHost } from './browser';

const otherOut = resolve(process.argv[2] ?? '');
const rounds = Number(process.argv[3] ?? 5);
const work = join(tmpdir(), 'gloss-profile-project');
const file = join(work, 'reader.gloss');

async function main(): Promise<void> {
  if (!existsSync(join(otherOut, 'main', 'web.js'))) throw new Error(`no build in ${otherOut}`);
  const project = await openReaderProject(work);
  const count = (title: string) => project.db.prepare('SELECT count(*) FROM codings c JOIN articles a ON a.id = c.article_id WHERE a.title = ?').pluck().get(title) as number;
  const long = count('Long benchmark article');
  const typical = count('Typical benchmark article');
  project.close();
  const builds = [
    { name: 'A', out: otherOut },
    { name: 'B', out: resolve(__dirname, '..', '..', 'out') },
  ];
  const setups = [];
  for (const b of builds) {
    process.env.GLOSS_BENCH_OUT = b.out;
    // A project is open in one host at a time: each build reads its own copy.
    const copy = join(work, `reader-${b.name}.gloss`);
    copyFileSync(file, copy);
    const host = await startHost(copy, join(work, `web-data-${b.name}`));
    const browser = await chromium.launch({ executablePath: process.env.GLOSS_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('article-row').first().waitFor();
    setups.push({ ...b, host, browser, page, typical: [] as number[], long: [] as number[], heap: [] as number[] });
  }
  delete process.env.GLOSS_BENCH_OUT;
  const heapOf = async (page: Page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.detach();
    return usedSize / 1048576;
  };
  try {
    for (let r = 0; r < rounds + 1; r++) {
      for (const s of r % 2 === 0 ? setups : [...setups].reverse()) {
        await openArticle(s.page, 'Long benchmark article', long);
        const t = await openArticle(s.page, 'Typical benchmark article', typical);
        const l = await openArticle(s.page, 'Long benchmark article', long);
        const h = await heapOf(s.page);
        // Round 0 warms both builds (code compiled, caches filled) and is not counted.
        if (r > 0) {
          s.typical.push(t);
          s.long.push(l);
          s.heap.push(h);
        }
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    for (const s of setups) {
      console.log(`${s.name} (${s.out}): open typical ${med(s.typical).toFixed(1)} ms [${s.typical.map((x) => x.toFixed(0)).join(' ')}], open long ${med(s.long).toFixed(0)} ms [${s.long.map((x) => x.toFixed(0)).join(' ')}], heap after long ${med(s.heap).toFixed(2)} MB`);
    }
  } finally {
    for (const s of setups) {
      await s.browser.close();
      await s.host.stop();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
