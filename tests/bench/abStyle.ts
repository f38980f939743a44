// `node --import tsx tests/bench/abStyle.ts "<css rule>" [n]`: the long article opened in one page with and without an extra
// style rule (a constructable sheet), alternating, min and median of n each: an A/B of a CSS cost under the same noise.
import { chromium } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickArticle, startHost } from './browser';

// Uses the project tests/bench/profile.ts prepares (run it once first).
const extra = process.argv[2] ?? '.article-text ::selection { background-color: rgb(47 95 208 / 0.32); }';
const n = Number(process.argv[3] ?? 7);
void (async () => {
  const host = await startHost(join(tmpdir(), 'gloss-profile-project', 'reader.gloss'), join(tmpdir(), 'gloss-profile-project', 'web-data'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('article-row').first().waitFor();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n * 2; i++) {
      const withExtra = i % 2 === 1;
      // A constructable sheet: the page's CSP (style-src 'self') refuses an inline <style>.
      await page.evaluate(`(() => { window.abSheet ??= new CSSStyleSheet(); window.abSheet.replaceSync(${withExtra} ? ${JSON.stringify(extra)} : ''); if (!document.adoptedStyleSheets.includes(window.abSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.abSheet]; })()`);
      await clickArticle(page, 'Typical benchmark article', 190);
      await page.waitForTimeout(200);
      (withExtra ? b : a).push(await clickArticle(page, 'Long benchmark article', 2900));
      await page.waitForTimeout(200);
    }
    const stat = (x: number[]) => { const s = [...x].sort((p, q) => p - q); return `min ${s[0]!.toFixed(0)} median ${s[s.length >> 1]!.toFixed(0)}`; };
    console.log(`open long, as built: ${stat(a)}`);
    console.log(`open long, with ${extra}: ${stat(b)}`);
  } finally {
    await browser.close();
    await host.stop();
  }
})();
