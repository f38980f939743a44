import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { createCode, dragSelect, importFiles, openArticle } from './workbench';

// Issue 16: key 1 paints a coding at once, in a distinct "saving" style announced to assistive technology, before
// the host has stored it; the answer confirms it or rolls it back with a message, so a coding never appears stored
// when it is not.

const TEXT =
  'Optimistic reader check\n\nThe council met on Tuesday to discuss the harbour budget and the ferry timetable.\n\nNobody else spoke.\n';

/** Ranges painted per highlight family: stored codings (gloss-code-*) and codings still being saved. */
async function painted(page: Page): Promise<{ stored: number; saving: number }> {
  return page.evaluate(() => {
    let stored = 0;
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('gloss-code-')) stored += h.size;
    });
    return { stored, saving: CSS.highlights.get('gloss-saving')?.size ?? 0 };
  });
}

/** A contract call made by the page itself, as its web client does (the token is in the tab's storage). */
async function call<T>(page: Page, name: string, request: unknown): Promise<T> {
  return page.evaluate(
    async ({ name, request }) => {
      const response = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': sessionStorage.getItem('gloss-web-token') ?? '' },
        body: JSON.stringify(request),
      });
      const reply = (await response.json()) as { ok: boolean; result: unknown };
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      return reply.result as T;
    },
    { name, request },
  );
}

/**
 * Codes `phrase` with key 1 while the page's codings.apply calls are held back; the host gets them when the returned
 * function is called.
 */
async function applyHeld(page: Page, phrase: string): Promise<() => void> {
  const { promise: held, resolve: release } = Promise.withResolvers<void>();
  await page.route('**/api/call/codings.apply', async (route) => {
    await held;
    await route.continue();
  });
  await dragSelect(page, phrase);
  await page.keyboard.press('1');
  return release;
}

test('key 1 paints a saving highlight at once, then the stored one; a refused coding is rolled back with a message', async ({ page, context, host }) => {
  await openNewProject(page, host, 'Optimistic');
  await importFiles(page, [{ name: 'council.txt', bytes: Buffer.from(TEXT) }]);
  await createCode(page, 'Budget');
  await openArticle(page, 'Optimistic reader check');
  const text = page.getByTestId('article-text');
  const status = page.getByTestId('coding-save-status');

  // 1. Hold the host's answer: the passage is painted in the saving style and announced, not yet as stored.
  const release = await applyHeld(page, 'the harbour budget');
  await expect.poll(() => painted(page)).toEqual({ stored: 0, saving: 1 });
  await expect(text).toHaveAttribute('data-saving-codings', '1');
  await expect(status).toHaveText('Saving 1 coding…');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(0);
  await expect(page.getByTestId('article-details')).toContainText('0 codings');
  release();
  await expect(text).toHaveAttribute('data-saving-codings', '0');
  await expect.poll(() => painted(page)).toEqual({ stored: 1, saving: 0 });
  await expect(status).toHaveText('');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await page.unroute('**/api/call/codings.apply');

  // 2. The same passage with the same code again: the host refuses it; the saving highlight goes, with a message.
  await dragSelect(page, 'the harbour budget');
  await page.keyboard.press('1');
  await expect(page.getByTestId('notice').filter({ hasText: 'The coding was not stored, so its highlight was removed' })).toBeVisible();
  await expect(text).toHaveAttribute('data-saving-codings', '0');
  await expect.poll(() => painted(page)).toEqual({ stored: 1, saving: 0 });
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);

  // 3. The code is deleted in another page while this page's apply is on its way: the host refuses the stale
  // request and the highlight is rolled back.
  const other = await context.newPage();
  await other.goto(host.launchUrl);
  await expect(other.getByTestId('project-menu-button')).toContainText('Optimistic');
  const release2 = await applyHeld(page, 'the ferry timetable');
  await expect.poll(() => painted(page)).toEqual({ stored: 1, saving: 1 });
  const { codes } = await call<{ codes: { id: number; name: string }[] }>(other, 'codes.list', {});
  const budget = codes.find((c) => c.name === 'Budget');
  expect(budget).toBeDefined();
  await call(other, 'codes.delete', { id: budget!.id });
  release2();
  await expect(page.getByTestId('notice').filter({ hasText: 'The coding was not stored' })).toHaveCount(2);
  await expect(text).toHaveAttribute('data-saving-codings', '0');
  // The deletion took the stored coding too; nothing is left painted, saving or stored.
  await expect.poll(() => painted(page)).toEqual({ stored: 0, saving: 0 });
  await expect(page.getByTestId('coding-stripe')).toHaveCount(0);

  // After a reload the stored state is exactly what was shown: no coding.
  await page.reload();
  await openArticle(page, 'Optimistic reader check');
  await expect(page.locator('[data-testid="reader"][data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('article-details')).toContainText('0 codings');
  await expect.poll(() => painted(page)).toEqual({ stored: 0, saving: 0 });
});
