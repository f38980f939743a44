import { type Page } from '@playwright/test';
import { ARTICLES, writeArticles, writeTextFile } from './newsArticles';
import { test, expect, openNewProject, type TestWebHost } from './fixtures';
import { attachScreenshot, codePhrase, createCode, dragSelect, importPaths, mod, openArticle, watchErrors } from './workbench';

// Issue #14, items 1, 2, 4, 5, 6, 7 and 8, as an analyst coming from MAXQDA/ATLAS.ti/NVivo meets them in the browser:
// code paths typed anywhere (Parent/Child makes the parent, "\/" is a slash inside a name, errors beside the field),
// a code picker that reaches every code, find and jump marks that never look like a coding, search hits that never
// double a coding, a coding pop-up that never hides its passage, and keyboard span adjustment that keeps focus and
// undoes in one step.

let projects = 0;
async function freshProject(page: Page, host: TestWebHost, articles: string[]): Promise<void> {
  await openNewProject(page, host, `UX ${++projects} ${Date.now()}`);
  await importPaths(page, articles);
}

const codeRow = (page: Page, path: string) => page.locator(`[data-testid="code-row"][data-code-path="${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"]`);

async function search(page: Page, query: string, mode: 'fts' | 'regex' = 'fts'): Promise<void> {
  await page.getByTestId('view-tab-search').click();
  await page.getByTestId('search-mode').selectOption(mode);
  await page.getByTestId('search-input').fill(query);
  await page.getByTestId('search-input').press('Enter');
}

/** Clicks the middle of a phrase in the article text (a coded one opens its pop-up). */
async function clickPhrase(page: Page, phrase: string): Promise<void> {
  const point = await page.evaluate((phrase) => {
    const root = document.querySelector('[data-testid="article-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    const nodes: { node: Text; from: number }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node as Text, from: text.length });
      text += node.textContent;
    }
    const at = text.indexOf(phrase) + Math.floor(phrase.length / 2);
    const hit = nodes.filter((n) => n.from <= at).at(-1)!;
    const range = document.createRange();
    range.setStart(hit.node, at - hit.from);
    range.setEnd(hit.node, at - hit.from + 1);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, phrase);
  await page.mouse.click(point.x, point.y);
}

/** The text of the active coding (the reader wraps it in <mark> elements). */
const activeText = (page: Page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="article-text"] mark')].map((m) => m.textContent).join(''));

test('1: Parent/Child works in + New code, type-to-code and the batch dialog; "\\/" is a slash in a name; errors sit by the field', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await freshProject(page, host, writeArticles(['gaza']));

  // + New code with a path makes the missing parent too.
  await page.getByTestId('new-code-button').click();
  const field = page.getByTestId('new-code-name');
  await field.fill('Frames/Humanitarian');
  await field.press('Enter');
  await expect(codeRow(page, 'Frames')).toBeVisible();
  await expect(codeRow(page, 'Frames/Humanitarian')).toBeVisible();
  // An empty level is said beside the field, in plain words, with no internal call name and no notice elsewhere.
  await field.fill('Frames//Aid');
  await field.press('Enter');
  await expect(page.getByTestId('new-code-error')).toContainText('empty level');
  // A code that exists already: the core's refusal, again beside the field.
  await field.fill('frames/humanitarian');
  await field.press('Enter');
  await expect(page.getByTestId('new-code-error')).toHaveText('There is already a code named "Humanitarian" in "Frames".');
  await attachScreenshot(page, testInfo, 'new code form error beside the field');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('codes.create');
  // A slash inside a name is typed "\/" and shown that way in the path.
  await field.fill('Aid\\/relief');
  await field.press('Enter');
  await expect(codeRow(page, 'Aid\\/relief')).toBeVisible();
  await expect(codeRow(page, 'Aid\\/relief')).toContainText('Aid/relief');
  await field.press('Escape');

  // Type-to-code: a new Parent/Child path is offered for creation and coded at once.
  await openArticle(page, ARTICLES.gaza.title);
  await dragSelect(page, 'Negotiators in Cairo');
  await page.keyboard.type('Actors/Negotiators');
  await expect(page.getByTestId('code-picker-create')).toContainText('Create “Actors/Negotiators”');
  await page.keyboard.press('Enter');
  await expect(codeRow(page, 'Actors/Negotiators').getByTestId('code-coding-count')).toHaveText('1');

  // The batch "Code N hits" dialog creates a code too (with its parent), in the batch's undo step.
  await search(page, 'hostages');
  await expect(page.getByTestId('search-total')).toHaveText('2 hits in 1 article');
  await page.getByTestId('search-select-all').check();
  await page.getByTestId('search-code-selected').click();
  const dialog = page.getByTestId('code-picker-dialog');
  await dialog.getByTestId('code-picker-filter').fill('Issues/Hostages');
  await dialog.getByTestId('code-picker-create').click();
  await dialog.getByTestId('code-picker-confirm').click();
  await expect(page.getByTestId('search-code-outcome')).toContainText('Coded 2 passages with Issues/Hostages');
  await expect(codeRow(page, 'Issues/Hostages').getByTestId('code-coding-count')).toHaveText('2');
  expect(errors).toEqual([]);
});

test('2: the code picker reaches every code: a scrolling list, the 12th picked from the keyboard', async ({ page, host }) => {
  const errors = watchErrors(page);
  await freshProject(page, host, writeArticles(['lebanon']));
  await page.getByTestId('new-code-button').click();
  for (let i = 1; i <= 12; i++) {
    await page.getByTestId('new-code-name').fill(`Topic ${String(i).padStart(2, '0')}`);
    await page.getByTestId('new-code-name').press('Enter');
    await expect(codeRow(page, `Topic ${String(i).padStart(2, '0')}`)).toBeVisible();
  }
  await page.getByTestId('new-code-name').press('Escape');
  await openArticle(page, ARTICLES.lebanon.title);

  // Code whole article…: every code is listed; the last one is reached with the arrow keys and scrolled into view.
  await page.getByTestId('code-whole-article').click();
  const picker = page.getByTestId('code-picker');
  await expect(picker.getByTestId('code-picker-row')).toHaveCount(12);
  for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowDown');
  const last = picker.getByTestId('code-picker-row').filter({ hasText: 'Topic 12' });
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(codeRow(page, 'Topic 12').getByTestId('code-coding-count')).toHaveText('1');

  // Type-to-code: a query matching all twelve lists all twelve.
  await dragSelect(page, 'Hezbollah fired rockets');
  await page.keyboard.type('Topic');
  await expect(page.getByTestId('code-picker').getByTestId('code-picker-row')).toHaveCount(12);
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

/** The colour a ::highlight(name) rule paints behind text, resolved (system colours too), or null if no rule. */
async function highlightBackground(page: Page, name: string): Promise<string | null> {
  return page.evaluate((name) => {
    const sheets = [...document.styleSheets, ...document.adoptedStyleSheets];
    for (const sheet of sheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSStyleRule && rule.selectorText === `::highlight(${name})`) {
          const probe = document.createElement('div');
          probe.style.backgroundColor = rule.style.backgroundColor || 'transparent';
          document.body.append(probe);
          const colour = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return colour;
        }
      }
    }
    return null;
  }, name);
}

/** Every code's highlight colour in the reader, resolved. */
async function codeBackgrounds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.adoptedStyleSheets].flatMap((sheet) =>
      [...sheet.cssRules]
        .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText.startsWith('::highlight(gloss-code-'))
        .map((r) => {
          const probe = document.createElement('div');
          probe.style.backgroundColor = r.style.backgroundColor;
          document.body.append(probe);
          const colour = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return colour;
        }),
    ),
  );
}

const isOpaque = (colour: string | null) => colour !== null && /^rgb\(/.test(colour);
const isTransparent = (colour: string | null) => colour === 'rgba(0, 0, 0, 0)';

test('4: find matches and the jump to a passage never look like a coding, and the jump leaves no tint', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await freshProject(page, host, writeArticles(['gaza']));
  // Sixteen codes: the whole palette is in use, yellows and oranges included.
  await page.getByTestId('new-code-button').click();
  for (let i = 1; i <= 16; i++) {
    await page.getByTestId('new-code-name').fill(`Code ${i}`);
    await page.getByTestId('new-code-name').press('Enter');
    await expect(codeRow(page, `Code ${i}`)).toBeVisible();
  }
  await page.getByTestId('new-code-name').press('Escape');
  await openArticle(page, ARTICLES.gaza.title);
  await codePhrase(page, 'immediate ceasefire', 'Code 12');
  await expect(codeRow(page, 'Code 12').getByTestId('code-coding-count')).toHaveText('1');

  await page.getByTestId('article-text').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(`${mod}+f`);
  await page.keyboard.type('ceasefire');
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('gloss-find')?.size ?? 0)).toBe(4);
  const codes = await codeBackgrounds(page);
  expect(codes.length).toBeGreaterThanOrEqual(16);
  const find = await highlightBackground(page, 'gloss-find');
  const current = await highlightBackground(page, 'gloss-find-current');
  // Codings are translucent tints; find marks are opaque system colours, none of them a code's tint.
  for (const colour of [find, current]) {
    expect(isOpaque(colour), `find colour ${colour} is opaque`).toBe(true);
    expect(codes).not.toContain(colour);
  }
  expect(find).not.toBe(current);
  await attachScreenshot(page, testInfo, 'find matches over a coding');
  await page.keyboard.press('Escape');

  // Jump from Coded passages: a flash in a colour no code has, then no tint left (an underline marks the place).
  await page.getByTestId('view-tab-passages').click();
  await page.locator('[data-testid="passages-code-option"][data-code-path="Code 12"]').click();
  await page.getByTestId('passage-row').click();
  await expect(page.getByTestId('article-title')).toHaveText(ARTICLES.gaza.title);
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('gloss-reveal-flash'))).toBe(true);
  const flash = await highlightBackground(page, 'gloss-reveal-flash');
  expect(isOpaque(flash)).toBe(true);
  expect(codes).not.toContain(flash);
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('gloss-reveal-flash')), { timeout: 5000 }).toBe(false);
  expect(isTransparent(await highlightBackground(page, 'gloss-reveal')), 'the mark left after the jump paints no background').toBe(true);
  expect(errors).toEqual([]);
});

test('5: coding all hits widened to the sentence never doubles a coding of the code; the dialog says so first', async ({ page, host }) => {
  const errors = watchErrors(page);
  await freshProject(page, host, writeArticles(['gaza', 'lebanon']));
  await createCode(page, 'Demand');
  await openArticle(page, ARTICLES.gaza.title);
  // Already coded: part of one sentence that a hit will widen to.
  await codePhrase(page, 'We demand an immediate ceasefire', 'Demand');
  await expect(codeRow(page, 'Demand').getByTestId('code-coding-count')).toHaveText('1');

  await search(page, 'ceasefire');
  await expect(page.getByTestId('search-total')).toHaveText('5 hits in 2 articles');
  await page.getByTestId('search-select-all').check();
  await page.getByTestId('search-widen').selectOption('sentence');
  await page.getByTestId('search-code-selected').click();
  const dialog = page.getByTestId('code-picker-dialog');
  await dialog.getByTestId('code-picker-option').filter({ hasText: 'Demand' }).click();
  // Before confirming, the dialog says what will happen.
  await expect(dialog.getByTestId('code-picker-note')).toContainText('4 new codings');
  await expect(dialog.getByTestId('code-picker-note')).toContainText('1 overlapping a coding of Demand (merged into it');
  await dialog.getByTestId('code-picker-confirm').click();
  await expect(page.getByTestId('search-code-outcome')).toContainText('Coded 4 passages with Demand');
  await expect(page.getByTestId('search-code-outcome')).toContainText('1 merged into an existing coding of it');
  // Five sentences hold a hit; each has one coding of Demand: 1 extended + 4 new, not 1 + 5.
  await expect(codeRow(page, 'Demand').getByTestId('code-coding-count')).toHaveText('5');
  await openArticle(page, ARTICLES.gaza.title);
  await expect(page.getByTestId('coding-stripe')).toHaveCount(4);
  expect(errors).toEqual([]);
});

/** A long article whose passage of interest runs over three lines at the reader's width. */
const LONG_PASSAGE =
  'The convoy of forty trucks carrying flour, medicine and fuel waited for nine hours at the crossing while officials on both sides traded blame for the delay and the drivers slept in their cabs, and by nightfall only six of them had been allowed through.';
const LONG_TEXT = ['Convoy waits at the crossing', '', ...Array.from({ length: 30 }, (_, i) => `Filler line ${i + 1} about the day at the border.`), LONG_PASSAGE, ...Array.from({ length: 30 }, (_, i) => `Closing line ${i + 1} of the report.`), ''].join('\n');

/** Scrolls the reader so the passage's first line sits `where` (px) below the top of the window, or above its bottom. */
async function placePassage(page: Page, edge: 'top' | 'bottom', gap: number): Promise<void> {
  const { lines } = await boxes(page);
  if (lines.length === 0) throw new Error('passage not found');
  const top = Math.min(...lines.map((line) => line.top));
  const bottom = Math.max(...lines.map((line) => line.bottom));
  await page.evaluate(
    ({ edge, gap, top, bottom }) => {
      const scroller = document.querySelector<HTMLElement>('.reader-scroll')!;
      const view = scroller.getBoundingClientRect();
      scroller.scrollTop += edge === 'top' ? top - (view.top + gap) : bottom - (window.innerHeight - gap);
    },
    { edge, gap, top, bottom },
  );
}

/** Line boxes of the passage, the pop-up's box and the start handle's box, in viewport pixels. */
async function boxes(page: Page) {
  return page.evaluate((passage) => {
    const root = document.querySelector('[data-testid="article-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const lines: { top: number; bottom: number; left: number; right: number }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(passage.slice(0, 30));
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, node.textContent!.length);
      for (const r of range.getClientRects()) lines.push({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
      break;
    }
    const box = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
    };
    return { lines, popover: box(document.querySelector('[data-testid="coding-popover"]')), handle: box(document.querySelector('[data-testid="coding-handle-start"]')) };
  }, LONG_PASSAGE);
}

const overlaps = (a: { top: number; bottom: number; left: number; right: number }, b: { top: number; bottom: number; left: number; right: number }) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('6: the coding pop-up never covers its passage or the start handle, near the top and near the bottom of the window', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 760 });
  await freshProject(page, host, [writeTextFile('convoy.txt', LONG_TEXT)]);
  await createCode(page, 'Logistics');
  await openArticle(page, 'Convoy waits at the crossing');
  await codePhrase(page, LONG_PASSAGE, 'Logistics');
  await expect(codeRow(page, 'Logistics').getByTestId('code-coding-count')).toHaveText('1');
  await page.keyboard.press('Escape');

  for (const [edge, gap] of [
    ['top', 40],
    ['bottom', 40],
    ['top', 300],
  ] as const) {
    await placePassage(page, edge, gap);
    const before = await boxes(page);
    expect(before.lines.length, 'the passage runs over several lines').toBeGreaterThanOrEqual(3);
    // Click the middle line, where the pointer is most likely to be.
    const middle = before.lines[Math.floor(before.lines.length / 2)]!;
    await page.mouse.click(middle.left + 40, (middle.top + middle.bottom) / 2);
    await expect(page.getByTestId('coding-popover')).toBeVisible();
    await expect(page.getByTestId('coding-handle-start')).toBeVisible();
    const after = await boxes(page);
    for (const line of after.lines) expect(overlaps(after.popover!, line), `pop-up over the passage (${edge} ${gap})`).toBe(false);
    expect(overlaps(after.popover!, after.handle!), `pop-up over the start handle (${edge} ${gap})`).toBe(false);
    expect(after.popover!.top).toBeGreaterThanOrEqual(0);
    expect(after.popover!.bottom).toBeLessThanOrEqual(760);
    await attachScreenshot(page, testInfo, `coding pop-up, passage near the ${edge} (${gap}px)`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('coding-popover')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});

test('7: Shift+arrows adjust the selected coding after the pop-up closes, focus stays in the text, five presses are one undo', async ({ page, host }) => {
  const errors = watchErrors(page);
  await freshProject(page, host, writeArticles(['gaza']));
  await createCode(page, 'Demand');
  await openArticle(page, ARTICLES.gaza.title);
  await codePhrase(page, 'immediate ceasefire', 'Demand');
  await expect(codeRow(page, 'Demand').getByTestId('code-coding-count')).toHaveText('1');
  await page.keyboard.press('Escape');

  // Select the coding (its pop-up opens) and close the pop-up with its × button.
  await clickPhrase(page, 'immediate ceasefire');
  await expect(page.getByTestId('coding-popover')).toBeVisible();
  await expect(page.getByTestId('coding-popover-keys')).toContainText('Shift+←/→');
  await page.getByRole('button', { name: 'Close coding details' }).click();
  await expect(page.getByTestId('coding-popover')).toHaveCount(0);
  // Focus is back in the text, not on the page's body.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('article-text');
  expect(await activeText(page)).toBe('immediate ceasefire');

  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => activeText(page)).toBe('immediate ceasefire and ');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect.poll(() => activeText(page)).toBe('mmediate ceasefire and ');
  // Saved and recorded as one step: the toolbar offers to undo "Adjust coding", once.
  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /Undo Adjust coding/);
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /Undo Apply code/);
  await clickPhrase(page, 'immediate ceasefire');
  await expect(page.getByTestId('coding-popover').locator('.coding-item-quote')).toHaveText('immediate ceasefire');

  // With the pop-up closed by Esc the keys still work.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('coding-popover')).toHaveCount(0);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => activeText(page)).toBe('immediate ceasefir');
  expect(errors).toEqual([]);
});

test('8: a runaway regular expression is stopped with advice that names no missing control', async ({ page, host }) => {
  const errors = watchErrors(page);
  await freshProject(page, host, writeArticles(['gaza', 'lebanon']));
  await search(page, '(\\w+\\s?)*$', 'regex');
  const error = page.getByTestId('search-error');
  await expect(error).toContainText('stopped', { timeout: 15_000 });
  await expect(error).toContainText('Simplify it');
  await expect(error).not.toContainText('allow more time');
  expect(errors).toEqual([]);
});
