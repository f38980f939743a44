// Importing span annotations from other tools (issue 13). Every fixture is synthetic and written the way the tool
// writes its files: doccano JSONL (both shapes, Python code-point offsets, CRLF inside the text counted as two),
// Label Studio's JSON export (UTF-16 offsets, value.text, several annotators), brat standoff (.txt on disk with CRLF,
// discontinuous spans, AnnotatorNotes, relations), W3C Web Annotation (AnnotationCollection/AnnotationPage,
// position and quote selectors) and spans CSV. Each test checks what the user gets: the coded text in the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAnnotations } from '../../src-main/core/exchange/annotations/importAnnotations';
import { annotationInputsFromPaths } from '../../src-main/core/exchange/annotations/importAnnotations';
import type { AnnotationFormat } from '../../src-main/core/exchange/annotations/model';
import type { Project } from '../../src-main/core/store/Project';
import { importSources } from '../../src-main/core/import/importer';
import { builtCli, importText, newProject, repoRoot, tempDir, writeFiles } from './helpers';
import { spawnSync } from 'node:child_process';
import { builtOrSkip } from './built';
import { workerWriter } from '../../src-main/core/import/articleWriter';

const EMOJI = '\u{1F600}'; // 😀: one code point, two UTF-16 units, four UTF-8 bytes
const u16 = (s: string, needle: string) => ({ start: s.indexOf(needle), end: s.indexOf(needle) + needle.length });
const cp = (s: string, needle: string) => {
  const at = s.indexOf(needle);
  const start = [...s.slice(0, at)].length;
  return { start, end: start + [...needle].length };
};
const u8 = (s: string, needle: string) => {
  const at = s.indexOf(needle);
  const start = Buffer.byteLength(s.slice(0, at));
  return { start, end: start + Buffer.byteLength(needle) };
};

async function run(project: Project, format: AnnotationFormat, files: Record<string, string | Uint8Array>, options: { unit?: 'auto' | 'codepoint' | 'utf16' | 'utf8'; codePrefix?: string } = {}) {
  const dir = tempDir('gloss-annot-');
  const paths = writeFiles(dir, files);
  const { inputs } = annotationInputsFromPaths(paths, format);
  return importAnnotations(project, inputs, { format, coder: 'tester', ...options });
}

/** Every coding of the project as "code: text" (and coder), sorted, so tests compare what an analyst sees. */
function coded(project: Project, withCoder = false): string[] {
  const rows = project.db.prepare('SELECT article_id AS a FROM codings GROUP BY article_id').all() as { a: number }[];
  return rows
    .flatMap(({ a }) => project.codings.listForArticle(a))
    .map((c) => `${c.codePath}: ${c.text}${withCoder ? ` (${c.coder})` : ''}${c.memo ? ` [${c.memo}]` : ''}`)
    .sort();
}

test('doccano JSONL, both shapes: code points on the text as the line carries it, CRLF counted as two, astral characters', async () => {
  const { project } = newProject();
  const a = `Breaking ${EMOJI} news:\r\nThe minister resigned.`;
  const b = `Second ${EMOJI}${EMOJI} story\r\nabout floods in the north.`;
  const lines = [
    JSON.stringify({ id: 1, text: a, label: [[cp(a, 'minister').start, cp(a, 'minister').end, 'PERSON'], [cp(a, 'news').start, cp(a, 'news').end, 'Frame']] }),
    JSON.stringify({ id: 2, text: b, entities: [{ id: 7, start_offset: cp(b, 'floods').start, end_offset: cp(b, 'floods').end, label: 'Disaster' }], relations: [{ id: 1, from_id: 7, to_id: 7, type: 'self' }] }),
  ];
  const report = await run(project, 'doccano', { 'project.jsonl': `${lines.join('\n')}\n` }, { codePrefix: 'NER' });
  assert.deepEqual(coded(project), ['NER/Disaster: floods', 'NER/Frame: news', 'NER/PERSON: minister']);
  assert.equal(report.articlesCreated.length, 2);
  assert.equal(report.notImported.relations, 1);
  assert.deepEqual(report.unplaced, []);
  // The stored article has LF line endings; the offsets were mapped, not copied.
  const stored = project.articles.get(report.articlesCreated[0]!.articleId).text;
  assert.ok(!stored.includes('\r'));
});

test('Label Studio export: UTF-16 offsets with astral characters, several annotators become several coders, quotes checked', async () => {
  const { project } = newProject();
  const text = `${EMOJI}${EMOJI} Protesters gathered\r\nin ${EMOJI} Beirut on Sunday.`;
  const region = (needle: string, label: string) => ({
    id: `r-${label}`,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    origin: 'manual',
    value: { start: u16(text, needle).start, end: u16(text, needle).end, text: needle, labels: [label] },
  });
  const task = {
    id: 42,
    data: { text },
    annotations: [
      { id: 1, completed_by: 1, result: [region('Protesters', 'Actor'), region('Beirut', 'Place')], was_cancelled: false, lead_time: 3.2 },
      {
        id: 2,
        completed_by: { id: 2, email: 'rima@example.org' },
        result: [region('Beirut', 'Place'), region('Sunday', 'Time'), { id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Neutral'] } }],
      },
    ],
    predictions: [],
  };
  const report = await run(project, 'labelstudio', { 'export.json': JSON.stringify([task]) });
  // Both annotators marked "Beirut" as Place: each keeps their own coding (a coder is part of what makes a coding
  // unique), so agreement can be measured on exactly what each of them did.
  assert.deepEqual(coded(project, true), [
    'Actor: Protesters (labelstudio-user-1)',
    'Place: Beirut (labelstudio-user-1)',
    'Place: Beirut (rima@example.org)',
    'Time: Sunday (rima@example.org)',
  ]);
  assert.equal(report.duplicates, 0);
  assert.deepEqual(
    project.coders.list().map((c) => c.name).sort(),
    ['labelstudio-user-1', 'rima@example.org'],
  );
  assert.equal(report.notImported['results of type choices'], 1);
  assert.match(report.units[0]!.unit, /UTF-16/);
});

test('Label Studio: a region whose position is off but whose quote is nearby is re-anchored and reported; one whose quote is nowhere is reported with its reason', async () => {
  const { project } = newProject();
  const text = 'The council met. The council voted. The mayor left.';
  const good = u16(text, 'mayor');
  const task = {
    data: { text },
    annotations: [
      {
        completed_by: 1,
        result: [
          { type: 'labels', value: { start: good.start, end: good.end, text: 'mayor', labels: ['Actor'] } },
          { type: 'labels', value: { start: 20, end: 27, text: 'council', labels: ['Actor'] } }, // off by one: "council" starts at 21
          { type: 'labels', value: { start: 4, end: 11, text: 'senator', labels: ['Actor'] } },
        ],
      },
    ],
  };
  const report = await run(project, 'labelstudio', { 'export.json': JSON.stringify([task]) });
  assert.deepEqual(coded(project), ['Actor: council', 'Actor: mayor']);
  assert.equal(report.reanchored.length, 1);
  assert.deepEqual(report.reanchored[0]!.to, [21, 28]);
  assert.equal(report.unplaced.length, 1);
  assert.match(report.unplaced[0]!.reason, /senator/);
  assert.equal(report.placed, 2);
});

test('brat standoff: .txt with CRLF and astral characters, discontinuous spans as one coding per fragment, AnnotatorNotes as memos, other lines counted', async () => {
  const { project } = newProject();
  const txt = `Rebels ${EMOJI} seized the\r\ntown of Kidal on Monday.\r\n`;
  const r = cp(txt, 'Rebels');
  const s = cp(txt, 'seized');
  const k = cp(txt, 'Kidal');
  const ann = [
    `T1\tActor ${r.start} ${r.end}\tRebels`,
    `T2\tEvent ${s.start} ${s.end};${k.start} ${k.end}\tseized Kidal`,
    `T3\tPlace ${k.start} ${k.end}\tKidal`,
    'R1\tLocated Arg1:T2 Arg2:T3',
    'A1\tNegated T2',
    '#1\tAnnotatorNotes T1\tarmed group, not named',
  ].join('\n');
  const report = await run(project, 'brat', { 'doc1.txt': txt, 'doc1.ann': `${ann}\n` });
  assert.deepEqual(coded(project), ['Actor: Rebels [armed group, not named]', 'Event: Kidal', 'Event: seized', 'Place: Kidal']);
  assert.equal(report.notImported.relations, 1);
  assert.equal(report.notImported.attributes, 1);
  assert.equal(report.articlesCreated.length, 1);
  assert.deepEqual(report.unplaced, []);
});

test('brat: an .ann without its .txt is rejected with the file it looked for', async () => {
  const { project } = newProject();
  const report = await run(project, 'brat', { 'lonely.ann': 'T1\tX 0 3\tabc\n' });
  assert.equal(report.rejected.length, 1);
  assert.match(report.rejected[0]!.reason, /lonely\.txt was not found/);
});

test('W3C Web Annotation: an AnnotationCollection with an embedded page, position and quote selectors, tagging and commenting bodies, creators', async () => {
  const { project } = newProject();
  const text = `Floods ${EMOJI} displaced thousands in Sindh.\nAid arrived late.`;
  const id = await importText(project, text, 'sindh.txt');
  const pos = cp(text, 'thousands');
  const doc = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'http://example.org/collection1',
    type: 'AnnotationCollection',
    total: 3,
    first: {
      id: 'http://example.org/page1',
      type: 'AnnotationPage',
      startIndex: 0,
      items: [
        {
          id: 'http://example.org/anno1',
          type: 'Annotation',
          motivation: 'tagging',
          creator: { id: 'http://example.org/user1', type: 'Person', name: 'Amal' },
          body: [
            { type: 'TextualBody', purpose: 'tagging', value: 'Humanitarian' },
            { type: 'TextualBody', purpose: 'commenting', value: 'victims framed as numbers' },
          ],
          target: {
            source: 'http://example.org/texts/sindh.txt',
            selector: [
              { type: 'TextPositionSelector', start: pos.start, end: pos.end },
              { type: 'TextQuoteSelector', exact: 'thousands', prefix: 'displaced ', suffix: ' in Sindh' },
            ],
          },
        },
        {
          id: 'http://example.org/anno2',
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'classifying', value: 'Blame' },
          target: { source: 'sindh.txt', selector: { type: 'TextQuoteSelector', exact: 'late', prefix: 'arrived ', suffix: '.' } },
        },
        {
          id: 'http://example.org/anno3',
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'tagging', value: 'Place' },
          target: { source: 'elsewhere.txt', selector: { type: 'TextPositionSelector', start: 0, end: 4 } },
        },
      ],
    },
  };
  const report = await run(project, 'webannotation', { 'annotations.jsonld': JSON.stringify(doc) }, { codePrefix: 'Frames' });
  assert.deepEqual(coded(project, true), ['Frames/Blame: late (tester)', 'Frames/Humanitarian: thousands (Amal) [victims framed as numbers]']);
  assert.equal(report.articlesMatched[0]!.articleId, id);
  assert.equal(report.unplaced.length, 1);
  assert.match(report.unplaced[0]!.reason, /no article in the project matches "elsewhere\.txt"/);
});

test('spans CSV: article by file name, quoted text verified, a bad row reported, an exact duplicate skipped and counted', async () => {
  const { project } = newProject();
  const text = 'Vaccines arrived.\nThe minister praised the rollout.';
  await importText(project, text, 'vax.txt');
  const m = cp(text, 'minister');
  const r = cp(text, 'rollout');
  const csv = [
    'article,start,end,code,memo,coder,text',
    `vax.txt,${m.start},${m.end},Actors/Government,"said ""well done""",ana,minister`,
    `vax.txt,${r.start},${r.end},Policy,,ana,rollout`,
    `vax.txt,${r.start},${r.end},Policy,,ana,rollout`,
    'vax.txt,x,3,Policy,,,',
  ].join('\r\n');
  const report = await run(project, 'spans', { 'spans.csv': csv });
  assert.deepEqual(coded(project, true), ['Actors/Government: minister (ana) [said "well done"]', 'Policy: rollout (ana)']);
  assert.equal(report.duplicates, 1);
  assert.equal(report.unplaced.length, 1);
  assert.match(report.unplaced[0]!.where, /line 5/);
  // Importing the same file again adds nothing: every span is an exact duplicate.
  const again = await run(project, 'spans', { 'spans.csv': csv });
  assert.equal(again.placed, 0);
  assert.equal(again.duplicates, 3);
});

test('--unit utf8 reads byte offsets; auto finds UTF-8 from the quotes on its own', async () => {
  const text = `Caf\u00e9 ${EMOJI} owners protested the tax.`;
  const t = u8(text, 'tax');
  const o = u8(text, 'owners');
  const task = { data: { text }, annotations: [{ result: [{ type: 'labels', value: { start: t.start, end: t.end, text: 'tax', labels: ['Issue'] } }, { type: 'labels', value: { start: o.start, end: o.end, text: 'owners', labels: ['Actor'] } }] }] };
  for (const unit of ['utf8', 'auto'] as const) {
    const { project } = newProject();
    const report = await run(project, 'labelstudio', { 'e.json': JSON.stringify([task]) }, { unit });
    assert.deepEqual(coded(project), ['Actor: owners', 'Issue: tax'], unit);
    assert.match(report.units[0]!.unit, /UTF-8/);
    assert.equal(report.reanchored.length, 0);
  }
});

test('a BOM the producer counted and a decomposed letter Gloss composes: positions still land on the same characters', async () => {
  const { project } = newProject();
  // Composed by NFC on import: "Jose\u0301" (5 code points) is stored as "José" (4).
  const body = 'Jose\u0301 Marti\u0301 spoke.\nThe crowd cheered loudly.';
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
  await importSources(project, [{ kind: 'bytes', name: 'article7.txt', bytes }]);
  // Offsets counted in Python on the text read without utf-8-sig: the BOM is character 0.
  const withBom = `\ufeff${body}`;
  const crowd = cp(withBom, 'crowd');
  const cheered = cp(withBom, 'cheered');
  const spoke = cp(withBom, 'spoke');
  const tsv = [`7\tLoaded\t${crowd.start}\t${crowd.end}`, `7\tLoaded\t${cheered.start}\t${cheered.end}`, `7\tOther\t${spoke.start}\t${spoke.end}`].join('\n');
  const report = await run(project, 'semeval', { 'labels.tsv': tsv });
  assert.deepEqual(coded(project), ['Loaded: cheered', 'Loaded: crowd', 'Other: spoke']);
  assert.match(report.units[0]!.unit, /BOM counted/);
});

const SEMEVAL = join(repoRoot, '..', 'shared', 'corpus', 'coded', 'semeval2020-task11-ptc');

test('SemEval-2020 task 11 (a subset: 30 articles and those with a BOM): every span placed, its text the gold span of the original file', async (t) => {
  if (!existsSync(join(SEMEVAL, 'train-task2-TC.labels'))) {
    t.skip(`the SemEval corpus is not at ${SEMEVAL} (../shared/ is absent here)`);
    return;
  }
  const lines = readFileSync(join(SEMEVAL, 'train-task2-TC.labels'), 'utf8').split('\n').filter(Boolean);
  const all = [...new Set(lines.map((l) => l.split('\t')[0]!))];
  // The first 30 articles, and those whose file starts with a BOM the task's offsets count as a character.
  const withBom = all.filter((id) => readFileSync(join(SEMEVAL, 'train-articles', `article${id}.txt`)).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
  const ids = [...new Set([...all.slice(0, 30), ...withBom])];
  const subset = lines.filter((l) => ids.includes(l.split('\t')[0]!));
  const { project } = newProject();
  const dir = tempDir('gloss-semeval-');
  // The labels go in a folder of their own; the preset finds article<ID>.txt in the folders beside them.
  const files: Record<string, Uint8Array | string> = { 'subset.labels': subset.join('\n') };
  for (const id of ids) files[`train-articles/article${id}.txt`] = readFileSync(join(SEMEVAL, 'train-articles', `article${id}.txt`));
  const [labels] = writeFiles(dir, files);
  const { inputs } = annotationInputsFromPaths([labels!], 'semeval');
  const report = await importAnnotations(project, inputs, { format: 'semeval', coder: 'gold' });
  assert.equal(report.spans, subset.length);
  assert.deepEqual(report.unplaced, []);
  assert.equal(report.placed + report.duplicates, subset.length);
  if (withBom.length > 0) assert.ok(report.units.some((u) => /BOM counted/.test(u.unit)), 'an article with a BOM is read with the BOM counted');
  // Each placed span's text is the gold span: the original file's characters at the given code points, normalised
  // as Gloss stores text (LF, NFC). Read the way the task's scorer reads the file (Python, UTF-8, BOM kept).
  const articles = new Map(report.articlesCreated.concat(report.articlesMatched).map((a) => [a.name, a.articleId]));
  for (const line of subset) {
    const [id, technique, s, e] = line.split('\t');
    const original = [...readFileSync(join(SEMEVAL, 'train-articles', `article${id}.txt`), 'utf8')];
    const gold = original.slice(Number(s), Number(e)).join('');
    const articleId = articles.get(`article${id}.txt`)!;
    const found = project.codings.listForArticle(articleId).filter((c) => c.codePath === technique);
    const normalisedGold = gold.replace(/\r\n?/g, '\n').normalize('NFC').replace(/^\ufeff/, '');
    assert.ok(
      found.some((c) => c.text === normalisedGold || c.text.replace(/^\ufeff/, '') === normalisedGold),
      `article ${id} ${technique} ${s}–${e}: "${normalisedGold}" not among ${JSON.stringify(found.map((c) => c.text))}`,
    );
  }
});

test('cancel between batches: the committed batches stay, the rest is not written, the report says cancelled', async () => {
  const { project } = newProject();
  const lines = Array.from({ length: 6 }, (_, k) => JSON.stringify({ text: `Story ${k}: the minister spoke.`, label: [[0, 5, 'Title'], [13, 21, 'Actor']] }));
  const dir = tempDir('gloss-annot-');
  const paths = writeFiles(dir, { 'six.jsonl': lines.join('\n') });
  const controller = new AbortController();
  const report = await importAnnotations(project, annotationInputsFromPaths(paths, 'doccano').inputs, {
    format: 'doccano',
    coder: 'tester',
    batchSpans: 4,
    signal: controller.signal,
    onProgress: (done) => {
      if (done >= 4) controller.abort();
    },
  });
  assert.equal(report.cancelled, true);
  assert.equal(report.placed, 4);
  assert.equal(project.codings.count(), 4);
  assert.equal(project.articles.count(), 2);
});

const IMPORT_WORKER = join(repoRoot, 'out', 'main', 'importWriter.js');

test('on the import writer worker (as the app runs it) the same codings are stored', { skip: builtOrSkip(IMPORT_WORKER) }, async () => {
  const text = `Rebels ${EMOJI} seized the\r\ntown of Kidal.`;
  const k = cp(text, 'Kidal');
  const files = { 'doc.txt': text, 'doc.ann': `T1\tPlace ${k.start} ${k.end}\tKidal\n` };
  const results: string[][] = [];
  for (const useWorker of [false, true]) {
    const { project, path } = newProject();
    const writer = useWorker ? workerWriter(IMPORT_WORKER, path) : undefined;
    const dir = tempDir('gloss-annot-');
    const { inputs } = annotationInputsFromPaths(writeFiles(dir, files), 'brat');
    const report = await importAnnotations(project, inputs, { format: 'brat', coder: 'tester', writer });
    await writer?.close();
    assert.equal(report.placed, 1);
    results.push(coded(project));
  }
  assert.deepEqual(results[1], results[0]);
  assert.deepEqual(results[0], ['Place: Kidal']);
});

test('gloss import --format spans --json and gloss export --format webannotation: the report on stdout, exit 1 when a span is not placed', { skip: builtOrSkip(builtCli) }, () => {
  const dir = tempDir('gloss-annot-cli-');
  const text = `Aid ${EMOJI} convoy waits.\nOfficials blame the delays.`;
  const b = cp(text, 'blame');
  writeFiles(dir, {
    'story.txt': text,
    'spans.csv': `file,start,end,code,text\nstory.txt,${b.start},${b.end},Blame,blame\nstory.txt,0,3,Blame,nowhere\n`,
  });
  const project = join(dir, 'p.gloss');
  const gloss = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
  assert.equal(gloss('init', project).status, 0);
  assert.equal(gloss('import', project, join(dir, 'story.txt')).status, 0);
  const run = gloss('import', project, join(dir, 'spans.csv'), '--format', 'spans', '--code-prefix', 'Frames', '--coder', 'maria', '--json');
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { placed: number; unplaced: { where: string; reason: string }[] };
  assert.equal(report.placed, 1);
  assert.match(report.unplaced[0]!.reason, /nowhere/);
  const bad = gloss('import', project, join(dir, 'spans.csv'), '--format', 'spans', '--unit', 'bytes');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^gloss: --unit/);
  const out = join(dir, 'w3c.json');
  assert.equal(gloss('export', project, '--format', 'webannotation', '--out', out).status, 0);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as { first: { items: { body: { value: string }[]; creator: { name: string } }[] } };
  assert.deepEqual(doc.first.items.map((a) => [a.body[0]!.value, a.creator.name]), [['Frames/Blame', 'maria']]);
});

test('W3C quote selectors alone: prefix and suffix pick the right one of several occurrences; an ambiguous bare quote is not guessed', async () => {
  const { project } = newProject();
  const text = 'The council met. Residents, angry, voted against the council. Later the council apologised.';
  const id = await importText(project, text, 'council.txt');
  const anno = (exact: string, prefix?: string, suffix?: string) => ({
    type: 'Annotation',
    body: { type: 'TextualBody', purpose: 'tagging', value: 'Institution' },
    target: { source: 'council.txt', selector: { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) } },
  });
  const report = await run(project, 'webannotation', { 'a.json': JSON.stringify([anno('council', 'against the ', '. Later'), anno('council')]) });
  const codings = project.codings.listForArticle(id);
  assert.equal(codings.length, 1);
  assert.deepEqual([codings[0]!.start, codings[0]!.end], [cp(text, 'council. Later').start, cp(text, 'council. Later').start + 7]);
  assert.equal(report.unplaced.length, 1);
  assert.match(report.unplaced[0]!.reason, /occurs 3 times with no prefix or suffix telling which/);
});
