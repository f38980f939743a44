import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { repoRoot, startWebHost, type RunningWebHost } from './webHost';
import { attachScreenshot, watchErrors, toolbarAction } from './workbench';

// Issue 14, items 12 and 15, in the browser against the web host: projects of the data folder — one made by the
// `gloss` command there, one uploaded with Open project… — open, rename (errors beside the field) and delete to a
// trash with Undo; exports download without copies left behind and say no server path. The CSV is exact by
// default and says how many cells a spreadsheet could run; the dialog's formula guard and its XLSX choice.

const cli = join(repoRoot, 'out', 'main', 'cli.js');
const ARTICLE = ['Aid convoy reaches the crossing', '', '- Four trucks crossed at dawn.', '- The road was closed again by noon.', ''].join('\n');
const BULLET = '- Four trucks crossed at dawn.';

/** A project made with the `gloss` command, as a person would in a terminal: one article, one coded bullet. */
function glossProject(path: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-e2e-cli-'));
  const article = join(dir, 'convoy.txt');
  writeFileSync(article, ARTICLE);
  const run = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  run('init', path);
  run('import', path, article);
  const start = [...ARTICLE.slice(0, ARTICLE.indexOf(BULLET))].length;
  run('code', path, '--article', '1', '--code', 'Logistics', '--start', String(start), '--end', String(start + [...BULLET].length));
}

let host: RunningWebHost;
let dataDir: string;
let outside: string;
test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gloss-e2e-library-'));
  mkdirSync(join(dataDir, 'projects'), { recursive: true });
  outside = mkdtempSync(join(tmpdir(), 'gloss-e2e-outside-'));
  glossProject(join(dataDir, 'projects', 'Field notes.gloss'));
  glossProject(join(outside, 'Supervisor copy.gloss'));
  host = await startWebHost({ dataDir });
});
test.afterAll(async () => {
  await host?.stop();
});

const library = (page: Page) => page.getByTestId('library-project');
const entry = (page: Page, name: string) => page.locator(`[data-testid="library-project"][data-name="${name}"]`);

async function closeProject(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close project', exact: true }).click();
  await expect(page.getByTestId('project-library')).toBeVisible();
}

/** The transfer files (uploads, exports) the host holds in its data folder right now. */
function transferFiles(): string[] {
  const dir = join(dataDir, 'transfers');
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

test('open a CLI-made project and an uploaded one, rename, delete with undo, export without copies left', async ({ page }, testInfo) => {
  test.skip(!existsSync(cli), 'out/main/cli.js is missing: run `npm run build` first');
  const errors = watchErrors(page);
  await page.goto(host.launchUrl);

  // The project the CLI made in the data folder is listed by name and opens.
  await expect(library(page)).toHaveCount(1);
  await entry(page, 'Field notes.gloss').getByTestId('library-open').click();
  await expect(page.getByTestId('project-menu-button')).toContainText('Field notes');
  await expect(page.getByTestId('article-row')).toHaveCount(1);
  await closeProject(page);

  // Open project…: a .gloss from this computer is uploaded, joins the data folder and opens.
  await page.getByTestId('project-upload-input').setInputFiles(join(outside, 'Supervisor copy.gloss'));
  await expect(page.getByTestId('project-menu-button')).toContainText('Supervisor copy');
  await closeProject(page);
  await expect(library(page)).toHaveCount(2);
  await attachScreenshot(page, testInfo, 'project library');

  // Rename; a clash is said beside the field, and the name stays.
  await entry(page, 'Field notes.gloss').getByTestId('library-rename').click();
  await page.getByTestId('library-rename-input').fill('Supervisor copy');
  await page.getByTestId('library-rename-confirm').click();
  await expect(page.getByTestId('library-rename-error')).toContainText('A project named Supervisor copy.gloss is already in the data folder');
  await page.getByTestId('library-rename-input').fill('Field notes 2024');
  await page.getByTestId('library-rename-confirm').click();
  await expect(entry(page, 'Field notes 2024.gloss')).toBeVisible();
  await expect(entry(page, 'Field notes.gloss')).toHaveCount(0);
  expect(existsSync(join(dataDir, 'projects', 'Field notes 2024.gloss'))).toBe(true);

  // Delete goes to the trash inside the data folder; Undo brings it back.
  await entry(page, 'Supervisor copy.gloss').getByTestId('library-delete').click();
  await expect(entry(page, 'Supervisor copy.gloss')).toHaveCount(0);
  expect(existsSync(join(dataDir, 'projects', 'Supervisor copy.gloss'))).toBe(false);
  expect(readdirSync(join(dataDir, 'trash'))).toHaveLength(1);
  await page.getByTestId('notice').filter({ hasText: 'Supervisor copy.gloss was moved to the trash' }).getByTestId('notice-action').click();
  await expect(entry(page, 'Supervisor copy.gloss')).toBeVisible();
  expect(existsSync(join(dataDir, 'projects', 'Supervisor copy.gloss'))).toBe(true);

  // The open project cannot be deleted.
  await entry(page, 'Field notes 2024.gloss').getByTestId('library-open').click();
  await expect(page.getByTestId('project-menu-button')).toContainText('Field notes');

  // Exports arrive as downloads; the message names the file, not where the host wrote it; no copy stays behind.
  for (let i = 0; i < 3; i++) {
    const download = page.waitForEvent('download');
    await toolbarAction(page, 'export-json-button', 'more-export-json');
    await (await download).saveAs(testInfo.outputPath(`export-${i}.json`));
  }
  const said = await page.getByTestId('notice').allTextContents();
  expect(said.some((t) => /Exported 1 coding from 1 article as the download .*\.json/.test(t))).toBe(true);
  for (const text of said) expect(text).not.toContain(dataDir);
  await expect.poll(transferFiles).toEqual([]);
  expect(errors).toEqual([]);
});

/** Exports the codings through the dialog with the given choices; the downloaded file's path. */
async function exportCodings(page: Page, file: string, choose: (page: Page) => Promise<void>): Promise<string> {
  await toolbarAction(page, 'export-csv-button', 'more-export-csv');
  await expect(page.getByTestId('export-csv-dialog')).toBeVisible();
  await choose(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv-confirm').click();
  await (await download).saveAs(file);
  return file;
}

test('CSV exact by default with a note, the formula guard checkbox, and a real XLSX download', async ({ page }, testInfo) => {
  test.skip(!existsSync(cli), 'out/main/cli.js is missing: run `npm run build` first');
  const errors = watchErrors(page);
  // Whether the project library is ever put on the page while the window loads (a string: the page has no tsx helpers).
  await page.addInitScript(`
    window.__librarySeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="project-library"]')) window.__librarySeen = true;
    }).observe(document, { childList: true, subtree: true });
  `);
  await page.goto(host.launchUrl);
  // The web host keeps the project the last test opened (Field notes 2024) open: the window opens on it, without
  // showing the project library first while it asks which project is open. Then back to the start screen.
  await expect(page.getByTestId('project-menu-button')).toContainText('Field notes');
  expect(await page.evaluate('window.__librarySeen')).toBe(false);
  await closeProject(page);
  await entry(page, 'Supervisor copy.gloss').getByTestId('library-open').click();
  await expect(page.getByTestId('project-menu-button')).toContainText('Supervisor copy');
  const rows = (file: string) => parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];

  const exact = await exportCodings(page, testInfo.outputPath('exact.csv'), async () => undefined);
  expect(rows(exact).map((r) => r.text)).toEqual([BULLET]);
  const articleSlice = [...ARTICLE].slice(Number(rows(exact)[0]!.start), Number(rows(exact)[0]!.end)).join('');
  expect(rows(exact)[0]!.text).toBe(articleSlice);
  await expect(page.getByTestId('notice').filter({ hasText: '1 cell begins with = + - @, a tab or a carriage return' })).toContainText(
    'for a spreadsheet use the Excel (XLSX) format',
  );

  const guarded = await exportCodings(page, testInfo.outputPath('guarded.csv'), async (p) => {
    await p.getByTestId('export-formula-guard').check();
  });
  expect(rows(guarded).map((r) => r.text)).toEqual([`'${BULLET}`]);
  await expect(page.getByTestId('notice').filter({ hasText: 'The formula guard changed 1 cell' })).toBeVisible();

  const xlsx = await exportCodings(page, testInfo.outputPath('codings.xlsx'), async (p) => {
    await p.getByTestId('export-format-xlsx').check();
    await expect(p.getByTestId('export-formula-guard')).toHaveCount(0);
  });
  expect(xlsx.endsWith('.xlsx')).toBe(true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(Object.keys(rows(exact)[0]!));
  const values = (sheet.getRow(2).values as unknown[]).slice(1);
  const record = Object.fromEntries(header.map((h, i) => [h, values[i]]));
  expect(record.text).toBe(articleSlice);
  expect(typeof record.start).toBe('number');
  expect(sheet.getRow(2).getCell(header.indexOf('text') + 1).type).toBe(ExcelJS.ValueType.String);
  await expect.poll(transferFiles).toEqual([]);
  expect(errors).toEqual([]);
});
