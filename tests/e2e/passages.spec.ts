import { type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ARTICLES, writeArticles, writeTextFile } from './newsArticles';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, codeAllHitsBySentence, createCode, dragSelect, importPaths, openArticle, present, revealedText, watchErrors } from './workbench';

// The coded-passages view: code passages in the reader, retrieve them by code (with the analyst's filters), jump from
// a passage back into its article with the passage revealed, and export exactly the retrieved passages as CSV.

const DEMAND_GAZA = 'We demand an immediate ceasefire and the return of the hostages';
const DEMAND_LEBANON = 'demanded a ceasefire on the northern front';
const HUMANITARIAN_ARABIC = 'نَقَصَ الْمَاءُ وَالدَّوَاءُ'.normalize('NFC');

async function code(page: Page, phrase: string, codePath: string): Promise<void> {
  const before = await page.getByTestId('coding-stripe').count();
  await dragSelect(page, phrase);
  await page.locator(`[data-testid="code-row"][data-code-path="${codePath}"]`).click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(before + 1);
}

const option = (page: Page, path: string) => page.locator(`[data-testid="passages-code-option"][data-code-path="${path}"]`);

test('retrieve the passages of a code, reveal one in its article, export them as CSV', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Passages study');
  await importPaths(page, writeArticles(['gaza', 'lebanon', 'arabic']));
  await createCode(page, 'Demand');
  await createCode(page, 'Humanitarian');

  await openArticle(page, ARTICLES.gaza.title);
  await code(page, DEMAND_GAZA, 'Demand');
  await openArticle(page, ARTICLES.lebanon.title);
  await code(page, DEMAND_LEBANON, 'Demand');
  await openArticle(page, ARTICLES.arabic.title);
  await code(page, HUMANITARIAN_ARABIC, 'Humanitarian');

  // Nothing is listed until a code is ticked; then exactly that code's two passages, one per article.
  await page.getByTestId('view-tab-passages').click();
  const view = page.getByTestId('passages-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('passages-total')).toHaveText('No codes chosen');
  await option(page, 'Demand').click();
  await expect(page.getByTestId('passages-total')).toHaveText('2 passages');
  const rows = page.getByTestId('passage-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('.passage-coded')).toHaveText([DEMAND_GAZA, DEMAND_LEBANON]);
  await expect(rows.locator('.passage-article')).toHaveText([ARTICLES.gaza.title, ARTICLES.lebanon.title]);
  await expect(rows.first().locator('.passage-context').first()).toContainText('"');
  await attachScreenshot(page, testInfo, 'coded passages view');

  // Both codes: the Arabic passage joins, in article order.
  await option(page, 'Humanitarian').click();
  await expect(page.getByTestId('passages-total')).toHaveText('3 passages');
  await expect(rows.locator('.passage-coded')).toHaveText([DEMAND_GAZA, DEMAND_LEBANON, HUMANITARIAN_ARABIC]);
  await attachScreenshot(page, testInfo, 'coded passages view with an Arabic passage');
  await option(page, 'Humanitarian').click();
  await expect(page.getByTestId('passages-total')).toHaveText('2 passages');

  // Narrowing by text and by coder.
  await page.getByTestId('passages-text-filter').fill('NORTHERN');
  await expect(page.getByTestId('passages-total')).toHaveText('1 passage');
  await expect(rows.locator('.passage-coded')).toHaveText([DEMAND_LEBANON]);
  await page.getByTestId('passages-text-filter').fill('');
  await page.getByTestId('passages-coder-filter').fill('somebody else');
  await expect(page.getByTestId('passages-total')).toHaveText('0 passages');
  await page.getByTestId('passages-coder-filter').fill('');
  await expect(page.getByTestId('passages-total')).toHaveText('2 passages');

  // Narrowing by an article attribute: outlets from a spreadsheet, then "outlet is al jazeera" (case ignored).
  await page.getByTestId('attributes-menu-button').click();
  await page.getByTestId('attributes-menu-import').click();
  const importDialog = page.getByTestId('attribute-import-dialog');
  const outlets = ['file,outlet', `${ARTICLES.gaza.file},Haaretz`, `${ARTICLES.lebanon.file},Al Jazeera`, `${ARTICLES.arabic.file},Al Jazeera`].join('\n');
  await importDialog.getByTestId('attribute-csv-input').setInputFiles({ name: 'outlets.csv', mimeType: 'text/csv', buffer: Buffer.from(outlets, 'utf8') });
  await expect(importDialog.locator('[data-testid="attribute-import-row"][data-status="matched"]')).toHaveCount(3);
  await importDialog.getByTestId('attribute-import-apply').click();
  await expect(importDialog).toHaveCount(0);
  await view.getByTestId('passages-add-attribute').click();
  await view.getByTestId('attribute-filter-name').selectOption('outlet');
  await view.getByTestId('attribute-filter-op').selectOption('eq');
  await view.getByTestId('attribute-filter-value').fill('al jazeera');
  await view.getByTestId('attribute-filter-add').click();
  await expect(view.getByTestId('attribute-filter-chip')).toHaveText(/outlet is al jazeera/);
  await expect(page.getByTestId('passages-total')).toHaveText('1 passage');
  await expect(rows.locator('.passage-coded')).toHaveText([DEMAND_LEBANON]);
  await attachScreenshot(page, testInfo, 'coded passages filtered by outlet');
  await view.getByTestId('attribute-filter-remove').click();
  await expect(page.getByTestId('passages-total')).toHaveText('2 passages');

  // A click opens the Lebanon article with the passage revealed.
  const lebanonRow = rows.filter({ hasText: DEMAND_LEBANON });
  const articleId = await lebanonRow.getAttribute('data-article-id');
  await lebanonRow.click();
  await expect(page.getByTestId('article-title')).toHaveText(ARTICLES.lebanon.title);
  await expect.poll(() => revealedText(page)).toBe(DEMAND_LEBANON);
  await expect(page.locator('[data-testid="article-row"].selected')).toContainText(ARTICLES.lebanon.title);
  await attachScreenshot(page, testInfo, 'passage revealed in its article');
  expect(articleId).not.toBeNull();

  // Back in the view, the query is as it was; export it.
  await page.getByTestId('view-tab-passages').click();
  await expect(page.getByTestId('passages-total')).toHaveText('2 passages');
  await page.getByTestId('passages-export').click();
  await expect(page.getByTestId('export-csv-dialog')).toContainText('Export these passages');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv-confirm').click();
  const csvPath = testInfo.outputPath('passages.csv');
  await (await download).saveAs(csvPath);

  const bytes = readFileSync(csvPath);
  const rowsOut = parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  expect(rowsOut.map((r) => [r.code_path, r.article_title, r.text])).toEqual([
    ['Demand', ARTICLES.gaza.title, DEMAND_GAZA],
    ['Demand', ARTICLES.lebanon.title, DEMAND_LEBANON],
  ]);
  for (const row of rowsOut) {
    const article = Object.values(ARTICLES).find((a) => a.title === row.article_title)!;
    expect([...article.text].slice(Number(row.start), Number(row.end)).join('')).toBe(row.text);
    expect(article.text).toContain(`${row.context_before}${row.text}${row.context_after}`);
  }
  expect(present(rowsOut[1], 'the second row').article_id).toBe(articleId);
  // The formula protection is on by default: the quotation mark opening the Gaza context is data, not a formula.
  expect(present(rowsOut[0], 'the first row').context_before).toMatch(/"$/);

  expect(errors).toEqual([]);
});

test('a passage deep in a long article is scrolled into the middle of the reader', async ({ page, host }) => {
  const errors = watchErrors(page);
  // 600 paragraphs of wire copy, the quoted demand in paragraph 540: far below anything laid out at first.
  const paragraphs = Array.from({ length: 600 }, (_, i) =>
    i === 540
      ? 'The mayor of Sderot told reporters: "We demand that the rockets stop before the schools reopen."'
      : `Paragraph ${i + 1}: officials in Beirut and Jerusalem traded statements about the border, the shelling and the displaced families.`,
  );
  const path = writeTextFile('long-wire.txt', ['Wire roundup: a day on the northern front', '', ...paragraphs].join('\n'));
  await openNewProject(page, host, 'Long article study');
  await importPaths(page, [path]);
  await createCode(page, 'Demand');

  // Code the quote through the search view, then retrieve it.
  await page.getByTestId('view-tab-search').click();
  await page.getByTestId('search-input').fill('"rockets stop"');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-total')).toHaveText('1 hit in 1 article');
  await codeAllHitsBySentence(page, 'Demand');
  await expect(page.getByTestId('search-code-outcome')).toContainText('Coded 1 passage with Demand');

  await page.getByTestId('view-tab-passages').click();
  await option(page, 'Demand').click();
  await expect(page.getByTestId('passages-total')).toHaveText('1 passage');
  await page.getByTestId('passage-row').click();
  await expect.poll(() => revealedText(page)).toContain('We demand that the rockets stop before the schools reopen.');
  // The revealed passage sits inside the reader's visible area.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const first = [...(CSS.highlights.get('gloss-reveal') ?? [])][0];
        const scroller = document.querySelector('.reader-scroll');
        if (!first || !scroller) return false;
        const range = document.createRange();
        range.setStart(first.startContainer, first.startOffset);
        range.setEnd(first.endContainer, first.endOffset);
        const r = range.getBoundingClientRect();
        const v = scroller.getBoundingClientRect();
        return r.top >= v.top && r.bottom <= v.bottom;
      }),
    )
    .toBe(true);
  expect(errors).toEqual([]);
});
