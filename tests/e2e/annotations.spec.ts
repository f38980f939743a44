import { test, expect, openNewProject } from './fixtures';
import { toolbarAction } from './workbench';

// Import Annotations… in the browser: the files are uploaded (the browser names nothing on disk), the preview says
// what would be coded and what cannot be placed, and Import codes the spans in the article the file carried.

test('Label Studio export with astral characters: preview, then import codes the passages', async ({ page, host }) => {
  await openNewProject(page, host, 'Annotations study');
  const text = 'Aid \u{1F69A}\u{1F69A} convoy waits at the Rafah crossing.\r\nOfficials blame the delays.';
  const region = (needle: string, label: string) => ({
    type: 'labels',
    value: { start: text.indexOf(needle), end: text.indexOf(needle) + needle.length, text: needle, labels: [label] },
  });
  const tasks = [{ id: 1, data: { text }, annotations: [{ completed_by: 1, result: [region('Rafah crossing', 'Place'), region('blame', 'Blame'), { type: 'labels', value: { start: 0, end: 3, text: 'nowhere', labels: ['X'] } }] }] }];
  await toolbarAction(page, 'import-annotations-button', 'more-import-annotations');
  await page.getByTestId('annotation-import-format').selectOption('labelstudio');
  await page.getByTestId('annotation-import-prefix').fill('Frames');
  await page.getByTestId('annotation-import-files').setInputFiles([{ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tasks)) }]);
  await page.getByTestId('annotation-import-preview').click();
  const summary = page.getByTestId('annotation-import-summary');
  await expect(summary).toContainText('3 spans: 2 spans to code, 1 span cannot be placed');
  await expect(page.getByTestId('annotation-import-problems')).toContainText('nowhere');
  await page.getByTestId('annotation-import-confirm').click();
  await expect(page.getByTestId('annotation-import-dialog')).toBeHidden();
  await page.getByTestId('article-row').filter({ hasText: 'convoy waits' }).click();
  const article = page.getByRole('main', { name: 'Article' });
  await expect(article).toContainText('Rafah crossing');
  // Both passages are coded with the codes created under the prefix.
  await expect(page.getByText('Blame', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Place', { exact: true }).first()).toBeVisible();
});
