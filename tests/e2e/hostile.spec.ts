import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openNewProject } from './fixtures';
import { attachScreenshot, importPaths } from './workbench';

// Imported text is only ever text: markup in a .txt file, and the scripts and handlers of an HTML page, never run,
// and nothing they name is ever fetched. Bidi override characters stay characters.

const PAYLOAD = [
  'Hostile markup test',
  '',
  '<script>window.__glossPwned = "script"</script>',
  '<img src="/pwned-image.png" onerror="window.__glossPwned = \'img\'">',
  '<iframe src="javascript:window.parent.__glossPwned = \'iframe\'"></iframe>',
  '<a href="javascript:window.__glossPwned = \'link\'">click</a> <b onmouseover="window.__glossPwned = \'hover\'">bold</b>',
  'Bidi: \u202Egnp.exe\u202C and \u2067isolated\u2069 text.',
].join('\n');

test('markup in imported text and HTML pages never runs and fetches nothing', async ({ page, host }, testInfo) => {
  const dir = testInfo.outputPath('hostile');
  mkdirSync(dir, { recursive: true });
  const txt = join(dir, 'markup.txt');
  const html = join(dir, 'page.html');
  writeFileSync(txt, PAYLOAD);
  writeFileSync(
    html,
    `<!doctype html><html><head><title>Hostile page</title><script>window.__glossPwned='head'</script><style>body{display:none}</style></head>
     <body onload="window.__glossPwned='onload'"><h1>Hostile page</h1><p>Visible paragraph.</p>
     <img src="/pwned-from-html.png" onerror="window.__glossPwned='html-img'"><script>window.__glossPwned='body'</script></body></html>`,
  );
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await openNewProject(page, host, 'Hostile');
  await importPaths(page, [txt, html]);

  // The .txt: every character of the markup is shown as text.
  await page.getByTestId('article-row').filter({ hasText: 'Hostile markup test' }).click();
  await expect(page.getByTestId('article-text')).toContainText('<script>window.__glossPwned = "script"</script>');
  await expect(page.getByTestId('article-text')).toContainText('onerror=');
  const inReader = await page.getByTestId('article-text').evaluate((el) => ({
    scripts: el.querySelectorAll('script').length,
    images: el.querySelectorAll('img').length,
    frames: el.querySelectorAll('iframe').length,
    links: el.querySelectorAll('a').length,
  }));
  expect(inReader).toEqual({ scripts: 0, images: 0, frames: 0, links: 0 });
  await attachScreenshot(page, testInfo, 'markup shown as text');

  // The .html: only its readable text was kept.
  await page.getByTestId('article-row').filter({ hasText: 'Hostile page' }).click();
  await expect(page.getByTestId('article-text')).toContainText('Visible paragraph.');
  await expect(page.getByTestId('article-text')).not.toContainText('__glossPwned');

  expect(await page.evaluate(() => (window as unknown as { __glossPwned?: string }).__glossPwned)).toBeUndefined();
  expect(requests.filter((u) => u.includes('pwned'))).toEqual([]);
  expect(dialogs).toEqual([]);
});
