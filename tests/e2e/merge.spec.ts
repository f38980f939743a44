import { type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './webHost';
import { test, expect, openNewProject, type TestWebHost } from './fixtures';
import { createCode, importFiles, openArticle, toolbarAction } from './workbench';

// The lead merges a teammate's project in the browser: the teammate's .gloss (made here with the gloss CLI, as a
// coder would make it) is uploaded, previewed with its conflicting code, merged; the teammate's codings show in the
// reader, and one undo takes the whole merge back.

const ONE = 'Aid convoy waits at the crossing\nOfficials traded blame.\n';
const TWO = 'Talks resume in Cairo\nMediators met again.\n';

function gloss(cwd: string, ...args: string[]): void {
  const r = spawnSync(process.execPath, [join(repoRoot, 'out', 'main', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gloss ${args.join(' ')}: ${r.stderr}`);
}

/** Omar's project: the same two texts, his codings, and a Places code of another colour than the lead's. */
function teammateProject(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-e2e-merge-'));
  writeFileSync(join(dir, 'one.txt'), ONE);
  writeFileSync(join(dir, 'two.txt'), TWO);
  gloss(dir, 'init', 'omar.gloss');
  gloss(dir, 'import', 'omar.gloss', 'one.txt', 'two.txt');
  gloss(dir, 'code', 'omar.gloss', '--article', '1', '--code', 'Frames/Aid', '--start', '0', '--end', '10', '--coder', 'omar');
  gloss(dir, 'code', 'omar.gloss', '--article', '1', '--code', 'Places', '--start', '24', '--end', '32', '--coder', 'omar');
  return readFileSync(join(dir, 'omar.gloss'));
}

/** The lead's own project: both articles and the code Places (which the teammate's file also has, differently). */
async function openLeadProject(page: Page, host: TestWebHost): Promise<void> {
  await openNewProject(page, host, 'Lead study');
  await importFiles(page, [
    { name: 'one.txt', bytes: Buffer.from(ONE) },
    { name: 'two.txt', bytes: Buffer.from(TWO) },
  ]);
  await createCode(page, 'Places');
}

test('upload a teammate\'s .gloss, preview the conflict, merge, see their codings, undo the whole merge', async ({ page, host }) => {
  const teammate = teammateProject();
  // Once the project has coders, the app may ask this window who is coding; the lead keeps coding as themselves.
  await page.addLocatorHandler(page.getByRole('dialog', { name: 'Who is coding?' }), async (who) => {
    await who.getByRole('button', { name: 'Cancel' }).click();
  });
  await openLeadProject(page, host);

  await toolbarAction(page, 'merge-button', 'more-merge');
  const dialog = page.getByTestId('merge-dialog');
  await dialog.getByTestId('merge-file').setInputFiles([{ name: 'omar.gloss', mimeType: 'application/octet-stream', buffer: teammate }]);
  await expect(dialog.getByTestId('merge-preview-summary')).toContainText('0 new articles, 2 matched articles; 2 new codes, 0 matched codes, 1 conflicting code');
  await expect(dialog.getByTestId('merge-conflict')).toContainText('Places');
  await expect(dialog.getByTestId('merge-coder-row')).toContainText('omar (new)');
  await expect(dialog.getByTestId('merge-coder-row')).toContainText('2');
  await dialog.getByTestId('merge-decision').selectOption('both');
  await expect(dialog.getByTestId('merge-conflict')).toContainText('kept both: their code is added as Places (2)');
  await dialog.getByTestId('merge-confirm').click();
  await expect(dialog.getByTestId('merge-report')).toContainText('Added 0 articles, 3 codes, 2 codings');
  await dialog.getByTestId('merge-done').click();

  await expect(page.locator('[data-testid="code-row"][data-code-path="Frames/Aid"] [data-testid="code-coding-count"]')).toHaveText('1');
  await expect(page.locator('[data-testid="code-row"][data-code-path="Places (2)"] [data-testid="code-coding-count"]')).toHaveText('1');
  await openArticle(page, 'Aid convoy waits at the crossing');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(2);

  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /^Undo Merge omar\.gloss/);
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(0);
  await expect(page.locator('[data-testid="code-row"][data-code-path="Frames/Aid"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="code-row"][data-code-path="Places"]')).toHaveCount(1);
});

test('export for a coder downloads a .gloss with the chosen article and the codebook', async ({ page, host }) => {
  await openLeadProject(page, host);
  await toolbarAction(page, 'export-for-coder-button', 'more-export-for-coder');
  const dialog = page.getByTestId('for-coder-dialog');
  await dialog.getByTestId('for-coder-name').fill('omar');
  await dialog.getByTestId('for-coder-some').check();
  await dialog.getByTestId('for-coder-articles').getByText('Talks resume in Cairo', { exact: true }).click();
  const download = page.waitForEvent('download');
  await dialog.getByTestId('for-coder-confirm').click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  expect(bytes.includes(Buffer.from('Talks resume in Cairo'))).toBe(true);
  expect(bytes.includes(Buffer.from('Officials traded blame.'))).toBe(false);
});
