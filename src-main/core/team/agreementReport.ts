// The agreement report of a project: which articles and codes are in scope, each coder's coverage per code and
// article, and the measures of ./agreement over them. Read-only; shared by `gloss agree` and the app's call.
import { normaliseCodePath } from '../../contract/codePath';
import { GlossError } from '../../contract/errors';
import type { AgreementCodeRow, AgreementFigures, AgreementReport, AgreementRow } from '../../contract/types';
import type { Project } from '../store/Project';
import type { CoderSpan } from '../store/AgreementQueries';
import {
  agreementFigures,
  concatenateContinua,
  krippendorffAlphaCoders,
  pairCounts,
  segmentMatches,
  sumCounts,
  unitizingAlpha,
  type PairCounts,
  type Span,
} from './agreement';

export interface AgreementOptions {
  /** Two or more coder names; counts and κ are for the first two, `alphaAll` spans all of them. */
  coders: string[];
  /** Only this code (a path such as Frames/Humanitarian); every code when absent. */
  codePath?: string;
  /** Count a code's sub-codes' codings as the code's own. */
  rollUp?: boolean;
  /** The articles to compare; by default every article that all the coders coded (anything). */
  articleIds?: number[];
  /** Overlap a coding must reach to count as matched by the other coder (default 0.9). */
  overlapThreshold?: number;
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

function figures(c: PairCounts): AgreementFigures {
  const f = agreementFigures(c);
  return { ...c, percent: finite(f.percent), kappa: finite(f.kappa), alpha: finite(f.alpha) };
}

export function agreementReport(project: Project, options: AgreementOptions): AgreementReport {
  const coders = options.coders.map((c) => c.trim());
  if (coders.length < 2) throw new GlossError('invalid_request', 'Agreement needs at least two coders.');
  if (new Set(coders).size !== coders.length) throw new GlossError('invalid_request', 'Name each coder once.');
  const known = new Set(project.agreement.coders().map((c) => c.coder));
  const unknown = coders.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new GlossError('not_found', `No codings by ${unknown.map((c) => `"${c}"`).join(', ')} in this project (coders: ${[...known].map((c) => `"${c}"`).join(', ') || 'none'}).`);
  }
  const threshold = options.overlapThreshold ?? 0.9;
  if (!(threshold > 0 && threshold <= 1)) throw new GlossError('invalid_request', 'The overlap threshold is a share between 0 (excluded) and 1.');

  // Scope: an article a coder never coded is missing data, not disagreement.
  let articleIds: number[];
  if (options.articleIds?.length) {
    articleIds = [...new Set(options.articleIds)].sort((a, b) => a - b);
  } else {
    const perCoder = coders.map((c) => new Set(project.agreement.articlesCodedBy(c)));
    articleIds = [...perCoder[0]!].filter((id) => perCoder.every((s) => s.has(id))).sort((a, b) => a - b);
  }
  const lengths = project.agreement.lengths(articleIds);
  const missing = articleIds.filter((id) => !lengths.has(id));
  if (missing.length) throw new GlossError('not_found', `There is no article ${missing.join(', ')}.`);

  // Codes: each with the set of codes whose codings count as its own.
  const codebook = project.codes.list();
  const children = new Map<number | null, number[]>();
  for (const c of codebook) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  let chosen = codebook;
  if (options.codePath !== undefined) {
    const wanted = normaliseCodePath(options.codePath);
    const code = codebook.find((c) => c.path === wanted);
    if (!code) throw new GlossError('not_found', `There is no code "${options.codePath}".`);
    chosen = [code];
  }

  // spans[coder][codeId][articleId]
  const byCoder = new Map<string, Map<number, Map<number, Span[]>>>(coders.map((c) => [c, new Map()]));
  for (const s of project.agreement.spans(coders, articleIds) as CoderSpan[]) {
    const perCode = byCoder.get(s.coder)!;
    let perArticle = perCode.get(s.codeId);
    if (!perArticle) perCode.set(s.codeId, (perArticle = new Map()));
    let list = perArticle.get(s.articleId);
    if (!list) perArticle.set(s.articleId, (list = []));
    list.push({ start: s.start, end: s.end });
  }
  const spansOf = (coder: string, codeIds: number[], articleId: number): Span[] =>
    codeIds.flatMap((id) => byCoder.get(coder)!.get(id)?.get(articleId) ?? []);

  const [x, y] = coders as [string, string, ...string[]];
  const rows: AgreementRow[] = [];
  const codeRows: AgreementReport['codes'] = [];
  const pooled: PairCounts[] = [];
  const unitizing: { observed: number; expected: number }[] = [];
  const allCoderContinua: Span[][][] = coders.map(() => []);
  const allCoderLengths: number[] = [];

  for (const code of chosen) {
    const ids = options.rollUp ? subtree(code.id) : [code.id];
    const perArticle: PairCounts[] = [];
    const xPer: Span[][] = [];
    const yPer: Span[][] = [];
    const matchedXY = { matched: 0, total: 0 };
    const matchedYX = { matched: 0, total: 0 };
    let used = false;
    for (const articleId of articleIds) {
      const length = lengths.get(articleId)!;
      const xs = spansOf(x, ids, articleId);
      const ys = spansOf(y, ids, articleId);
      const counts = pairCounts(xs, ys, length);
      perArticle.push(counts);
      xPer.push(xs);
      yPer.push(ys);
      const anyCoder = coders.some((c) => spansOf(c, ids, articleId).length > 0);
      if (anyCoder) used = true;
      if (xs.length || ys.length) {
        rows.push({ code: code.path, articleId, ...figures(counts) });
        const xy = segmentMatches(xs, ys, threshold);
        const yx = segmentMatches(ys, xs, threshold);
        matchedXY.matched += xy.matched;
        matchedXY.total += xy.total;
        matchedYX.matched += yx.matched;
        matchedYX.total += yx.total;
      }
    }
    if (!used) continue;
    const counts = sumCounts(perArticle);
    pooled.push(counts);
    const laid = concatenateContinua([xPer, yPer], articleIds.map((id) => lengths.get(id)!));
    const u = unitizingAlpha(laid.raters, laid.length);
    unitizing.push(u);
    const row: AgreementCodeRow & { alphaAll?: number | null } = { code: code.path, ...figures(counts), alphaU: finite(u.alphaU), matchedXY, matchedYX };
    if (coders.length > 2) {
      const perCoder = coders.map((c) => articleIds.map((articleId) => spansOf(c, ids, articleId)));
      row.alphaAll = finite(krippendorffAlphaCoders(perCoder, articleIds.map((id) => lengths.get(id)!)));
      perCoder.forEach((list, r) => allCoderContinua[r]!.push(...list));
      allCoderLengths.push(...articleIds.map((id) => lengths.get(id)!));
    }
    codeRows.push(row);
  }

  // Overall αu as DKPro Agreement pools categories: mean observed over mean expected disagreement.
  const meanObserved = unitizing.reduce((s, u) => s + u.observed, 0) / unitizing.length;
  const meanExpected = unitizing.reduce((s, u) => s + u.expected, 0) / unitizing.length;
  const overallAlphaU = unitizing.length === 0 ? Number.NaN : meanObserved === meanExpected ? (meanObserved === 0 ? 1 : 0) : 1 - meanObserved / meanExpected;
  const overall: AgreementReport['overall'] = { ...figures(sumCounts(pooled)), alphaU: finite(overallAlphaU) };
  if (coders.length > 2) overall.alphaAll = finite(krippendorffAlphaCoders(allCoderContinua, allCoderLengths));

  return { unit: 'codepoint', coders, rollUp: options.rollUp ?? false, overlapThreshold: threshold, articleIds, rows, codes: codeRows, overall };
}
