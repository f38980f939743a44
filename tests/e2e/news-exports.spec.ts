import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { test, expect, openNewProject } from './fixtures';
import { watchErrors } from './workbench';

// A news-database export dropped into the app becomes one article per item, and the import report says what each
// export was read as, how many articles it held, their fields, and the duplicates.

const fixtures = join(__dirname, '..', 'fixtures', 'newsdb');

test('LexisNexis and Nexis Uni exports are previewed, then import as articles with their fields, duplicates reported', async ({ page, host }) => {
  const errors = watchErrors(page);
  await openNewProject(page, host, 'Harbour coverage');
  const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': readFileSync(join(fixtures, 'nexisuni-document.xml')) });
  await page.getByTestId('import-input').setInputFiles([
    { name: 'lexis.txt', mimeType: 'text/plain', buffer: readFileSync(join(fixtures, 'lexisnexis-classic.txt')) },
    { name: 'nexis.docx', mimeType: 'application/octet-stream', buffer: Buffer.from(docx) },
    { name: 'lexis-again.txt', mimeType: 'text/plain', buffer: readFileSync(join(fixtures, 'lexisnexis-classic.txt')) },
  ]);
  // First a preview: what each file was read as, its articles and their fields; nothing is stored yet.
  const preview = page.getByTestId('news-import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('news-preview-summary')).toHaveText('9 new articles, 6 duplicates skipped.');
  await expect(preview.getByTestId('news-preview-export')).toHaveCount(3);
  await expect(preview.getByTestId('news-preview-article').filter({ hasText: 'Kräne stehen still' }).first()).toContainText('outlet: Hafenblatt');
  await expect(page.getByTestId('article-row')).toHaveCount(0);
  await page.getByTestId('news-preview-import').click();
  await expect(preview).toHaveCount(0);

  await expect(page.getByTestId('import-count-imported')).toHaveText('9 articles imported');
  const exports = page.getByTestId('import-news-export');
  await expect(exports).toHaveCount(3);
  await expect(exports.filter({ hasText: 'lexis.txt' }).getByTestId('import-news-summary')).toHaveText(
    /LexisNexis TXT: 6 articles from The Harbour Courier, Hafenblatt, Le Courrier du Port and 1 more, 6 imported, 0 duplicates/,
  );
  await expect(exports.filter({ hasText: 'nexis.docx' }).getByTestId('import-news-summary')).toHaveText(/Nexis Uni DOCX: 3 articles .*3 imported/);
  await expect(exports.filter({ hasText: 'lexis-again.txt' }).getByTestId('import-news-summary')).toHaveText(/0 imported, 6 duplicates/);
  const german = exports.filter({ hasText: 'lexis.txt' }).getByTestId('import-news-article').filter({ hasText: 'Kräne stehen still' });
  await expect(german).toContainText('publication date: 2026-03-04');
  await expect(german).toContainText('author: Max Mustermann');

  await german.getByRole('button', { name: 'Kräne stehen still' }).click();
  await expect(page.getByRole('main', { name: 'Article' })).toContainText('Die Kräne am Nordkai stehen seit Dienstag still.');
  await expect(page.getByRole('main', { name: 'Article' })).not.toContainText('AUTOR:');
  expect(errors).toEqual([]);
});

test('cancelling the preview imports nothing', async ({ page, host }) => {
  await openNewProject(page, host, 'Harbour coverage');
  await page.getByTestId('import-input').setInputFiles([
    { name: 'factiva.xml', mimeType: 'text/xml', buffer: readFileSync(join(fixtures, 'factiva.xml')) },
  ]);
  await expect(page.getByTestId('news-preview-summary')).toHaveText('2 new articles.');
  await page.getByTestId('news-preview-cancel').click();
  await expect(page.getByTestId('news-import-preview')).toHaveCount(0);
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  await expect(page.getByTestId('article-row')).toHaveCount(0);
});
