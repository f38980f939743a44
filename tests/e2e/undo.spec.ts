import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { codePhrase, createCode, importFiles, mod, watchErrors } from './workbench';

// Undo and redo as an analyst uses them: the keys and the toolbar buttons, after coding a passage and after
// deleting a code or an article, with the reader's stripes and the lists showing each step; and the history,
// which lives in the core, still there after the window reloads.

const ARTICLE = [
  'Aid convoys reach the north',
  '',
  'Aid convoys reached the northern districts on Tuesday after weeks of negotiation between the parties.',
  '',
  'Officials said the border crossing would stay open for humanitarian deliveries until the end of the month.',
  '',
].join('\n');
const PASSAGE = 'weeks of negotiation between the parties';
const SECOND = 'stay open for humanitarian deliveries';

async function openArticle(page: Page): Promise<void> {
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('article-text')).toContainText('Aid convoys reached');
}

const stripes = (page: Page) => page.getByTestId('coding-stripe');
const codeRow = (page: Page, path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`);
const notice = (page: Page, text: string) => page.getByTestId('notice').filter({ hasText: text });

test('Ctrl+Z and Ctrl+Shift+Z undo and redo applying a code and deleting a code', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Undo study');
  await expect(page.getByTestId('undo-button')).toBeDisabled();
  await importFiles(page, [{ name: 'convoys.txt', bytes: Buffer.from(ARTICLE, 'utf8') }]);
  await openArticle(page);
  await createCode(page, 'Negotiation');

  await codePhrase(page, PASSAGE, 'Negotiation');
  await expect(stripes(page)).toHaveCount(1);
  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /^Undo Apply code/);

  // Undo the coding from the keyboard: the stripe goes, the counts follow.
  await page.keyboard.press(`${mod}+z`);
  await expect(notice(page, 'Undone: Apply code')).toBeVisible();
  await expect(stripes(page)).toHaveCount(0);
  await expect(page.getByTestId('article-coding-count')).toHaveText('0');
  await expect(codeRow(page, 'Negotiation').getByTestId('code-coding-count')).toHaveText('0');
  await expect(page.getByTestId('redo-button')).toHaveAttribute('title', /^Redo Apply code/);

  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(notice(page, 'Redone: Apply code')).toBeVisible();
  await expect(stripes(page)).toHaveCount(1);
  await expect(page.getByTestId('article-coding-count')).toHaveText('1');

  // A second coding, then delete the code: the confirmation counts both, the stripes go with the code.
  await codePhrase(page, SECOND, 'Negotiation');
  await expect(stripes(page)).toHaveCount(2);
  await codeRow(page, 'Negotiation').click({ button: 'right' });
  await page.getByTestId('code-menu-delete').click();
  await expect(page.getByTestId('delete-code-dialog')).toContainText('2 codings');
  await page.getByTestId('confirm-ok').click();
  await expect(codeRow(page, 'Negotiation')).toHaveCount(0);
  await expect(stripes(page)).toHaveCount(0);
  await expect(notice(page, 'Deleted 1 code and 2 codings.').getByTestId('notice-action')).toHaveText('Undo');

  // Ctrl+Z brings the code and both stripes back, with the same passages.
  await page.keyboard.press(`${mod}+z`);
  await expect(notice(page, 'Undone: Delete code')).toBeVisible();
  await expect(codeRow(page, 'Negotiation')).toBeVisible();
  await expect(codeRow(page, 'Negotiation').getByTestId('code-coding-count')).toHaveText('2');
  await expect(stripes(page)).toHaveCount(2);
  const shot = testInfo.outputPath('undone-delete-code.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('code delete undone', { path: shot, contentType: 'image/png' });

  // The toolbar buttons do the same, and say what they would do.
  await expect(page.getByTestId('redo-button')).toHaveAttribute('title', /^Redo Delete code/);
  await page.getByTestId('redo-button').click();
  await expect(notice(page, 'Redone: Delete code')).toBeVisible();
  await expect(codeRow(page, 'Negotiation')).toHaveCount(0);
  await expect(stripes(page)).toHaveCount(0);
  await page.getByTestId('undo-button').click();
  await expect(codeRow(page, 'Negotiation')).toBeVisible();
  await expect(stripes(page)).toHaveCount(2);

  // Ctrl+Y is redo too (Windows habit), and with nothing left to redo it says so.
  await page.getByTestId('redo-button').click();
  await expect(stripes(page)).toHaveCount(0);
  await page.keyboard.press(`${mod}+y`);
  await expect(notice(page, 'Nothing to redo')).toBeVisible();
  await expect(page.getByTestId('redo-button')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('the history survives a reload, and Ctrl+Z in a text field stays the field’s own', async ({ page, host }) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Reload study');
  await importFiles(page, [{ name: 'convoys.txt', bytes: Buffer.from(ARTICLE, 'utf8') }]);
  await openArticle(page);
  await createCode(page, 'Access');
  await codePhrase(page, SECOND, 'Access');
  await expect(stripes(page)).toHaveCount(1);

  // The project stays open in the host; the reloaded window finds it, and its history.
  await page.reload();
  await openArticle(page);
  await expect(stripes(page)).toHaveCount(1);
  await expect(page.getByTestId('undo-button')).toBeEnabled();

  // Typing in a field: Ctrl+Z undoes the typing, not the coding.
  await page.getByTestId('new-code-button').click();
  const field = page.getByTestId('new-code-name');
  await field.pressSequentially('Sec');
  await field.press(`${mod}+z`);
  await expect(field).toHaveValue('');
  await expect(stripes(page)).toHaveCount(1);
  await field.press('Escape');

  // In the reader (contenteditable only for its caret, and read-only) Ctrl+Z is the project's undo.
  await page.getByTestId('article-text').click({ position: { x: 4, y: 4 } });
  await page.keyboard.press(`${mod}+z`);
  await expect(notice(page, 'Undone: Apply code')).toBeVisible();
  await expect(stripes(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('deleting an article says how many codings go, and the notice’s Undo brings it back', async ({ page, host }) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Delete study');
  await importFiles(page, [
    { name: 'convoys.txt', bytes: Buffer.from(ARTICLE, 'utf8') },
    { name: 'other.txt', bytes: Buffer.from('Another article\n\nNothing to see here.\n', 'utf8') },
  ]);
  await openArticle(page);
  await createCode(page, 'Aid');
  await codePhrase(page, PASSAGE, 'Aid');
  await codePhrase(page, SECOND, 'Aid');
  await expect(stripes(page)).toHaveCount(2);

  const row = page.locator('[data-testid="article-row"]', { hasText: 'Aid convoys reach the north' });
  await row.getByTestId('article-menu-button').click();
  await page.getByTestId('article-menu-delete').click();
  await expect(page.getByTestId('delete-article-message')).toContainText('2 codings on this article will be deleted with it.');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await expect(codeRow(page, 'Aid').getByTestId('code-coding-count')).toHaveText('0');

  await notice(page, 'Deleted “Aid convoys reach the north” and its 2 codings.').getByTestId('notice-action').click();
  await expect(notice(page, 'Undone: Delete article')).toBeVisible();
  await expect(page.getByTestId('article-row')).toHaveCount(2);
  await expect(codeRow(page, 'Aid').getByTestId('code-coding-count')).toHaveText('2');
  await row.click();
  await expect(stripes(page)).toHaveCount(2);
  expect(errors).toEqual([]);
});
