import { test, expect, type Page } from '@playwright/test';
import { startWebHost, type RunningWebHost } from './webHost';
import { codePhrase, createCode, importFiles, newProject } from './workbench';

// Issue 10: a drag in the reader changes state every animation frame; none of it may reach the codebook. The
// renderer counts renders of the codebook's row component when the page is opened with the test flag
// (sessionStorage 'gloss-count-renders'), and the count must not move while an edge is dragged.

const ARTICLE = 'Convoy at the crossing\n\nThe convoy waited at the northern crossing for another day. Aid workers said the delay was political.\n';

let host: RunningWebHost;
test.beforeEach(async () => {
  host = await startWebHost();
});
test.afterEach(async () => {
  await host?.stop();
});

const rowRenders = (page: Page) => page.evaluate(() => window.__glossRenderCounts?.codebookRow ?? 0);

test('dragging a coding’s edge across the text re-renders no codebook row', async ({ page }) => {
  await page.addInitScript(() => window.sessionStorage.setItem('gloss-count-renders', '1'));
  await page.goto(host.launchUrl);
  await newProject(page, 'Drag study');
  await importFiles(page, [{ name: 'convoy.txt', bytes: Buffer.from(ARTICLE) }]);
  await createCode(page, 'Frames');
  await createCode(page, 'Actors');
  await page.getByTestId('article-row').first().click();
  await codePhrase(page, 'northern crossing', 'Frames');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  // The counter is live: the rows have rendered.
  expect(await rowRenders(page)).toBeGreaterThan(0);

  // Make the coding active (its handles appear), put the popover away, and let everything settle.
  await page.getByTestId('coding-stripe').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('coding-popover')).toHaveCount(0);
  const handle = page.getByTestId('coding-handle-end');
  await expect(handle).toBeVisible();
  await page.waitForTimeout(500);
  const before = await rowRenders(page);

  // Drag the end edge over the following words, frame by frame, as a person would.
  const from = (await handle.boundingBox())!;
  const target = await page.evaluate(() => {
    const root = document.querySelector('[data-testid="article-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf('another day');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 'another day'.length - 1);
      range.setEnd(node, at + 'another day'.length);
      const r = range.getClientRects()[0]!;
      return { x: r.right - 1, y: r.top + r.height / 2 };
    }
    throw new Error('phrase not found');
  });
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 12 });
  // Still dragging: nothing is saved yet.
  await expect(page.locator('.coding-handles.dragging')).toHaveCount(1);
  const during = await rowRenders(page);
  await page.mouse.up();

  expect(during - before).toBe(0);
  // The drag did something: the coding now ends after "another day".
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('aria-label', /northern crossing for another day$/);
});
