// `gloss import … --format …` and `gloss export --format webannotation|doccano|labelstudio|brat`: argument glue only;
// the requests are checked by the contract's schemas and the work is the core's (exchange/annotations).
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { calls } from '../../contract/calls';
import { annotationInputsFromPaths, importAnnotations } from '../../core/exchange/annotations/importAnnotations';
import { exportAnnotations } from '../../core/exchange/annotations/exportAnnotations';
import type { AnnotationExportFormat } from '../../core/exchange/annotations/model';
import { Project } from '../../core/store/Project';
import { UsageError, type ParsedArgs } from './args';

export const ANNOTATIONS_HELP = `import --format reads span annotations from other tools (README, "Importing annotations"): doccano JSONL,
Label Studio JSON export, brat standoff (.ann with its .txt beside it, or a folder), W3C Web Annotation JSON-LD,
a spans CSV (article column, start, end, code; optional memo, coder, text) and --format semeval, the SemEval-2020
task 11 "article_id technique start end" TSV (articles from article<ID>.txt in the project, or beside the labels).
Codes are created at --code-prefix/label. --unit says how positions are counted; auto (the default) picks the unit
the file's quoted text agrees with (word boundaries when it quotes nothing). Every span that cannot be placed is
listed with its reason; exact duplicates are skipped and counted. Exit 1 when a span or file was not imported.
export --format webannotation|doccano|labelstudio|brat writes codings for NLP tools (brat: --out names a folder).`;

export async function annotationImportCommand(projectPath: string, files: string[], args: ParsedArgs): Promise<number> {
  const opt = (name: string) => {
    const v = args.options.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const request = {
    paths: files.map((f) => resolve(f)),
    format: opt('format'),
    unit: opt('unit'),
    codePrefix: opt('code-prefix'),
    coder: opt('coder'),
  };
  const checked = calls['annotations.importPaths'].request.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'format').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`);
  }
  const r = checked.data;
  const project = Project.open(projectPath, { holder: 'gloss CLI' });
  try {
    const { inputs, rejected } = annotationInputsFromPaths(r.paths!, r.format);
    const report = await importAnnotations(project, inputs, {
      format: r.format,
      unit: r.unit,
      codePrefix: r.codePrefix,
      coder: r.coder ?? (userInfo().username || 'analyst'),
      onProgress: (done, total) => total > 5000 && process.stderr.write(`\rPlacing spans ${done}/${total}`),
    });
    if (report.spans > 5000) process.stderr.write('\n');
    report.rejected.unshift(...rejected);
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
  } finally {
    project.close();
  }
}

export async function annotationExportCommand(projectPath: string, format: string, out: string): Promise<number> {
  const project = Project.open(projectPath, { readOnly: true });
  try {
    const result = await exportAnnotations(project, format as AnnotationExportFormat, out, { snapshot: true });
    process.stderr.write(`Exported ${result.codings} codings from ${result.articles} articles to ${result.path} (${format})\n`);
    return 0;
  } finally {
    project.close();
  }
}
