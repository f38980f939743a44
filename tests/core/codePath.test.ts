// The one rule for code paths (#14): "A/B/C" names levels and creates missing parents; a "/" inside a name is
// written "\/" and a backslash "\\" wherever a path is typed or shown. Checked on the pure rule (a round-trip
// property over names full of slashes and backslashes), on the codebook (real SQLite), and through the dispatcher
// as the app, the batch dialog and the CLI call it: parents created in one undo step, errors in plain words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { codePathProblem, escapeCodeName, joinCodePath, normaliseCodePath, splitCodePath } from '../../src-main/contract/codePath';
import type { Code, Coding } from '../../src-main/contract/types';
import { callOk, directTransport, exportSchemaPath, newProject, newSession, importArticle, openNewProject } from './helpers';

/** A name as the codebook stores it: non-empty, no surrounding space, rich in the characters the rule escapes. */
const codeName = fc
  .array(fc.constantFrom('/', '\\', 'a', 'Ω', ' ', 'é', '/\\', '\\\\', 'x'), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join('').trim())
  .filter((n) => n.length > 0);

describe('code path rule', () => {
  test('split(join(names)) gives the names back, for any names with "/" and "\\" in them', () => {
    fc.assert(
      fc.property(fc.array(codeName, { minLength: 1, maxLength: 6 }), (names) => {
        assert.deepEqual(splitCodePath(joinCodePath(names)), names);
        assert.equal(normaliseCodePath(joinCodePath(names)), joinCodePath(names));
        assert.equal(codePathProblem(joinCodePath(names)), null);
      }),
      { numRuns: 500 },
    );
  });

  test('the escapes as documented', () => {
    assert.deepEqual(splitCodePath('Frames/Humanitarian'), ['Frames', 'Humanitarian']);
    assert.deepEqual(splitCodePath('Aid\\/relief'), ['Aid/relief']);
    assert.deepEqual(splitCodePath('A\\\\/B'), ['A\\', 'B']);
    assert.deepEqual(splitCodePath(' Frames / Aid \\/ relief '), ['Frames', 'Aid / relief']);
    // A backslash before anything else is a literal backslash, so "C:\temp" needs no doubling.
    assert.deepEqual(splitCodePath('C:\\temp'), ['C:\\temp']);
    assert.equal(escapeCodeName('Aid/relief'), 'Aid\\/relief');
    assert.equal(escapeCodeName('a\\b'), 'a\\\\b');
    assert.equal(joinCodePath(['Frames', 'Aid/relief']), 'Frames/Aid\\/relief');
  });

  test('a path with an empty level is refused in plain words', () => {
    assert.match(codePathProblem('Frames//Aid') ?? '', /empty level/);
    assert.match(codePathProblem('/Aid') ?? '', /empty level/);
    assert.equal(codePathProblem('  '), 'Type a code name.');
    assert.match(codePathProblem(`A/${'x'.repeat(201)}`) ?? '', /at most 200 characters/);
  });
});

describe('code paths in the codebook', () => {
  test('a name may hold "/": its path shows it escaped, and that path finds it again', () => {
    const { project } = newProject();
    try {
      const aid = project.codes.create({ name: 'Aid/relief' });
      assert.equal(aid.path, 'Aid\\/relief');
      const sub = project.codes.ensurePath('Aid\\/relief/Convoys');
      assert.equal(sub.parentId, aid.id);
      assert.equal(sub.path, 'Aid\\/relief/Convoys');
      assert.equal(project.codes.findPath('aid\\/RELIEF/convoys')?.id, sub.id);
      assert.equal(project.codes.list().length, 2, 'the escaped slash made no extra level');
      assert.deepEqual(
        project.codes.list().map((c) => c.path),
        ['Aid\\/relief', 'Aid\\/relief/Convoys'],
      );
    } finally {
      project.close();
    }
  });

  test('createPath makes the missing parents and refuses a code that exists', () => {
    const { project } = newProject();
    try {
      const frames = project.codes.create({ name: 'Frames' });
      const made = project.codes.createPath('Frames/Humanitarian/Children', { color: '#123456' });
      assert.equal(made.path, 'Frames/Humanitarian/Children');
      assert.equal(made.color, '#123456');
      assert.equal(project.codes.findPath('Frames/Humanitarian')?.parentId, frames.id);
      assert.throws(() => project.codes.createPath('frames/humanitarian'), /There is already a code named "Humanitarian" in "Frames"/);
      assert.throws(() => project.codes.createPath('Frames//X'), /empty level/);
      assert.equal(project.codes.list().length, 3);
    } finally {
      project.close();
    }
  });
});

describe('code paths through the contract', () => {
  async function openStudy() {
    const { session, call } = await openNewProject('paths.gloss');
    return { session, call, articleId: await importArticle(call, 'a.txt', 'Aid convoys wait at the crossing.\n') };
  }

  test('codes.create takes a path: parents created, one undo step takes them all back', async () => {
    const { session, call } = await openStudy();
    const code = await callOk<Code>(call, 'codes.create', { codePath: 'Frames/Humanitarian' });
    assert.equal(code.path, 'Frames/Humanitarian');
    const { codes } = await callOk<{ codes: Code[] }>(call, 'codes.list');
    assert.deepEqual(codes.map((c) => c.path), ['Frames', 'Frames/Humanitarian']);
    const undone = await callOk<{ label: string | null }>(call, 'history.undo');
    assert.equal(undone.label, 'Create code');
    assert.deepEqual((await callOk<{ codes: Code[] }>(call, 'codes.list')).codes, []);
    session.closeProject();
  });

  test('errors are plain words without the call name', async () => {
    const { session, call } = await openStudy();
    await callOk(call, 'codes.create', { codePath: 'Frames' });
    const clash = await call('codes.create', { codePath: 'Frames' });
    assert.equal(clash.ok, false);
    assert.equal(!clash.ok && clash.error.message, 'There is already a code named "Frames" at the top level.');
    const empty = await call('codes.create', { codePath: 'Frames//Aid' });
    assert.equal(empty.ok, false);
    const message = !empty.ok ? empty.error.message : '';
    assert.match(message, /^"Frames\/\/Aid" is not a code path: it has an empty level/);
    assert.doesNotMatch(message, /codes\.create/);
    const blank = await call('codes.create', { name: '  ' });
    assert.equal(!blank.ok && blank.error.message.startsWith('A code needs a name.'), true);
    session.closeProject();
  });

  test('a coding by an escaped path (the CLI --code, the batch dialog) makes one level per unescaped "/"', async () => {
    const { session, call, articleId } = await openStudy();
    const coding = await callOk<Coding>(call, 'codings.apply', { articleId, codePath: 'Frames/Aid\\/relief', start: 0, end: 3 });
    assert.equal(coding.codePath, 'Frames/Aid\\/relief');
    const { codes } = await callOk<{ codes: Code[] }>(call, 'codes.list');
    assert.deepEqual(
      codes.map((c) => c.name),
      ['Frames', 'Aid/relief'],
    );
    session.closeProject();
  });
});

describe('code paths in exports', () => {
  test('JSON and CSV print escaped paths, the JSON validates, and importing it gives the same names back', async () => {
    const { dir, session, call } = await openNewProject('out.gloss');
    const articleId = await importArticle(call, 'a.txt', 'Aid convoys wait at the crossing.\n');
    await callOk(call, 'codings.apply', { articleId, codePath: 'Frames/Aid\\/relief', start: 0, end: 3 });
    await callOk(call, 'codings.apply', { articleId, codePath: 'Places/C:\\\\crossing', start: 4, end: 11 });
    const json = join(dir, 'out.json');
    const csv = join(dir, 'out.csv');
    await callOk(call, 'export.json', { path: json });
    await callOk(call, 'export.csv', { path: csv });
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { codes: { name: string; path: string }[]; codings: { codePath: string }[] };
    assert.deepEqual(
      doc.codes.map((c) => [c.name, c.path]),
      [
        ['Frames', 'Frames'],
        ['Aid/relief', 'Frames/Aid\\/relief'],
        ['Places', 'Places'],
        ['C:\\crossing', 'Places/C:\\\\crossing'],
      ],
    );
    assert.deepEqual(doc.codings.map((k) => k.codePath), ['Frames/Aid\\/relief', 'Places/C:\\\\crossing']);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date-time', { type: 'string', validate: (v: string) => !Number.isNaN(Date.parse(v)) });
    const validate = ajv.compile(JSON.parse(readFileSync(exportSchemaPath, 'utf8')) as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const rows = parse(readFileSync(csv, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r.code, r.code_path]), [
      ['Aid/relief', 'Frames/Aid\\/relief'],
      ['C:\\crossing', 'Places/C:\\\\crossing'],
    ]);
    session.closeProject();

    // The export read back into a new project: the same four codes, "/" still inside its name.
    const other = newSession();
    const back = directTransport(other.session);
    await callOk(back, 'project.create', { path: join(other.dir, 'back.gloss') });
    await callOk(back, 'articles.importPaths', { paths: [json] });
    const { codes } = await callOk<{ codes: Code[] }>(back, 'codes.list');
    assert.deepEqual(codes.map((c) => [c.name, c.path]), doc.codes.map((c) => [c.name, c.path]));
    other.session.closeProject();
  });
});
