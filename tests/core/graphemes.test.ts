// A coding never splits a grapheme cluster (a flag, an emoji sequence, a letter and its combining marks), whichever
// host applies it: the core widens the span outward by the same rule the reader applies to a selection.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { OffsetIndex } from '../../src-main/contract/offsets';
import { ArticleDoc } from '../../src-renderer/features/reader/articleDoc';
import { FAMILY, FLAG_LB, TRICKY_TEXT, THUMBS_DARK, builtCli, callOk, cps, cpSlice, importText, newProject, spanOf, tempDir, writeFiles, importArticle, openNewProject } from './helpers';

/** x with a combining circumflex: no precomposed form, so NFC keeps two code points for one character. */
const X_HAT = 'x\u0302';
const TEXT = `Flag ${FLAG_LB} here, ${X_HAT} there, ${FAMILY} and ${THUMBS_DARK}.`;
const flag = spanOf(TEXT, FLAG_LB);
const xHat = spanOf(TEXT, X_HAT);

describe('grapheme clusters', () => {
  test('codings.apply and codings.update widen a span that splits a flag or a letter from its mark', async () => {
    const { session, call } = await openNewProject('g.gloss');
    const articleId = await importArticle(call, 'g.txt', TEXT);
    const code = await callOk<{ id: number }>(call, 'codes.create', { name: 'Symbols' });
    type C = { id: number; start: number; end: number; text: string };

    // Start between the two regional indicators of 🇱🇧.
    const inFlag = await callOk<C>(call, 'codings.apply', { articleId, codeId: code.id, start: flag.start + 1, end: flag.end + 5 });
    assert.deepEqual([inFlag.start, inFlag.end], [flag.start, flag.end + 5]);
    assert.equal(inFlag.text, `${FLAG_LB} here`);
    // End between x and its combining mark.
    const inMark = await callOk<C>(call, 'codings.apply', { articleId, codeId: code.id, start: xHat.start, end: xHat.start + 1 });
    assert.deepEqual([inMark.start, inMark.end, inMark.text], [xHat.start, xHat.end, X_HAT]);
    // Moving an edge into the family emoji takes the whole family.
    const family = spanOf(TEXT, FAMILY);
    const moved = await callOk<C>(call, 'codings.update', { id: inMark.id, end: family.start + 3 });
    assert.deepEqual([moved.start, moved.end], [xHat.start, family.end]);
    for (const k of [inFlag, inMark, moved]) assert.ok(!k.text.startsWith('\u0302'));
    session.closeProject();
  });

  test('search.codeHits: hits inside one cluster collapse into one whole-cluster coding', async () => {
    const { session, call } = await openNewProject('h.gloss');
    const articleId = await importArticle(call, 'h.txt', TEXT);
    const code = await callOk<{ id: number }>(call, 'codes.create', { name: 'Flags' });
    const hits = [
      { articleId, start: flag.start, end: flag.start + 1 },
      { articleId, start: flag.start + 1, end: flag.end },
    ];
    const result = await callOk<{ created: number; collapsed: number }>(call, 'search.codeHits', { hits, codeId: code.id });
    assert.deepEqual([result.created, result.collapsed], [1, 1]);
    const { codings } = await callOk<{ codings: { start: number; end: number; text: string }[] }>(call, 'codings.listForArticle', { articleId });
    assert.deepEqual(codings.map((k) => [k.start, k.end, k.text]), [[flag.start, flag.end, FLAG_LB]]);
    session.closeProject();
  });

  test('the core stores exactly the span the reader would select, for every pair of edges', async () => {
    const { project } = newProject();
    const text = TRICKY_TEXT.split('\n').slice(0, 2).join('\n');
    const articleId = await importText(project, text);
    const code = project.codes.create({ name: 'Any' });
    const doc = new ArticleDoc(text);
    const index = new OffsetIndex(text);
    const n = cps(text).length;
    for (let start = 0; start < n; start++) {
      for (const width of [1, 2, 3, 7]) {
        const end = Math.min(n, start + width);
        if (end <= start) continue;
        const app = doc.spanFromUtf16(index.toUtf16(start), index.toUtf16(end))!;
        const coding = project.codings.apply({ articleId, codeId: code.id, start, end, coder: 't' });
        assert.deepEqual([coding.start, coding.end, coding.text], [app.start, app.end, app.text], `${start}–${end}`);
        assert.equal(coding.text, cpSlice(text, coding.start, coding.end));
        project.codings.remove(coding.id);
      }
    }
    project.close();
  });

  const skip = existsSync(builtCli) ? false : `${builtCli} is missing: run \`npm run build\` (npm test builds before it tests)`;
  test('gloss code --start inside a flag or between a letter and its mark stores whole characters and says so', { skip }, () => {
    const dir = tempDir('gloss-grapheme-cli-');
    writeFiles(dir, { 'g.txt': TEXT });
    const gloss = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(gloss('init', 'g.gloss').status, 0);
    assert.equal(gloss('import', 'g.gloss', 'g.txt').status, 0);

    const r = gloss('code', 'g.gloss', '--article', '1', '--code', 'Flags', '--start', String(flag.start + 1), '--end', String(flag.end));
    assert.equal(r.status, 0, r.stderr);
    const coding = JSON.parse(r.stdout) as { start: number; end: number; text: string };
    assert.deepEqual([coding.start, coding.end, coding.text], [flag.start, flag.end, FLAG_LB]);
    assert.match(r.stderr, new RegExp(`--start ${flag.start + 1} fell inside the character "${FLAG_LB}" \\(code points ${flag.start}–${flag.end}\\)`));

    const m = gloss('code', 'g.gloss', '--article', '1', '--code', 'Marks', '--start', String(xHat.start), '--end', String(xHat.start + 1));
    assert.equal(m.status, 0, m.stderr);
    const marked = JSON.parse(m.stdout) as { start: number; end: number; text: string };
    assert.deepEqual([marked.start, marked.end, marked.text], [xHat.start, xHat.end, X_HAT]);
    assert.match(m.stderr, /--end \d+ fell inside the character/);

    // A span on whole characters is stored as given, without a note.
    const plain = gloss('code', 'g.gloss', '--article', '1', '--code', 'Words', '--start', '0', '--end', '4');
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(plain.stderr, '');
  });
});
