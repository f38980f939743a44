// `gloss import --format doccano|labelstudio|brat|webannotation|spans|semeval` and `gloss export --format
// webannotation|doccano|labelstudio|brat`: span annotations in and out, through dispatch like every command.
import { resolve } from 'node:path';
import type { CallRequest } from '../../contract/calls';
import { ANNOTATION_IMPORT_FORMATS, type AnnotationFormat } from '../../contract/fileTypes';
import { UsageError, type ParsedArgs } from './args';
import { withProject } from './cliSession';

export const ANNOTATIONS_HELP = `import --format reads span annotations from other tools (README, "Importing annotations"): doccano JSONL,
Label Studio JSON export, brat standoff (.ann with its .txt beside it, or a folder), W3C Web Annotation JSON-LD,
a spans CSV (article column, start, end, code; optional memo, coder, text) and --format semeval, the SemEval-2020
task 11 "article_id technique start end" TSV (articles from article<ID>.txt in the project, or beside the labels).
Codes are created at --code-prefix/label. --unit says how positions are counted; auto (the default) picks the unit
the file's quoted text agrees with (word boundaries when it quotes nothing). Every span that cannot be placed is
listed with its reason; exact duplicates are skipped and counted. Exit 1 when a span or file was not imported.
export --format webannotation|doccano|labelstudio|brat writes codings for NLP tools (brat: --out names a folder).`;

/** The --format values that mean span annotations (the others name news databases). */
export const ANNOTATION_FORMATS: readonly string[] = ANNOTATION_IMPORT_FORMATS;

type AnnotationUnit = NonNullable<CallRequest<'annotations.importPaths'>['unit']>;

export async function annotationImportCommand(projectPath: string, files: string[], args: ParsedArgs): Promise<number> {
  const opt = (name: string) => {
    const v = args.options.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const unit = opt('unit');
  if (unit !== undefined && !['auto', 'codepoint', 'utf16', 'utf8'].includes(unit)) throw new UsageError(`--unit must be auto, codepoint, utf16 or utf8 (got "${unit}")`);
  const codePrefix = opt('code-prefix');
  const coder = opt('coder');
  return withProject(projectPath, 'write', async (cli) => {
    let shown = false;
    const stop = cli.onEvent((e) => {
      if (e.type === 'job.progress' && e.total > 5000) {
        process.stderr.write(`\rPlacing spans ${e.done}/${e.total}`);
        shown = true;
      }
    });
    const report = (await cli
      .call('annotations.importPaths', {
        paths: files.map((f) => resolve(f)),
        format: opt('format') as AnnotationFormat,
        ...(unit !== undefined ? { unit: unit as AnnotationUnit } : {}),
        ...(codePrefix !== undefined ? { codePrefix } : {}),
        ...(coder !== undefined ? { coder } : {}),
      })
      .finally(stop))!;
    if (shown) process.stderr.write('\n');
    if (args.options.has('json')) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      for (const a of report.articlesCreated) process.stdout.write(`article   ${a.name}  → new article ${a.articleId} "${a.title}"\n`);
      for (const u of report.units.filter((x) => !x.confident)) process.stdout.write(`unsure    ${u.document}: ${u.reason}\n`);
      for (const m of report.reanchored) process.stdout.write(`moved     ${m.where}: ${m.from ? `${m.from[0]}–${m.from[1]}` : 'no position'} → ${m.to[0]}–${m.to[1]} (its quote is there)\n`);
      for (const u of report.unplaced) process.stdout.write(`unplaced  ${u.where}  (${u.reason})\n`);
      for (const f of report.rejected) process.stdout.write(`rejected  ${f.file}  (${f.reason})\n`);
      const skipped = Object.entries(report.notImported).map(([k, n]) => `${n} ${k}`);
      process.stderr.write(
        `${report.spans} spans: ${report.placed} coded, ${report.duplicates} duplicates skipped, ${report.unplaced.length} not placed, ${report.reanchored.length} re-anchored by their quote; ` +
          `${report.articlesCreated.length} articles created, ${report.articlesMatched.length} matched, ${report.codesCreated} codes created` +
          `${skipped.length ? `; not imported: ${skipped.join(', ')}` : ''}\n`,
      );
    }
    return report.unplaced.length + report.rejected.length > 0 ? 1 : 0;
  });
}

export async function annotationExportCommand(projectPath: string, format: string, out: string): Promise<number> {
  // Read-only beside a possible writer, from one snapshot, like every CLI export.
  return withProject(projectPath, 'read', async (cli) => {
    const result = await cli.call('export.annotations', { format: format as 'webannotation' | 'doccano' | 'labelstudio' | 'brat', path: out });
    if (result) process.stderr.write(`Exported ${result.codings} codings from ${result.articles} articles to ${result.path} (${format})\n`);
    return 0;
  });
}
