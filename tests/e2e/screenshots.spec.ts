import { type Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './webHost';
import { test, expect, type TestWebHost } from './fixtures';
import { attachScreenshot } from './workbench';

// Issue 14: screenshots of the reader, the codebook and the import report at 1024×700 and 1440×900, attached to the
// Playwright report, on the sample project as a new analyst first sees it. With GLOSS_UPDATE_README_SHOT=1 the
// 1440×900 reader shot also replaces README's screenshot (resources/docs/screenshot.png).

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
];

async function openSample(page: Page, host: TestWebHost): Promise<void> {
  await page.goto(host.launchUrl);
  await page.getByRole('button', { name: 'Open sample project' }).click();
  await expect(page.getByTestId('project-menu-button')).toBeVisible();
  // In a narrow window the article list starts folded to its rail; a person opens it to pick an article.
  if (await page.getByTestId('pane-rail-left').isVisible()) await page.getByTestId('show-pane-left').click();
  await expect(page.getByTestId('article-row').first()).toBeVisible();
}

for (const size of SIZES) {
  test(`screenshots of the reader, codebook and import report at ${size.width}×${size.height}`, async ({ page, host }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await openSample(page, host);
    const at = `${size.width}x${size.height}`;

    // The reader: the first sample article with its codings, labels in the margin when there is room.
    await page.getByTestId('article-row').first().click();
    await expect(page.locator('[data-testid="reader"][data-ready="true"]')).toBeVisible();
    await expect(page.getByTestId('coding-stripe')).not.toHaveCount(0);
    if (await page.getByTestId('pane-rail-right').isVisible()) await page.getByTestId('show-pane-right').click();
    await expect(page.getByTestId('code-tree')).toBeVisible();
    // Nothing is cut off: the toolbar holds on one row and the text keeps its reading width.
    expect(await page.getByTestId('toolbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect((await page.locator('.pane-reader').boundingBox())!.width).toBeGreaterThanOrEqual(560);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await attachScreenshot(page, testInfo, `reader ${at}`);
    if (size.width === 1440 && process.env.GLOSS_UPDATE_README_SHOT === '1') {
      copyFileSync(testInfo.outputPath(`reader-${at}.png`), join(repoRoot, 'resources', 'docs', 'screenshot.png'));
    }

    // The codebook: a parent code opened in the editor, with its description and rolled-up count.
    await page.getByTestId('article-text').locator('p').first().click({ position: { x: 3, y: 5 } });
    await page.locator('[data-testid="code-row"][data-code-path="Frames"]').click();
    await expect(page.getByTestId('code-editor')).toBeVisible();
    await attachScreenshot(page, testInfo, `codebook ${at}`);

    // The import report, after importing three files (one of them not a type Gloss reads).
    await page.getByTestId('import-input').setInputFiles([
      { name: 'briefing.txt', mimeType: 'text/plain', buffer: Buffer.from('Briefing on the convoy talks\nOfficials met on Monday.', 'utf8') },
      {
        name: 'statement.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Statement by the aid agencies on the crossing and the delays of the past week\nThe agencies asked for safe passage.', 'utf8'),
      },
      { name: 'notes.xml', mimeType: 'text/xml', buffer: Buffer.from('<notes/>', 'utf8') },
    ]);
    await expect(page.getByTestId('import-count-imported')).toHaveText('2 articles imported');
    await attachScreenshot(page, testInfo, `import report ${at}`);
  });
}
