// Searching the corpus: full-text (FTS5) and regular expressions, as keyword-in-context hits with exact code-point
// offsets; searching memos; and turning hits into codings.
//
// Full-text search works in two steps. FTS5 (over articles_fts, which holds the text without Arabic and Hebrew
// marks) selects the articles that satisfy the whole query, NOT included. Then, in each selected article, the words
// of the query's phrases (those not on the excluded side of a NOT) are found by a tokenizer that mirrors the
// index's (text/tokens.ts), over the same mark-stripped text, and each occurrence is mapped back to the stored text
// through the strip map: a hit on غزة in غَزَّة covers the whole vowelled word. FTS5's own positions could not be
// used: they count tokens (or UTF-8 bytes of the indexed copy), not code points of the stored text, and a
// contentless index cannot give them at all. NEAR and column filters are not offered; FTS5 syntax characters in a
// query are read as word separators (see text/ftsQuery.ts).
import { GlossError } from '../../contract/errors';
import { OffsetIndex, snapToGraphemes } from '../../contract/offsets';
import type { MemoSearchHit, SearchArticleHits, SearchHit, SearchResult, SearchSpec } from '../../contract/types';
import type { Project } from '../store/Project';
import { findPhrases, parseFtsQuery, positivePhrases, toFts5 } from '../text/ftsQuery';
import { mapStrippedRange, stripMarks, type StrippedText } from '../text/marks';
import { paragraphAround, sentenceAround } from '../text/segments';
import { tokenize } from '../text/tokens';
import { verifyArticleText } from '../store/integrity';
import { runRegexIsolated } from './regexRunner';
import { at, must } from '../../contract/must';

/** Code all hits refuses more than this (narrow the search instead): one undo step should stay a sane size. */
export const MAX_CODE_ALL_HITS = 100_000;
export const DEFAULT_SEARCH_LIMIT = 1000;
export const DEFAULT_CONTEXT = 80;

/** A span of an article in code points. */
export interface HitSpan {
  articleId: number;
  start: number;
  end: number;
}

interface FoundArticle {
  id: number;
  title: string;
  text: string;
  index: OffsetIndex;
  /** Code points, in text order; may be fewer than `count` when a regex search stopped collecting. */
  spans: { start: number; end: number }[];
  count: number;
}

interface Found {
  articles: FoundArticle[];
  totalHits: number;
  ftsExpression?: string;
}

/** A regular expression for a search spec, checked on this thread (compiling never backtracks). */
export function compileSearchRegex(spec: Pick<SearchSpec, 'query' | 'caseSensitive' | 'wholeWords' | 'ignoreMarks'>): { source: string; flags: string } {
  if (spec.query.length === 0) throw new GlossError('invalid_request', 'Type a regular expression to search for.');
  const flags = spec.caseSensitive ? 'gu' : 'giu';
  let source = spec.ignoreMarks ? stripMarks(spec.query).text : spec.query;
  try {
    new RegExp(source, flags);
  } catch (err) {
    throw new GlossError('invalid_request', `This is not a regular expression Gloss can read: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  // Word characters include marks, so a whole word ends after its last vowel sign, not before it.
  if (spec.wholeWords) source = `(?<![\\p{L}\\p{N}\\p{M}_])(?:${source})(?![\\p{L}\\p{N}\\p{M}_])`;
  return { source, flags };
}

async function findRegex(project: Project, spec: SearchSpec, maxHits: number): Promise<Found> {
  const { source, flags } = compileSearchRegex(spec);
  const articles = [...project.search.articles()];
  const stripped: (StrippedText | null)[] = articles.map((a) => (spec.ignoreMarks ? stripMarks(a.text) : null));
  const texts = articles.map((a, i) => stripped[i]?.text ?? a.text);
  const { counts, hits } = await runRegexIsolated(source, flags, texts, { maxHits, timeLimitMs: spec.timeLimitMs });
  const found = new Map<number, FoundArticle>();
  let totalHits = 0;
  articles.forEach((a, i) => {
    const count = counts[i] ?? 0;
    if (count > 0) {
      // Only the articles with hits reach the user, so only theirs are hashed: a damaged one stops the search.
      verifyArticleText(a);
      found.set(i, { id: a.id, title: a.title, text: a.text, index: new OffsetIndex(a.text), spans: [], count });
      totalHits += count;
    }
  });
  for (const { i, start, end } of hitTriples(hits)) {
    const article = must(found.get(i), `the article of hit ${i}`);
    const strip = stripped[i];
    const utf16 = strip ? mapStrippedRange(strip, start, end) : { start, end };
    article.spans.push({ start: article.index.toCodePoint(utf16.start, 'start'), end: article.index.toCodePoint(utf16.end, 'end') });
  }
  return { articles: [...found.values()], totalHits };
}

function findFts(project: Project, spec: SearchSpec): Found {
  if (spec.query.trim().length === 0) throw new GlossError('invalid_request', 'Type something to search for.');
  const tree = parseFtsQuery(spec.query);
  const ftsExpression = toFts5(tree);
  const phrases = positivePhrases(tree);
  const articles: FoundArticle[] = [];
  let totalHits = 0;
  for (const id of project.search.ftsArticleIds(ftsExpression)) {
    const a = project.search.article(id);
    if (!a) continue;
    verifyArticleText(a);
    const strip = stripMarks(a.text);
    const index = new OffsetIndex(a.text);
    const spans = findPhrases(tokenize(strip.text), phrases).map((s) => {
      const utf16 = mapStrippedRange(strip, s.start, s.end);
      return { start: index.toCodePoint(utf16.start, 'start'), end: index.toCodePoint(utf16.end, 'end') };
    });
    // The index and the tokenizer agree on nearly everything; an article where no word can be placed is left out
    // rather than shown with nothing to show.
    if (spans.length === 0) continue;
    articles.push({ id: a.id, title: a.title, text: a.text, index, spans, count: spans.length });
    totalHits += spans.length;
  }
  return { articles, totalHits, ftsExpression };
}

async function find(project: Project, spec: SearchSpec, maxHits: number): Promise<Found> {
  return spec.mode === 'regex' ? findRegex(project, spec, maxHits) : findFts(project, spec);
}

function kwic(article: FoundArticle, span: { start: number; end: number }, context: number): SearchHit {
  const { index, text } = article;
  const u = (cp: number) => index.toUtf16(cp);
  return {
    articleId: article.id,
    start: span.start,
    end: span.end,
    text: text.slice(u(span.start), u(span.end)),
    before: text.slice(u(Math.max(0, span.start - context)), u(span.start)),
    after: text.slice(u(span.end), u(Math.min(index.codePointLength, span.end + context))),
  };
}

/** Runs a search and returns its hits in context, grouped by article, at most `limit` hits listed. */
export async function runSearch(project: Project, spec: SearchSpec, options: { limit?: number; context?: number } = {}): Promise<SearchResult> {
  const started = Date.now();
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  const context = options.context ?? DEFAULT_CONTEXT;
  const found = await find(project, spec, limit);
  let listed = 0;
  const articles: SearchArticleHits[] = found.articles.map((a) => {
    const take = Math.max(0, Math.min(a.spans.length, limit - listed));
    listed += take;
    return { articleId: a.id, title: a.title, hitCount: a.count, hits: a.spans.slice(0, take).map((s) => kwic(a, s, context)) };
  });
  return {
    mode: spec.mode,
    totalHits: found.totalHits,
    articleCount: articles.length,
    truncated: listed < found.totalHits,
    articles,
    ...(found.ftsExpression !== undefined ? { ftsExpression: found.ftsExpression } : {}),
    elapsedMs: Date.now() - started,
  };
}

/** Every hit of a search as spans (for coding them all); refuses more than MAX_CODE_ALL_HITS. */
export async function allHitSpans(project: Project, spec: SearchSpec): Promise<HitSpan[]> {
  const found = await find(project, spec, MAX_CODE_ALL_HITS + 1);
  if (found.totalHits > MAX_CODE_ALL_HITS) {
    throw new GlossError('invalid_request', `The search has ${found.totalHits} hits; code at most ${MAX_CODE_ALL_HITS} at once (narrow the search).`);
  }
  return found.articles.flatMap((a) => a.spans.map((s) => ({ articleId: a.id, ...s })));
}

export interface CodeHitsPlan {
  /** Spans to code, in article then offset order, each once. */
  spans: HitSpan[];
  /**
   * Codings of the code that a (widened) hit overlaps without lying inside: each is extended to cover the hits
   * too, rather than a second coding of the same code being laid over it (#14).
   */
  extend: { id: number; articleId: number; start: number; end: number }[];
  /** Hits whose (widened) span already lies inside a coding of the code. */
  skipped: number;
  /** Hits that widened onto the same span as an earlier hit. */
  collapsed: number;
  /** Hits merged into an existing coding of the code (by extending it: `extend`). */
  merged: number;
}

/**
 * Works out what "code these hits" does: each hit widened as asked (to its sentence or its paragraph), spans that
 * coincide coded once, a span inside a coding of the code skipped, and a span overlapping one merged into it (that
 * coding grows to cover both), so a batch never lays a second, overlapping coding of a code over its first. Reads
 * only.
 */
export function planCodeHits(
  project: Project,
  hits: HitSpan[],
  codeId: number | undefined,
  widen: 'none' | 'sentence' | 'paragraph' = 'none',
  coder?: string,
): CodeHitsPlan {
  const texts = new Map<number, { text: string; index: OffsetIndex }>();
  const articleOf = (id: number) => {
    let a = texts.get(id);
    if (!a) {
      const row = project.search.article(id);
      if (!row) throw new GlossError('not_found', `There is no article ${id} in this project.`);
      verifyArticleText(row);
      a = { text: row.text, index: new OffsetIndex(row.text) };
      texts.set(id, a);
    }
    return a;
  };
  const seen = new Set<string>();
  const spans: HitSpan[] = [];
  let skipped = 0;
  let collapsed = 0;
  let merged = 0;
  // The code's codings per article as they will be after the codings planned so far: an extended one grows here.
  const codingsOf = new Map<number, { id: number; start: number; end: number }[]>();
  // Only this coder's codings count: another coder's coding of the same passage is theirs (each codes independently).
  const existing = project.db.prepare('SELECT id, start, "end" FROM codings WHERE article_id = ? AND code_id = ? AND (? IS NULL OR coder = ?) ORDER BY start, id');
  const extended = new Map<number, { id: number; articleId: number; start: number; end: number }>();
  for (const hit of hits) {
    const { text, index } = articleOf(hit.articleId);
    if (!(hit.start >= 0 && hit.start < hit.end && hit.end <= index.codePointLength)) {
      throw new GlossError('invalid_request', `The hit ${hit.start}–${hit.end} is not inside article ${hit.articleId} (0–${index.codePointLength}).`);
    }
    let span = { start: hit.start, end: hit.end };
    if (widen !== 'none') {
      const around = widen === 'sentence' ? sentenceAround : paragraphAround;
      const w = around(text, index.toUtf16(hit.start), index.toUtf16(hit.end));
      span = { start: index.toCodePoint(w.start, 'start'), end: index.toCodePoint(w.end, 'end') };
    }
    // The coding store widens a span that splits a grapheme cluster; doing it here first lets two hits inside one
    // cluster (a regular expression can match half a flag) collapse into one coding instead of clashing.
    const whole = snapToGraphemes(text, index.toUtf16(span.start), index.toUtf16(span.end));
    span = { start: index.toCodePoint(whole.start, 'start'), end: index.toCodePoint(whole.end, 'end') };
    const key = `${hit.articleId}:${span.start}:${span.end}`;
    if (seen.has(key)) {
      collapsed++;
      continue;
    }
    seen.add(key);
    // A code that does not exist yet (named by a path) has no codings to skip or merge into.
    if (codeId !== undefined) {
      let theirs = codingsOf.get(hit.articleId);
      if (!theirs) codingsOf.set(hit.articleId, (theirs = existing.all(hit.articleId, codeId, coder ?? null, coder ?? null) as { id: number; start: number; end: number }[]));
      if (theirs.some((c) => c.start <= span.start && c.end >= span.end)) {
        skipped++;
        continue;
      }
      const overlapping = theirs.filter((c) => c.start < span.end && c.end > span.start);
      if (overlapping.length > 0) {
        // The coding that shares most of the span grows to cover it; its memo and coder stay.
        const overlap = (c: { start: number; end: number }) => Math.min(c.end, span.end) - Math.max(c.start, span.start);
        const target = overlapping.reduce((best, c) => (overlap(c) > overlap(best) ? c : best));
        target.start = Math.min(target.start, span.start);
        target.end = Math.max(target.end, span.end);
        extended.set(target.id, { id: target.id, articleId: hit.articleId, start: target.start, end: target.end });
        merged++;
        continue;
      }
    }
    spans.push({ articleId: hit.articleId, ...span });
  }
  spans.sort((a, b) => a.articleId - b.articleId || a.start - b.start || a.end - b.end);
  return { spans, extend: [...extended.values()], skipped, collapsed, merged };
}

/** Creates the planned codings and extends the merged ones; the caller provides the transaction (and the undo step). */
export function applyCodeHits(project: Project, plan: CodeHitsPlan, codeId: number, coder: string): number[] {
  for (const e of plan.extend) project.codings.update(e.id, { start: e.start, end: e.end });
  return plan.spans.map((s) => project.codings.apply({ ...s, codeId, coder }).id);
}

export function codeHitsLabel(created: number): string {
  return `Code ${created} search hit${created === 1 ? '' : 's'}`;
}

/** Searches the plain text of every memo: 'text' finds the words as typed, 'regex' takes a regular expression. */
export async function searchMemos(
  project: Project,
  spec: { query: string; mode: 'text' | 'regex'; caseSensitive?: boolean; ignoreMarks?: boolean; timeLimitMs?: number },
  options: { limit?: number; context?: number; coder?: string } = {},
): Promise<{ total: number; hits: MemoSearchHit[] }> {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  const context = options.context ?? 40;
  const query = spec.mode === 'text' ? spec.query.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : spec.query;
  const { source, flags } = compileSearchRegex({ query, caseSensitive: spec.caseSensitive, ignoreMarks: spec.ignoreMarks });
  // A blind window searches only its own coder's coding memos (the other memos belong to nobody's codings).
  const mine = options.coder === undefined ? null : new Set(project.db.prepare('SELECT id FROM codings WHERE coder = ?').pluck().all(options.coder) as number[]);
  const memos = project.memos.forSearch().filter((m) => mine === null || m.target.kind !== 'coding' || mine.has(m.target.id));
  const stripped = memos.map((m) => (spec.ignoreMarks ? stripMarks(m.plain) : null));
  const { counts, hits } = await runRegexIsolated(source, flags, memos.map((m, i) => stripped[i]?.text ?? m.plain), {
    maxHits: limit,
    timeLimitMs: spec.timeLimitMs,
  });
  const out: MemoSearchHit[] = [];
  for (const hit of hitTriples(hits)) {
    const memo = at(memos, hit.i);
    const strip = stripped[hit.i];
    const utf16 = strip ? mapStrippedRange(strip, hit.start, hit.end) : { start: hit.start, end: hit.end };
    const index = new OffsetIndex(memo.plain);
    const start = index.toCodePoint(utf16.start, 'start');
    const end = index.toCodePoint(utf16.end, 'end');
    const article: FoundArticle = { id: memo.articleId ?? 0, title: memo.label, text: memo.plain, index, spans: [], count: 0 };
    const { text, before, after } = kwic(article, { start, end }, context);
    out.push({ target: memo.target, label: memo.label, articleId: memo.articleId, start, end, text, before, after });
  }
  return { total: counts.reduce((a, b) => a + b, 0), hits: out };
}

/** The regex worker's hits, flat (text index, start, end, …), as triples. */
function* hitTriples(hits: ArrayLike<number>): Generator<{ i: number; start: number; end: number }> {
  for (let h = 0; h + 2 < hits.length; h += 3) yield { i: at(hits, h), start: at(hits, h + 1), end: at(hits, h + 2) };
}
