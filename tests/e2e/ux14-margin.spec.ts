import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, charBox, codePhrase, createCode, createSubCode, dragSelect, importFiles, openArticle } from './workbench';

// Issue 14, item 9: what the reader's margin, the article list and the codebook tell an analyst at a glance — code
// names beside the stripes (a count where they crowd), a card on hovering coded text, memo markers, rolled-up counts —
// and the highlights announced to a screen reader.

const TITLE = 'Aid convoy waits at the crossing';
const TEXT = [
  TITLE,
  'Families who fled the north waited for days at the crossing with little food.',
  '',
  'The army said the convoy had been stopped for security checks while officials blamed each other.',
  '',
  'Aid agencies warned that the delays would cost lives.',
].join('\n');

async function hoverPhrase(page: Page, phrase: string) {
  // The middle of the phrase's second character.
  const r = await charBox(page, phrase, 1);
  const point = { x: (r.left + r.right) / 2, y: r.top + r.height / 2 };
  await page.mouse.move(point.x - 3, point.y);
  await page.mouse.move(point.x, point.y, { steps: 2 });
}

test('item 9: code names beside the stripes, a count where they crowd, a hover card, memo markers, rolled-up counts', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await openNewProject(page, host, 'Margin');
  await importFiles(page, [{ name: 'convoy.txt', bytes: Buffer.from(TEXT, 'utf8') }]);
  for (const name of ['Humanitarian', 'Security', 'Blame', 'Actors']) await createCode(page, name);
  await openArticle(page, TITLE);

  // One coding: its code's name stands in the margin at the height of its stripe.
  await codePhrase(page, 'Families who fled the north', 'Humanitarian');
  const labels = page.getByTestId('margin-label');
  await expect(labels).toHaveCount(1);
  await expect(labels.first()).toHaveText('Humanitarian');
  const stripe = await page.getByTestId('coding-stripe').first().boundingBox();
  const label = await labels.first().boundingBox();
  expect(Math.abs(stripe!.y - label!.y)).toBeLessThan(4);

  // Three codes on one sentence: too many names for the room, so the label counts them and its tooltip names them.
  for (const code of ['Security', 'Blame', 'Actors']) await codePhrase(page, 'The army said the convoy had been stopped', code);
  const crowded = labels.filter({ hasText: '3 codes' });
  await expect(crowded).toHaveCount(1);
  expect((await crowded.getAttribute('title'))?.split('\n').sort()).toEqual(['Actors', 'Blame', 'Security']);
  await attachScreenshot(page, testInfo, 'margin-labels');

  // Resting the pointer on coded text shows a card with its code and coder.
  await page.getByTestId('article-title').click();
  await hoverPhrase(page, 'fled the north');
  const card = page.getByTestId('coding-hover-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Humanitarian');
  await expect(card).toContainText(/by \S+/);
  // Off the coded text, the card goes.
  await hoverPhrase(page, 'Aid agencies warned');
  await expect(card).toHaveCount(0);

  // A memo on the coding: a marker beside its label, and the memo's start in the hover card.
  await page.getByTestId('coding-stripe').first().click();
  const memo = page.getByTestId('coding-popover').getByTestId('coding-memo');
  await memo.click();
  await page.keyboard.type('Families speak for themselves here');
  await expect(page.getByTestId('coding-popover').getByTestId('memo-status')).toHaveText('Saved');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('coding-popover')).toHaveCount(0);
  await expect(labels.filter({ hasText: 'Humanitarian' }).getByTestId('margin-memo-marker')).toBeVisible();
  await hoverPhrase(page, 'fled the north');
  await expect(card).toContainText('Families speak for themselves here');

  // An article memo marks its row in the article list.
  const row = page.getByTestId('article-row').filter({ hasText: TITLE });
  await expect(row.getByTestId('article-memo-marker')).toHaveCount(0);
  await page.getByTestId('article-memo-button').click();
  await page.getByTestId('memo-dialog-editor').click();
  await page.keyboard.type('Check the army statement');
  await page.getByTestId('memo-dialog-done').click();
  await expect(row.getByTestId('article-memo-marker')).toBeVisible();

  // A code memo marks its row in the codebook.
  const codeRow = (path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`);
  // A click in uncoded text leaves no passage selected, so a click on a code opens it rather than applying it.
  await hoverPhrase(page, 'cost lives');
  await page.mouse.down();
  await page.mouse.up();
  await page.keyboard.press('Escape');
  await codeRow('Blame').click();
  await page.getByTestId('code-editor').getByTestId('code-memo').click();
  await page.keyboard.type('Only explicit blame');
  await page.getByTestId('article-title').click();
  await expect(codeRow('Blame').getByTestId('code-memo-marker')).toBeVisible();
  await expect(codeRow('Security').getByTestId('code-memo-marker')).toHaveCount(0);
});

test('item 9: a parent code counts its sub-codes’ codings, its own count on hover; highlights are announced', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openNewProject(page, host, 'Rolled up');
  await importFiles(page, [{ name: 'convoy.txt', bytes: Buffer.from(TEXT, 'utf8') }]);
  await createCode(page, 'Frames');
  await createSubCode(page, 'Frames', 'Humanitarian');
  await openArticle(page, TITLE);
  await codePhrase(page, 'Families who fled the north', 'Frames/Humanitarian');
  await codePhrase(page, 'Aid agencies warned', 'Frames/Humanitarian');
  await codePhrase(page, 'The army said', 'Frames');

  const count = (path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path}"]`).getByTestId('code-coding-count');
  await expect(count('Frames')).toHaveText('3');
  await expect(count('Frames')).toHaveAttribute('title', '3 codings with its sub-codes; 1 of its own');
  await expect(count('Frames/Humanitarian')).toHaveText('2');

  // The caret moved into coded text (as a screen reader user reads with the keyboard) announces the codes there.
  const announcement = page.getByTestId('coding-announcement');
  await expect(announcement).toHaveAttribute('role', 'status');
  await dragSelect(page, 'fled');
  await expect(announcement).toHaveText(/^Coded: Frames\/Humanitarian \(by \S+\)$/);
  await dragSelect(page, 'little food');
  await expect(announcement).toHaveText('');
});
