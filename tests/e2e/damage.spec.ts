import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, openBackedUpProject } from './fixtures';
import { watchErrors } from './workbench';

// Issue 9, hole 3: an article's text changed on disk behind Gloss's back (here by a direct SQLite UPDATE that leaves
// its fingerprint as it was) is found by Check project…, which names the article, and the newest checked backup
// brings the project back.

/** The one project file in the host's data folder. */
function projectFile(dir: string): string {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.gloss') && !entry.parentPath.includes('.gloss-backups')) return join(entry.parentPath, entry.name);
  }
  throw new Error(`no project in ${dir}`);
}

/** Rewrites part of an article's stored text in place, as damage would: same length, fingerprint untouched. */
function damageArticleText(path: string, articleId: number, from: string, to: string): void {
  const db = new Database(path);
  try {
    db.transaction(() => {
      db.prepare('INSERT INTO article_text_permits (article_id) VALUES (?)').run(articleId);
      const changed = db.prepare('UPDATE articles SET text = replace(text, ?, ?) WHERE id = ?').run(from, to, articleId).changes;
      if (changed !== 1) throw new Error('the article to damage was not found');
      db.prepare('DELETE FROM article_text_permits WHERE article_id = ?').run(articleId);
    })();
  } finally {
    db.close();
  }
}

test('Check project names the damaged article, and restoring the checked backup repairs it', async ({ page, host }) => {
  const errors = watchErrors(page);
  await openBackedUpProject(page, host, 'Damage study', [
    { name: 'first.txt', bytes: Buffer.from('First report\n\nThe harbour reopened at dawn.\n') },
    { name: 'second.txt', bytes: Buffer.from('Second report\n\nThe market closed early because of the strike.\n') },
  ]);
  await page.getByTestId('project-menu-button').click();
  await page.getByTestId('project-menu-check').click();
  await expect(page.getByTestId('check-ok')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close project' }).click();

  damageArticleText(projectFile(host.dataDir), 2, 'market closed', 'market opened');

  await page.getByRole('button', { name: 'Damage study', exact: true }).click();
  await expect(page.getByTestId('article-row')).toHaveCount(2);
  await page.getByTestId('project-menu-button').click();
  await page.getByTestId('project-menu-check').click();
  const findings = page.getByTestId('check-finding');
  await expect(findings).toHaveCount(1);
  await expect(findings.first()).toContainText('Article 2 ("Second report")');
  await expect(findings.first()).toContainText('does not match the fingerprint');

  await page.getByTestId('check-restore').click();
  const rows = page.getByTestId('backup-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('backup-checked')).toBeVisible();
  await expect(rows.first().locator('input[type="radio"]')).toBeChecked();
  await page.getByTestId('backups-restore').click();
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-confirm-dialog')).toHaveCount(0);
  await expect(page.getByTestId('article-row')).toHaveCount(2);

  await page.getByTestId('project-menu-button').click();
  await page.getByTestId('project-menu-check').click();
  await expect(page.getByTestId('check-ok')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('article-row').filter({ hasText: 'Second report' }).click();
  await expect(page.getByText('The market closed early because of the strike.')).toBeVisible();
  expect(errors).toEqual([]);
});
