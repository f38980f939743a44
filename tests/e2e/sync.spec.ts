import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { codePhrase, createCode, importFiles, watchErrors } from './workbench';

// Issue 10: every change is announced to every window, so two pages on one project stay in step without a reload.
// Page A makes the changes a person makes (rename a code, code a passage, write the coding's memo); page B, open on
// the same project through the same web host, shows each one by itself.

const TITLE = 'Convoy at the crossing';
const ARTICLE = `${TITLE}\n\nThe convoy waited at the northern crossing for another day. Aid workers said the delay was political.\n`;
const PHRASE = 'northern crossing';

const codeRow = (page: Page, path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`);

async function openOnlyArticle(page: Page): Promise<void> {
  await page.getByTestId('view-tab-code').click();
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('article-text')).toContainText(PHRASE);
  await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
}

test('a code renamed, a passage coded and a memo written in one page show in another without a reload', async ({ page: a, context, host }) => {
  const errorsA = watchErrors(a);
  await openNewProject(a, host, 'Sync study');
  await importFiles(a, [{ name: 'convoy.txt', bytes: Buffer.from(ARTICLE) }]);
  await createCode(a, 'Frames');

  const b = await context.newPage();
  const errorsB = watchErrors(b);
  let reloadsOfB = 0;
  b.on('framenavigated', (frame) => frame === b.mainFrame() && reloadsOfB++);
  await b.goto(host.launchUrl);
  await expect(b.getByTestId('project-menu-button')).toContainText('Sync study');
  await expect(codeRow(b, 'Frames')).toBeVisible();
  await openOnlyArticle(b);
  await expect(b.getByTestId('coding-stripe')).toHaveCount(0);
  const navigationsAtStart = reloadsOfB;

  // 1. Rename the code in A (in its editor): B's codebook shows the new name, the old one is gone.
  await codeRow(a, 'Frames').click();
  await a.getByTestId('code-edit-name').fill('Framing');
  await a.getByTestId('code-edit-save').click();
  await expect(codeRow(a, 'Framing')).toBeVisible();
  await expect(codeRow(b, 'Framing')).toBeVisible();
  await expect(codeRow(b, 'Frames')).toHaveCount(0);

  // 2. Code a passage in A: B's open article gets the coding's stripe, and B's codebook and list count it.
  await openOnlyArticle(a);
  await codePhrase(a, PHRASE, 'Framing');
  await expect(a.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(b.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(b.getByTestId('coding-stripe')).toHaveAttribute('aria-label', `Framing: ${PHRASE}`);
  await expect(codeRow(b, 'Framing').getByTestId('code-coding-count')).toHaveText('1');
  await expect(b.getByTestId('article-coding-count')).toContainText('1');

  // 3. B looks at the coded passages; A writes the coding's memo: B's passage shows it.
  await b.getByTestId('view-tab-passages').click();
  await b.locator('[data-testid="passages-code-option"][data-code-path="Framing"]').click();
  await expect(b.getByTestId('passages-total')).toHaveText('1 passage');
  await expect(b.locator('.passage-memo')).toHaveCount(0);
  await a.getByTestId('coding-stripe').first().click();
  const memo = a.getByTestId('coding-popover').getByTestId('coding-memo');
  await memo.click();
  await a.keyboard.type('Delay framed as political');
  await expect(a.getByTestId('coding-popover').getByTestId('memo-status')).toHaveText('Saved');
  await expect(b.locator('.passage-memo')).toContainText('Delay framed as political');

  expect(reloadsOfB).toBe(navigationsAtStart);
  expect(errorsA).toEqual([]);
  expect(errorsB).toEqual([]);
});
