import { test, expect, type Page } from '@playwright/test';
import { startWebHost, type RunningWebHost } from './webHost';
import { createCode, dragSelect, importFiles, newProject, openArticle, watchErrors } from './workbench';

// Issue 16: the page that applies a code takes the stored coding from the host's answer into its own list and does
// not read the article's codings again for that change (for a long article that list is most of a megabyte); every
// other page on the project reads them again, as for any change. The counts the change alters are still refreshed
// in the applying page too.

let host: RunningWebHost;
test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const TITLE = 'Harbour council minutes';
const TEXT = `${TITLE}\n\nThe council met on Tuesday to discuss the harbour budget and the ferry timetable.\n\nNobody else spoke.\n`;

/** The text of each stretch the page underlines as covered by two codings. */
function underlined(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(CSS.highlights.get('gloss-overlap') ?? [])].map((s) => {
      const r = document.createRange();
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
      return r.toString();
    }),
  );
}

/** Counts the page's requests for one call from now on. */
function countCalls(page: Page, name: string): { readonly n: number } {
  const seen = { n: 0 };
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/call/${name}`)) seen.n++;
  });
  return seen;
}

test("the applying page keeps the host's answer and does not reload the article's codings; another page reloads them", async ({ page: a, context }) => {
  const errorsA = watchErrors(a);
  await a.goto(host.launchUrl);
  await newProject(a, 'Own change');
  await importFiles(a, [{ name: 'council.txt', bytes: Buffer.from(TEXT) }]);
  await createCode(a, 'Budget');
  await openArticle(a, TITLE);

  const b = await context.newPage();
  const errorsB = watchErrors(b);
  await b.goto(host.launchUrl);
  await expect(b.getByTestId('project-menu-button')).toContainText('Own change');
  await openArticle(b, TITLE);
  await b.locator('[data-testid="reader"][data-ready="true"]').waitFor();
  await expect(b.getByTestId('coding-stripe')).toHaveCount(0);

  const listedByA = countCalls(a, 'codings.listForReader');
  const listedByB = countCalls(b, 'codings.listForReader');
  const countsByA = countCalls(a, 'codes.list');

  await dragSelect(a, 'the harbour budget');
  await a.keyboard.press('1');
  await expect(a.getByTestId('article-text')).toHaveAttribute('data-saving-codings', '0');
  // A lists the stored coding (its stripe) and its code's count goes up: the counts were read again after the paint.
  await expect(a.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(a.getByTestId('coding-stripe')).toHaveAttribute('aria-label', 'Budget: the harbour budget');
  await expect(a.locator('[data-testid="code-row"][data-code-path="Budget"]').getByTestId('code-coding-count')).toHaveText('1');
  await expect(a.getByTestId('article-details')).toContainText('1 coding');
  // B got the change the ordinary way: it read the article's codings again.
  await expect(b.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(b.getByTestId('coding-stripe')).toHaveAttribute('aria-label', 'Budget: the harbour budget');
  expect(listedByB.n).toBeGreaterThanOrEqual(1);
  expect(countsByA.n).toBeGreaterThanOrEqual(1);
  // Long enough for any reload the change could still start in A (they run two frames after the paint).
  await a.waitForTimeout(500);
  expect(listedByA.n).toBe(0);

  // What A shows is what is stored: after a reload, the same one coding.
  await a.reload();
  await openArticle(a, TITLE);
  await expect(a.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(a.getByTestId('coding-stripe')).toHaveAttribute('aria-label', 'Budget: the harbour budget');

  // A change made in B (undo) reaches A, which reads the codings again: the coding is gone in both.
  const listedByAAfter = countCalls(a, 'codings.listForReader');
  await expect(b.getByTestId('undo-button')).toHaveAttribute('title', /^Undo Apply code/);
  await b.getByTestId('undo-button').click();
  await expect(b.getByTestId('coding-stripe')).toHaveCount(0);
  await expect(a.getByTestId('coding-stripe')).toHaveCount(0);
  expect(listedByAAfter.n).toBeGreaterThanOrEqual(1);

  // Two overlapping codings applied in A underline the stretch they share, in both pages; undone, the underline goes.
  await dragSelect(a, 'the harbour budget');
  await a.keyboard.press('1');
  await expect(a.getByTestId('coding-stripe')).toHaveCount(1);
  await dragSelect(a, 'budget and the ferry');
  await a.keyboard.press('1');
  await expect(a.getByTestId('coding-stripe')).toHaveCount(2);
  await expect.poll(() => underlined(a)).toEqual(['budget']);
  await expect.poll(() => underlined(b)).toEqual(['budget']);
  await expect(a.getByTestId('undo-button')).toHaveAttribute('title', /^Undo Apply code/);
  await a.getByTestId('undo-button').click();
  await expect(a.getByTestId('coding-stripe')).toHaveCount(1);
  await expect.poll(() => underlined(a)).toEqual([]);
  await expect.poll(() => underlined(b)).toEqual([]);
  expect(errorsA).toEqual([]);
  expect(errorsB).toEqual([]);
});
