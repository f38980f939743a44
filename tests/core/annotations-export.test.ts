// Exporting codings for NLP tools (issue 13) and round trips: Gloss → format → a fresh Gloss gives the same codings,
// on texts with emoji, right-to-left scripts, combining marks and CRLF line endings in the source file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Ajv from 'ajv';
import { exportAnnotations } from '../../src-main/core/exchange/annotations/exportAnnotations';
import { annotationInputsFromPaths, importAnnotations } from '../../src-main/core/exchange/annotations/importAnnotations';
import type { AnnotationExportFormat } from '../../src-main/core/exchange/annotations/model';
import { importSources } from '../../src-main/core/import/importer';
import type { Project } from '../../src-main/core/store/Project';
import { ARABIC_HARAKAT, FAMILY, FLAG_LB, HEBREW, newProject, repoRoot, tempDir } from './helpers';

const EMOJI = '\u{1F600}';

async function sourceProject(fileText: string, spans: { start: number; end: number; code: string; memo: string }[]) {
  const { project } = newProject();
  const report = await importSources(project, [{ kind: 'bytes', name: 'story.txt', bytes: Buffer.from(fileText, 'utf8') }]);
  const articleId = report.imported[0]!.articleId;
  const length = project.articles.get(articleId).length;
  for (const s of spans) {
    const start = Math.min(s.start, length - 1);
    const end = Math.min(Math.max(s.end, start + 1), length);
    const codeId = project.codes.ensurePath(s.code).id;
    try {
      project.codings.apply({ articleId, codeId, start, end, memo: s.memo, coder: 'ana' });
    } catch {
      // the same span and code twice: one coding, as Gloss keeps it
    }
  }
  return { project, articleId };
}

function codingsOf(project: Project, carries: { memo: boolean; coder: boolean }): string[] {
  const ids = (project.db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  return ids
    .flatMap((id) => project.codings.listForArticle(id))
    .map((c) => JSON.stringify([c.start, c.end, c.text, c.codePath, carries.memo ? c.memo : '', carries.coder ? c.coder : '']))
    .sort();
}

const CARRIES: Record<AnnotationExportFormat, { memo: boolean; coder: boolean }> = {
  webannotation: { memo: true, coder: true },
  labelstudio: { memo: true, coder: true },
  brat: { memo: true, coder: false },
  doccano: { memo: false, coder: false },
};

async function roundTrip(format: AnnotationExportFormat, source: Project, fileText: string): Promise<{ fresh: Project; report: Awaited<ReturnType<typeof importAnnotations>> }> {
  const dir = tempDir('gloss-rt-');
  const out = join(dir, format === 'brat' ? 'brat' : `out.${format === 'doccano' ? 'jsonl' : 'json'}`);
  await exportAnnotations(source, format, out);
  const { project: fresh } = newProject();
  // W3C annotations point at their text; the fresh project has the same article, imported from the same file.
  if (format === 'webannotation') await importSources(fresh, [{ kind: 'bytes', name: 'story.txt', bytes: Buffer.from(fileText, 'utf8') }]);
  const { inputs } = annotationInputsFromPaths([out], format);
  const report = await importAnnotations(fresh, inputs, { format, coder: 'someone-else', unit: 'auto' });
  return { fresh, report };
}

const piece = fc.constantFrom('The ', 'minister ', EMOJI, FLAG_LB, FAMILY, ARABIC_HARAKAT, ` ${HEBREW} `, 'Jose\u0301 ', 'cafe\u0301', '\r\n', '\r\n\r\n', 'said: ', '\u00ab', '\u00bb', '. ', 'Gaza ');
const fileTextArb = fc.array(piece, { minLength: 4, maxLength: 40 }).map((p) => `Headline ${p.join('')} end.`);
const spanArb = fc.record({ start: fc.nat(200), end: fc.nat(200), code: fc.constantFrom('Actor', 'Frames/Blame', 'Frames/Humanitarian'), memo: fc.constantFrom('', 'a note', `note ${EMOJI}`) });

for (const format of ['webannotation', 'labelstudio', 'brat', 'doccano'] as const) {
  test(`${format}: Gloss → ${format} → a fresh Gloss gives the same codings (emoji, RTL, combining marks, CRLF source)`, async () => {
    await fc.assert(
      fc.asyncProperty(fileTextArb, fc.array(spanArb, { minLength: 1, maxLength: 8 }), async (fileText, spans) => {
        const { project } = await sourceProject(fileText, spans);
        const { fresh, report } = await roundTrip(format, project, fileText);
        assert.deepEqual(report.unplaced, []);
        assert.equal(report.reanchored.length, 0, 'every position agreed with its quote');
        assert.deepEqual(codingsOf(fresh, CARRIES[format]), codingsOf(project, CARRIES[format]));
        project.close();
        fresh.close();
      }),
      { numRuns: 12 },
    );
  });
}

test('Label Studio export counts UTF-16 code units: a span after astral characters', async () => {
  const text = `${EMOJI}${FAMILY} Rockets hit Sderot.`;
  const { project, articleId } = await sourceProject(text, []);
  const start = [...text].indexOf('R');
  project.codings.apply({ articleId, codeId: project.codes.ensurePath('Event').id, start, end: start + 7, memo: '', coder: 'ana' });
  const out = join(tempDir(), 'ls.json');
  await exportAnnotations(project, 'labelstudio', out);
  const tasks = JSON.parse(readFileSync(out, 'utf8')) as { data: { text: string }; annotations: { result: { value: { start: number; end: number; text: string } }[] }[] }[];
  const value = tasks[0]!.annotations[0]!.result[0]!.value;
  assert.equal(tasks[0]!.data.text.slice(value.start, value.end), 'Rockets');
  assert.equal(value.text, 'Rockets');
  assert.equal(value.start, text.indexOf('R'));
});

test('W3C export: an AnnotationCollection that validates against the annotation-model schema (subset), both selectors, unit stated', async () => {
  const text = `${HEBREW} ${EMOJI} Officials in Gaza said the crossing stays closed.\r\nAid waits.`;
  const { project, articleId } = await sourceProject(text, []);
  const stored = project.articles.get(articleId).text;
  const start = [...stored].join('').indexOf('Gaza');
  const cpStart = [...stored.slice(0, start)].length;
  project.codings.apply({ articleId, codeId: project.codes.ensurePath('Place/City').id, start: cpStart, end: cpStart + 4, memo: 'contested', coder: 'ana' });
  const out = join(tempDir(), 'w3c.json');
  await exportAnnotations(project, 'webannotation', out);
  const doc = JSON.parse(readFileSync(out, 'utf8'));
  const schema = JSON.parse(readFileSync(join(repoRoot, 'tests', 'core', 'w3c-annotation-subset.schema.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  const valid = ajv.validate(schema, doc as unknown);
  assert.ok(valid, JSON.stringify(ajv.errors));
  assert.deepEqual(doc['@context'][1]['gloss:offsetUnit'], 'codepoint');
  const a = doc.first.items[0];
  const [position, quote] = a.target.selector;
  assert.deepEqual([position.start, position.end], [cpStart, cpStart + 4]);
  assert.equal(quote.exact, 'Gaza');
  assert.equal(quote.prefix, [...stored].slice(Math.max(0, cpStart - 32), cpStart).join(''));
  assert.equal(quote.suffix, [...stored].slice(cpStart + 4, cpStart + 36).join(''));
  assert.deepEqual(a.body.map((b: { purpose: string; value: string }) => [b.purpose, b.value]), [['tagging', 'Place/City'], ['commenting', 'contested']]);
  assert.equal(a.creator.name, 'ana');
  // And the schema can fail: a selector without its end is refused.
  delete a.target.selector[0].end;
  assert.equal(ajv.validate(schema, doc), false);
});

test('brat export: a folder of .txt + .ann pairs in code points; doccano JSONL in the shape doccano uploads', async () => {
  const text = `${EMOJI} Floods\r\nin Sindh.`;
  const { project, articleId } = await sourceProject(text, []);
  project.codings.apply({ articleId, codeId: project.codes.ensurePath('Place').id, start: 12, end: 17, memo: 'province', coder: 'ana' });
  const dir = join(tempDir(), 'brat');
  await exportAnnotations(project, 'brat', dir);
  assert.deepEqual(readdirSync(dir).sort(), ['story.ann', 'story.txt']);
  assert.equal(readFileSync(join(dir, 'story.ann'), 'utf8'), 'T1\tPlace 12 17\tSindh\n#1\tAnnotatorNotes T1\tprovince\n');
  const jsonl = join(tempDir(), 'd.jsonl');
  await exportAnnotations(project, 'doccano', jsonl);
  const row = JSON.parse(readFileSync(jsonl, 'utf8').trim());
  assert.equal(row.text, `${EMOJI} Floods\nin Sindh.`);
  assert.deepEqual(row.label, [[12, 17, 'Place']]);
});
