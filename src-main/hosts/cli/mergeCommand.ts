// `gloss merge` and `gloss export --format gloss --for-coder`: merging a teammate's work, and handing a coder a
// project of their own to code in.
import { resolve } from 'node:path';
import type { MergeReport } from '../../contract/merge';
import { UsageError, type ParsedArgs } from './args';
import { withProject } from './cliSession';

export const MERGE_USAGE = `  gloss merge <target.gloss> <source.gloss|export.json|file.qdpx> [--theirs] [--json]
  gloss export <project.gloss> --format gloss --for-coder <name> [--articles 1,2,…] --out <file.gloss>`;

export const MERGE_HELP = `merge adds a teammate's work to the target project as one undoable change: their articles (matched to the
target's by the text's fingerprint, so nothing is duplicated), codes (matched by GUID, then by path, names compared
ignoring case), codings with their own coder (exact duplicates — same article, code, start, end and coder — are
skipped and counted), memos and attribute values (where both have one, the target's is kept). A code with the same
path but another colour or description, or the same GUID under another path, is a conflict: the target's code is
kept unless --theirs is given; the output says what was decided for each. The source file is only read.
export --format gloss --for-coder writes a new project with the chosen articles (all without --articles) and the
whole codebook, GUIDs kept so that \`gloss merge\` later matches the coder's codes, and no codings but that coder's.`;

export const MERGE_FLAGS = ['theirs'];
export const MERGE_VALUES = ['for-coder'];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function readable(report: MergeReport, target: string): string {
  const a = report.added;
  const m = report.matched;
  const s = report.skipped;
  const lines = [
    `Merged ${report.source.name} into ${target}`,
    `  added: ${plural(a.articles, 'article')}, ${plural(a.codes, 'code')}, ${plural(a.codings, 'coding')}, ${plural(a.memos, 'memo')}, ${plural(a.coders, 'new coder')}, ${plural(a.attributeValues, 'attribute value')}`,
    `  matched: ${plural(m.articles, 'article')}, ${plural(m.codes, 'code')}, ${plural(m.coders, 'coder')} already in the project`,
    `  skipped: ${plural(s.duplicates, 'exact duplicate coding')}, ${plural(s.unfit, 'coding')} that did not fit the text` +
      (s.sameSpanOtherCoder ? `, ${plural(s.sameSpanOtherCoder, 'coding')} on a span the project has coded with that code by another coder` : '') +
      (s.memosKeptOurs ? `, ${plural(s.memosKeptOurs, 'memo')} (the target's formatted memo kept)` : '') +
      (s.attributeValuesKeptOurs ? `, ${plural(s.attributeValuesKeptOurs, 'attribute value')} (the target's value kept)` : ''),
  ];
  for (const c of report.byCoder) {
    lines.push(`  coder ${c.coder}: ${plural(c.add, 'coding')} added, ${plural(c.duplicates, 'duplicate')} skipped${c.sameSpanOtherCoder ? `, ${c.sameSpanOtherCoder} on another coder's span` : ''}`);
  }
  if (report.conflicts.length) {
    lines.push(`  conflicts (${plural(report.conflicts.length, 'code')}):`);
    for (const c of report.conflicts) {
      const what = c.kind === 'path' ? `same GUID, ours is ${c.ours.path}` : `same path, ${c.ours.color !== c.theirs.color ? `colour ${c.ours.color} vs ${c.theirs.color}` : 'another description'}`;
      lines.push(`    ${c.path} (${what}): ${c.outcome}`);
    }
  }
  for (const u of report.unfit) lines.push(`  not merged: ${u.code} on "${u.article}" ${u.start}–${u.end} by ${u.coder}: ${u.reason}`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export async function mergeCommand(args: ParsedArgs): Promise<number> {
  const [, target, source, ...rest] = args.positional;
  if (!target) throw new UsageError('the target project file is missing (gloss merge <target.gloss> <source>)');
  if (!source) throw new UsageError('the file to merge is missing (gloss merge <target.gloss> <source.gloss|export.json|file.qdpx>)');
  if (rest.length) throw new UsageError('merge takes one target project and one file to merge');
  const targetPath = resolve(target);
  return withProject(targetPath, 'write', async (cli) => {
    const report = await cli.call('project.merge', { path: resolve(source), defaultDecision: args.options.has('theirs') ? 'theirs' : 'ours' });
    if (args.options.has('json')) process.stdout.write(`${JSON.stringify(report)}\n`);
    else process.stdout.write(readable(report, target));
    return 0;
  });
}

function articleIds(raw: string | true | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  if (raw === true) throw new UsageError('--articles needs a comma-separated list of article ids');
  return raw.split(',').map((s) => {
    const t = s.trim();
    if (!/^\d+$/.test(t) || Number(t) < 1) throw new UsageError(`--articles lists article ids (whole numbers ≥ 1), not "${t}"`);
    return Number(t);
  });
}

export async function forCoderExportCommand(project: string, args: ParsedArgs, out: string): Promise<number> {
  const coder = args.options.get('for-coder');
  if (typeof coder !== 'string' || !coder.trim()) throw new UsageError('--format gloss needs --for-coder <name> (the coder the project is for)');
  const ids = articleIds(args.options.get('articles'));
  return withProject(project, 'read', async (cli) => {
    const result = await cli.call('export.forCoder', { coder, path: out, ...(ids ? { articleIds: ids } : {}) });
    if (result) process.stderr.write(`Exported ${plural(result.articles, 'article')} and the codebook for ${coder} (${plural(result.codings, 'coding')} of theirs) to ${result.path}\n`);
    return 0;
  });
}
