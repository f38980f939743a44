// `gloss search`, `gloss counts` and `gloss attributes`: the analyst's toolkit for pipelines. Same core as the app
// (search, code all hits, counts, attribute import), same offsets (code points, end exclusive) as the exports.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AttributeImportReport, SearchSpec } from '../../contract/types';
import { tableCsvOutput, writeTable, type TableCell } from '../../core/app';
import { formulaCellNote } from '../../contract/exportNotes';
import { joinCodePath, splitCodePath } from '../../contract/codePath';
import { UsageError, type ParsedArgs } from './args';
import { withProject } from './cliSession';

export const TOOLKIT_USAGE = `  gloss search <project.gloss> <query> [--regex] [--case-sensitive] [--whole-words] [--ignore-marks]
               [--timeout <ms>] [--json] [--code <code path> [--widen none|sentence|paragraph] [--coder <name>]]
  gloss counts <project.gloss> --by code|article|<attribute name> [--format csv|xlsx|json] [--out <file>] [--formula-guard] [--roll-up]
  gloss attributes <project.gloss> [--import <file.csv> --match file|title [--dry-run]] [--json]`;

export const TOOLKIT_HELP = `search: full-text by default (words, "phrases", prefix*, AND OR NOT, parentheses; ignores case, accents and
Arabic/Hebrew vowel marks); --regex takes a JavaScript regular expression, stopped after --timeout ms (default
2000). --json prints [{"articleId","start","end","text","context"}], context being the hit with up to 80 code points
on each side. --code codes every hit with that code (created if missing) as one batch; the summary goes to stderr.
counts: the frequency table, codings per code path, per article id or per value of an attribute, as CSV (default),
XLSX (--format xlsx, needs --out) or JSON [{"key","count"}]; --roll-up counts sub-codes' codings for their parents.
The CSV goes through the same writer as the exports (exact cells; --formula-guard prefixes formula-like ones).
attributes: lists the article attributes, or imports values from a CSV whose first column (or one named file/title)
names each article by file name or title; --dry-run reports without writing. Exit 1 when some row did not match
or had a value of the wrong type.`;

export const TOOLKIT_FLAGS = ['regex', 'case-sensitive', 'whole-words', 'ignore-marks', 'roll-up', 'dry-run'];
export const TOOLKIT_VALUES = ['timeout', 'widen', 'by', 'import', 'match'];

function out(text: string): void {
  process.stdout.write(text);
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

function projectPath(args: ParsedArgs): string {
  const p = args.positional[1];
  if (!p) throw new UsageError('the project file is missing');
  return resolve(p);
}

function option(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = option(args, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be ${allowed.join(' or ')} (got "${v}")`);
  return v as T;
}

/** Everything the CLI prints a hit with: the whole article order, nothing cut. */
const ALL_HITS = 100_000;

export async function searchCommand(args: ParsedArgs): Promise<number> {
  const path = projectPath(args);
  const query = args.positional[2];
  if (query === undefined || query === '') throw new UsageError('the search query is missing (gloss search <project.gloss> <query>)');
  if (args.positional.length > 3) throw new UsageError('put a query of several words in quotes, as one argument');
  const timeout = option(args, 'timeout');
  if (timeout !== undefined && !/^\d+$/.test(timeout)) throw new UsageError(`--timeout must be a number of milliseconds (got "${timeout}")`);
  const spec: SearchSpec = {
    query,
    mode: args.options.has('regex') ? 'regex' : 'fts',
    caseSensitive: args.options.has('case-sensitive'),
    wholeWords: args.options.has('whole-words'),
    ignoreMarks: args.options.has('ignore-marks'),
    // The contract's bounds (50 ms to a minute): a shorter or longer limit is taken as the nearest one.
    timeLimitMs: timeout === undefined ? undefined : Math.min(60_000, Math.max(50, Number(timeout))),
  };
  const codePath = option(args, 'code');
  const widen = oneOf(args, 'widen', ['none', 'sentence', 'paragraph'] as const, 'none');
  if (!codePath && args.options.has('widen')) throw new UsageError('--widen applies to --code');
  // Searching only reads; coding the hits writes, so only then is the project locked for writing.
  return withProject(
    path,
    codePath ? 'write' : 'read',
    async (cli) => {
      const result = await cli.call('search.run', { ...spec, limit: ALL_HITS });
      const hits = result.articles.flatMap((a) => a.hits);
      if (args.options.has('json')) {
        const rows = hits.map((h) => ({ articleId: h.articleId, start: h.start, end: h.end, text: h.text, context: `${h.before}${h.text}${h.after}` }));
        out(`${JSON.stringify(rows)}\n`);
      } else {
        const oneLine = (s: string) => s.replace(/\r?\n/g, ' \u21b5 ');
        for (const h of hits) out(`${h.articleId}\t${h.start}-${h.end}\t${oneLine(h.before)}[${oneLine(h.text)}]${oneLine(h.after)}\n`);
        err(`${result.totalHits} hit${result.totalHits === 1 ? '' : 's'} in ${result.articleCount} article${result.articleCount === 1 ? '' : 's'}`);
      }
      if (result.truncated) err(`warning: only the first ${ALL_HITS} hits are printed`);
      if (codePath) {
        const before = new Set((await cli.call('codes.list', {})).codes.map((c) => c.id));
        // The hits just printed are the ones to code; when the listing was cut, the search itself names them all.
        const spans = hits.map(({ articleId, start, end }) => ({ articleId, start, end }));
        const coded = await cli.call('search.codeHits', { ...(result.truncated ? { search: spec } : { hits: spans }), codePath, widen });
        const after = (await cli.call('codes.list', {})).codes;
        const code = after.find((c) => fold(c.path) === fold(codePath)) ?? { path: codePath, id: -1 };
        const newCode = before.has(code.id) ? '' : ` (created the code "${code.path}")`;
        const n = result.totalHits;
        err(
          `Coded ${n} hit${n === 1 ? '' : 's'} with "${code.path}"${newCode}: ${coded.created} new coding${coded.created === 1 ? '' : 's'}, ` +
            `${coded.skipped} already had the code` +
            `${coded.merged ? `, ${coded.merged} merged into an existing coding of it` : ''}` +
            `${coded.collapsed ? `, ${coded.collapsed} merged by widening` : ''}`,
        );
      }
      return 0;
    },
    option(args, 'coder'),
  );
}

/** A code path as code names are compared (composed, lower case, levels trimmed). */
function fold(path: string): string {
  return joinCodePath(splitCodePath(path).map((p) => p.normalize('NFC').toLowerCase()));
}

/** The CSV options a command was given: `--formula-guard` prefixes formula-like cells; otherwise every cell is exact. */
export function csvOptions(args: ParsedArgs): { formulaGuard?: boolean } {
  return args.options.has('formula-guard') ? { formulaGuard: true } : {};
}

/** The line (on stderr) about formula-like cells of a CSV, or about the cells --formula-guard changed. */
export function noteFormulaCells(counts: { formulaLikeCells?: number; guardedCells?: number }): void {
  const note = formulaCellNote(counts, { xlsx: '--format xlsx', guard: '--formula-guard' });
  if (note) err(`note: ${note}`);
}

/**
 * A table a command prints (counts, agreement): CSV on standard output (no byte order mark: it is for pipelines), or
 * written to --out as CSV or XLSX through the one table writer. XLSX needs --out (it is not text).
 */
export async function emitTable(
  args: ParsedArgs,
  format: 'csv' | 'xlsx',
  header: string[],
  rows: TableCell[][],
  sheetName: string,
  stdoutBom = false,
): Promise<void> {
  const target = option(args, 'out');
  if (format === 'xlsx' && target === undefined) throw new UsageError('--format xlsx writes a file: name it with --out <file.xlsx>');
  if (target === undefined) {
    const csv = tableCsvOutput(header, rows, csvOptions(args));
    out(stdoutBom ? `\ufeff${csv.text}` : csv.text);
    noteFormulaCells(csv);
    return;
  }
  const result = await writeTable(resolve(target), header, rows, { format, ...csvOptions(args), sheetName, articles: 0, codings: 0 });
  noteFormulaCells(result);
  err(`Wrote ${rows.length} rows to ${result.path}`);
}

export async function countsCommand(args: ParsedArgs): Promise<number> {
  const path = projectPath(args);
  const by = option(args, 'by');
  if (!by) throw new UsageError('--by is required: code, article or the name of an attribute');
  const format = oneOf(args, 'format', ['csv', 'xlsx', 'json'] as const, 'csv');
  if (format !== 'csv' && args.options.has('formula-guard')) throw new UsageError('--formula-guard applies to CSV output (--format csv)');
  if (format === 'json' && args.options.has('out')) throw new UsageError('--out applies to CSV and XLSX output; JSON goes to standard output');
  return withProject(path, 'read', async (cli) => {
    const { rows } = await cli.call('counts.table', { by, rollUp: args.options.has('roll-up') });
    if (format === 'json') out(`${JSON.stringify(rows)}\n`);
    else await emitTable(args, format, ['key', 'count'], rows.map((r) => [r.key, r.count]), 'Counts');
    return 0;
  });
}

function printImport(report: AttributeImportReport): void {
  for (const r of report.rows) {
    const where = r.status === 'matched' ? `article ${r.articleId} "${r.title}"` : r.status === 'ambiguous' ? `ambiguous (${r.candidates} articles)` : 'no match';
    const values = r.values.map((v) => `${v.name}=${String(v.value)}`).join(', ');
    out(`line ${r.row}\t${r.key}\t${where}${values ? `\t${values}` : ''}\n`);
    for (const e of r.errors) out(`line ${r.row}\t${r.key}\t${e.column}: ${e.message}\n`);
  }
}

export async function attributesCommand(args: ParsedArgs): Promise<number> {
  const path = projectPath(args);
  const csvFile = option(args, 'import');
  if (!csvFile) {
    if (args.options.has('match') || args.options.has('dry-run')) throw new UsageError('--match and --dry-run apply to --import');
    return withProject(path, 'read', async (cli) => {
      const { attributes: list } = await cli.call('attributes.list', {});
      if (args.options.has('json')) out(`${JSON.stringify(list)}\n`);
      else for (const a of list) out(`${a.name}\t${a.type === 'boolean' ? 'yes/no' : a.type}${a.builtIn ? ', built-in' : ''}\t${a.articleCount} articles\n`);
      return 0;
    });
  }
  const matchBy = oneOf(args, 'match', ['file', 'title'] as const, 'file');
  const csvText = readFileSync(resolve(csvFile), 'utf8');
  const dryRun = args.options.has('dry-run');
  return withProject(path, dryRun ? 'read' : 'write', async (cli) => {
    // The preview writes nothing; the import applies the same plan as one undoable step.
    const preview = await cli.call('attributes.importCsv', { csvText, matchBy, preview: true });
    const report = dryRun ? preview : await cli.call('attributes.importCsv', { csvText, matchBy, preview: false });
    if (args.options.has('json')) out(`${JSON.stringify(report)}\n`);
    else printImport(report);
    const created = preview.columns
      .filter((c) => c.status === 'new')
      .map((c) => `${c.name} (${c.type})`)
      .join(', ');
    err(
      `${dryRun ? 'Would set' : 'Set'} ${report.valuesSet} value${report.valuesSet === 1 ? '' : 's'} for ${report.matched} article${report.matched === 1 ? '' : 's'}` +
        `${created ? `; ${dryRun ? 'would define' : 'defined'} ${created}` : ''}; ${report.unmatched} without a match, ${report.ambiguous} ambiguous, ${report.typeErrors} value${report.typeErrors === 1 ? '' : 's'} of the wrong type`,
    );
    return report.unmatched + report.ambiguous + report.typeErrors > 0 ? 1 : 0;
  });
}
