// `gloss agree`: inter-coder agreement of two (or more) coders over code points, as JSON, CSV or a table to read.
import { resolve } from 'node:path';
import type { AgreementReport } from '../../contract/types';
import { AGREEMENT_CSV_COLUMNS, agreementTable } from '../../core/app';
import { UsageError, type ParsedArgs } from './args';
import { withProject } from './cliSession';
import { emitTable } from './toolkitCommands';

export const AGREE_USAGE = `  gloss agree <project.gloss> --coders A,B[,C…] [--code <code path>] [--roll-up] [--articles 1,2,…]
              [--overlap <percent>] [--json | --format csv|xlsx [--out <file>] [--formula-guard]]`;

export const AGREE_HELP = `agree: agreement of the first two coders over the code points of the articles both coded (or --articles), per
code × article, per code and overall: percent agreement, Cohen's kappa, Krippendorff's alpha (binary, every code
point a unit) and, per code, Krippendorff's unitizing alpha (alphaU). --roll-up counts sub-codes' codings for their
parents; --overlap sets the share of a coding the other coder must match for the segment view (default 90).
With three or more coders, alphaAll is Krippendorff's alpha over all of them. Measures that are undefined (no
units) are null in JSON and empty in CSV. --format csv prints the CSV (or writes it to --out); --format xlsx writes the
same table as an XLSX workbook to --out.`;

export const AGREE_VALUES = ['coders', 'articles', 'overlap'];

function option(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

function list(raw: string, what: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${what} is a comma-separated list without empty items (got "${raw}")`);
  return items;
}

function fmt(n: number | null | undefined, digits = 3): string {
  return n === null || n === undefined ? '—' : n.toFixed(digits);
}

function readable(report: AgreementReport): string {
  const [x, y] = report.coders;
  const lines = [
    `Agreement of ${x} and ${y} over ${report.articleIds.length} article(s), unit: code point${report.rollUp ? ', sub-codes rolled up' : ''}`,
    '',
    ['code', 'percent', 'kappa', 'alpha', 'alphaU', ...(report.coders.length > 2 ? ['alphaAll'] : [])].join('\t'),
  ];
  for (const c of report.codes) {
    lines.push([c.code, fmt(c.percent === null ? null : c.percent * 100, 1) + '%', fmt(c.kappa), fmt(c.alpha), fmt(c.alphaU), ...(report.coders.length > 2 ? [fmt(c.alphaAll)] : [])].join('\t'));
  }
  const o = report.overall;
  lines.push(['(overall)', fmt(o.percent === null ? null : o.percent * 100, 1) + '%', fmt(o.kappa), fmt(o.alpha), fmt(o.alphaU), ...(report.coders.length > 2 ? [fmt(o.alphaAll)] : [])].join('\t'));
  if (report.codes.length === 0) lines.push('', 'Neither coder applied any code in these articles.');
  return `${lines.join('\n')}\n`;
}

export async function agreeCommand(args: ParsedArgs): Promise<number> {
  const path = args.positional[1];
  if (!path) throw new UsageError('the project file is missing');
  const codersRaw = option(args, 'coders');
  if (!codersRaw) throw new UsageError('--coders is required (two or more coder names, comma-separated)');
  const coders = list(codersRaw, 'coders');
  if (coders.length < 2) throw new UsageError('--coders needs at least two coder names');
  const articlesRaw = option(args, 'articles');
  const articleIds = articlesRaw
    ? list(articlesRaw, 'articles').map((s) => {
        if (!/^\d+$/.test(s) || Number(s) < 1) throw new UsageError(`--articles lists article ids (whole numbers ≥ 1), not "${s}"`);
        return Number(s);
      })
    : undefined;
  const overlapRaw = option(args, 'overlap');
  let overlapThreshold: number | undefined;
  if (overlapRaw !== undefined) {
    const n = Number(overlapRaw);
    if (!(n > 0 && n <= 100)) throw new UsageError(`--overlap is a percentage above 0 and at most 100 (got "${overlapRaw}")`);
    overlapThreshold = n / 100;
  }
  const format = option(args, 'format');
  if (format !== undefined && format !== 'csv' && format !== 'xlsx' && format !== 'json') throw new UsageError('--format must be csv, xlsx or json');
  if (format !== 'csv' && args.options.has('formula-guard')) throw new UsageError('--formula-guard applies to CSV output (--format csv)');
  if ((format === undefined || format === 'json') && args.options.has('out')) throw new UsageError('--out applies to --format csv or xlsx');
  return withProject(resolve(path), 'read', async (cli) => {
    const code = option(args, 'code');
    const report = await cli.call('team.agreement', {
      coders,
      rollUp: args.options.has('roll-up'),
      ...(code !== undefined ? { codePath: code } : {}),
      ...(articleIds ? { articleIds } : {}),
      ...(overlapThreshold !== undefined ? { overlapThreshold } : {}),
    });
    if (args.options.has('json') || format === 'json') process.stdout.write(`${JSON.stringify(report)}\n`);
    else if (format === 'csv' || format === 'xlsx') await emitTable(args, format, AGREEMENT_CSV_COLUMNS, agreementTable(report), 'Agreement', true);
    else process.stdout.write(readable(report));
    return 0;
  });
}
