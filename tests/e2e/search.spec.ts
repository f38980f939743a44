import { type Page } from '@playwright/test';
import { ARTICLES, writeArticles } from './newsArticles';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, codeAllHitsBySentence, createCode, importPaths, openArticle, revealedText, watchErrors } from './workbench';

// The search view as an analyst uses it: full-text and regular-expression searches over English, Arabic (with
// harakat) and Hebrew articles, hits read in context, all of them coded in one step and taken back with one Undo,
// a runaway regular expression stopped with a plain message, and a saved search run again.

async function search(page: Page, query: string, mode: 'fts' | 'regex' = 'fts'): Promise<void> {
  await page.getByTestId('search-mode').selectOption(mode);
  await page.getByTestId('search-input').fill(query);
  await page.getByTestId('search-input').press('Enter');
}

const hitsIn = (page: Page, articleTitle: string) => page.getByTestId('search-result-article').filter({ hasText: articleTitle }).getByTestId('search-hit');
const codeRow = (page: Page, path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`);

test('search, code every hit at once, undo it in one step, stop a runaway regex, re-run a saved search', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Search study');
  await importPaths(page, writeArticles(['gaza', 'lebanon', 'arabic', 'hebrew']));
  await createCode(page, 'Ceasefire demand');

  await page.getByTestId('view-tab-search').click();
  await expect(page.getByTestId('search-view')).toBeVisible();

  // Full text: "ceasefire" four times in the Gaza article, once in the Lebanon one, each line in context.
  await search(page, 'ceasefire');
  await expect(page.getByTestId('search-total')).toHaveText('5 hits in 2 articles');
  await expect(page.getByTestId('search-result-article')).toHaveCount(2);
  await expect(hitsIn(page, ARTICLES.gaza.title)).toHaveCount(4);
  await expect(hitsIn(page, ARTICLES.lebanon.title)).toHaveCount(1);
  await expect(page.getByTestId('search-result-article').filter({ hasText: ARTICLES.gaza.title }).getByTestId('search-article-count')).toHaveText('4 hits');
  await expect(hitsIn(page, ARTICLES.lebanon.title).locator('.kwic-hit')).toHaveText('ceasefire');
  await expect(hitsIn(page, ARTICLES.lebanon.title).locator('.kwic-after')).toContainText('on the northern front.');
  await attachScreenshot(page, testInfo, 'search view: full-text hits');

  // Arabic without vowel marks finds the vowelled word, and the hit is the word as written.
  await search(page, 'غزة');
  await expect(page.getByTestId('search-total')).toHaveText('3 hits in 1 article');
  await expect(hitsIn(page, ARTICLES.arabic.title).locator('.kwic-hit').first()).toHaveText('غَزَّة'.normalize('NFC'));
  await expect(hitsIn(page, ARTICLES.arabic.title).first().locator('.kwic')).toHaveAttribute('dir', 'auto');
  await attachScreenshot(page, testInfo, 'search view: Arabic hits right to left');

  // A regular expression, ignoring vowel marks, over Arabic; and Hebrew without its niqqud.
  await search(page, 'وقف إطلاق النار', 'regex');
  await expect(hitsIn(page, ARTICLES.arabic.title)).toHaveCount(2);
  await expect(page.getByTestId('search-total')).toHaveText('2 hits in 1 article');
  await search(page, 'הפסקת אש', 'regex');
  await expect(hitsIn(page, ARTICLES.hebrew.title)).toHaveCount(2);
  await expect(page.getByTestId('search-total')).toHaveText('2 hits in 1 article');

  // Code every "ceasefire" hit at once.
  await search(page, 'ceasefire');
  await expect(page.getByTestId('search-total')).toHaveText('5 hits in 2 articles');
  await page.getByTestId('search-select-all').check();
  await expect(page.getByTestId('search-code-selected')).toHaveText('Code 5 hits…');
  await page.getByTestId('search-code-selected').click();
  await page.getByTestId('code-picker-dialog').getByTestId('code-picker-option').filter({ hasText: 'Ceasefire demand' }).click();
  await page.getByTestId('code-picker-confirm').click();
  await expect(page.getByTestId('search-code-outcome')).toContainText('Coded 5 passages with Ceasefire demand');
  await expect(codeRow(page, 'Ceasefire demand').getByTestId('code-coding-count')).toHaveText('5');
  await attachScreenshot(page, testInfo, 'search view: all hits coded');

  // Coding the same hits again creates nothing and says so.
  await page.getByTestId('search-select-all').check();
  await page.getByTestId('search-code-selected').click();
  await page.getByTestId('code-picker-dialog').getByTestId('code-picker-option').filter({ hasText: 'Ceasefire demand' }).click();
  await page.getByTestId('code-picker-confirm').click();
  await expect(page.getByTestId('search-code-outcome')).toContainText('Nothing new to code: all 5 hits already had Ceasefire demand');
  await expect(page.getByTestId('search-undo')).toHaveCount(0);

  // A click on a hit shows it in its article: four stripes there, the hit revealed.
  await hitsIn(page, ARTICLES.gaza.title).nth(2).locator('.search-hit-open').click();
  await expect(page.getByTestId('article-title')).toHaveText(ARTICLES.gaza.title);
  await expect(page.getByTestId('coding-stripe')).toHaveCount(4);
  await expect.poll(() => revealedText(page)).toBe('ceasefire');

  // Back in the search view the result is still there; code the hits again after an Undo from there.
  await page.getByTestId('view-tab-search').click();
  await expect(page.getByTestId('search-total')).toHaveText('5 hits in 2 articles');
  await page.getByTestId('view-tab-code').click();
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(0);
  await page.getByTestId('view-tab-search').click();
  await codeAllHitsBySentence(page, 'Ceasefire demand');
  await expect(page.getByTestId('search-code-outcome')).toContainText('Coded 5 passages with Ceasefire demand');
  await expect(codeRow(page, 'Ceasefire demand').getByTestId('code-coding-count')).toHaveText('5');

  // One Undo takes all five away.
  await page.getByTestId('search-undo').click();
  await expect(page.getByTestId('search-code-outcome')).toContainText('Undone: Code 5 search hits');
  await expect(codeRow(page, 'Ceasefire demand').getByTestId('code-coding-count')).toHaveText('0');
  await openArticle(page, ARTICLES.gaza.title);
  await expect(page.getByTestId('coding-stripe')).toHaveCount(0);
  await openArticle(page, ARTICLES.lebanon.title);
  await expect(page.getByTestId('coding-stripe')).toHaveCount(0);

  // Catastrophic backtracking is stopped, and the view says why in plain words.
  await page.getByTestId('view-tab-search').click();
  await search(page, '(\\w+\\s?)*$', 'regex');
  await expect(page.getByTestId('search-error')).toContainText('stopped');
  await expect(page.getByTestId('search-error')).toContainText('backtracks catastrophically');
  await attachScreenshot(page, testInfo, 'search view: runaway regular expression');

  // Save a search, run another, then run the saved one again.
  await search(page, 'hostages');
  await expect(page.getByTestId('search-total')).toHaveText('2 hits in 1 article');
  await page.getByTestId('search-save').click();
  await page.getByTestId('search-save-name').fill('Hostages');
  await page.getByTestId('search-save-name').press('Enter');
  await expect(page.getByTestId('saved-search')).toHaveText(['Hostages×']);
  await search(page, 'Hezbollah OR Lebanese');
  await expect(hitsIn(page, ARTICLES.lebanon.title)).toHaveCount(2);
  await expect(page.getByTestId('search-total')).toHaveText('2 hits in 1 article');
  await page.getByTestId('saved-search').filter({ hasText: 'Hostages' }).getByRole('button', { name: 'Hostages', exact: true }).click();
  await expect(page.getByTestId('search-input')).toHaveValue('hostages');
  await expect(page.getByTestId('search-total')).toHaveText('2 hits in 1 article');
  await expect(hitsIn(page, ARTICLES.gaza.title).locator('.kwic-hit')).toHaveText(['hostages', 'hostages']);
  await attachScreenshot(page, testInfo, 'search view: saved search run again');

  expect(errors).toEqual([]);
});
