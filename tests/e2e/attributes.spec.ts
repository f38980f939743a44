import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, importFiles, watchErrors } from './workbench';

// Article attributes as an analyst sets them: a spreadsheet of outlets and dates imported against the articles'
// file names (previewed row by row first), the article list filtered by outlet, and a value edited by hand in the
// article's details, still there after the window reloads.

const ARTICLES = [
  { name: 'haaretz-1.txt', text: 'Cabinet weighs ground operation\n\nהקבינט דן במבצע קרקעי בעזה.\n\nThe cabinet met overnight.\n' },
  { name: 'aljazeera-1.txt', text: 'Hospitals run short of fuel\n\nالمستشفيات في غزة تعاني من نقص الوقود.\n\nDoctors warned of collapse.\n' },
  { name: 'bbc-1.txt', text: 'Ceasefire talks resume in Cairo\n\nNegotiators returned to Cairo on Monday.\n' },
  { name: 'bbc-2.txt', text: 'Border towns in Lebanon empty\n\nResidents of southern Lebanon left their villages.\n' },
];

// One row names no article; one date is written the day-first way, which the date attribute refuses.
const CSV = [
  'file,outlet,publication date,section',
  'haaretz-1.txt,Haaretz,2023-10-08,news',
  'aljazeera-1.txt,Al Jazeera,2023-10-09,opinion',
  'bbc-1.txt,BBC,2023-10-15,news',
  'bbc-2.txt,BBC,15/10/2023,analysis',
  'cnn-1.txt,CNN,2023-11-01,news',
].join('\n');

test.use({ screenshot: 'only-on-failure' });

const rowTitled = (page: Page, title: string) => page.getByTestId('article-row').filter({ hasText: title });

async function openDetails(page: Page, title: string): Promise<void> {
  await rowTitled(page, title).click({ button: 'right' });
  await page.getByTestId('article-menu-details').click();
  await expect(page.getByTestId('article-details-dialog')).toBeVisible();
}

test('import outlets and dates from a CSV, filter the list by outlet, edit a date in the details', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Attributes study');
  await importFiles(page, ARTICLES.map((a) => ({ name: a.name, bytes: Buffer.from(a.text, 'utf8') })));
  await expect(page.getByTestId('article-count')).toHaveText('4 articles');

  // The CSV, previewed: four rows match by file name, one has no match, one date does not fit.
  await page.getByTestId('attributes-menu-button').click();
  await page.getByTestId('attributes-menu-import').click();
  const dialog = page.getByTestId('attribute-import-dialog');
  await dialog.getByTestId('attribute-csv-input').setInputFiles({ name: 'outlets.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  const rows = dialog.getByTestId('attribute-import-row');
  await expect(rows).toHaveCount(5);
  await expect(dialog.locator('[data-testid="attribute-import-row"][data-status="matched"]')).toHaveCount(4);
  const unmatched = dialog.locator('[data-testid="attribute-import-row"][data-status="no match"]');
  await expect(unmatched).toHaveCount(1);
  await expect(unmatched).toContainText('cnn-1.txt');
  await expect(unmatched.getByTestId('attribute-import-article')).toHaveText('no match');
  await expect(rows.filter({ hasText: 'haaretz-1.txt' }).getByTestId('attribute-import-article')).toHaveText('Cabinet weighs ground operation');
  await expect(rows.filter({ hasText: 'bbc-2.txt' }).getByTestId('attribute-import-error')).toContainText('15/10/2023');
  // "section" names no attribute yet: it is new, typed as text.
  await expect(dialog.locator('[data-testid="attribute-import-column"][data-status="new"]')).toHaveText(/section \(text\)/);
  await expect(dialog.getByTestId('attribute-import-summary')).toContainText('4 rows match an article, 1 row has no match');
  await attachScreenshot(page, testInfo, 'attribute-import-preview');

  await dialog.getByTestId('attribute-import-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('notice').filter({ hasText: 'Set 11 attribute values on 4 articles from “outlets.csv”' })).toBeVisible();

  // Filter the list: outlet is BBC lists exactly the two BBC articles.
  await page.getByTestId('attribute-filter-toggle').click();
  await page.getByTestId('attribute-filter-name').selectOption('outlet');
  await page.getByTestId('attribute-filter-op').selectOption('eq');
  // The outlets the CSV set are offered as the value is typed.
  await expect(page.getByTestId('attribute-filter-value')).toHaveAttribute('list', /.+/);
  const offered = await page
    .getByTestId('attribute-filter-value')
    .evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((o) => o.value));
  expect(offered).toEqual(['Al Jazeera', 'BBC', 'Haaretz']);
  await page.getByTestId('attribute-filter-value').fill('bbc');
  await page.getByTestId('attribute-filter-add').click();
  await expect(page.getByTestId('attribute-filter-chip')).toHaveText(/outlet is bbc/);
  await expect(page.getByTestId('article-count')).toHaveText('2 of 4 articles');
  await expect(page.getByTestId('article-row')).toHaveCount(2);
  expect((await page.locator('[data-testid="article-row"] .article-row-title').allTextContents()).sort()).toEqual([
    'Border towns in Lebanon empty',
    'Ceasefire talks resume in Cairo',
  ]);
  // A second condition narrows further: dated after 10 October leaves the one BBC article with a valid date.
  await page.getByTestId('attribute-filter-name').selectOption('publication date');
  await page.getByTestId('attribute-filter-op').selectOption('gt');
  await page.getByTestId('attribute-filter-value').fill('2023-10-10');
  await page.getByTestId('attribute-filter-add').click();
  await expect(page.getByTestId('article-count')).toHaveText('1 of 4 articles');
  await expect(page.getByTestId('article-row')).toHaveText([/Ceasefire talks resume in Cairo/]);
  await attachScreenshot(page, testInfo, 'article-list-filtered');
  // Removing the chips brings every article back.
  await page.getByTestId('attribute-filter-remove').first().click();
  await expect(page.getByTestId('article-count')).toHaveText('1 of 4 articles');
  await page.getByTestId('attribute-filter-remove').first().click();
  await expect(page.getByTestId('attribute-filter-chip')).toHaveCount(0);
  await expect(page.getByTestId('article-count')).toHaveText('4 articles');

  // The details show what the CSV set; the refused date is typed in by hand, then survives a reload.
  await openDetails(page, 'Hospitals run short of fuel');
  await expect(page.getByTestId('attribute-input-outlet')).toHaveValue('Al Jazeera');
  await expect(page.getByTestId('attribute-input-publication date')).toHaveValue('2023-10-09');
  await expect(page.getByTestId('attribute-input-section')).toHaveValue('opinion');
  await page.keyboard.press('Escape');

  await openDetails(page, 'Border towns in Lebanon empty');
  const date = page.getByTestId('attribute-input-publication date');
  await expect(page.getByTestId('attribute-input-outlet')).toHaveValue('BBC');
  await expect(date).toHaveValue('');
  await expect(date).toHaveAttribute('type', 'date');
  await date.fill('2023-10-16');
  await date.press('Enter');
  await expect(page.locator('[data-testid="article-attribute"][data-attribute="publication date"]').getByTestId('attribute-saved')).toBeVisible();
  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /^Undo Set attribute/);
  // Emptying a field clears the value (an undo step of its own).
  const section = page.getByTestId('attribute-input-section');
  await section.fill('  ');
  await section.press('Enter');
  await expect(page.locator('[data-testid="article-attribute"][data-attribute="section"]').getByTestId('attribute-saved')).toBeVisible();
  await attachScreenshot(page, testInfo, 'article-details-attributes');
  await page.keyboard.press('Escape');

  await page.reload();
  await openDetails(page, 'Border towns in Lebanon empty');
  await expect(page.getByTestId('attribute-input-publication date')).toHaveValue('2023-10-16');
  await expect(page.getByTestId('attribute-input-outlet')).toHaveValue('BBC');
  await expect(page.getByTestId('attribute-input-section')).toHaveValue('');
  await page.keyboard.press('Escape');

  expect(errors).toEqual([]);
});

test('define, rename and delete an attribute of the analyst’s own; the delete says what goes and can be undone', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Own attributes');
  await importFiles(page, ARTICLES.slice(0, 2).map((a) => ({ name: a.name, bytes: Buffer.from(a.text, 'utf8') })));

  await page.getByTestId('attributes-menu-button').click();
  await page.getByTestId('attributes-menu-manage').click();
  const manager = page.getByTestId('attribute-manager');
  const definition = (name: string) => manager.locator(`[data-testid="attribute-definition"][data-attribute="${name}"]`);
  // The five built-ins are there and cannot be renamed or deleted.
  await expect(manager.getByTestId('attribute-definition')).toHaveCount(5);
  await expect(definition('outlet')).toContainText('built-in');
  await expect(definition('outlet').getByTestId('attribute-delete')).toHaveCount(0);

  await manager.getByTestId('new-attribute-name').fill('wire copy');
  await manager.getByTestId('new-attribute-type').selectOption('boolean');
  await manager.getByTestId('new-attribute-define').click();
  await expect(definition('wire copy')).toContainText('Yes/no');
  await manager.getByTestId('new-attribute-name').fill('casualties');
  await manager.getByTestId('new-attribute-type').selectOption('number');
  await manager.getByTestId('new-attribute-define').click();
  await expect(definition('casualties')).toContainText('Number');
  await definition('casualties').getByTestId('attribute-rename').click();
  await manager.getByTestId('attribute-rename-input').fill('reported deaths');
  await manager.getByTestId('attribute-rename-input').press('Enter');
  await expect(definition('reported deaths')).toBeVisible();
  await attachScreenshot(page, testInfo, 'attribute-manager');
  await page.keyboard.press('Escape');
  await expect(manager).toHaveCount(0);

  // The new attributes take typed values in the details: a yes/no choice and a number field.
  await openDetails(page, 'Cabinet weighs ground operation');
  await page.getByTestId('attribute-input-wire copy').selectOption('yes');
  await expect(page.locator('[data-testid="article-attribute"][data-attribute="wire copy"]').getByTestId('attribute-saved')).toBeVisible();
  await expect(page.getByTestId('attribute-input-reported deaths')).toHaveAttribute('type', 'number');
  await page.getByTestId('attribute-input-reported deaths').fill('12');
  await page.getByTestId('attribute-input-reported deaths').press('Enter');
  await expect(page.locator('[data-testid="article-attribute"][data-attribute="reported deaths"]').getByTestId('attribute-saved')).toBeVisible();
  await expect(page.getByTestId('attribute-input-reported deaths')).toHaveValue('12');
  await page.keyboard.press('Escape');

  // Deleting asks first, saying how many values go with it.
  await page.getByTestId('attributes-menu-button').click();
  await page.getByTestId('attributes-menu-manage').click();
  await expect(definition('wire copy').locator('td').nth(2)).toHaveText('1');
  await definition('wire copy').getByTestId('attribute-delete').click();
  await expect(page.getByTestId('delete-attribute-message')).toContainText('Its 1 value');
  await page.getByTestId('confirm-ok').click();
  await expect(definition('wire copy')).toHaveCount(0);
  await page.keyboard.press('Escape');
  const notice = page.getByTestId('notice').filter({ hasText: 'Deleted attribute “wire copy” and its 1 value.' });
  await notice.getByTestId('notice-action').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Undone: Delete attribute' })).toBeVisible();

  // Undone: the attribute and its value are back.
  await openDetails(page, 'Cabinet weighs ground operation');
  await expect(page.getByTestId('attribute-input-wire copy')).toHaveValue('yes');
  await expect(page.getByTestId('attribute-input-reported deaths')).toHaveValue('12');
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});
