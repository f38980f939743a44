import { type Locator, type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, codePhrase, createCode, createSubCode, importFiles, openArticle } from './workbench';

// Issue 14, item 13: the layout at 1024 px and 1280 px, and the small layout faults the issue lists one by one.

const LONG_FILE = 'bbc-world-service-middle-east-desk-2024-01-03-evening-bulletin-transcript.txt';
const VICE = 'Officials said the Vice-Prime Minister would travel to the border crossing on Monday to meet the mediators and the families who have waited there for many weeks without news.';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

async function readingWidth(page: Page): Promise<number> {
  return (await box(page.locator('.pane-reader'))).width;
}

test('item 13: at 1024×700 the toolbar folds into a menu and the reading column keeps 560 px; panels resize and fold', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openNewProject(page, host, 'Narrow window');
  await importFiles(page, [{ name: 'a.txt', bytes: Buffer.from(`Aid convoy waits at the crossing\n${VICE}`, 'utf8') }]);

  // One row of toolbar, nothing cut off: imports and exports are in "More".
  const toolbar = page.getByTestId('toolbar');
  expect(await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect((await box(toolbar)).height).toBeLessThan(50);
  await expect(page.getByTestId('export-json-button')).toBeHidden();
  await page.getByTestId('toolbar-more-button').click();
  await expect(page.getByRole('menuitem', { name: 'Export JSON…' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Import folder…' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('toolbar-more-button')).toBeFocused();

  // The reading column keeps at least 560 px: the article list has folded to a rail.
  expect(await readingWidth(page)).toBeGreaterThanOrEqual(560);
  await expect(page.getByTestId('pane-rail-left')).toBeVisible();
  await attachScreenshot(page, testInfo, 'reader-1024-list-folded');

  // Showing the article list folds the codebook instead; the text still keeps its 560 px.
  await page.getByTestId('show-pane-left').click();
  await expect(page.getByTestId('article-list')).toBeVisible();
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('article-text')).toBeVisible();
  await expect(page.getByTestId('pane-rail-right')).toBeVisible();
  expect(await readingWidth(page)).toBeGreaterThanOrEqual(560);
  await page.getByTestId('show-pane-right').click();
  await expect(page.getByTestId('pane-rail-left')).toBeVisible();

  // The codebook's separator: ←/→ resize it (16 px a step), within what leaves the text its 560 px.
  const separator = page.getByTestId('pane-separator-right');
  const before = Number(await separator.getAttribute('aria-valuenow'));
  await separator.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 16));
  await page.keyboard.press('End');
  expect(await readingWidth(page)).toBeGreaterThanOrEqual(560);
  // Its fold button hides it.
  await page.getByTestId('hide-pane-right').click();
  await expect(page.getByTestId('pane-rail-right')).toBeVisible();
  await expect(page.getByTestId('code-tree')).toHaveCount(0);
});

test('item 13: at 1280 px the article info line is whole; the wide toolbar shows its main buttons', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openNewProject(page, host, 'Info line');
  await importFiles(page, [{ name: LONG_FILE, bytes: Buffer.from(`Aid convoy waits at the crossing\n${VICE}`, 'utf8') }]);
  await openArticle(page, 'Aid convoy waits at the crossing');
  const details = page.getByTestId('article-details');
  await expect(details).toContainText(LONG_FILE);
  await expect(details).toContainText('0 codings');
  // Nothing is cut off: no overflow, and every part lies inside the line's box.
  expect(await details.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const outside = await details.evaluate((el) => {
    const b = el.getBoundingClientRect();
    return [...el.querySelectorAll('.article-detail')].filter((d) => {
      const r = d.getBoundingClientRect();
      return r.right > b.right + 1 || r.left < b.left - 1;
    }).length;
  });
  expect(outside).toBe(0);
  // The bar holds on one row; what it cannot show (with the coder controls beside it) is in More, never cut off.
  expect(await page.getByTestId('toolbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // Export JSON is on the bar or, folded, behind More (the 1024 px test opens that menu).
  if (!(await page.getByTestId('export-json-button').isVisible())) await expect(page.getByTestId('toolbar-more-button')).toBeVisible();
});

test('item 13: import report list and Close button, steady tabs, search context without fake spaces', async ({ page, host }, testInfo) => {
  await openNewProject(page, host, 'Small faults');
  const longTitle = 'Aid convoy waits at the crossing as officials trade blame over delays';
  await page.getByTestId('import-input').setInputFiles([
    { name: 'a-first.txt', mimeType: 'text/plain', buffer: Buffer.from(`Ceasefire talks resume in Cairo\nThe Frames were discussed.`, 'utf8') },
    { name: 'b-second.txt', mimeType: 'text/plain', buffer: Buffer.from(`${longTitle}\n${VICE}`, 'utf8') },
  ]);
  // The import report: its close button is called what it says, and imported titles read as a left-aligned list.
  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-count-imported')).toHaveText('2 articles imported');
  await expect(report.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  const link = report.getByTestId('import-list-imported').getByRole('button', { name: longTitle });
  expect(['left', 'start']).toContain(await link.evaluate((el) => getComputedStyle(el).textAlign));
  await report.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(report).toHaveCount(0);

  // Tabs keep their width when they become active (the bold label's width is reserved).
  const tabWidths = () => page.getByRole('tablist', { name: 'Views' }).getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().width));
  const widthsBefore = await tabWidths();
  await page.getByTestId('view-tab-search').click();
  expect(await tabWidths()).toEqual(widthsBefore);

  // Search context: the hit sits against its context with no space the text does not have, and the context ends
  // with a whole word.
  await page.getByTestId('search-input').fill('Prime');
  await page.getByTestId('search-run').click();
  const hit = page.getByTestId('search-hit').first();
  await expect(hit.locator('.kwic-hit')).toHaveText('Prime');
  const gap = await hit.evaluate((el) => {
    const before = el.querySelector('.kwic-before > span')!;
    const mark = el.querySelector('.kwic-hit')!;
    const range = document.createRange();
    range.selectNodeContents(before);
    const rects = range.getClientRects();
    return mark.getBoundingClientRect().left - rects[rects.length - 1]!.right;
  });
  expect(Math.abs(gap)).toBeLessThan(1);
  const after = await hit.locator('.kwic-after').textContent();
  expect(after).toBeTruthy();
  // In the article, the context's last word is followed by a space or the end: it was not cut in the middle.
  const afterText = after ?? '';
  expect(VICE.includes(`${afterText} `) || VICE.endsWith(afterText)).toBe(true);
  await attachScreenshot(page, testInfo, 'search-context');
});

test('item 13: counts headers align, the per-article chart has no empty slots, delete wording', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await openNewProject(page, host, 'Counts');
  const longTitle = 'Aid convoy waits at the crossing as officials trade blame over delays';
  await importFiles(page, [
    { name: 'a-first.txt', bytes: Buffer.from(`Ceasefire talks resume in Cairo\nThe Frames were discussed.`, 'utf8') },
    { name: 'b-second.txt', bytes: Buffer.from(`${longTitle}\n${VICE}`, 'utf8') },
  ]);

  // A parent and a sub-code: "Frames" and "Frames/Aid"; the first article has the parent only, the second the sub-code.
  await page.getByTestId('view-tab-code').click();
  await createCode(page, 'Frames');
  await createSubCode(page, 'Frames', 'Aid');
  await openArticle(page, 'Ceasefire talks resume in Cairo');
  await codePhrase(page, 'Frames were discussed', 'Frames');
  await openArticle(page, longTitle);
  await codePhrase(page, 'Vice-Prime Minister', 'Frames/Aid');

  // Counts by article: numeric headers end where their figures end.
  await page.getByTestId('view-tab-analysis').click();
  await page.getByTestId('analysis-tab-frequencies').click();
  await page.getByTestId('frequency-grouping').selectOption('article');
  await expect(page.getByTestId('frequency-row')).not.toHaveCount(0);
  const misalignment = await page.getByTestId('frequency-codings').first().evaluate((cell) => {
    const table = cell.closest('table')!;
    const column = [...cell.parentElement!.children].indexOf(cell);
    const header = table.querySelectorAll('thead th')[column]!;
    const textRight = (el: Element) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let right = -Infinity;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim() || (n.parentElement?.closest('[aria-hidden="true"]') ?? null)) continue;
        const r = document.createRange();
        r.selectNodeContents(n);
        right = Math.max(right, r.getBoundingClientRect().right);
      }
      return right;
    };
    return Math.abs(textRight(header) - textRight(cell));
  });
  expect(misalignment).toBeLessThan(2);

  // The per-article chart: each article's bars next to each other, no empty slot; the legend has the parent first.
  await page.getByTestId('frequency-show-chart').click();
  const chart = page.getByTestId('frequency-chart');
  const bars = chart.locator('svg [data-testid="chart-bar"]');
  await expect(bars).toHaveCount(3);
  const tops = (await bars.evaluateAll((els) => els.map((e) => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom] as [number, number]))).sort((a, b) => a[0] - b[0]);
  const gaps = tops.slice(1).map((t, i) => t[0] - tops[i]![1]);
  expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(2);
  await expect(chart.locator('.chart-legend li')).toHaveText(['Frames', 'Frames/Aid']);
  await attachScreenshot(page, testInfo, 'per-article-chart');

  // Deleting a code without sub-codes does not speak of "its 0 sub-codes".
  await page.getByTestId('view-tab-code').click();
  await page.locator('[data-testid="code-row"][data-code-path="Frames/Aid"]').click({ button: 'right' });
  await page.getByTestId('code-menu-delete').click();
  const dialog = page.getByTestId('delete-code-dialog');
  await expect(dialog).toContainText('Delete code “Aid” and its 1 coding?');
  await expect(dialog).not.toContainText('0 sub-codes');
});
