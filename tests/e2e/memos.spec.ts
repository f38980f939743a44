import { type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ARTICLES, writeArticles } from './newsArticles';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, createCode, dragSelect, importPaths, mod, openArticle, present, watchErrors, toolbarAction } from './workbench';

// Rich-text memos as an analyst writes them: bold and a list on a coding (in the coding popover) and on the project,
// kept through a page reload and a restart of the host, and exported both as plain text and as the editor's state.

const PASSAGE = 'We demand an immediate ceasefire and the return of the hostages';
const CODING_MEMO_PLAIN = 'Key demand: families speak for themselves\n• ceasefire now\n• hostages home';
const PROJECT_MEMO_PLAIN = 'Research question\n1. Who is quoted?\n2. Which frames are used?';

/** Writes a bold first line, then a list of items, using the memo's own toolbar for the list. */
async function writeRichMemo(page: Page, editable: Locator, bold: string, rest: string, listButton: 'memo-bullets' | 'memo-numbers', items: string[]) {
  await editable.click();
  await page.keyboard.press(`${mod}+b`);
  await page.keyboard.type(bold);
  await page.keyboard.press(`${mod}+b`);
  await page.keyboard.type(rest);
  await page.keyboard.press('Enter');
  await page.getByTestId(listButton).click();
  for (const [i, item] of items.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(item);
  }
}

async function openCodingPopover(page: Page): Promise<Locator> {
  await page.getByTestId('coding-stripe').first().click();
  const memo = page.getByTestId('coding-popover').getByTestId('coding-memo');
  await expect(memo).toBeVisible();
  return memo;
}

async function expectCodingMemo(memo: Locator) {
  await expect(memo.locator('.memo-bold')).toHaveText('Key demand');
  await expect(memo.locator('ul > li')).toHaveText(['ceasefire now', 'hostages home']);
}

async function expectProjectMemo(memo: Locator) {
  await expect(memo.locator('.memo-bold')).toHaveText('Research question');
  await expect(memo.locator('ol > li')).toHaveText(['Who is quoted?', 'Which frames are used?']);
}

/** Opens the coding's memo and the project memo, as written, and reads both back with their formatting. */
async function expectBothMemosKept(page: Page): Promise<void> {
  await openArticle(page, ARTICLES.gaza.title);
  await expectCodingMemo(await openCodingPopover(page));
  await page.keyboard.press('Escape');
  await toolbarAction(page, 'project-memo-button', 'more-project-memo');
  await expectProjectMemo(page.getByTestId('memo-dialog-editor'));
  await page.getByTestId('memo-dialog-done').click();
}

test('rich memos on a coding and on the project survive a reload and a restart, and export', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Memo study');
  await importPaths(page, writeArticles(['gaza']));
  await createCode(page, 'Demand');
  await openArticle(page, ARTICLES.gaza.title);
  await dragSelect(page, PASSAGE);
  await page.locator('[data-testid="code-row"][data-code-path="Demand"]').click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);

  // The coding's memo, in the popover: bold, then a bulleted list.
  const codingMemo = await openCodingPopover(page);
  await writeRichMemo(page, codingMemo, 'Key demand', ': families speak for themselves', 'memo-bullets', ['ceasefire now', 'hostages home']);
  await expectCodingMemo(codingMemo);
  await expect(page.getByTestId('coding-popover').getByTestId('memo-status')).toHaveText('Saved');
  await attachScreenshot(page, testInfo, 'coding memo in the popover');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('coding-popover')).toHaveCount(0);

  // The project's memo, from the toolbar: a bold line and a numbered list, with bold from the toolbar button.
  await toolbarAction(page, 'project-memo-button', 'more-project-memo');
  const projectMemo = page.getByTestId('memo-dialog-editor');
  await expect(projectMemo).toBeFocused();
  await page.getByTestId('memo-bold').click();
  await page.keyboard.type('Research question');
  await page.getByTestId('memo-bold').click();
  await page.keyboard.press('Enter');
  await page.getByTestId('memo-numbers').click();
  await page.keyboard.type('Who is quoted?');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Which frames are used?');
  await expectProjectMemo(projectMemo);
  await attachScreenshot(page, testInfo, 'project memo dialog');
  await page.getByTestId('memo-dialog-done').click();
  await expect(page.getByTestId('memo-dialog')).toHaveCount(0);

  // The article's memo, from the reader's header, with a link: only https addresses are taken.
  await page.getByTestId('article-memo-button').click();
  const articleMemo = page.getByTestId('memo-dialog-editor');
  await expect(articleMemo).toBeFocused();
  await page.keyboard.type('UN statement: ');
  await page.keyboard.press(`${mod}+k`);
  await page.getByTestId('memo-link-input').fill('javascript:alert(1)');
  await page.getByTestId('memo-link-input').press('Enter');
  await expect(page.getByTestId('memo-link-field')).toContainText('Links must be https addresses');
  await page.getByTestId('memo-link-input').fill('https://www.un.org/en/');
  await page.getByTestId('memo-link-apply').click();
  await expect(articleMemo.locator('a')).toHaveAttribute('href', 'https://www.un.org/en/');
  await expect(articleMemo.locator('a')).toHaveText('https://www.un.org/en/');
  await expect(page.getByTestId('memo-dialog').getByTestId('memo-status')).toHaveText('Saved');
  await page.getByTestId('memo-dialog-done').click();
  await page.getByTestId('article-memo-button').click();
  await expect(page.getByTestId('memo-dialog-editor')).toContainText('UN statement: https://www.un.org/en/');
  await page.getByTestId('memo-dialog-done').click();

  // Memos are searchable from the search view.
  await page.getByTestId('view-tab-search').click();
  await page.getByTestId('search-scope-memos').click();
  await page.getByTestId('search-input').fill('hostages');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('memo-hit')).toHaveCount(1);
  await expect(page.getByTestId('memo-hit')).toHaveAttribute('data-memo-kind', 'coding');
  await attachScreenshot(page, testInfo, 'memo search');

  // A reload of the page: the web host kept the project open.
  await page.reload();
  await expectBothMemosKept(page);

  // A restart of the host on the same data folder, and the project reopened from the recent list.
  await host.restart(page);
  await page.getByRole('button', { name: 'Memo study', exact: true }).click();
  await expect(page.getByTestId('project-menu-button')).toContainText('Memo study');
  await expectBothMemosKept(page);

  // The JSON export: plain `memo` for search and spreadsheets, `memoRich` with the formatting.
  const download = page.waitForEvent('download');
  await toolbarAction(page, 'export-json-button', 'more-export-json');
  const jsonPath = testInfo.outputPath('memos.json');
  await (await download).saveAs(jsonPath);
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
    project: { memo?: string; memoRich?: unknown };
    codings: { text: string; memo: string; memoRich?: unknown }[];
  };
  expect(exported.project.memo).toBe(PROJECT_MEMO_PLAIN);
  expect(exported.codings).toHaveLength(1);
  const coding = present(exported.codings[0], 'the exported coding');
  expect(coding.text).toBe(PASSAGE);
  expect(coding.memo).toBe(CODING_MEMO_PLAIN);
  const codingRich = JSON.stringify(coding.memoRich);
  expect(codingRich).toContain('"type":"list"');
  expect(codingRich).toContain('"listType":"bullet"');
  expect(codingRich).toMatch(/"format":1,[^}]*"text":"Key demand"/);
  const projectRich = JSON.stringify(exported.project.memoRich);
  expect(projectRich).toContain('"listType":"number"');
  expect(projectRich).toContain('Which frames are used?');

  expect(errors).toEqual([]);
});

test("a code's memo, in the code editor, stays with its code when another code is picked", async ({ page, host }) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Codebook memos');
  await createCode(page, 'Frames');
  await createCode(page, 'Actors');
  const row = (path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`);

  await row('Frames').click();
  const memo = page.getByTestId('code-editor').getByTestId('code-memo');
  await memo.click();
  await page.keyboard.type('Humanitarian vs. security framing; ');
  await page.keyboard.press(`${mod}+i`);
  await page.keyboard.type('see codebook v2');
  await row('Actors').click();
  await expect(page.getByTestId('code-editor')).toHaveAttribute('aria-label', 'Edit code Actors');
  await expect(page.getByTestId('code-editor').getByTestId('code-memo')).toHaveText('');
  await row('Frames').click();
  await expect(page.getByTestId('code-editor').getByTestId('code-memo')).toHaveText('Humanitarian vs. security framing; see codebook v2');
  await expect(page.getByTestId('code-editor').getByTestId('code-memo').locator('.memo-italic')).toHaveText('see codebook v2');
  expect(errors).toEqual([]);
});
