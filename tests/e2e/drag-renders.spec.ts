import { type Page } from '@playwright/test';
import { test, expect, openNewProject, type TestWebHost } from './fixtures';
import { charBox, codePhrase, createCode, importFiles } from './workbench';

// Issue 10: a drag in the reader changes state every animation frame; none of it may reach the codebook. The
// renderer counts renders of the codebook's row component when the page is opened with the test flag
// (sessionStorage 'gloss-count-renders'), and the count must not move while a selection grows or an edge is dragged.

const ARTICLE = 'Convoy at the crossing\n\nThe convoy waited at the northern crossing for another day. Aid workers said the delay was political.\n';

const rowRenders = (page: Page) => page.evaluate(() => window.__glossRenderCounts?.codebookRow ?? 0);

/** The count once the page has stopped rendering rows (a reload announced by the last change may still land). */
async function settledRowRenders(page: Page): Promise<number> {
  let last = await rowRenders(page);
  for (;;) {
    await page.waitForTimeout(400);
    const now = await rowRenders(page);
    if (now === last) return now;
    last = now;
  }
}

/** The screen point just inside the start (or end) of `phrase` in the article text. */
async function pointAt(page: Page, phrase: string, edge: 'start' | 'end'): Promise<{ x: number; y: number }> {
  const r = await charBox(page, phrase, edge === 'start' ? 0 : phrase.length - 1);
  return { x: edge === 'start' ? r.left + 1 : r.right - 1, y: r.top + r.height / 2 };
}

async function openProjectWithCodes(page: Page, host: TestWebHost, name: string): Promise<void> {
  await page.addInitScript(() => window.sessionStorage.setItem('gloss-count-renders', '1'));
  await openNewProject(page, host, name);
  await importFiles(page, [{ name: 'convoy.txt', bytes: Buffer.from(ARTICLE) }]);
  await createCode(page, 'Frames');
  await createCode(page, 'Actors');
  await page.getByTestId('article-row').first().click();
  await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
}

test('extending a mouse selection word by word re-renders no codebook row', async ({ page, host }) => {
  await openProjectWithCodes(page, host, 'Selection study');
  expect(await rowRenders(page)).toBeGreaterThan(0);
  const from = await pointAt(page, 'The convoy', 'start');
  const first = await pointAt(page, 'convoy waited', 'end');
  const last = await pointAt(page, 'the delay', 'end');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Once something is selected the codebook says a click will code it: that one change may render the rows.
  await page.mouse.move(first.x, first.y, { steps: 4 });
  await expect(page.getByTestId('codebook-apply-hint')).toBeVisible();
  const before = await settledRowRenders(page);
  // From then on the selection grows every frame, and nothing in the codebook depends on how far.
  await page.mouse.move(last.x, last.y, { steps: 16 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const during = await rowRenders(page);
  await page.mouse.up();
  expect(during - before).toBe(0);
  // The selection did grow: a click on a code now codes the whole passage.
  await page.locator('[data-testid="code-row"][data-code-path="Frames"]').click();
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('aria-label', /^Frames: The convoy waited at the northern crossing for another day\. Aid workers said the/);
});

test('dragging a coding’s edge across the text re-renders no codebook row', async ({ page, host }) => {
  await openProjectWithCodes(page, host, 'Drag study');
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
  // Applying the code flashes its row for a moment; that render belongs to the apply, not to the drag.
  await expect(page.locator('.code-row.just-applied')).toHaveCount(0);
  const before = await settledRowRenders(page);

  // Drag the end edge over the following words, frame by frame, as a person would.
  const from = (await handle.boundingBox())!;
  const target = await pointAt(page, 'another day', 'end');
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
