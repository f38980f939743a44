import { type Locator, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { codePhrase, createCode, newProject, openArticle, toolbarAction } from './workbench';

// Issue 14, accessibility: an axe-core scan of each main view (reader with codings, article list and codebook, the
// code editor, the import report, coded passages, search, the three analysis views, the CSV export dialog) finds no
// serious or critical violation; and focus is never left on nothing after a pop-up closes.

const ARTICLES = [
  {
    name: 'convoy.txt',
    text: 'Aid convoy waits at the crossing\nFamilies who fled the north waited for days at the crossing.\n\nThe army said the convoy had been stopped for security checks.',
  },
  { name: 'talks.txt', text: 'Ceasefire talks resume in Cairo\nMediators met both delegations on Monday.' },
  { name: 'ar.txt', text: 'العنوان الأول عن قافلة المساعدات\nنص المقال عن المعبر.' },
];

/** Scans the page as it stands; attaches every finding, and fails on a serious or critical one. */
async function scan(page: Page, testInfo: TestInfo, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await testInfo.attach(`axe ${view}`, {
    body: JSON.stringify(results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })), null, 2),
    contentType: 'application/json',
  });
  expect(
    blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `serious or critical accessibility violations in the ${view}`,
  ).toEqual([]);
}

/** Clicks what has this test id (a tab, Run), waits until `shown` (where given) is there, and scans the view it shows. */
async function openAndScan(page: Page, testInfo: TestInfo, testId: string, view: string, shown?: Locator): Promise<void> {
  await page.getByTestId(testId).click();
  if (shown) await expect(shown).not.toHaveCount(0);
  await scan(page, testInfo, view);
}

test('axe finds no serious or critical violation in any main view', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(host.launchUrl);
  await scan(page, testInfo, 'start screen');
  await newProject(page, 'Accessible');

  await page.getByTestId('import-input').setInputFiles(ARTICLES.map((a) => ({ name: a.name, mimeType: 'text/plain', buffer: Buffer.from(a.text, 'utf8') })));
  await expect(page.getByTestId('import-count-imported')).toHaveText('3 articles imported');
  await scan(page, testInfo, 'import report');
  // Closing the report keeps focus somewhere useful, never on the page itself.
  await page.getByTestId('import-report-close').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);

  await createCode(page, 'Humanitarian');
  await createCode(page, 'Security');
  await openArticle(page, 'Aid convoy waits at the crossing');
  await codePhrase(page, 'Families who fled the north', 'Humanitarian');
  await codePhrase(page, 'The army said the convoy', 'Security');
  await codePhrase(page, 'The army said', 'Humanitarian');
  await scan(page, testInfo, 'reader, article list and codebook');

  // The coding pop-up, then Escape: focus goes back into the reader, not to nothing.
  await page.getByTestId('coding-stripe').first().click();
  await expect(page.getByTestId('coding-popover')).toBeVisible();
  await scan(page, testInfo, 'coding pop-up');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('coding-popover')).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);

  // A project menu opened and closed with Escape gives focus back to its button.
  await page.getByTestId('project-menu-button').click();
  await expect(page.getByRole('menu', { name: 'Project' })).toBeVisible();
  await scan(page, testInfo, 'project menu');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-menu-button')).toBeFocused();

  // The code editor (a code opened with no passage selected).
  // A click in uncoded text (the first line) leaves no passage selected, so a click on a code opens it.
  await page.getByTestId('article-text').locator('p').first().click({ position: { x: 3, y: 5 } });
  await page.locator('[data-testid="code-row"][data-code-path="Security"]').click();
  await expect(page.getByTestId('code-editor')).toBeVisible();
  await scan(page, testInfo, 'code editor');

  await openAndScan(page, testInfo, 'view-tab-passages', 'coded passages');
  await page.getByTestId('view-tab-search').click();
  await page.getByTestId('search-input').fill('crossing');
  await openAndScan(page, testInfo, 'search-run', 'search', page.getByTestId('search-hit'));

  await page.getByTestId('view-tab-analysis').click();
  await openAndScan(page, testInfo, 'analysis-tab-frequencies', 'code frequencies table', page.getByTestId('frequency-row'));
  await page.getByTestId('frequency-show-chart').click();
  await expect(page.getByTestId('frequency-chart')).toBeVisible();
  await scan(page, testInfo, 'code frequencies chart');
  await openAndScan(page, testInfo, 'analysis-tab-coverage', 'coverage over time');
  await openAndScan(page, testInfo, 'analysis-tab-cooccurrence', 'co-occurrence');

  // Focus goes back to what opened the dialog: the button, or the More menu's button when the bar is folded.
  const opener = (await page.getByTestId('export-csv-button').isVisible()) ? 'export-csv-button' : 'toolbar-more-button';
  await toolbarAction(page, 'export-csv-button', 'more-export-csv');
  await expect(page.getByTestId('export-csv-dialog')).toBeVisible();
  await scan(page, testInfo, 'CSV export dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-csv-dialog')).toHaveCount(0);
  await expect(page.getByTestId(opener)).toBeFocused();
});
