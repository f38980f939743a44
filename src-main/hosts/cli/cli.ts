#!/usr/bin/env node
// `gloss`: the core for pipelines and tests. stdout carries results (JSON alone with --json); progress and messages
// go to stderr. Exit codes: 0 success, 1 some file was rejected (import), 2 usage or project error.
import { resolve } from 'node:path';
import { GlossError } from '../../contract/errors';
import { sliceCodePoints, snapSpanToGraphemes } from '../../contract/offsets';
import { NEWS_FORMATS, type NewsFormat } from '../../contract/fileTypes';
import type { NewsExportReport, RefiReport } from '../../contract/types';
import { assertSqliteIsSafe } from '../../core/app';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { TOOLKIT_FLAGS, TOOLKIT_HELP, TOOLKIT_USAGE, TOOLKIT_VALUES, attributesCommand, countsCommand, csvOptions, noteFormulaCells, searchCommand } from './toolkitCommands';
import { packageVersion } from '../shared/paths';
import { AGREE_HELP, AGREE_USAGE, AGREE_VALUES, agreeCommand } from './agreeCommand';
import { CliSession, withProject } from './cliSession';
import { MERGE_FLAGS, MERGE_HELP, MERGE_USAGE, MERGE_VALUES, forCoderExportCommand, mergeCommand } from './mergeCommand';
import { CODERS_HELP, CODERS_USAGE, CODERS_VALUES, codersCommand } from './codersCommand';
import { ANNOTATION_FORMATS, ANNOTATIONS_HELP, annotationExportCommand, annotationImportCommand } from './annotationCommands';

const HELP = `gloss — code news articles and export exact offsets

Usage:
  gloss init <project.gloss>
  gloss import <project.gloss> <file-or-folder>... [--json] [--format lexisnexis|nexisuni|factiva|proquest|europresse] [--coder <name>] [--preview]
  gloss import <project.gloss> <file>... --format doccano|labelstudio|brat|webannotation|spans|semeval
               [--unit auto|codepoint|utf16|utf8] [--code-prefix PATH] [--coder NAME] [--json]
  gloss code <project.gloss> --article <id> --code <code path> --start <n> --end <n> [--memo <text>] [--coder <name>]
  gloss export <project.gloss> --format json|csv|xlsx|qdpx|qdc --out <file> [--formula-guard]
  gloss export <project.gloss> --format webannotation|doccano|labelstudio|brat --out <file (brat: a folder)>
  gloss stats <project.gloss> [--json]
  gloss check <project.gloss> [--json]
${TOOLKIT_USAGE}
${AGREE_USAGE}
${MERGE_USAGE}
${CODERS_USAGE}

Offsets are Unicode code points, end exclusive. Options take "--name value" or "--name=value"
(a value that starts with "-" needs the "=" form).

import reads .txt/.text/.md files and .html/.htm pages (their text) in UTF-8, UTF-16/32 with a BOM or a legacy
encoding it detects (Windows-1252 when unsure), and a Gloss JSON export named as a .json file: its articles,
codebook and codings, articles already in the project matched by their text (importing it twice adds nothing).
News-database exports (LexisNexis TXT/RTF/HTML, Nexis Uni DOCX, Factiva HTML/XML, ProQuest TXT/HTML, Europresse
HTML, APA RTF) are recognised by content and split into one article per item, with outlet, publication date,
author, section, length, language, source_id and database as attributes; --format reads every file as that
database's export.
Files of other types found in a folder are listed as skipped, with their type; hidden folders (.git) once.
code widens a --start or --end that falls inside a character (a flag, a letter and its marks) to the whole
character, as the app selects, and says so on stderr. Control characters other than tab and line feed are removed
from memos and names.
It also reads REFI-QDA projects (.qdpx, from NVivo, ATLAS.ti, MAXQDA, QualCoder…) and codebooks (.qdc), merged
into the project: codes matched by GUID then path, each source's positions read in the unit its producer counted
(reported per source, with why), selections the text cannot hold listed with the reason; --json adds "refi".
--coder names who coded selections whose creator the file does not name; --preview reports what merging the
REFI-QDA files would do and changes nothing.
export --format qdpx writes a REFI-QDA project (positions in code points over sources/<GUID>.txt); qdc the codebook.

${ANNOTATIONS_HELP}

${TOOLKIT_HELP}
${AGREE_HELP}
${CODERS_HELP}

${MERGE_HELP}

check reads the project (read-only, even while the app has it open, even when damaged) and runs SQLite's
integrity_check and foreign_key_check and Gloss's own checks: every article's text matches the fingerprint stored
at import, every coding's text is its slice of the article, the code tree has no cycles. It exits 0 when clean,
1 listing each finding; --json prints {"ok":bool,"findings":[{"kind","message","articleId?","codingId?","codeId?"}]}.

Exit codes: 0 ok; 1 some file was rejected by import, or check found problems; 2 usage or project error.
A CSV holds every cell exactly (for R, pandas); when some text cells begin with = + - @, a tab or a carriage return,
which a spreadsheet may run as formulas, a note on stderr says how many. --format xlsx writes the same table as an
Excel workbook (text cells are strings, never formulas); --formula-guard prefixes those CSV cells with ' and says how
many it changed.`;

const SPEC = {
  // raw-cells is known only to be refused with what replaced it (issue 14: exact cells became the default).
  flags: ['json', 'help', 'raw-cells', 'formula-guard', 'version', 'preview', ...TOOLKIT_FLAGS, ...MERGE_FLAGS],
  values: ['article', 'code', 'start', 'end', 'memo', 'coder', 'format', 'out', 'unit', 'code-prefix', ...TOOLKIT_VALUES, ...AGREE_VALUES, ...MERGE_VALUES, ...CODERS_VALUES],
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

/** A news export's summary and, per article, the fields read and anything missing or left out. */
function printNewsExport(e: NewsExportReport): void {
  const outlets = [...new Set(e.articles.map((a) => a.fields.outlet).filter((o) => o !== undefined))];
  const shown = outlets.slice(0, 3).join(', ') + (outlets.length > 3 ? ` and ${outlets.length - 3} more` : '');
  process.stdout.write(
    `\n${e.file}: ${e.format}, ${e.found} article${e.found === 1 ? '' : 's'}${shown ? ` from ${shown}` : ''}; ` +
      `${e.imported} imported, ${e.duplicates} duplicate${e.duplicates === 1 ? '' : 's'}\n`,
  );
  for (const n of e.notes) process.stdout.write(`  ${n.position}: ${n.message}\n`);
  for (const a of e.articles) {
    const fields = Object.entries(a.fields)
      .filter(([k]) => k !== 'database')
      .map(([k, v]) => `${k}: ${v}`)
      .join(' | ');
    const where = a.articleId !== undefined ? `article ${a.articleId}` : a.duplicateOf !== undefined ? `duplicate of article ${a.duplicateOf}` : 'not stored';
    process.stdout.write(`  #${a.index} (${a.position}) "${a.title}" → ${where}\n      ${fields || 'no fields found'}\n`);
    for (const n of a.notes) process.stdout.write(`      note: ${n}\n`);
  }
}

/** The REFI-QDA part of an import report, as lines for a person. */
function refiSummary(refi: RefiReport): string[] {
  const lines: string[] = [];
  for (const s of refi.sources) {
    lines.push(`source    ${s.name}  → article ${s.articleId}: ${s.mapped} selections mapped, ${s.unmapped.length} not; positions read as ${s.unit} (${s.why})${s.confident ? '' : ' — LOW CONFIDENCE, check a few codings'}`);
    for (const u of s.unmapped) lines.push(`  unmapped ${u.guid}: ${u.reason}`);
  }
  for (const s of refi.notImported.sources) lines.push(`no text   ${s.name}  (${s.reason})`);
  const n = refi.notImported;
  lines.push(`refi      ${refi.codes} codes, ${refi.codeSets} code sets, ${refi.coders} coders, ${refi.memos} memos, ${refi.attributes} attribute values; not imported: ${n.links} links, ${n.graphs} graphs, ${n.codeSets} code sets naming no code of the file, ${n.nonTextSelections} selections in non-text sources`);
  for (const note of n.notes) lines.push(`note      ${note}`);
  return lines;
}

/**
 * True when the user asked for help anywhere before `--`: then nothing else runs, whatever the other arguments are
 * (an unknown option, a missing value, a project that does not exist), so asking for help never touches a file.
 */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The commands that live in their own modules, each reading its own arguments. */
const COMMAND_MODULES: Record<string, (args: ParsedArgs) => Promise<number>> = {
  search: searchCommand,
  counts: countsCommand,
  attributes: attributesCommand,
  agree: agreeCommand,
  merge: mergeCommand,
  coders: codersCommand,
};

async function run(argv: string[]): Promise<number> {
  if (asksForHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
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
  if (args.options.has('raw-cells')) throw new UsageError('--raw-cells is now the default; use --formula-guard to prefix risky cells');
  // A flag that a command would accept and ignore misleads: --formula-guard means something only where CSV is written.
  if (args.options.has('formula-guard') && command !== 'export' && command !== 'counts' && command !== 'agree') {
    throw new UsageError('--formula-guard applies to CSV output (gloss export --format csv, gloss counts, gloss agree --format csv)');
  }
  // Before any command touches a project: an SQLite with the WAL-reset bug could corrupt it.
  assertSqliteIsSafe();
  switch (command) {
    case 'init': {
      const path = projectPath(args);
      const cli = new CliSession();
      try {
        await cli.call('project.create', { path });
      } finally {
        cli.close();
      }
      err(`Created ${path}`);
      return 0;
    }
    case 'import': {
      const path = projectPath(args);
      const inputs = args.positional.slice(2);
      if (inputs.length === 0) throw new UsageError('name at least one file or folder to import');
      if (ANNOTATION_FORMATS.includes(String(args.options.get('format')))) return annotationImportCommand(path, inputs, args);
      const formatOpt = args.options.get('format');
      if (formatOpt !== undefined && !(NEWS_FORMATS as readonly unknown[]).includes(formatOpt)) {
        throw new UsageError(`--format for import must be one of ${NEWS_FORMATS.join(', ')} (got "${String(formatOpt)}")`);
      }
      const format = formatOpt as NewsFormat | undefined;
      const coder = args.options.get('coder');
      return withProject(
        path,
        'write',
        async (cli) => {
        let shown = false;
        const stop = cli.onEvent((e) => {
          if (e.type === 'job.progress' && e.kind === 'import' && e.total > 20) {
            process.stderr.write(`\rImporting ${e.done}/${e.total}`);
            shown = true;
          }
        });
        const preview = args.options.has('preview');
        // Paths go as typed: the report names each file the way the user wrote it (a relative path, `./` and all).
        const report = await cli.call('articles.importPaths', { paths: inputs, format, ...(preview ? { preview } : {}) }).finally(stop);
        if (shown) process.stderr.write('\n');
        if (!report) return 0;
        if (args.options.has('json')) {
          const out = {
            // `notes` only for Word, PDF and RTF files whose reading left something out or reshaped it.
            imported: report.imported.map(({ file, articleId, title, notes }) => ({ file: file, articleId, title, ...(notes ? { notes } : {}) })),
            skipped: report.skipped.map(({ file, reason }) => ({ file: file, reason })),
            rejected: report.rejected.map(({ file, reason }) => ({ file: file, reason })),
            ...(report.newsExports ? { newsExports: report.newsExports.map((e) => (e)) } : {}),
            ...(report.preview ? { preview: true } : {}),
            ...(report.refi ? { refi: report.refi } : {}),
          };
          process.stdout.write(`${JSON.stringify(out)}\n`);
        } else {
          for (const i of report.imported) {
            process.stdout.write(`imported  ${i.file}  → article ${i.articleId} "${i.title}" (${i.encoding})\n`);
            for (const note of i.notes ?? []) process.stdout.write(`          note: ${note}\n`);
          }
          for (const s of report.skipped) process.stdout.write(`skipped   ${s.file}  (${s.reason})\n`);
          for (const r of report.rejected) process.stdout.write(`rejected  ${r.file}  (${r.reason})\n`);
          for (const e of report.newsExports ?? []) printNewsExport(e);
          if (report.refi) for (const line of refiSummary(report.refi)) process.stdout.write(`${line}\n`);
          if (report.preview) err('preview: nothing was changed');
          err(`${report.imported.length} imported, ${report.skipped.length} skipped, ${report.rejected.length} rejected`);
        }
        return report.rejected.length > 0 ? 1 : 0;
        },
        typeof coder === 'string' ? coder : undefined,
      );
    }
    case 'code': {
      const path = projectPath(args);
      const request = {
        articleId: integer(args, 'article'),
        start: integer(args, 'start'),
        end: integer(args, 'end'),
        codePath: need(args, 'code'),
        ...(typeof args.options.get('memo') === 'string' ? { memo: args.options.get('memo') as string } : {}),
      };
      const coder = args.options.get('coder');
      return withProject(
        path,
        'write',
        async (cli) => {
          const coding = await cli.call('codings.apply', request);
          // The core widened a span that split a grapheme cluster, as the app's selection would; say so, naming it.
          if (coding.start !== request.start || coding.end !== request.end) {
            const { text } = await cli.call('articles.get', { id: request.articleId });
            for (const [flag, at, stored] of [['start', request.start, coding.start], ['end', request.end, coding.end]] as const) {
              if (at === stored) continue;
              const cluster = snapSpanToGraphemes(text, 0, at, at);
              err(
                `note: --${flag} ${at} fell inside the character "${sliceCodePoints(text, cluster.start, cluster.end)}" (code points ` +
                  `${cluster.start}–${cluster.end}); the coding ${flag}s at ${stored}, widened to whole characters as the app selects`,
              );
            }
          }
          process.stdout.write(`${JSON.stringify(coding)}\n`);
          return 0;
        },
        typeof coder === 'string' ? coder : undefined,
      );
    }
    case 'export': {
      const path = projectPath(args);
      const format = need(args, 'format');
      if (['webannotation', 'doccano', 'labelstudio', 'brat'].includes(format)) return annotationExportCommand(path, format, resolve(need(args, 'out')));
      if (format === 'gloss') return forCoderExportCommand(path, args, resolve(need(args, 'out')));
      if (args.options.has('for-coder')) throw new UsageError('--for-coder applies to --format gloss');
      if (format !== 'json' && format !== 'csv' && format !== 'xlsx' && format !== 'qdpx' && format !== 'qdc') {
        throw new UsageError('--format must be json, csv, xlsx, qdpx or qdc');
      }
      if (format !== 'csv' && args.options.has('formula-guard')) throw new UsageError('--formula-guard applies to CSV output (--format csv)');
      const out = resolve(need(args, 'out'));
      // Read-only beside a possible writer, from one snapshot: the app may be coding while the CLI exports.
      return withProject(path, 'read', async (cli) => {
        if (format === 'qdpx' || format === 'qdc') {
          const refi = await cli.call('export.refi', { format, path: out });
          if (refi) err(format === 'qdc' ? `Exported the codebook to ${refi.path}` : `Exported ${refi.codings} codings from ${refi.articles} articles to ${refi.path}`);
          return 0;
        }
        const result = format === 'json' ? await cli.call('export.json', { path: out }) : await cli.call('export.csv', { path: out, format, ...csvOptions(args) });
        if (result) {
          noteFormulaCells(result);
          err(`Exported ${result.codings} codings from ${result.articles} articles to ${result.path}`);
        }
        return 0;
      });
    }
    case 'stats': {
      return withProject(projectPath(args), 'read', async (cli) => {
        const info = (await cli.call('project.current', {}))!;
        const stats = { articles: info.articles, codes: info.codes, codings: info.codings };
        if (args.options.has('json')) process.stdout.write(`${JSON.stringify(stats)}\n`);
        else process.stdout.write(`${info.name}: ${stats.articles} articles, ${stats.codes} codes, ${stats.codings} codings\n`);
        return 0;
      });
    }
    case 'check': {
      const path = projectPath(args);
      if (args.positional.length > 2) throw new UsageError('check takes one project file');
      // Checked without opening it: a damaged file may not open at all.
      const cli = new CliSession();
      const report = await cli.call('project.check', { path });
      if (args.options.has('json')) process.stdout.write(`${JSON.stringify(report)}\n`);
      else for (const f of report.findings) process.stdout.write(`${f.kind}\t${f.message}\n`);
      const n = report.findings.length;
      err(report.ok ? `${path}: no problems found` : `${path}: ${n} problem${n === 1 ? '' : 's'} found; restore a backup made before the damage (the app's File → Restore from Backup…)`);
      return report.ok ? 0 : 1;
    }
    default: {
      const own = Object.hasOwn(COMMAND_MODULES, command) ? COMMAND_MODULES[command] : undefined;
      if (!own) throw new UsageError(`unknown command "${command}" (see gloss --help)`);
      return own(args);
    }
  }
}

// A reader that stops early (`gloss search … | head -1`) closes the pipe; writing on gets EPIPE. That is the reader's
// choice, not a failure: the rest of the output has nowhere to go, so it is dropped quietly and the command finishes
// what it was asked to do (coding search hits, say) and exits with its own code. Any other stream error stays loud.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
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
