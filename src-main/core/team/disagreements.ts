// The disagreement worklist of two coders for one code, and the consensus decisions that settle it. A disagreement
// is a group of codings of the two coders that overlap one another (a connected run of overlapping codings) inside
// which the coders differ on at least one code point; its `runs` are the maximal runs of code points where exactly
// one coder has the code (x ≠ y), each saying which coder has it. Grouping by overlapping codings keeps a boundary
// dispute (X 0–10, Y 5–15) one passage to decide, not two slivers, and lets "accept X" copy X's whole codings.
//
// The consensus is an ordinary coder ("Consensus" unless named otherwise): a decision writes that coder's codings,
// so counts, the passages view and its CSV export filter to it like to any other coder.
import { GlossError } from '../../contract/errors';
import type { Disagreement, DisagreementCoding, DisagreementList, DisagreementDecision } from '../../contract/types';
import type { Project } from '../store/Project';
import { coverageRuns, type Span } from './agreement';

export const DEFAULT_CONSENSUS_CODER = 'Consensus';
/** Code points of text shown before and after a passage. */
const CONTEXT = 80;

export interface DisagreementOptions {
  coderX: string;
  coderY: string;
  codeId?: number;
  codePath?: string;
  rollUp?: boolean;
  articleIds?: number[];
  consensusCoder?: string;
}

interface Row {
  id: number;
  articleId: number;
  codeId: number;
  start: number;
  end: number;
  coder: string;
}

function resolveCode(project: Project, options: DisagreementOptions): { id: number; path: string; ids: number[] } {
  const codebook = project.codes.list();
  const code =
    options.codeId !== undefined
      ? codebook.find((c) => c.id === options.codeId)
      : codebook.find((c) => c.path === options.codePath);
  if (!code) {
    throw new GlossError('not_found', options.codeId !== undefined ? `There is no code ${options.codeId} in this codebook.` : `There is no code "${options.codePath}".`);
  }
  if (!options.rollUp) return { id: code.id, path: code.path, ids: [code.id] };
  const children = new Map<number | null, number[]>();
  for (const c of codebook) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  return { id: code.id, path: code.path, ids: subtree(code.id) };
}

/** Maximal runs where exactly one of the two coverages holds, each with the coder who has it. */
export function differingRuns(x: readonly Span[], y: readonly Span[], length: number): { start: number; end: number; coder: 'x' | 'y' }[] {
  const xr = coverageRuns(x, length);
  const yr = coverageRuns(y, length);
  const points = [...new Set([0, length, ...xr.flatMap((r) => [r.start, r.end]), ...yr.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const covers = (runs: Span[], p: number) => runs.some((r) => r.start <= p && p < r.end);
  const out: { start: number; end: number; coder: 'x' | 'y' }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const inX = covers(xr, start);
    const inY = covers(yr, start);
    if (inX === inY) continue;
    const coder = inX ? 'x' : 'y';
    const last = out[out.length - 1];
    if (last && last.end === start && last.coder === coder) last.end = end;
    else out.push({ start, end, coder });
  }
  return out;
}

function checkCoders(options: DisagreementOptions): { x: string; y: string; consensus: string } {
  const x = options.coderX.trim();
  const y = options.coderY.trim();
  const consensus = (options.consensusCoder ?? DEFAULT_CONSENSUS_CODER).trim();
  if (x === y) throw new GlossError('invalid_request', 'Choose two different coders to compare.');
  if (consensus === x || consensus === y) throw new GlossError('invalid_request', `The consensus coder must be someone other than ${x} and ${y}.`);
  return { x, y, consensus };
}

/**
 * Every passage where coders X and Y differ on a code (with its sub-codes when `rollUp`), in the articles both
 * coded (or the ones asked for), in article and text order, with the consensus coder's codings there.
 */
export function disagreementList(project: Project, options: DisagreementOptions): DisagreementList {
  const { x, y, consensus } = checkCoders(options);
  const known = new Set(project.agreement.coders().map((c) => c.coder));
  const unknown = [x, y].filter((c) => !known.has(c));
  if (unknown.length) throw new GlossError('not_found', `No codings by ${unknown.map((c) => `"${c}"`).join(', ')} in this project.`);
  const code = resolveCode(project, options);

  let articleIds: number[];
  if (options.articleIds?.length) articleIds = [...new Set(options.articleIds)].sort((a, b) => a - b);
  else {
    const ofY = new Set(project.agreement.articlesCodedBy(y));
    articleIds = project.agreement.articlesCodedBy(x).filter((id) => ofY.has(id));
  }
  const lengths = project.agreement.lengths(articleIds);
  const missing = articleIds.filter((id) => !lengths.has(id));
  if (missing.length) throw new GlossError('not_found', `There is no article ${missing.join(', ')}.`);

  const rows = project.db
    .prepare(
      `SELECT id, article_id AS articleId, code_id AS codeId, start, "end", coder FROM codings
       WHERE coder IN (SELECT value FROM json_each(?)) AND code_id IN (SELECT value FROM json_each(?))
         AND article_id IN (SELECT value FROM json_each(?))
       ORDER BY article_id, start, "end", id`,
    )
    .all(JSON.stringify([x, y, consensus]), JSON.stringify(code.ids), JSON.stringify(articleIds)) as Row[];
  const byArticle = new Map<number, Row[]>();
  for (const r of rows) byArticle.set(r.articleId, [...(byArticle.get(r.articleId) ?? []), r]);

  const pathOf = new Map(project.codes.list().map((c) => [c.id, c.path]));
  const articleStmt = project.db.prepare('SELECT title, text FROM articles WHERE id = ?');
  const items: Disagreement[] = [];
  let agreed = 0;
  for (const articleId of articleIds) {
    const all = byArticle.get(articleId) ?? [];
    const pair = all.filter((r) => r.coder === x || r.coder === y);
    if (pair.length === 0) continue;
    const length = lengths.get(articleId)!;
    let article: { title: string; points: string[] } | undefined;
    // Overlapping codings of either coder form one group: sorted by start, a coding joins the group while it starts
    // before the group's furthest end.
    const groups: Row[][] = [];
    let groupEnd = -1;
    for (const r of pair) {
      const current = groups[groups.length - 1];
      if (current && r.start < groupEnd) {
        current.push(r);
        groupEnd = Math.max(groupEnd, r.end);
      } else {
        groups.push([r]);
        groupEnd = r.end;
      }
    }
    for (const group of groups) {
      const spans = (who: string) => group.filter((r) => r.coder === who);
      const runs = differingRuns(spans(x), spans(y), length);
      if (runs.length === 0) {
        agreed++;
        continue;
      }
      const start = Math.min(...group.map((r) => r.start));
      const end = Math.max(...group.map((r) => r.end));
      const consensusHere = all.filter((r) => r.coder === consensus && r.start < end && r.end > start);
      if (!article) {
        const row = articleStmt.get(articleId) as { title: string; text: string };
        article = { title: row.title, points: Array.from(row.text) };
      }
      const coding = (r: Row, who: DisagreementCoding['coder']): DisagreementCoding => ({
        id: r.id,
        coder: who,
        codeId: r.codeId,
        codePath: pathOf.get(r.codeId) ?? '',
        start: r.start,
        end: r.end,
      });
      items.push({
        articleId,
        articleTitle: article.title,
        start,
        end,
        text: article.points.slice(start, end).join(''),
        before: article.points.slice(Math.max(0, start - CONTEXT), start).join(''),
        after: article.points.slice(end, end + CONTEXT).join(''),
        runs,
        codings: [...spans(x).map((r) => coding(r, 'x')), ...spans(y).map((r) => coding(r, 'y')), ...consensusHere.map((r) => coding(r, 'consensus'))],
        decided: consensusHere.length > 0,
      });
    }
  }
  return {
    coderX: x,
    coderY: y,
    consensusCoder: consensus,
    code: code.path,
    codeId: code.id,
    rollUp: options.rollUp ?? false,
    articleIds,
    items,
    total: items.length,
    decided: items.filter((i) => i.decided).length,
    agreed,
  };
}

export interface DecisionPlan {
  consensus: string;
  articleId: number;
  /** Consensus codings of the code (or its sub-codes) overlapping the passage: the decision replaces them. */
  remove: number[];
  write: { codeId: number; start: number; end: number }[];
}

/** Works out what a decision writes, before anything is written; refuses a passage that is no longer in the list. */
export function planDecision(
  project: Project,
  options: DisagreementOptions & { disagreement: { articleId: number; start: number; end: number }; decision: DisagreementDecision; start?: number; end?: number },
): DecisionPlan {
  const { articleId, start, end } = options.disagreement;
  const list = disagreementList(project, { ...options, articleIds: [articleId] });
  const item = list.items.find((i) => i.start === start && i.end === end);
  if (!item) {
    throw new GlossError('not_found', `There is no disagreement at ${start}–${end} in article ${articleId} any more (the coders' codings changed); reload the list.`);
  }
  const remove = item.codings.filter((c) => c.coder === 'consensus').map((c) => c.id);
  const copy = (who: 'x' | 'y') => item.codings.filter((c) => c.coder === who).map((c) => ({ codeId: c.codeId, start: c.start, end: c.end }));
  let write: DecisionPlan['write'];
  switch (options.decision) {
    case 'acceptX':
      write = copy('x');
      break;
    case 'acceptY':
      write = copy('y');
      break;
    case 'acceptBoth':
      write = [...copy('x'), ...copy('y')];
      break;
    case 'reject':
      write = [];
      break;
    case 'edit': {
      if (options.start === undefined || options.end === undefined) throw new GlossError('invalid_request', 'An edited decision needs the span: start and end.');
      write = [{ codeId: list.codeId, start: options.start, end: options.end }];
      break;
    }
  }
  const seen = new Set<string>();
  write = write.filter((w) => {
    const key = `${w.codeId}:${w.start}:${w.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { consensus: list.consensusCoder, articleId, remove, write };
}
