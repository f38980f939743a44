import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { startWebHost } from './webHost';
import { test, expect, openNewProject, type TestWebHost } from './fixtures';
import { codePhrase, createCode, importFiles, switchToNewCoder, toolbarAction, watchErrors } from './workbench';

// Issue 12: two coders code the same article in two windows, the lead reads the agreement figures, works through
// the disagreements with the keys and exports the consensus as CSV.

// 101 code points (ASCII), no trailing newline, so N is the length of this string.
const ARTICLE = 'The convoy waited at the northern crossing for another day. Aid workers said the delay was political.';

const stripe = (page: Page, phrase: string) => page.locator(`[data-testid="coding-stripe"][aria-label="Frames: ${phrase}"]`);

async function openArticle(page: Page): Promise<void> {
  await page.getByTestId('view-tab-code').click();
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('article-text')).toContainText('northern crossing');
  await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
}

/** A new project in this window with the article and the code Frames, as each coder's project starts. */
async function newTeamProject(page: Page, host: Pick<TestWebHost, 'launchUrl'>, name: string): Promise<void> {
  await openNewProject(page, host, name);
  await importFiles(page, [{ name: 'convoy.txt', bytes: Buffer.from(ARTICLE) }]);
  await createCode(page, 'Frames');
}

/** This window switches to `coder`, who codes each phrase with Frames in the article; each stripe shows at once. */
async function codeAs(page: Page, coder: string, phrases: string[]): Promise<void> {
  await switchToNewCoder(page, coder);
  await openArticle(page);
  for (const phrase of phrases) {
    await codePhrase(page, phrase, 'Frames');
    await expect(stripe(page, phrase)).toHaveCount(1);
  }
}

async function download(page: Page, click: () => Promise<void>): Promise<Record<string, string>[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.startsWith('\ufeff'), 'UTF-8 BOM for spreadsheets').toBe(true);
  return parse(text.slice(1), { columns: true }) as Record<string, string>[];
}

/**
 * The lead's part, the same after coding in one project or after merging two: check the hand-computed figures,
 * export the table, settle the three disagreements with the keys, export the consensus.
 */
async function settleAsLead(lead: Page): Promise<void> {
  // The lead opens the agreement view. By hand, N = 101: both 17 (25–42), Ann only 11 (Aid workers),
  // Ben only 4 + 23 = 27, neither 46. Percent = 63/101 = 62.4%. κ: p_o = 63/101, p_x = 28/101, p_y = 44/101,
  // p_e = (28·44 + 73·57)/101² = 5393/10201, κ = 0.202. α: D = 38, n = 202, n₁ = 72, n₀ = 130,
  // α = 1 − 201·38/(130·72) = 0.184: unacceptable.
  await lead.getByTestId('view-tab-agreement').click();
  // Agreement shows everyone's work, so a blind window first says so and lets the reviewer turn blind coding off.
  await expect(lead.getByTestId('agreement-blind')).toContainText('codes blind as');
  await lead.getByTestId('agreement-stop-blind').click();
  await expect(lead.getByTestId('agreement-coder-x')).toHaveValue('Ann');
  await expect(lead.getByTestId('agreement-coder-y')).toHaveValue('Ben');
  const row = lead.locator('[data-testid="agreement-row"][data-code="Frames"]');
  await expect(row.getByTestId('agreement-percent')).toHaveText('62.4%');
  await expect(row.getByTestId('agreement-kappa')).toHaveText('0.202');
  await expect(row.getByTestId('agreement-alpha')).toHaveText('0.184 unacceptable');
  await expect(row.locator('td.num').nth(4)).toHaveText('17');
  await expect(row.locator('td.num').nth(5)).toHaveText('11');
  await expect(row.locator('td.num').nth(6)).toHaveText('27');
  await expect(row.locator('td.num').nth(7)).toHaveText('46');
  await expect(lead.getByTestId('agreement-overall').getByTestId('agreement-percent')).toHaveText('62.4%');
  await expect(lead.getByTestId('agreement-summary')).toContainText('Ann and Ben over 1 article(s)');

  // Export CSV: the columns of `gloss agree --format csv`.
  const table = await download(lead, () => lead.getByTestId('agreement-export').click());
  expect(Object.keys(table[0]!)).toEqual(['level', 'code', 'article_id', 'both', 'x_only', 'y_only', 'neither', 'percent', 'kappa', 'alpha', 'alpha_u']);
  expect(table.map((r) => [r.level, r.code, r.both, r.x_only, r.y_only, r.neither])).toEqual([
    ['article', 'Frames', '17', '11', '27', '46'],
    ['code', 'Frames', '17', '11', '27', '46'],
    ['overall', '', '17', '11', '27', '46'],
  ]);
  expect(Math.abs(Number(table[1]!.alpha) - (1 - (201 * 38) / (130 * 72)))).toBeLessThan(1e-9);

  // The worklist: three passages, in text order.
  await row.getByTestId('agreement-open-code').click();
  const progress = lead.getByTestId('worklist-progress');
  await expect(progress).toHaveText('0 of 3 decided');
  await expect(lead.getByTestId('worklist-item')).toHaveCount(3);
  const current = lead.getByTestId('worklist-current');
  await expect(current.getByTestId('worklist-lane-x')).toContainText('“northern crossing”');
  await expect(current.getByTestId('worklist-lane-y')).toContainText('“the northern crossing”');
  await expect(current.getByTestId('worklist-lane-consensus')).toContainText('nothing here');
  // Each coder in its own lane: "the " is Ben's alone, "northern crossing" both coders'.
  await expect(current.locator('[data-lanes="y"]')).toHaveText('the ');
  await expect(current.locator('[data-lanes="x y"]')).toHaveText('northern crossing');

  // A: accept Ann's "northern crossing"; the next passage ("Aid workers", Ann's alone) comes up.
  await lead.keyboard.press('a');
  await expect(progress).toHaveText('1 of 3 decided');
  await expect(current.getByTestId('worklist-lane-x')).toContainText('“Aid workers”');
  // R: reject it.
  await lead.keyboard.press('r');
  await expect(progress).toHaveText('2 of 3 decided');
  await expect(current.getByTestId('worklist-lane-y')).toContainText('“the delay was political”');
  // Enter: accept both (only Ben has it).
  await lead.keyboard.press('Enter');
  await expect(progress).toHaveText('3 of 3 decided');
  await expect(current.getByTestId('worklist-lane-consensus')).toContainText('“the delay was political”');

  // Back on the first passage, its consensus lane shows the decision.
  await lead.getByTestId('worklist-item').nth(0).click();
  await expect(current.getByTestId('worklist-lane-consensus')).toContainText('“northern crossing”');

  // The consensus coder's codings as CSV: the two accepted passages, nothing of the rejected one.
  const consensus = await download(lead, () => lead.getByTestId('worklist-export-consensus').click());
  expect(consensus.map((r) => [r.coder, r.code_path, r.start, r.end, r.text])).toEqual([
    ['Consensus', 'Frames', '25', '42', 'northern crossing'],
    ['Consensus', 'Frames', '77', '100', 'the delay was political'],
  ]);

  // E: the lead reconsiders "Aid workers" and codes a wider span (60–76) as the consensus instead.
  await lead.getByTestId('worklist-item').nth(1).click();
  await lead.keyboard.press('e');
  await expect(lead.getByTestId('edit-start')).toHaveValue('60');
  await expect(lead.getByTestId('edit-end')).toHaveValue('71');
  await lead.getByTestId('edit-end').fill('76');
  await lead.getByTestId('edit-end').press('Enter');
  await expect(lead.getByTestId('worklist-edit')).toHaveCount(0);
  await expect(lead.getByTestId('worklist-item').nth(1)).toContainText('✓');
  await expect(progress).toHaveText('3 of 3 decided');
  // Undo takes back that one decision (one step), redo brings it back.
  await lead.getByTestId('undo-button').click();
  await expect(lead.getByTestId('worklist-item').nth(1).locator('.worklist-mark')).toHaveText('• ');
  await lead.getByTestId('redo-button').click();
  await expect(lead.getByTestId('worklist-item').nth(1).locator('.worklist-mark')).toHaveText('✓ ');

}

test('two coders code in two windows; the lead reads the agreement, settles the disagreements with keys and exports the consensus', async ({ page: ann, context, host }) => {
  const errorsAnn = watchErrors(ann);
  await newTeamProject(ann, host, 'Team study');

  // Window 1: Ann codes "northern crossing" (25–42) and "Aid workers" (60–71).
  await codeAs(ann, 'Ann', ['northern crossing', 'Aid workers']);

  // Window 2: Ben codes "the northern crossing" (21–42) and "the delay was political" (77–100).
  const ben = await context.newPage();
  const errorsBen = watchErrors(ben);
  await ben.goto(host.launchUrl);
  await expect(ben.getByTestId('project-menu-button')).toContainText('Team study');
  await codeAs(ben, 'Ben', ['the northern crossing', 'the delay was political']);
  // Once two coders have coded, the windows code blind (teamcore's default): Ben no longer sees Ann's work.
  await expect(stripe(ben, 'Aid workers')).toHaveCount(0);

  await settleAsLead(ben);

  expect(errorsAnn).toEqual([]);
  expect(errorsBen).toEqual([]);
});

test('each coder codes in their own project file; the lead merges the other file, then settles the disagreements', async ({ page: ann, context, host }) => {
  const errorsAnn = watchErrors(ann);
  // Window 1, the lead's project: Ann codes.
  await newTeamProject(ann, host, 'Team study');
  await codeAs(ann, 'Ann', ['northern crossing', 'Aid workers']);

  // Window 2, Ben's own project on his own Gloss (another web host): the same article and code.
  const benHost = await startWebHost();
  try {
    const ben = await context.newPage();
    const errorsBen = watchErrors(ben);
    await newTeamProject(ben, benHost, 'Ben copy');
    await codeAs(ben, 'Ben', ['the northern crossing', 'the delay was political']);
    await expect(stripe(ben, 'Aid workers'), "Ann's work is in another file").toHaveCount(0);
    expect(errorsBen).toEqual([]);
    await ben.close();
  } finally {
    // Stopping the host closes the project, so the file on disk holds every coding.
    await benHost.stop();
  }
  const benFile = readFileSync(join(benHost.dataDir, 'projects', 'Ben copy.gloss'));

  // The lead merges Ben's file: the article matched by its text, the code by its path, Ben's two codings added.
  await toolbarAction(ann, 'merge-button', 'more-merge');
  const dialog = ann.getByTestId('merge-dialog');
  await dialog.getByTestId('merge-file').setInputFiles([{ name: 'Ben copy.gloss', mimeType: 'application/octet-stream', buffer: benFile }]);
  await expect(dialog.getByTestId('merge-preview-summary')).toContainText('0 new articles, 1 matched article');
  await expect(dialog.getByTestId('merge-coder-row').filter({ hasText: 'Ben' })).toContainText('2');
  await dialog.getByTestId('merge-confirm').click();
  await expect(dialog.getByTestId('merge-report')).toContainText('Added 0 articles, 0 codes, 2 codings');
  await dialog.getByTestId('merge-done').click();

  await settleAsLead(ann);
  expect(errorsAnn).toEqual([]);
});
