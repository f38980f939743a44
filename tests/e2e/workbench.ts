import { join } from 'node:path';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { withFolder } from './newsArticles';

// Steps the undo and encoding specs share, done as a person does them in the workbench.

/**
 * `value`, or a failed test naming `what` was missing: for an element of a list the test has just read (a row of an
 * export, a match of a pattern), so that a missing one fails with a message instead of a TypeError further on.
 */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

/** Creates a project from the start screen (the web host asks for a name, not a path). */
export async function newProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'New project' }).click();
  await expect(page.getByTestId('project-menu-button')).toContainText(name);
}

/** Closes the project and opens it again from the start screen's list of projects. */
export async function reopenProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Close project' }).click();
  await page.getByRole('button', { name, exact: true }).click();
}

/** An import uploads every file first, then imports it: on a loaded machine a large corpus file takes a while. */
const IMPORT_TIMEOUT_MS = 20_000;

/** Gives the Import button's file input these files, waits until all `count` are imported, and closes the report. */
async function importThroughInput(page: Page, files: Parameters<Locator['setInputFiles']>[0], count: number): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(files);
  await expect(page.getByTestId('import-count-imported')).toHaveText(count === 1 ? '1 article imported' : `${count} articles imported`, {
    timeout: IMPORT_TIMEOUT_MS,
  });
  // The report floats over the reader; put it away as a person would before reading.
  await page.getByTestId('import-report-close').click();
  await expect(page.getByTestId('import-report')).toHaveCount(0);
}

/** Imports files made in the test through the browser file input the Import button uses (uploaded to the web host). */
export async function importFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payloads = files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: f.bytes }));
  await importThroughInput(page, payloads, files.length);
}

export async function createCode(page: Page, name: string): Promise<void> {
  await page.getByTestId('new-code-button').click();
  await nameNewCode(page, name, name);
}

/** Creates the code `parent/name` from the parent's context menu (Add sub-code). */
export async function createSubCode(page: Page, parent: string, name: string): Promise<void> {
  await page.locator(`[data-testid="code-row"][data-code-path="${parent}"]`).click({ button: 'right' });
  await page.getByTestId('code-menu-add-sub').click();
  await nameNewCode(page, name, `${parent}/${name}`);
}

/** Types the name into the open new-code field, waits for the code of that path in the codebook, and leaves the field. */
async function nameNewCode(page: Page, name: string, path: string): Promise<void> {
  await page.getByTestId('new-code-name').fill(name);
  await page.getByTestId('new-code-name').press('Enter');
  await expect(page.locator(`[data-testid="code-row"][data-code-path="${path}"]`)).toBeVisible();
  await page.getByTestId('new-code-name').press('Escape');
}

/** Switches this window to a new coder from the toolbar (teamcore's coder dialog: a new name becomes a coder). */
export async function switchToNewCoder(page: Page, name: string): Promise<void> {
  await page.getByTestId('coder-button').click();
  await page.getByTestId('coder-dialog').getByTestId('coder-name').fill(name);
  await page.getByTestId('coder-new-submit').click();
  await expect(page.getByTestId('coder-dialog')).toHaveCount(0);
  await expect(page.getByTestId('current-coder')).toHaveText(name);
}

/**
 * Selects `phrase` (its `occurrence`-th appearance) inside the article text by dragging the mouse across it, as a
 * person would; in a right-to-left paragraph the drag runs from right to left.
 */
export async function dragSelect(page: Page, phrase: string, occurrence = 0): Promise<void> {
  // A person starts dragging once the article has settled: its codings loaded and the frame after that laid out.
  await page.locator('[data-testid="reader"][data-ready="true"]').waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const box = await page.evaluate(
    ({ phrase, occurrence }) => {
      const root = document.querySelector('[data-testid="article-text"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(phrase);
        if (at < 0) continue;
        if (seen++ < occurrence) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const first = range.getClientRects()[0];
        range.setStart(node, at + phrase.length - 1);
        range.setEnd(node, at + phrase.length);
        const last = [...range.getClientRects()].at(-1);
        // A phrase in the text but not laid out (hidden, or of no width) cannot be dragged across.
        if (!first || !last) throw new Error(`phrase has no box on screen: ${phrase}`);
        const rtl = getComputedStyle(node.parentElement!).direction === 'rtl';
        return {
          x1: rtl ? first.right - 1 : first.left + 1,
          y1: first.top + first.height / 2,
          x2: rtl ? last.left + 1 : last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      throw new Error(`phrase not found in the article: ${phrase}`);
    },
    { phrase, occurrence },
  );
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

/**
 * Imports files from disk (paths the test wrote) through the Import button's file input: the browser reads them and
 * uploads their bytes; the web host never sees the paths.
 */
export async function importPaths(page: Page, paths: string[]): Promise<void> {
  await importThroughInput(page, paths, paths.length);
}

/** Opens the article with this title from the article list. */
export async function openArticle(page: Page, title: string): Promise<void> {
  await page.getByTestId('view-tab-code').click();
  await page.getByTestId('article-row').filter({ hasText: title }).click();
  await expect(page.getByTestId('article-title')).toHaveText(title);
  await expect(page.getByTestId('article-text')).toBeVisible();
}

/** Saves a screenshot of the page as an attachment of the test. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Collects uncaught page errors and console errors (a CSP violation is one), for a test to assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/**
 * Runs a toolbar action as a person would in this window: its button when the toolbar shows it, otherwise the same
 * action from the toolbar's "More" menu (a narrower window folds the secondary exports, then all imports/exports).
 */
export async function toolbarAction(page: Page, buttonTestId: string, menuTestId: string): Promise<void> {
  const button = page.getByTestId(buttonTestId);
  if (await button.isVisible()) return button.click();
  await page.getByTestId('toolbar-more-button').click();
  await page.getByTestId(menuTestId).click();
}

/** The text under the reader's reveal highlight (a StaticRange, read back through a live Range). */
export async function revealedText(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('gloss-reveal');
    const first = highlight ? [...highlight][0] : undefined;
    if (!first) return null;
    const range = document.createRange();
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(first.endContainer, first.endOffset);
    return range.toString();
  });
}

/** The on-screen box of the character at `index` in the first appearance of `phrase` in the article text. */
export async function charBox(page: Page, phrase: string, index: number): Promise<{ left: number; right: number; top: number; height: number }> {
  return page.evaluate(
    ({ phrase, index }) => {
      const root = document.querySelector('[data-testid="article-text"]');
      if (!root) throw new Error('no article is open');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(phrase);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + index);
        range.setEnd(node, at + index + 1);
        const r = range.getClientRects()[0];
        if (!r) throw new Error(`phrase has no box on screen: ${phrase}`);
        return { left: r.left, right: r.right, top: r.top, height: r.height };
      }
      throw new Error(`phrase not found in the article: ${phrase}`);
    },
    { phrase, index },
  );
}

/** In the search view: selects every hit, widens each to its sentence, and codes them all with the code of this name. */
export async function codeAllHitsBySentence(page: Page, code: string): Promise<void> {
  await page.getByTestId('search-select-all').check();
  await page.getByTestId('search-widen').selectOption('sentence');
  await page.getByTestId('search-code-selected').click();
  await page.getByTestId('code-picker-dialog').getByTestId('code-picker-option').filter({ hasText: code }).click();
  await page.getByTestId('code-picker-confirm').click();
}

/**
 * Picks a folder in the browser through the Import Folder input: `files` are written under a temporary folder
 * (paths relative to it), its sub-folder `folder` is picked, and the report's count must read `imported`.
 */
export async function importFolder(page: Page, files: Record<string, string>, folder: string, imported: string): Promise<void> {
  await withFolder(files, async (root) => {
    await page.getByTestId('import-folder-input').setInputFiles(join(root, folder));
    await expect(page.getByTestId('import-count-imported')).toHaveText(imported);
  });
}
