// Issue 14, items 10 and 11: a folder import keeps each file's folder (relative to the imported folder) as the
// article attribute `folder`, and an article's title is its first line only when that line looks like a title.
// Real files in a temp folder, imported into a real project file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importSources, type ImportSource } from '../../src-main/core/import/importer';
import { titleFromText } from '../../src-main/core/import/normalise';
import { newProject, tempDir, writeFiles } from './helpers';

const PARAGRAPH =
  'The finance ministry said on Tuesday that the new budget would raise spending on schools and hospitals by a fifth over three years while cutting fuel subsidies';

describe('folder of origin', () => {
  test('a folder import records each file’s folder relative to the imported folder; files at its root get none', async () => {
    const { project } = newProject();
    const dir = tempDir();
    const root = join(dir, 'bbc');
    writeFiles(root, {
      'business/001.txt': 'Shares rise\nMarkets were up.',
      'sport/001.txt': 'Cup final tonight\nThe match starts at eight.',
      'sport/tennis/002.txt': 'Open draw made\nThe seeds are out.',
      'readme.txt': 'About this corpus\nNotes.',
    });
    const report = await importSources(project, [{ kind: 'path', path: root }]);
    assert.equal(report.imported.length, 4, JSON.stringify(report));
    const byTitle = new Map(project.articles.list().items.map((a) => [a.title, a.folder]));
    assert.deepEqual(Object.fromEntries(byTitle), {
      'Shares rise': 'business',
      'Cup final tonight': 'sport',
      'Open draw made': 'sport/tennis',
      'About this corpus': null,
    });
    // The folder is an ordinary text attribute: the article list filters on it like on any other.
    const conditions = project.attributes.filterConditions([{ name: 'folder', op: 'eq', value: 'business' }]);
    assert.deepEqual(
      project.articles.list({ conditions }).items.map((a) => a.title),
      ['Shares rise'],
    );
  });

  test('files picked in a browser folder keep their folder below the picked one; a file picked alone has none', async () => {
    const { project } = newProject();
    const enc = (s: string) => new TextEncoder().encode(s);
    const sources: ImportSource[] = [
      { kind: 'bytes', name: 'coverage/business/001.txt', bytes: enc('Bank merger agreed\nDetails.') },
      { kind: 'bytes', name: 'coverage/002.txt', bytes: enc('Root level story\nDetails.') },
      { kind: 'bytes', name: 'alone.txt', bytes: enc('A file on its own\nDetails.') },
    ];
    await importSources(project, sources);
    const byTitle = Object.fromEntries(project.articles.list().items.map((a) => [a.title, a.folder]));
    assert.deepEqual(byTitle, { 'Bank merger agreed': 'business', 'Root level story': null, 'A file on its own': null });
  });
});

describe('titles', () => {
  test('a short first line without a final full stop is the title', () => {
    assert.equal(titleFromText('\n  Aid convoy waits at the border  \nBody text.', 'x/001.txt'), 'Aid convoy waits at the border');
    assert.equal(titleFromText('Why did the talks fail?\nBody.', '001.txt'), 'Why did the talks fail?');
    assert.equal(titleFromText('Prices climb again...\nBody.', '001.txt'), 'Prices climb again...');
  });

  test('a paragraph, a sentence or an over-long line gives the file name without its extension', () => {
    assert.equal(titleFromText(`${PARAGRAPH}\nMore.`, 'bbc/business/001.txt'), '001');
    assert.equal(titleFromText('The minister resigned.\nMore.', 'resignation.txt'), 'resignation');
    const sixteenWords = Array.from({ length: 16 }, (_, i) => `w${i}`).join(' ');
    assert.equal(titleFromText(sixteenWords, 'a.md'), 'a');
    assert.equal(titleFromText(Array.from({ length: 15 }, (_, i) => `w${i}`).join(' '), 'a.md'), Array.from({ length: 15 }, (_, i) => `w${i}`).join(' '));
    assert.equal(titleFromText('x'.repeat(121), 'long.txt'), 'long');
    assert.equal(titleFromText('x'.repeat(120), 'long.txt'), 'x'.repeat(120));
  });

  test('the importer titles files by that rule', async () => {
    const { project } = newProject();
    const dir = tempDir();
    const files = writeFiles(dir, {
      'headline.txt': 'Floods close the coast road\nThe road was shut on Monday.',
      'para-first.txt': `${PARAGRAPH}.\nSecond paragraph.`,
      'sentence.txt': 'Officials confirmed the figures.\nMore text.',
    });
    const report = await importSources(project, files.map((path): ImportSource => ({ kind: 'path', path })));
    assert.deepEqual(report.imported.map((i) => i.title), ['Floods close the coast road', 'para-first', 'sentence']);
  });
});
