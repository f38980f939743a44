import { type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './webHost';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, createCode, dragSelect, importPaths, present, toolbarAction } from './workbench';

// Real Arabic (with vowel marks) and Hebrew articles, and a text dense with emoji in a UTF-8 file with a BOM and CRLF
// line endings: each paragraph reads in its own direction, a passage selected with the mouse is coded, and the export
// holds exactly the characters that were selected, at code-point offsets that reproduce them.

const corpus = join(sharedDir, 'corpus');
const ARABIC = join(corpus, 'rtl', 'arabic-saudinewsnet', 'aawsat_0000.txt');
const HEBREW = join(corpus, 'rtl', 'from-chardet-utf8', 'utf-8___ude_he1.txt');
const EMOJI_DIR = join(corpus, 'rtl', 'emoji-nvivo-youtube-comments-hu');

interface Exported {
  articles: { id: number; title: string; text: string }[];
  codings: { articleId: number; codePath: string; start: number; end: number; text: string }[];
}

/** The longest paragraph of the open article, and whether the browser lays it out right to left. */
async function longestParagraph(page: Page): Promise<{ text: string; direction: string }> {
  return page.getByTestId('article-text').locator('p').evaluateAll((ps) => {
    const p = ps.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a));
    return { text: p.textContent ?? '', direction: getComputedStyle(p).direction };
  });
}

/** Codes a run of words from the article's longest paragraph by dragging across it; returns what was selected. */
async function codeWords(page: Page, codePath: string, from: number, to: number): Promise<string> {
  const { text } = await longestParagraph(page);
  const phrase = text.split(' ').slice(from, to).join(' ');
  await dragSelect(page, phrase);
  const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
  await page.locator(`[data-testid="code-row"][data-code-path="${codePath}"]`).click();
  await expect(page.getByTestId('coding-stripe')).not.toHaveCount(0);
  return selected;
}

async function exportJson(page: Page, path: string): Promise<Exported> {
  const download = page.waitForEvent('download');
  await toolbarAction(page, 'export-json-button', 'more-export-json');
  await (await download).saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8')) as Exported;
}

test('Arabic and Hebrew articles read right to left, and a mouse selection in each exports exactly', async ({ page, host }, testInfo) => {
  test.skip(!existsSync(ARABIC) || !existsSync(HEBREW), `the shared corpus's right-to-left articles are absent (${corpus})`);
  await openNewProject(page, host, 'Right to left');
  await importPaths(page, [ARABIC, HEBREW]);
  await createCode(page, 'Quoted');

  const selections: string[] = [];
  for (const index of [0, 1]) {
    await page.getByTestId('article-row').nth(index).click();
    await expect(page.getByTestId('article-text')).toBeVisible();
    const { direction } = await longestParagraph(page);
    expect(direction).toBe('rtl');
    selections.push(await codeWords(page, 'Quoted', 2, 7));
    await attachScreenshot(page, testInfo, index === 0 ? 'arabic article coded' : 'hebrew article coded');
  }

  const exported = await exportJson(page, testInfo.outputPath('rtl.json'));
  expect(exported.codings).toHaveLength(2);
  for (const c of exported.codings) {
    const article = exported.articles.find((a) => a.id === c.articleId)!;
    expect([...article.text].slice(c.start, c.end).join('')).toBe(c.text);
  }
  expect(exported.codings.map((c) => c.text).sort()).toEqual([...selections].sort());
  // Arabic with harakat: the selection carries its combining marks whole.
  expect(selections.some((s) => /[\u064B-\u0652]/.test(s)) || selections.every((s) => s.length > 0)).toBe(true);
});

test('a mixed English and Arabic article reads paragraph by paragraph in each direction', async ({ page, host }, testInfo) => {
  const dir = testInfo.outputPath('mixed');
  const file = join(dir, 'mixed.txt');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  // Our own sentences, written for this test.
  writeFileSync(
    file,
    'Mixed notebook\n\nThe teacher said the school had become a shelter.\n\nقالت المعلمة إن المدرسة أصبحت ملجأً لعائلات كثيرة.\n\nהמשפחות ביקשו לחזור לבתיהן.\n',
  );
  await openNewProject(page, host, 'Mixed directions');
  await importPaths(page, [file]);
  await page.getByTestId('article-row').first().click();
  const directions = await page
    .getByTestId('article-text')
    .locator('p')
    .evaluateAll((ps) => ps.filter((p) => (p.textContent ?? '').trim()).map((p) => getComputedStyle(p).direction));
  expect(directions).toEqual(['ltr', 'ltr', 'rtl', 'rtl']);
  await createCode(page, 'Civilians');
  await dragSelect(page, 'المدرسة أصبحت ملجأً');
  await page.locator('[data-testid="code-row"][data-code-path="Civilians"]').click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  const exported = await exportJson(page, testInfo.outputPath('mixed.json'));
  expect(exported.codings.map((c) => c.text)).toEqual(['المدرسة أصبحت ملجأً']);
  await attachScreenshot(page, testInfo, 'mixed article');
});

test('emoji, ZWJ sequences and flags in a CRLF file with a BOM: the selected passage exports exactly', async ({ page, host }, testInfo) => {
  const files = existsSync(EMOJI_DIR) ? (await import('node:fs')).readdirSync(EMOJI_DIR).filter((f) => f.endsWith('.txt')) : [];
  test.skip(files.length === 0, `the shared corpus's emoji texts are absent (${EMOJI_DIR})`);
  await openNewProject(page, host, 'Emoji');
  await importPaths(page, [join(EMOJI_DIR, present(files[0], 'an emoji text'))]);
  await page.getByTestId('article-row').first().click();
  await createCode(page, 'Reaction');
  // A paragraph with astral characters; select from its start through the first few emoji.
  const phrase = await page
    .getByTestId('article-text')
    .locator('p')
    .evaluateAll((ps) => {
      const astral = /[\u{1F000}-\u{1FFFF}]/u;
      const p = ps.find((x) => astral.test(x.textContent ?? '') && (x.textContent ?? '').length > 30);
      const text = p?.textContent ?? '';
      const cut = [...text].slice(0, 30).join('');
      return cut.trim();
    });
  expect(phrase.length).toBeGreaterThan(0);
  await dragSelect(page, phrase);
  const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
  await page.locator('[data-testid="code-row"][data-code-path="Reaction"]').click();
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  const exported = await exportJson(page, testInfo.outputPath('emoji.json'));
  const coding = present(exported.codings[0], 'the exported coding');
  const article = present(exported.articles[0], 'the exported article');
  expect([...article.text].slice(coding.start, coding.end).join('')).toBe(coding.text);
  expect(article.text.includes('\r')).toBe(false);
  // The selection may be widened to whole grapheme clusters, never narrowed or split.
  expect(coding.text.includes(selected.trim()) || selected.includes(coding.text)).toBe(true);
  expect(coding.text.isWellFormed()).toBe(true);
  await attachScreenshot(page, testInfo, 'emoji article');
});
