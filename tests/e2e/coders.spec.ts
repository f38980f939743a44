import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { codePhrase, createCode, importFiles, openArticle, switchToNewCoder, watchErrors } from './workbench';

// Issue 12, coders as people and blind coding, as a team member meets them: switch to a coder (a new name becomes a
// coder), code, switch to another coder and code; with two coders the window codes blind by default — the reader,
// the codebook's counts and the article list show only the current coder's codings — and the toggle shows everyone.
// Opening the project again after a restart asks who is coding, offering the coder chosen last time.

const TITLE = 'Convoy at the crossing';
const ARTICLE = `${TITLE}\n\nThe convoy waited at the northern crossing for another day. Aid workers said the delay was political.\n`;

const codeRow = (page: Page, path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`);

test('choose a coder, code, switch coder, and blind mode hides the other coder in the reader and the counts', async ({ page, host }) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Team study');
  await importFiles(page, [{ name: 'convoy.txt', bytes: Buffer.from(ARTICLE) }]);
  await createCode(page, 'Aid');
  await openArticle(page, TITLE);
  // One person so far: nothing is blind.
  await expect(page.getByTestId('blind-toggle')).toHaveAttribute('aria-pressed', 'false');

  await switchToNewCoder(page, 'Ann');
  await codePhrase(page, 'convoy waited', 'Aid');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('data-coder', 'Ann');

  await switchToNewCoder(page, 'Bob');
  await codePhrase(page, 'northern crossing', 'Aid');

  // Two coders have codings: the window is blind by default and says so; only Bob's coding is shown and counted.
  await expect(page.getByTestId('blind-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('blind-banner')).toContainText("showing only Bob's codings");
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('data-coder', 'Bob');
  await expect(codeRow(page, 'Aid').getByTestId('code-coding-count')).toHaveText('1');
  await expect(page.getByTestId('article-coding-count')).toContainText('1');

  // Show everyone: both codings, both counted.
  await page.getByTestId('blind-toggle').click();
  await expect(page.getByTestId('blind-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('blind-banner')).toHaveCount(0);
  await expect(page.getByTestId('coding-stripe')).toHaveCount(2);
  // Each stripe carries its coder's colour, and the two coders' colours differ.
  const colours = await page.getByTestId('coding-stripe').evaluateAll((els) => els.map((e) => e.getAttribute('data-coder-colour')));
  expect(colours.every((c) => /^#[0-9A-F]{6}$/.test(c ?? ''))).toBe(true);
  expect(new Set(colours).size).toBe(2);
  await expect(codeRow(page, 'Aid').getByTestId('code-coding-count')).toHaveText('2');
  await expect(page.getByTestId('article-coding-count')).toContainText('2');

  // Blind again, then switch back to Ann (picked from the list, in her colour): now only Ann's coding is there.
  await page.getByTestId('blind-toggle').click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await page.getByTestId('coder-button').click();
  await page.getByTestId('coder-dialog').locator('[data-testid="coder-choice"][data-coder="Ann"]').click();
  await expect(page.getByTestId('current-coder')).toHaveText('Ann');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('data-coder', 'Ann');
  await page.getByTestId('coding-stripe').click();
  await expect(page.getByTestId('coding-popover').getByTestId('coding-coder')).toHaveText('Ann');
  await page.keyboard.press('Escape');

  // Renaming Ann (from the coder list) renames her coding too.
  await page.getByTestId('coder-button').click();
  await page.getByTestId('coder-dialog').getByRole('button', { name: 'Rename Ann' }).click();
  await page.getByTestId('coder-rename-input').fill('Ann Lee');
  await page.getByTestId('coder-rename-save').click();
  await expect(page.getByTestId('coder-dialog').locator('[data-testid="coder-choice"][data-coder="Ann Lee"]')).toBeVisible();
  await page.getByTestId('coder-dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('current-coder')).toHaveText('Ann Lee');
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('data-coder', 'Ann Lee');

  // A restart: opening the project asks who is coding, offering Ann (chosen last) first; choosing Bob sticks.
  await host.restart(page);
  await page.getByRole('button', { name: 'Team study', exact: true }).click();
  const ask = page.getByTestId('choose-coder-dialog');
  await expect(ask).toBeVisible();
  await expect(ask.locator('.coder-choice.remembered')).toHaveAttribute('data-coder', 'Ann Lee');
  await ask.locator('[data-testid="coder-choice"][data-coder="Bob"]').click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByTestId('current-coder')).toHaveText('Bob');
  await openArticle(page, TITLE);
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(page.getByTestId('coding-stripe')).toHaveAttribute('data-coder', 'Bob');
  expect(errors).toEqual([]);
});
