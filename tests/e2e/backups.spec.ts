import { test, expect, openBackedUpProject } from './fixtures';
import { watchErrors } from './workbench';

// Restoring a backup from the toolbar's project menu: the list shows what each backup holds, the confirmation
// says the current project is kept, and the workbench then shows the restored contents; the project as it was
// before the restore is itself listed, so the restore can be reversed.

test('restore from backup brings back a deleted article and keeps a before-restore copy', async ({ page, host }) => {
  const errors = watchErrors(page);

  await openBackedUpProject(page, host, 'Backup study', [
    { name: 'first.txt', bytes: Buffer.from('First report\n\nThe harbour reopened.\n') },
    { name: 'second.txt', bytes: Buffer.from('Second report\n\nThe market closed early.\n') },
  ]);

  await page.getByTestId('article-row').filter({ hasText: 'Second report' }).click({ button: 'right' });
  await page.getByTestId('article-menu-delete').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('article-row')).toHaveCount(1);

  await page.getByTestId('project-menu-button').click();
  await page.getByTestId('project-menu-restore').click();
  const rows = page.getByTestId('backup-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Daily');
  await expect(rows.first().locator('td').nth(4)).toHaveText('2'); // articles
  await page.getByTestId('backups-restore').click();
  await expect(page.getByTestId('restore-confirm-message')).toContainText('with 2 articles and 0 codings (it now has 1 article and 0 codings)');
  await expect(page.getByTestId('restore-confirm-dialog')).toContainText('The current project will be kept as a before-restore copy');
  await page.getByTestId('restore-confirm').click();

  await expect(page.getByTestId('restore-confirm-dialog')).toHaveCount(0);
  await expect(page.getByTestId('article-row')).toHaveCount(2);
  await expect(page.getByTestId('article-row').filter({ hasText: 'Second report' })).toBeVisible();
  await expect(page.getByTestId('undo-button')).toBeDisabled();

  await page.getByTestId('project-menu-button').click();
  await page.getByTestId('project-menu-restore').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Before a restore');
  await expect(rows.first().locator('td').nth(4)).toHaveText('1');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('backups-dialog')).toHaveCount(0);
  expect(errors).toEqual([]);
});
