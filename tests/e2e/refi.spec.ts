import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { test, expect, openNewProject } from './fixtures';
import { toolbarAction } from './workbench';

// A REFI-QDA project from another tool, dropped into the browser: the report says per source which unit the
// positions were read in, the codings land on the passages the producer meant, and the project goes back out as a
// .qdpx download.

/** An NVivo-shaped project: Sources/, lowercase GUIDs, CRLF text with an emoji, UTF-16 positions counting CRLF as two. */
function nvivoLike(): Buffer {
  const text = 'Harbour 👍🏿 news\r\nThe convoy waits at the crossing.\r\nThe harbour reopened.';
  const span = (s: string) => {
    const at = text.indexOf(s);
    return `startPosition="${at}" endPosition="${at + s.length}"`;
  };
  const sel = (n: number, s: string) =>
    `<PlainTextSelection guid="0000000${n}-0000-0000-0000-000000000000" name="" ${span(s)}><Coding guid="1000000${n}-0000-0000-0000-000000000000"><CodeRef targetGUID="abcdef01-0000-0000-0000-000000000000"/></Coding></PlainTextSelection>`;
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="NVivo study"><CodeBook><Codes><Code guid="abcdef01-0000-0000-0000-000000000000" name="Places" isCodable="true" color="#3366CC"/></Codes></CodeBook><Sources><TextSource guid="99999999-0000-0000-0000-000000000000" name="Harbour interview" plainTextPath="internal://99999999-0000-0000-0000-000000000000.txt">${sel(1, 'convoy')}${sel(2, 'crossing')}${sel(3, 'harbour reopened')}</TextSource></Sources></Project>`;
  return Buffer.from(zipSync({ 'project.qde': strToU8(qde), 'Sources/99999999-0000-0000-0000-000000000000.txt': strToU8(text) }));
}

test('a .qdpx imports with its unit reported, and the project exports back as a .qdpx download', async ({ page, host }) => {
  await openNewProject(page, host, 'Exchange study');
  await page.getByTestId('import-input').setInputFiles([{ name: 'nvivo.qdpx', mimeType: 'application/zip', buffer: nvivoLike() }]);
  const sources = page.getByTestId('import-list-refi');
  await expect(sources).toContainText('Harbour interview');
  await expect(sources).toContainText('3 selections mapped, 0 not');
  await expect(sources).toContainText('UTF-16 code units, CRLF as two');
  await expect(page.getByTestId('import-refi-counts')).toContainText('1 code');

  const download = page.waitForEvent('download');
  await toolbarAction(page, 'export-qdpx-button', 'more-export-qdpx');
  const file = await (await download).path();
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  const qde = strFromU8(zip['project.qde']!);
  expect(qde).toContain('name="Places"');
  for (const passage of ['convoy', 'crossing', 'harbour reopened']) expect(qde).toContain(`name="${passage}"`);
  expect(Object.keys(zip).filter((n) => n.startsWith('sources/'))).toHaveLength(1);
});

/** A MAXQDA-shaped codebook with two code sets, one of them naming a sub-code. */
function withCodeSets(): Buffer {
  const g = (n: number) => `CCCCCCCC-0000-0000-0000-${String(n).padStart(12, '0')}`;
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Sets study" origin="MAXQDA 24"><CodeBook><Codes><Code guid="${g(1)}" name="Frames" isCodable="true"><Code guid="${g(2)}" name="Humanitarian" isCodable="true"/><Code guid="${g(3)}" name="Security" isCodable="true"/></Code><Code guid="${g(4)}" name="Actors" isCodable="true"/><Code guid="${g(5)}" name="Demands" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${g(9)}" name="Note"><PlainTextContent>The convoy waits.</PlainTextContent></TextSource></Sources><Sets><Set guid="${g(20)}" name="Pilot round"><MemberCode targetGUID="${g(2)}"/><MemberCode targetGUID="${g(4)}"/></Set></Sets></Project>`;
  return Buffer.from(zipSync({ 'project.qde': strToU8(qde) }));
}

test('code sets from a .qdpx filter the codebook; a set is made, refused a taken name beside the field, and goes back out in the .qdpx', async ({ page, host }) => {
  await openNewProject(page, host, 'Sets study');
  await page.getByTestId('import-input').setInputFiles([{ name: 'sets.qdpx', mimeType: 'application/zip', buffer: withCodeSets() }]);
  await expect(page.getByTestId('import-refi-counts')).toContainText('1 code set');
  await page.getByTestId('import-report-close').click();

  const rows = page.locator('[data-testid="code-row"]');
  await expect(rows).toHaveCount(5);
  const filter = page.getByTestId('code-set-filter');
  await filter.selectOption({ label: 'Pilot round (2 codes)' });
  // Members, and the parent a member hangs under (so the tree keeps its shape).
  await expect(rows).toHaveCount(3);
  await expect(page.locator('[data-testid="code-row"][data-code-path="Frames/Security"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="code-row"][data-code-path="Demands"]')).toHaveCount(0);
  await expect(page.locator('.codebook-count')).toHaveText('2 codes of 5');

  // A new set from a code's menu, with "Demands"; its name may not repeat one in use.
  await filter.selectOption({ label: 'All codes' });
  await page.locator('[data-testid="code-row"][data-code-path="Demands"]').click({ button: 'right' });
  await page.getByTestId('code-menu-new-set').click();
  await page.getByTestId('code-set-name-input').fill('pilot ROUND');
  await page.getByTestId('code-set-name-save').click();
  await expect(page.getByTestId('code-set-name-error')).toHaveText('There is already a code set named "pilot ROUND".');
  await page.getByTestId('code-set-name-input').fill('Demands only');
  await page.getByTestId('code-set-name-save').click();
  await expect(page.getByTestId('code-set-name-dialog')).toHaveCount(0);
  await expect(filter.locator('option:checked')).toHaveText('Demands only (1 code)');
  await expect(rows).toHaveCount(1);

  const download = page.waitForEvent('download');
  await toolbarAction(page, 'export-qdpx-button', 'more-export-qdpx');
  const qde = strFromU8(unzipSync(new Uint8Array(readFileSync(await (await download).path())))['project.qde']!);
  expect(qde).toMatch(/<Set guid="CCCCCCCC-0000-0000-0000-000000000020" name="Pilot round">/);
  expect(qde).toMatch(/<Set guid="[0-9A-F-]{36}" name="Demands only">\s*<MemberCode targetGUID="CCCCCCCC-0000-0000-0000-000000000005"\/>/);
});
