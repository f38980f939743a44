import { type Page, type Download } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, createCode, dragSelect, importFiles } from './workbench';

// Counts & charts as an analyst reads them: three articles from two outlets, two codes whose passages overlap,
// then the frequency table and bar chart by outlet, the coverage line chart, the co-occurrence matrix and the
// passages behind a cell; charts downloaded as PNG and SVG; and not one Content-Security-Policy complaint.

const ARTICLES = [
  {
    name: 'haaretz-1.txt',
    text: [
      'Cabinet weighs ground operation',
      '',
      'The security cabinet met overnight as aid agencies warned of a humanitarian catastrophe in northern Gaza.',
      '',
      'הקבינט דן במבצע קרקעי בעזה.',
      '',
    ].join('\n'),
  },
  {
    name: 'aljazeera-1.txt',
    text: ['Hospitals run short of fuel', '', 'المستشفيات في غزة تعاني من نقص حاد في الوقود والأدوية.', '', 'Doctors warned that generators would stop within days.', ''].join('\n'),
  },
  {
    name: 'aljazeera-2.txt',
    text: [
      'Rockets fired across the border',
      '',
      'Rockets were fired from southern Lebanon as families fled the border villages.',
      '',
      'The army said it struck launch sites near the border.',
      '',
    ].join('\n'),
  },
];

// The third article has no publication date: the coverage chart says its codings are left out.
const CSV = ['file,outlet,publication date', 'haaretz-1.txt,Haaretz,2023-10-08', 'aljazeera-1.txt,Al Jazeera,2023-10-20', 'aljazeera-2.txt,Al Jazeera,'].join(
  '\n',
);

test.use({ screenshot: 'only-on-failure' });

/** Console errors, page errors and every CSP violation the page reports (the event fires even when nothing is logged). */
async function watchProblems(page: Page): Promise<{ errors: string[]; csp: () => Promise<string[]> }> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) && errors.push(m.text()));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  return { errors, csp: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

/**
 * Codes `phrase` by dragging across it and clicking the code. Tried again if the click found no selection: right
 * after switching articles the reader sometimes re-renders under the drag (a reader matter, not what this spec
 * checks). The codebook's count, the core's own, says whether a try went through, so nothing is coded twice.
 */
async function code(page: Page, phrase: string, codePath: string): Promise<void> {
  const row = page.locator(`[data-testid="code-row"][data-code-path="${codePath}"]`);
  const count = row.getByTestId('code-coding-count');
  const before = Number(await count.textContent());
  await expect(async () => {
    if (Number(await count.textContent()) > before) return;
    await dragSelect(page, phrase);
    await row.click();
    await expect(count).toHaveText(String(before + 1), { timeout: 2000 });
  }).toPass();
}

async function openArticle(page: Page, title: string): Promise<void> {
  await page.getByTestId('article-row').filter({ hasText: title }).click();
  await expect(page.getByTestId('article-title')).toHaveText(title);
  // The header changes first; the text follows once the article has loaded. Every title is its text's first line.
  await expect(page.getByTestId('article-text')).toContainText(title);
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

const freqRow = (page: Page, group: string, codePath: string) =>
  page.locator(`[data-testid="frequency-row"][data-group="${group}"][data-code="${codePath}"]`);

test('frequencies by outlet, coverage, co-occurrence and chart downloads, under the CSP', async ({ page, host }, testInfo) => {
  const problems = await watchProblems(page);
  await openNewProject(page, host, 'Counts study');
  await importFiles(page, ARTICLES.map((a) => ({ name: a.name, bytes: Buffer.from(a.text, 'utf8') })));

  // Outlets and dates from a CSV.
  await page.getByTestId('attributes-menu-button').click();
  await page.getByTestId('attributes-menu-import').click();
  await page.getByTestId('attribute-csv-input').setInputFiles({ name: 'outlets.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(page.locator('[data-testid="attribute-import-row"][data-status="matched"]')).toHaveCount(3);
  await page.getByTestId('attribute-import-apply').click();
  await expect(page.getByTestId('attribute-import-dialog')).toHaveCount(0);

  // Two codes, with overlapping passages in two articles.
  await createCode(page, 'Humanitarian');
  await createCode(page, 'Security');
  await openArticle(page, 'Cabinet weighs ground operation');
  await code(page, 'aid agencies warned of a humanitarian catastrophe', 'Humanitarian');
  await code(page, 'security cabinet met overnight as aid agencies', 'Security');
  await openArticle(page, 'Hospitals run short of fuel');
  await code(page, 'نقص حاد في الوقود', 'Humanitarian');
  await openArticle(page, 'Rockets fired across the border');
  await code(page, 'families fled the border villages', 'Humanitarian');
  await code(page, 'Rockets were fired from southern Lebanon as families', 'Security');
  await code(page, 'struck launch sites', 'Security');

  // Code frequencies by outlet: Haaretz 1 + 1, Al Jazeera 2 Humanitarian (two articles) and 2 Security (one).
  await page.getByTestId('view-tab-analysis').click();
  await page.getByTestId('analysis-tab-frequencies').click();
  await page.getByTestId('frequency-grouping').selectOption('attribute:outlet');
  await expect(page.getByTestId('frequency-row')).toHaveCount(4);
  const expected: [string, string, string, string][] = [
    ['Al Jazeera', 'Humanitarian', '2', '2'],
    ['Al Jazeera', 'Security', '2', '1'],
    ['Haaretz', 'Humanitarian', '1', '1'],
    ['Haaretz', 'Security', '1', '1'],
  ];
  for (const [group, codePath, codings, articles] of expected) {
    await expect(freqRow(page, group, codePath).getByTestId('frequency-codings')).toHaveText(codings);
    await expect(freqRow(page, group, codePath).getByTestId('frequency-articles')).toHaveText(articles);
  }
  // Sorting by codings, largest first, puts the two Al Jazeera rows on top.
  await page.getByTestId('freq-sort-codings').click();
  await expect(page.getByTestId('frequency-codings')).toHaveText(['2', '2', '1', '1']);
  await attachScreenshot(page, testInfo, 'frequency-table-by-outlet');

  // The table as CSV, from the core.
  await page.getByTestId('frequency-export-csv').click();
  const csv = await downloaded(page, () => page.getByTestId('export-csv-confirm').click());
  const records = parse(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  expect(records.map((r) => [r.group_label, r.code_path, r.codings])).toEqual([
    ['Al Jazeera', 'Humanitarian', '2'],
    ['Al Jazeera', 'Security', '2'],
    ['Haaretz', 'Humanitarian', '1'],
    ['Haaretz', 'Security', '1'],
  ]);

  // The bar chart: grouped by outlet, one bar per non-zero count, in the codes' colours.
  await page.getByTestId('frequency-show-chart').click();
  const chart = page.getByTestId('frequency-chart');
  const bars = chart.locator('svg [data-testid="chart-bar"]');
  await expect(bars).toHaveCount(4);
  const barValues = await bars.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-group')}|${e.getAttribute('data-code')}|${e.getAttribute('data-value')}`));
  expect(barValues.sort()).toEqual(['Al Jazeera|Humanitarian|2', 'Al Jazeera|Security|2', 'Haaretz|Humanitarian|1', 'Haaretz|Security|1']);
  // Each bar wears its code's colour, as the codebook shows it.
  const codebookColour = (path: string) =>
    page.locator(`[data-testid="code-row"][data-code-path="${path}"] .code-swatch`).evaluate((el) => getComputedStyle(el).backgroundColor);
  const barColour = (path: string) =>
    chart.locator(`svg [data-testid="chart-bar"][data-code="${path}"]`).first().evaluate((el) => getComputedStyle(el).fill);
  expect(await barColour('Humanitarian')).toBe(await codebookColour('Humanitarian'));
  expect(await barColour('Security')).toBe(await codebookColour('Security'));
  expect(await codebookColour('Humanitarian')).not.toBe(await codebookColour('Security'));
  // Hovering a group shows the library's tooltip (styled through the DOM, which the CSP allows).
  await bars.first().hover();
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText('Humanitarian');
  await attachScreenshot(page, testInfo, 'frequency-chart-by-outlet');

  // PNG and SVG downloads of the chart.
  const png = await downloaded(page, () => chart.getByTestId('chart-download-png').click());
  expect(png.download.suggestedFilename()).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);
  await png.download.saveAs(testInfo.outputPath('exported-frequency-chart.png'));
  await testInfo.attach('exported-frequency-chart', { path: testInfo.outputPath('exported-frequency-chart.png'), contentType: 'image/png' });
  const svg = await downloaded(page, () => chart.getByTestId('chart-download-svg').click());
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      bars: doc.querySelectorAll('[data-testid="chart-bar"]').length,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.bars).toBe(4);
  // The title and the legend travel with the file.
  expect(parsed.texts).toEqual(expect.arrayContaining(['Codings per code by outlet (sub-codes included)', 'Humanitarian', 'Security', 'Haaretz']));

  // Coverage over time: both codes by publication date; the undated article's codings are counted out loud.
  await page.getByTestId('analysis-tab-coverage').click();
  await page.getByTestId('coverage-interval').selectOption('week');
  const coverage = page.getByTestId('coverage-chart');
  await expect(coverage.locator('svg.recharts-surface')).toBeVisible();
  await expect(coverage.locator('.recharts-line')).toHaveCount(2);
  await expect(page.getByTestId('coverage-undated')).toContainText('3 codings in articles without a publication date are not shown');
  await expect(page.getByTestId('coverage-undated')).toContainText('Humanitarian 1 · Security 2');
  await attachScreenshot(page, testInfo, 'coverage-by-week');
  const coveragePng = await downloaded(page, () => coverage.getByTestId('chart-download-png').click());
  expect([...coveragePng.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await coveragePng.download.saveAs(testInfo.outputPath('exported-coverage-chart.png'));
  await testInfo.attach('exported-coverage-chart', { path: testInfo.outputPath('exported-coverage-chart.png'), contentType: 'image/png' });

  // Co-occurrence: the two codes overlap twice; the cell lists both passages, and a click opens the article.
  await page.getByTestId('analysis-tab-cooccurrence').click();
  await page.getByTestId('cooccurrence-unit').selectOption('overlap');
  const cell = page.locator('[data-testid="cooccurrence-cell"][data-code-a="Humanitarian"][data-code-b="Security"]');
  await expect(cell).toHaveText('2');
  await expect(page.locator('[data-testid="cooccurrence-cell"][data-code-a="Security"][data-code-b="Humanitarian"]')).toHaveText('2');
  // The heat map: a coloured cell, its number legible on it.
  const colours = await cell.evaluate((button) => {
    const td = button.parentElement!;
    return { background: getComputedStyle(td).backgroundColor, color: getComputedStyle(button).color };
  });
  expect(colours.background).not.toBe('rgba(0, 0, 0, 0)');
  await cell.click();
  const passages = page.getByTestId('cooccurrence-passage');
  await expect(page.getByTestId('cooccurrence-passages-total')).toHaveText('2 overlapping pairs');
  await expect(passages).toHaveCount(2);
  await expect(passages.nth(0)).toContainText('Cabinet weighs ground operation');
  await expect(passages.nth(0).getByTestId('cooccurrence-passage-text')).toHaveText('security cabinet met overnight as aid agencies warned of a humanitarian catastrophe');
  await expect(passages.nth(1)).toContainText('Rockets fired across the border');
  await expect(passages.nth(1).getByTestId('cooccurrence-passage-text')).toHaveText('Rockets were fired from southern Lebanon as families fled the border villages');
  await attachScreenshot(page, testInfo, 'cooccurrence-matrix');

  // By paragraph the same two paragraphs hold both codes; by article, the same two articles.
  await page.getByTestId('cooccurrence-unit').selectOption('paragraph');
  await expect(cell).toHaveText('2');
  await page.getByTestId('cooccurrence-unit').selectOption('overlap');

  await passages.nth(1).getByTestId('cooccurrence-passage-open').click();
  await expect(page.getByTestId('view-tab-code')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('article-title')).toHaveText('Rockets fired across the border');

  // Back to the counts: the view is as it was left, the cell still selected.
  await page.getByTestId('view-tab-analysis').click();
  await expect(page.getByTestId('cooccurrence-passage')).toHaveCount(2);

  expect(await problems.csp()).toEqual([]);
  expect(problems.errors).toEqual([]);
});
