#!/usr/bin/env node
// `gloss`: the core for pipelines and tests. stdout carries results (JSON alone with --json); progress and messages
// go to stderr. Exit codes: 0 success, 1 some file was rejected (import), 2 usage or project error.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { GlossError } from '../../contract/errors';
import { calls } from '../../contract/calls';
import { importSources } from '../../core/import/importer';
import { exportCsv } from '../../core/export/csv';
import { exportJson } from '../../core/export/json';
import { Project } from '../../core/store/Project';
import { assertSqliteIsSafe } from '../../core/store/database';
import { checkProjectFile } from '../../core/store/check';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { TOOLKIT_FLAGS, TOOLKIT_HELP, TOOLKIT_USAGE, TOOLKIT_VALUES, attributesCommand, countsCommand, searchCommand } from './toolkitCommands';
import { packageVersion } from '../shared/paths';
import { AGREE_HELP, AGREE_USAGE, AGREE_VALUES, agreeCommand } from './agreeCommand';
import { ANNOTATIONS_HELP, annotationExportCommand, annotationImportCommand } from './annotationCommands';

const HELP = `gloss — code news articles and export exact offsets

Usage:
  gloss init <project.gloss>
  gloss import <project.gloss> <file-or-folder>... [--json]
  gloss import <project.gloss> <file>... --format doccano|labelstudio|brat|webannotation|spans|semeval
               [--unit auto|codepoint|utf16|utf8] [--code-prefix PATH] [--coder NAME] [--json]
  gloss code <project.gloss> --article <id> --code <code path> --start <n> --end <n> [--memo <text>] [--coder <name>]
  gloss export <project.gloss> --format json|csv --out <file> [--raw-cells]
  gloss export <project.gloss> --format webannotation|doccano|labelstudio|brat --out <file (brat: a folder)>
  gloss stats <project.gloss> [--json]
  gloss check <project.gloss> [--json]
${TOOLKIT_USAGE}
${AGREE_USAGE}

Offsets are Unicode code points, end exclusive. Options take "--name value" or "--name=value"
(a value that starts with "-" needs the "=" form).

import reads .txt/.text/.md files and .html/.htm pages (their text) in UTF-8, UTF-16/32 with a BOM or a legacy
encoding it detects (Windows-1252 when unsure), and a Gloss JSON export named as a .json file: its articles,
codebook and codings, articles already in the project matched by their text (importing it twice adds nothing).

${ANNOTATIONS_HELP}

${TOOLKIT_HELP}
${AGREE_HELP}

check reads the project (read-only, even while the app has it open, even when damaged) and runs SQLite's
integrity_check and foreign_key_check and Gloss's own checks: every article's text matches the fingerprint stored
at import, every coding's text is its slice of the article, the code tree has no cycles. It exits 0 when clean,
1 listing each finding; --json prints {"ok":bool,"findings":[{"kind","message","articleId?","codingId?","codeId?"}]}.

Exit codes: 0 ok; 1 some file was rejected by import, or check found problems; 2 usage or project error.
CSV cells that a spreadsheet would run as formulas get a leading ' unless --raw-cells is given.`;

const SPEC = {
  flags: ['json', 'help', 'raw-cells', 'version', ...TOOLKIT_FLAGS],
  values: ['article', 'code', 'start', 'end', 'memo', 'coder', 'format', 'out', 'unit', 'code-prefix', ...TOOLKIT_VALUES, ...AGREE_VALUES],
};

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

function need(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (typeof v !== 'string') throw new UsageError(`--${name} is required`);
  return v;
}

function integer(args: ParsedArgs, name: string): number {
  const raw = need(args, name);
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number ≥ 0 (got "${raw}")`);
  return Number(raw);
}

function projectPath(args: ParsedArgs): string {
  const p = args.positional[1];
  if (!p) throw new UsageError('the project file is missing');
  return resolve(p);
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, SPEC);
  const command = args.positional[0];
  if (args.options.has('version')) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (!command || args.options.has('help') || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command || args.options.has('help') ? 0 : 2;
  }
  // Before any command touches a project: an SQLite with the WAL-reset bug could corrupt it.
  assertSqliteIsSafe();
  switch (command) {
    case 'init': {
      const path = projectPath(args);
      if (existsSync(path)) throw new GlossError('project_error', `${path} already exists`);
      Project.create(path).close();
      err(`Created ${path}`);
      return 0;
    }
    case 'import': {
      const path = projectPath(args);
      const inputs = args.positional.slice(2);
      if (inputs.length === 0) throw new UsageError('name at least one file or folder to import');
      if (args.options.has('format')) return annotationImportCommand(path, inputs, args);
      const project = Project.open(path, { holder: 'gloss CLI' });
      try {
        const report = await importSources(
          project,
          inputs.map((p) => ({ kind: 'path', path: p })),
          { onProgress: (done, total) => total > 20 && process.stderr.write(`\rImporting ${done}/${total}`) },
        );
        if (report.imported.length + report.skipped.length + report.rejected.length > 20) process.stderr.write('\n');
        if (args.options.has('json')) {
          const out = {
            imported: report.imported.map(({ file, articleId, title }) => ({ file, articleId, title })),
            skipped: report.skipped.map(({ file, reason }) => ({ file, reason })),
            rejected: report.rejected,
          };
          process.stdout.write(`${JSON.stringify(out)}\n`);
        } else {
          for (const i of report.imported) process.stdout.write(`imported  ${i.file}  → article ${i.articleId} "${i.title}" (${i.encoding})\n`);
          for (const s of report.skipped) process.stdout.write(`skipped   ${s.file}  (${s.reason})\n`);
          for (const r of report.rejected) process.stdout.write(`rejected  ${r.file}  (${r.reason})\n`);
          err(`${report.imported.length} imported, ${report.skipped.length} skipped, ${report.rejected.length} rejected`);
        }
        return report.rejected.length > 0 ? 1 : 0;
      } finally {
        project.close();
      }
    }
    case 'code': {
      const path = projectPath(args);
      const request = {
        articleId: integer(args, 'article'),
        start: integer(args, 'start'),
        end: integer(args, 'end'),
      };
      const codePath = need(args, 'code');
      const memo = args.options.get('memo');
      const coderOpt = args.options.get('coder');
      // The same validation the app applies to codings.apply.
      const check = calls['codings.apply'].request.safeParse({ ...request, codeId: 1 });
      if (!check.success) throw new UsageError(check.error.issues[0].message);
      const project = Project.open(path, { holder: 'gloss CLI' });
      try {
        project.articles.summary(request.articleId);
        const coding = project.db.transaction(() => {
          const code = project.codes.ensurePath(codePath);
          return project.codings.apply({
            ...request,
            codeId: code.id,
            memo: typeof memo === 'string' ? memo : undefined,
            coder: typeof coderOpt === 'string' ? coderOpt : userInfo().username || 'analyst',
          });
        })();
        process.stdout.write(`${JSON.stringify(coding)}\n`);
        return 0;
      } finally {
        project.close();
      }
    }
    case 'export': {
      const path = projectPath(args);
      const format = need(args, 'format');
      if (['webannotation', 'doccano', 'labelstudio', 'brat'].includes(format)) return annotationExportCommand(path, format, resolve(need(args, 'out')));
      if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv (or, for NLP tools, webannotation, doccano, labelstudio or brat)');
      const out = resolve(need(args, 'out'));
      const project = Project.open(path, { readOnly: true });
      try {
        if (format === 'csv' && args.options.has('raw-cells')) {
          err('warning: --raw-cells writes cells exactly; a spreadsheet may run cells that start with = + - @ as formulas.');
        }
        // One snapshot: the app may be writing to the project while the CLI exports it.
        const result =
          format === 'json'
            ? await exportJson(project, out, { snapshot: true })
            : await exportCsv(project, out, { snapshot: true, rawCells: args.options.has('raw-cells') });
        err(`Exported ${result.codings} codings from ${result.articles} articles to ${result.path}`);
        return 0;
      } finally {
        project.close();
      }
    }
    case 'stats': {
      const project = Project.open(projectPath(args), { readOnly: true });
      try {
        const info = project.info();
        const stats = { articles: info.articles, codes: info.codes, codings: info.codings };
        if (args.options.has('json')) process.stdout.write(`${JSON.stringify(stats)}\n`);
        else process.stdout.write(`${info.name}: ${stats.articles} articles, ${stats.codes} codes, ${stats.codings} codings\n`);
        return 0;
      } finally {
        project.close();
      }
    }
    case 'check': {
      const path = projectPath(args);
      if (args.positional.length > 2) throw new UsageError('check takes one project file');
      const report = checkProjectFile(path);
      if (args.options.has('json')) process.stdout.write(`${JSON.stringify(report)}\n`);
      else for (const f of report.findings) process.stdout.write(`${f.kind}\t${f.message}\n`);
      const n = report.findings.length;
      err(report.ok ? `${path}: no problems found` : `${path}: ${n} problem${n === 1 ? '' : 's'} found; restore a backup made before the damage (the app's File → Restore from Backup…)`);
      return report.ok ? 0 : 1;
    }
    case 'search':
      return searchCommand(args);
    case 'counts':
      return countsCommand(args);
    case 'attributes':
      return attributesCommand(args);
    case 'agree':
      return agreeCommand(args);
    default:
      throw new UsageError(`unknown command "${command}" (see gloss --help)`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) err(`gloss: ${error.message}`);
    else if (error instanceof GlossError) err(`gloss: ${error.message}`);
    else err(`gloss: ${(error as Error).message ?? String(error)}`);
    process.exitCode = 2;
  },
);
