import { expect, type Page } from '@playwright/test';

// Steps the undo and encoding specs share, done as a person does them in the workbench.

/** Creates a project from the start screen (the web host asks for a name, not a path). */
export async function newProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'New project' }).click();
  await expect(page.getByTestId('project-menu-button')).toContainText(name);
}

/** Imports files made in the test through the browser file input the Import button uses. */
export async function importFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: f.bytes })));
  await expect(page.getByTestId('import-count-imported')).toHaveText(files.length === 1 ? '1 article imported' : `${files.length} articles imported`);
  // The report floats over the reader; put it away as a person would before reading.
  await page.getByTestId('import-report-close').click();
  await expect(page.getByTestId('import-report')).toHaveCount(0);
}

export async function createCode(page: Page, name: string): Promise<void> {
  await page.getByTestId('new-code-button').click();
  await page.getByTestId('new-code-name').fill(name);
  await page.getByTestId('new-code-name').press('Enter');
  await expect(page.locator(`[data-testid="code-row"][data-code-path="${name}"]`)).toBeVisible();
  await page.getByTestId('new-code-name').press('Escape');
}

/** Selects `phrase` inside the article text by dragging the mouse across it. */
export async function dragSelect(page: Page, phrase: string): Promise<void> {
  const box = await page.evaluate((phrase) => {
    const root = document.querySelector('[data-testid="article-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(phrase);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const first = range.getClientRects()[0];
      range.setStart(node, at + phrase.length - 1);
      range.setEnd(node, at + phrase.length);
      const rects = range.getClientRects();
      const last = rects[rects.length - 1];
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    throw new Error(`phrase not found in the article: ${phrase}`);
  }, phrase);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** Codes `phrase` with the code of that path by selecting it and clicking the code in the codebook. */
export async function codePhrase(page: Page, phrase: string, codePath: string): Promise<void> {
  await dragSelect(page, phrase);
  await page.locator(`[data-testid="code-row"][data-code-path="${codePath}"]`).click();
}

/** The modifier undo and redo use on this platform. */
export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
