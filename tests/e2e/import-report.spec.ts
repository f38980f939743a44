import { test, expect, openNewProject } from './fixtures';
import { importFolder } from './workbench';

// The import report floats over the workbench; once the analyst opens an article it shrinks to its summary in a
// corner, so it never covers the text being read, and a file whose encoding was a guess is pointed out.

test('the report flags a guessed encoding and steps aside when an article is opened', async ({ page, host }, testInfo) => {
  await openNewProject(page, host, 'Report study');
  await page.getByTestId('import-input').setInputFiles([
    { name: 'short.txt', mimeType: 'text/plain', buffer: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x0a]) },
    { name: 'plain.txt', mimeType: 'text/plain', buffer: Buffer.from('Harbour news\n\nThe harbour reopened on Monday.\n') },
  ]);
  const report = page.getByTestId('import-report');
  await expect(page.getByTestId('import-count-imported')).toHaveText('2 articles imported');
  await expect(page.getByTestId('import-list-imported').locator('li', { hasText: 'short.txt' })).toContainText('encoding guessed');
  await expect(page.getByTestId('import-list-imported').locator('li', { hasText: 'plain.txt' })).not.toContainText('encoding guessed');

  await page.getByTestId('article-row').filter({ hasText: 'Harbour news' }).click();
  await expect(report).toHaveAttribute('data-collapsed', 'true');
  await expect(page.getByTestId('import-list-imported')).toBeHidden();
  await expect(page.getByTestId('import-count-imported')).toBeVisible();
  // The report now sits over the foot of the article list, clear of the reader.
  const reader = (await page.getByRole('main', { name: 'Article' }).boundingBox())!;
  const card = (await report.boundingBox())!;
  expect(card.x + card.width).toBeLessThanOrEqual(reader.x);
  const shot = testInfo.outputPath('report-collapsed.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('collapsed import report', { path: shot, contentType: 'image/png' });

  await page.getByTestId('import-report-expand').click();
  await expect(page.getByTestId('import-list-imported')).toBeVisible();
  await page.getByTestId('import-report-close').click();
  await expect(report).toHaveCount(0);
});

test('a folder picked in the browser: files of other types are listed as skipped, with their type', async ({ page, host }) => {
  await openNewProject(page, host, 'Folder study');
  await importFolder(
    page,
    {
      'news/aid.txt': 'Aid convoy waits at the crossing.\n',
      'news/feed.xml': '<rss><item>Ceasefire</item></rss>\n',
      'news/interview.srt': '1\n00:00:01,000 --> 00:00:02,000\nHello\n',
      'news/.git/HEAD': 'ref: refs/heads/main\n',
    },
    'news',
    '1 article imported',
  );
  await expect(page.getByTestId('import-count-skipped')).toHaveText('3 files skipped');
  const skipped = page.getByTestId('import-list-skipped');
  await expect(skipped.locator('li', { hasText: 'feed.xml' })).toContainText('not a type Gloss imports (.xml)');
  await expect(skipped.locator('li', { hasText: 'interview.srt' })).toContainText('not a type Gloss imports (.srt)');
  await expect(skipped.locator('li', { hasText: '.git' })).toContainText('a hidden folder; Gloss does not look inside (.git)');
});
