import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, importFiles, importFolder } from './workbench';

// Issue 14, items 3, 10 and 11, as an analyst meets them in the article list: an Arabic title cut at its end (not
// its start), the folder each file came from kept and shown (and usable as a filter), and titles that are headlines,
// not paragraphs — always editable.

// Synthetic Arabic headline (13 words): far wider than the article list, short enough to be a title.
const ARABIC_TITLE = 'العنوان الأول عن قافلة المساعدات التي تنتظر عند المعبر منذ ثلاثة أيام متتالية';
const HEBREW_TITLE = 'הכותרת הראשונה על שיחות הפסקת האש שהתחדשו בקהיר עם המתווכים אחרי הפסקה ארוכה';

test('item 3: Arabic and Hebrew titles in the article list keep their first words and are cut at their logical end', async ({ page, host }, testInfo) => {
  await openNewProject(page, host, 'Right-to-left titles');
  await importFiles(page, [
    { name: 'ar.txt', bytes: Buffer.from(`${ARABIC_TITLE}\nنص المقال.`, 'utf8') },
    { name: 'he.txt', bytes: Buffer.from(`${HEBREW_TITLE}\nגוף הכתבה.`, 'utf8') },
  ]);
  for (const title of [ARABIC_TITLE, HEBREW_TITLE]) {
    const cell = page.getByTestId('article-row').filter({ hasText: title.split(' ')[0] }).getByTestId('article-row-title');
    await expect(cell).toHaveText(title);
    const layout = await cell.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const text = el.firstChild!;
      const firstWord = (el.textContent ?? '').indexOf(' ');
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, firstWord);
      const first = range.getBoundingClientRect();
      return { direction: getComputedStyle(el).direction, overflows: el.scrollWidth > el.clientWidth, box: { left: box.left, right: box.right }, first: { left: first.left, right: first.right } };
    });
    // The title is wider than the list, so it is cut...
    expect(layout.overflows).toBe(true);
    // ...laid out right to left, so its first word is the one on screen, at the right, and the ellipsis at the left.
    expect(layout.direction).toBe('rtl');
    expect(layout.first.right).toBeLessThanOrEqual(layout.box.right + 1);
    expect(layout.first.left).toBeGreaterThanOrEqual(layout.box.left - 1);
  }
  await attachScreenshot(page, testInfo, 'rtl-titles-in-list');
});

test('item 10: a folder import keeps each file’s folder, shows it in the list and filters on it', async ({ page, host }, testInfo) => {
  await openNewProject(page, host, 'Folders');
  await importFolder(
    page,
    {
      'bbc/business/001.txt': 'Shares rise on bank results\nMarkets were up on Tuesday.',
      'bbc/sport/001.txt': 'Cup final goes to extra time\nThe match ended late.',
      'bbc/about.txt': 'About this corpus\nNotes on the collection.',
    },
    'bbc',
    '3 articles imported',
  );
  await page.getByTestId('import-report-close').click();

  const folderOf = (title: string) => page.getByTestId('article-row').filter({ hasText: title }).getByTestId('article-row-folder');
  await expect(folderOf('Shares rise on bank results')).toHaveText('business/');
  await expect(folderOf('Cup final goes to extra time')).toHaveText('sport/');
  await expect(folderOf('About this corpus')).toHaveCount(0);

  // `folder` is an ordinary attribute: the list filters on it.
  await page.getByTestId('attribute-filter-toggle').click();
  await page.getByTestId('attribute-filter-name').selectOption('folder');
  await page.getByTestId('attribute-filter-op').selectOption('eq');
  await page.getByTestId('attribute-filter-value').fill('sport');
  await page.getByTestId('attribute-filter-add').click();
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await expect(page.getByTestId('article-row')).toContainText('Cup final goes to extra time');
  await attachScreenshot(page, testInfo, 'folder-filter');
});

test('item 11: a paragraph-long first line gives the file name as title; any title can be renamed', async ({ page, host }) => {
  const paragraph =
    'The finance ministry said on Tuesday that the new budget would raise spending on schools and hospitals by a fifth over the next three years while cutting fuel subsidies and public sector pay.';
  await openNewProject(page, host, 'Titles');
  await importFiles(page, [
    { name: 'budget-2024.txt', bytes: Buffer.from(`${paragraph}\nSecond paragraph.`, 'utf8') },
    { name: 'headline.txt', bytes: Buffer.from('Floods close the coast road\nThe road was shut on Monday.', 'utf8') },
  ]);
  const titles = page.getByTestId('article-row-title');
  await expect(titles).toHaveText(['budget-2024', 'Floods close the coast road']);

  // Renaming: the row's menu, type, Enter; the reader's heading follows.
  const row = page.getByTestId('article-row').filter({ hasText: 'budget-2024' });
  await row.click();
  await row.getByTestId('article-menu-button').click();
  await page.getByTestId('article-menu-rename').click();
  await page.getByTestId('article-rename-input').fill('Budget raises school spending');
  await page.getByTestId('article-rename-input').press('Enter');
  await expect(titles.first()).toHaveText('Budget raises school spending');
  await expect(page.getByTestId('article-title')).toHaveText('Budget raises school spending');
});
