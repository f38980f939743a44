import { minimalDocx, minimalPdf, wp, wr } from '../core/document-fixtures';
import { test, expect, openNewProject } from './fixtures';

// A Word file and a scanned PDF picked in the browser: the Word file becomes an article whose paragraphs and table
// row read as in Word, the report and the article's details say what was left out, and the scan is refused with
// the reason the analyst can act on.

test('a .docx imports with its notes; a scanned .pdf is refused with "no text layer: run OCR first"', async ({ page, host }) => {
  await openNewProject(page, host, 'Documents study');
  const docx = minimalDocx({
    body: [
      wp(wr('Convoy report')),
      wp(wr('Trucks crossed at dawn.')),
      `<w:tbl><w:tr><w:tc>${wp(wr('Rafah'))}</w:tc><w:tc>${wp(wr('12'))}</w:tc></w:tr></w:tbl>`,
      '<w:p><w:r><w:drawing><wp:inline/></w:drawing></w:r></w:p>',
    ].join(''),
  });
  await page.getByTestId('import-input').setInputFiles([
    { name: 'convoy.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx) },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from(minimalPdf([{ image: true }])) },
  ]);
  await expect(page.getByTestId('import-count-imported')).toHaveText('1 article imported');
  await expect(page.getByTestId('import-count-rejected')).toHaveText('1 file rejected');
  await expect(page.getByTestId('import-list-rejected')).toContainText('scan.pdf — no text layer: run OCR first');
  await page.getByTestId('import-list-imported').locator('summary').click();
  await expect(page.getByTestId('import-notes')).toContainText('1 table kept as text rows (cells separated by tabs); 1 image left out');

  await page.getByTestId('article-row').filter({ hasText: 'Convoy report' }).click();
  await expect(page.getByRole('main', { name: 'Article' })).toContainText('Trucks crossed at dawn.');
  await page.getByTestId('article-row').filter({ hasText: 'Convoy report' }).getByTestId('article-menu-button').click();
  await page.getByTestId('article-menu-details').click();
  await expect(page.getByTestId('detail-import-notes')).toContainText('1 image left out');
  await expect(page.getByTestId('redecode-button')).toBeDisabled();
});
