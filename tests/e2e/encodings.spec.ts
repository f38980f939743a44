import { type Page } from '@playwright/test';
import { test, expect, openNewProject } from './fixtures';
import { codePhrase, createCode, importFiles, watchErrors } from './workbench';

// A Windows-1252 news file (curly quotes 0x93/0x94, é 0xE9, ï 0xEF) imported in the browser: the details say how
// it was decoded; re-decoding it as Cyrillic first previews what would be lost (a coding on a passage whose
// letters change), then replaces the text; re-decoding back as Windows-1252 restores it. A file whose bytes read
// the same either way is only relabelled.

const win1252 = (s: string) => Buffer.from([...s].map((c) => c.codePointAt(0)!));
const ARTICLE_1252 = win1252(
  [
    'Caf\xe9 owners count the cost',
    '',
    'The minister said \x93we will not retreat\x94 and praised the na\xefve r\xe9sum\xe9 the caf\xe9 owners had sent to the ministry.',
    '',
    'Traders in the old market said business had been slow since the spring, and that prices for flour had doubled.',
    '',
  ].join('\r\n'),
);
const PLAIN = Buffer.from('Market report\n\nPrices for flour rose again this week in the capital.\n', 'ascii');

async function openDetails(page: Page, title: string | RegExp): Promise<void> {
  await page.getByTestId('article-row').filter({ hasText: title }).getByTestId('article-menu-button').click();
  await page.getByTestId('article-menu-details').click();
  await expect(page.getByTestId('article-details-dialog')).toBeVisible();
}

async function redecodeTo(page: Page, encoding: string): Promise<void> {
  await page.getByTestId('redecode-button').click();
  await expect(page.getByTestId('redecode-dialog')).toBeVisible();
  await page.getByTestId('redecode-encoding').selectOption(encoding);
  await page.getByTestId('redecode-run').click();
}

/** Confirms the previewed re-decode, reads its outcome, and closes it and the details, which name the new encoding. */
async function confirmRedecode(page: Page, outcome: string, encoding: string): Promise<void> {
  await page.getByTestId('redecode-confirm').click();
  await expect(page.getByTestId('redecode-outcome')).toHaveText(outcome);
  await page.getByTestId('redecode-close').click();
  await expect(page.getByTestId('detail-encoding')).toContainText(`${encoding} (chosen by hand)`);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
}

test('a Windows-1252 file: details, re-decode as Windows-1251 with a preview, and back', async ({ page, host }, testInfo) => {
  const errors = watchErrors(page);

  await openNewProject(page, host, 'Encodings study');
  await importFiles(page, [{ name: 'cafe.txt', bytes: ARTICLE_1252 }]);

  // Decoded as Windows-1252: the reader shows the real letters and quotes.
  await page.getByTestId('article-row').first().click();
  await expect(page.getByTestId('article-title')).toHaveText('Café owners count the cost');
  await expect(page.getByTestId('article-text')).toContainText('said “we will not retreat” and praised the naïve résumé');

  // One coding on a passage with accented letters (it will not survive Cyrillic), one on plain ASCII (it will).
  await createCode(page, 'Defiance');
  await codePhrase(page, 'naïve résumé', 'Defiance');
  await codePhrase(page, 'prices for flour had doubled', 'Defiance');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(2);

  await openDetails(page, 'Café owners');
  await expect(page.getByTestId('detail-encoding')).toContainText('Windows-1252');
  await expect(page.getByTestId('detail-bom')).toHaveText('No');
  await expect(page.getByTestId('detail-line-endings')).toContainText('CRLF');
  await expect(page.getByTestId('detail-nfc')).toContainText('already in NFC');
  await expect(page.getByTestId('redecode-button')).toBeEnabled();
  const detailsShot = testInfo.outputPath('details-1252.png');
  await page.screenshot({ path: detailsShot });
  await testInfo.attach('details of the Windows-1252 article', { path: detailsShot, contentType: 'image/png' });

  // Windows-1251: the text changes and a coding is at stake, so nothing happens before a preview is confirmed.
  await redecodeTo(page, 'Windows-1251');
  const preview = page.getByTestId('redecode-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('redecode-impact')).toHaveText(
    'The text changes. 1 coding no longer matches its passage and will be removed; 1 coding stays.',
  );
  await expect(page.getByTestId('redecode-title')).toHaveText('Cafй owners count the cost');
  await expect(page.getByTestId('redecode-sample')).toContainText('Cafй');
  const previewShot = testInfo.outputPath('redecode-preview.png');
  await page.screenshot({ path: previewShot });
  await testInfo.attach('re-decode preview', { path: previewShot, contentType: 'image/png' });
  // Still untouched behind the preview.
  await expect(page.getByTestId('article-title')).toHaveText('Café owners count the cost');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(2);

  await confirmRedecode(page, 'The text was decoded again and 1 coding removed; 1 coding kept.', 'Windows-1251');
  await expect(page.getByTestId('article-title')).toHaveText('Cafй owners count the cost');
  await expect(page.getByTestId('article-text')).toContainText('naпve rйsumй');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  await expect(page.getByTestId('article-row').first()).toContainText('Cafй owners count the cost');

  // Back to Windows-1252: the text changes again; the remaining coding still matches, so after a preview it stays.
  await openDetails(page, 'Cafй owners');
  await redecodeTo(page, 'Windows-1252');
  await expect(page.getByTestId('redecode-impact')).toHaveText('The text changes. Every coding still matches its passage.');
  await confirmRedecode(page, 'The text was decoded again; 1 coding kept.', 'Windows-1252');
  await expect(page.getByTestId('article-title')).toHaveText('Café owners count the cost');
  await expect(page.getByTestId('article-text')).toContainText('said “we will not retreat” and praised the naïve résumé');
  await expect(page.getByTestId('coding-stripe')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a file that reads the same in another encoding is only relabelled', async ({ page, host }) => {
  await openNewProject(page, host, 'Relabel study');
  await importFiles(page, [{ name: 'market.txt', bytes: PLAIN }]);
  await openDetails(page, 'Market report');
  await expect(page.getByTestId('detail-encoding')).toContainText('UTF-8');

  await redecodeTo(page, 'ISO-8859-1');
  await expect(page.getByTestId('redecode-outcome')).toHaveText('The text is the same in ISO-8859-1, so only the recorded encoding changed.');
  await page.getByTestId('redecode-close').click();
  await expect(page.getByTestId('detail-encoding')).toContainText('ISO-8859-1 (chosen by hand)');
});

test('a guess is shown as one, with the hint to re-decode', async ({ page, host }) => {
  await openNewProject(page, host, 'Guess study');
  // Seventeen characters are too little evidence for the detector: Windows-1252 is the fallback guess.
  await importFiles(page, [{ name: 'short.txt', bytes: win1252('Caf\xe9 r\xe9sum\xe9 \x93ok\x94\n') }]);
  await openDetails(page, 'Café résumé');
  await expect(page.getByTestId('detail-encoding')).toContainText('Windows-1252');
  await expect(page.getByTestId('detail-encoding-basis')).toContainText('guessed');
  await expect(page.getByTestId('detail-encoding-hint')).toContainText('re-import it with another encoding');

  // Without codings nothing is at stake: the new text comes at once, and so does the old one.
  await redecodeTo(page, 'Windows-1251');
  await expect(page.getByTestId('redecode-outcome')).toHaveText('The text was decoded again.');
  await expect(page.getByTestId('redecode-sample')).toContainText('Cafй rйsumй “ok”');
  await page.getByTestId('redecode-close').click();
  await expect(page.getByTestId('detail-encoding-hint')).toHaveCount(0);
  await redecodeTo(page, 'Windows-1252');
  await page.getByTestId('redecode-close').click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('article-row').first()).toContainText('Café résumé “ok”');
});

test('a close call offers the runner-up in one click: Romanian ș/ş', async ({ page, host }) => {
  await openNewProject(page, host, 'Runner-up study');
  // Bytes 0xBA/0xFE: "ș"/"ț" in ISO-8859-16, "ş"/"ţ" in ISO-8859-2 and Windows-1250; nothing else tells them apart.
  const sentence = 'Guvernul a anun\xfeat miercuri c\xe3 negocierile privind bugetul vor \xeencepe s\xe3pt\xe3m\xe2na viitoare, iar sindicatele \xbai patronatele sunt de acord.\n';
  await importFiles(page, [{ name: 'buget.txt', bytes: Buffer.from(sentence.repeat(3), 'latin1') }]);
  // Its first line is a sentence, not a headline: the article is titled by its file name.
  await openDetails(page, 'buget');
  await expect(page.getByTestId('detail-encoding')).toContainText('ISO-8859-16');
  await expect(page.getByTestId('detail-encoding-basis')).toContainText('guessed');
  const offer = page.getByTestId('redecode-runner-up');
  await expect(offer).toContainText(/Try (ISO-8859-2|Windows-1250), the next best/);
  await offer.click();
  await expect(page.getByTestId('redecode-outcome')).toHaveText('The text was decoded again.');
  await expect(page.getByTestId('redecode-sample')).toContainText('anunţat');
  await page.getByTestId('redecode-close').click();
  await expect(page.getByTestId('detail-encoding')).toContainText('chosen by hand');
  await expect(page.getByTestId('redecode-runner-up')).toHaveCount(0);
});
