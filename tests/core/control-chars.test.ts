// Control characters other than tab and line feed never get into what a person types into Gloss — memos, code
// names and descriptions, attribute names and values, project, article and coder names — whichever way they come
// (a call, the CLI, a Gloss JSON import); and NUL never reaches a CSV.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvText } from '../../src-main/core/export/csvFormat';
import { importSources } from '../../src-main/core/import/importer';
import { Project } from '../../src-main/core/store/Project';
import { builtCli, callOk, newProject, nth, tempDir, writeFiles, importArticle, openNewProject } from './helpers';

const NUL = '\u0000';
const ESC = '\u001b';
const BEL = '\u0007';
const DEL = '\u007f';
const C1 = '\u009b'; // CSI: an escape sequence in one character
/** Any control character a CSV, a terminal or a spreadsheet could trip on: C0 except tab and LF, DEL, C1, CR. */
// eslint-disable-next-line no-control-regex -- control characters are what the test looks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

describe('control characters', () => {
  test('every call that takes typed text removes control characters; tab and line feed stay; the CSV has none', async () => {
    const { dir, session, call } = await openNewProject('c.gloss', { name: `Study${NUL}${ESC}[2J` });
    const articleId = await importArticle(call, 'a.txt', 'Aid convoy waits at the crossing.');
    await callOk(call, 'settings.update', { coderName: `maria${BEL}${NUL}` });
    const code = await callOk<{ id: number; name: string; description: string }>(call, 'codes.create', {
      name: `Frames${ESC}[31m${NUL}`,
      description: `red${ESC}[0m\tline one\r\nline two${DEL}`,
    });
    assert.equal(code.name, 'Frames[31m');
    assert.equal(code.description, 'red[0m\tline one\nline two');
    const renamed = await callOk<{ name: string }>(call, 'codes.update', { id: code.id, name: `Humanitarian${C1}1m` });
    assert.equal(renamed.name, 'Humanitarian1m');
    const coding = await callOk<{ id: number; memo: string; coder: string }>(call, 'codings.apply', {
      articleId,
      codeId: code.id,
      start: 0,
      end: 10,
      memo: `direct${NUL} appeal${ESC}[1m\tquoted\nnext line`,
    });
    assert.equal(coding.memo, 'direct appeal[1m\tquoted\nnext line');
    assert.equal(coding.coder, 'maria');
    const edited = await callOk<{ memo: string }>(call, 'codings.update', { id: coding.id, memo: `second${NUL}${ESC} memo` });
    assert.equal(edited.memo, 'second memo');
    const rich = JSON.stringify({ root: { children: [{ type: 'text', text: `rich${NUL}${ESC}text` }] } });
    const memo = await callOk<{ plain: string; rich: string }>(call, 'memos.set', { target: { kind: 'article', id: articleId }, plain: `article${NUL} memo`, rich });
    assert.equal(memo.plain, 'article memo');
    assert.doesNotMatch(JSON.parse(memo.rich).root.children[0].text, CONTROL);
    await callOk(call, 'attributes.define', { name: `desk${BEL}`, type: 'text' });
    const value = await callOk<{ name: string; value: string }>(call, 'attributes.set', { articleId, name: 'desk', value: `foreign${NUL}${ESC}[0m` });
    assert.deepEqual([value.name, value.value], ['desk', 'foreign[0m']);
    const article = await callOk<{ title: string }>(call, 'articles.rename', { id: articleId, title: `Convoy${NUL}` });
    assert.equal(article.title, 'Convoy');
    const info = await callOk<{ name: string }>(call, 'project.current');
    assert.equal(info.name, 'Study[2J');

    const csv = join(dir, 'codings.csv');
    await callOk(call, 'export.csv', { path: csv });
    const text = readFileSync(csv, 'utf8');
    assert.ok(!text.includes(NUL) && !text.includes(ESC) && !text.includes(BEL), 'no NUL, ESC or BEL in the CSV');
    const row = nth(parse(text, { bom: true, columns: true }) as Record<string, string>[], 0, 'the CSV row');
    assert.deepEqual([row.code, row.memo, row.coder, row.desk], ['Humanitarian1m', 'second memo', 'maria', 'foreign[0m']);
    session.closeProject();
  });

  test('a Gloss JSON export with control characters in memos, coders and code names is imported clean', async () => {
    const { project, dir } = newProject();
    const doc = {
      format: 'gloss',
      version: 1,
      offsetUnit: 'codepoint',
      exportedAt: '2026-11-24T09:00:00.000Z',
      project: { name: 'X' },
      codes: [{ id: 1, name: `Frames${ESC}`, path: `Frames${ESC}`, color: '#3cb44b', description: `d${NUL}`, parentId: null }],
      articles: [{ id: 1, title: 'Aid', sourceFile: 'aid.txt', encoding: 'UTF-8', importedAt: '2026-11-24T09:00:00.000Z', text: 'Aid convoy waits' }],
      codings: [
        { id: 1, articleId: 1, codeId: 1, codePath: `Frames${ESC}`, start: 0, end: 3, text: 'Aid', memo: `m${NUL}${ESC}[2J`, coder: `c${BEL}`, createdAt: '2026-11-24T09:00:00.000Z', updatedAt: '2026-11-24T09:00:00.000Z' },
      ],
    };
    const file = nth(writeFiles(dir, { 'export.json': JSON.stringify(doc) }), 0, 'export.json');
    const report = await importSources(project, [{ kind: 'path', path: file }]);
    assert.deepEqual(report.rejected, []);
    const coding = nth(project.codings.listForArticle(nth(report.imported, 0, 'the imported export').articleId), 0, 'the imported coding');
    assert.deepEqual([coding.codePath, coding.memo, coding.coder], ['Frames', 'm[2J', 'c']);
    assert.equal(nth(project.codes.list(), 0, 'the imported code').description, 'd');
    project.close();
  });

  test('the CSV writer never writes NUL, even with raw cells', () => {
    for (const formulaGuard of [false, true]) assert.equal(csvText([[`a${NUL}b`, 1]], { formulaGuard }), 'ab,1\r\n');
  });

  const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;
  test('gloss code --memo/--coder/--code with escape sequences stores them clean; the CSV export has none', { skip }, () => {
    const dir = tempDir('gloss-control-cli-');
    writeFiles(dir, { 'a.txt': 'Aid convoy waits at the crossing.' });
    const gloss = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(gloss('init', 'c.gloss').status, 0);
    assert.equal(gloss('import', 'c.gloss', 'a.txt').status, 0);
    // An argument cannot carry NUL (the operating system ends it there); every other control character can.
    const r = gloss('code', 'c.gloss', '--article', '1', '--code', `Frames${ESC}[31m/Aid${BEL}`, '--start', '0', '--end', '3', `--memo=${ESC}[2Jdirect${DEL} appeal\r\nnext${C1}`, `--coder=ana${ESC}`);
    assert.equal(r.status, 0, r.stderr);
    const coding = JSON.parse(r.stdout) as { memo: string; coder: string; codePath: string };
    assert.deepEqual([coding.memo, coding.coder, coding.codePath], ['[2Jdirect appeal\nnext', 'ana', 'Frames[31m/Aid']);
    assert.equal(gloss('export', 'c.gloss', '--format', 'csv', '--out', 'c.csv').status, 0);
    const text = readFileSync(join(dir, 'c.csv'), 'utf8');
    assert.doesNotMatch(text.replaceAll('\r\n', '\n'), CONTROL);

    // A NUL put into the project file by other means still never reaches the CSV.
    const project = Project.open(join(dir, 'c.gloss'));
    project.db.prepare('UPDATE codings SET memo = ?').run(`held${NUL}back`);
    project.close();
    assert.equal(gloss('export', 'c.gloss', '--format', 'csv', '--out', 'nul.csv').status, 0);
    const nul = readFileSync(join(dir, 'nul.csv'), 'utf8');
    assert.ok(!nul.includes(NUL));
    assert.equal(nth(parse(nul, { bom: true, columns: true }) as Record<string, string>[], 0, 'the CSV row').memo, 'heldback');
  });
});
