import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openNewProject, type TestWebHost } from './fixtures';
import { newProject, toolbarAction } from './workbench';

// The web host's doors as the browser sees them (issue 9): the token leaves the address bar at once and is never a
// cookie; files are uploaded (with progress) rather than named; an export arrives as a download and leaves no copy
// in the data folder.

/** Files in the web host's transfer folder (uploads waiting, exports not yet downloaded). */
function transfers(host: TestWebHost): string[] {
  try {
    return readdirSync(join(host.dataDir, 'transfers'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

test('the token leaves the address bar, sets no cookie, and survives a reload', async ({ page, context, host }) => {
  await page.goto(host.launchUrl);
  await expect(page.getByLabel('Project name')).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(await context.cookies()).toEqual([]);
  // No history entry holds the token: one step back is the blank page the browser started on.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).not.toContain('token');
  await page.reload();
  await newProject(page, 'After reload');
  expect(await context.cookies()).toEqual([]);
});

test('a browser import uploads the bytes with progress, and names no path', async ({ page, host }) => {
  const calls: { name: string; body: string }[] = [];
  page.on('request', (r) => {
    const name = /\/api\/call\/([^?]+)/.exec(r.url())?.[1];
    if (name) calls.push({ name: decodeURIComponent(name), body: r.postData() ?? '' });
  });
  await openNewProject(page, host, 'Uploads');
  const dir = mkdtempSync(join(tmpdir(), 'gloss-e2e-upload-'));
  const big = join(dir, 'long-report.txt');
  writeFileSync(big, `Long report\n\n${'The convoy waited at the crossing for another day. '.repeat(60_000)}\n`);
  const small = join(dir, 'short-note.txt');
  writeFileSync(small, 'Short note\n\nThe crossing opened at noon.\n');
  // Slow the upload down so its progress can be seen (about 3 MB at 1 MB/s).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
  await page.getByTestId('import-input').setInputFiles([big, small]);
  const bar = page.getByTestId('import-upload-progress');
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('import-upload-text')).toContainText(/^Uploaded \d+ KB of 2\.9 MB$/);
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(page.getByTestId('import-count-imported')).toHaveText('2 articles imported', { timeout: 30_000 });
  await expect(page.getByTestId('import-list-imported')).toContainText('long-report.txt');
  expect(calls.map((c) => c.name)).toContain('articles.importUploads');
  expect(calls.map((c) => c.name)).not.toContain('articles.importPaths');
  for (const c of calls) expect(c.body, c.name).not.toContain(dir);
  expect(transfers(host), 'imported uploads are not kept').toEqual([]);
});

test('an export downloads, and no copy stays in the data folder', async ({ page, host }) => {
  await openNewProject(page, host, 'Downloads');
  await page.getByTestId('import-input').setInputFiles([{ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('Aid convoy\n\nThe convoy waits.\n') }]);
  await expect(page.getByTestId('import-count-imported')).toHaveText('1 article imported');
  await page.getByTestId('import-report-close').click();
  const download = page.waitForEvent('download');
  await toolbarAction(page, 'export-json-button', 'more-export-json');
  const saved = test.info().outputPath('export.json');
  await (await download).saveAs(saved);
  expect((JSON.parse(readFileSync(saved, 'utf8')) as { articles: unknown[] }).articles).toHaveLength(1);
  await expect.poll(() => transfers(host)).toEqual([]);
});
