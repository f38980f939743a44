// Counts behind the frequency table and the charts: codings per code (per group of articles, per 1,000 words),
// coverage over time, and code co-occurrence. All computed from the codings' spans in one pass each; a corpus of
// tens of thousands of codings takes milliseconds, so nothing here is cached but the articles' word counts.
import { verifyArticleText } from '../store/integrity';
import { GlossError } from '../../contract/errors';
import { OffsetIndex } from '../../contract/offsets';
import type {
  AttributeValue,
  Code,
  CodeCountRow,
  CodeCounts,
  CooccurrencePassage,
  Cooccurrence,
  CooccurrenceUnit,
  CountGroup,
  CountsGrouping,
  Coverage,
  ExportResult,
} from '../../contract/types';
import { attributeValueText } from '../store/AttributeStore';
import type { CodingSpan } from '../store/AnalysisQueries';
import type { Project } from '../store/Project';
import { paragraphSpans } from '../text/segments';
import { tableCsvText, type TableCell } from '../export/tableCsv';
import { writeTable, type TableWriteOptions } from '../export/tableWriter';
import type { CsvWriteOptions } from '../export/csvFormat';
import { checkExportTarget } from '../export/json';
import { at, must } from '../../contract/must';

/** For each code, the codes its codings count for: itself, and with rollUp its ancestors too. */
function countsFor(codes: Code[], rollUp: boolean): Map<number, number[]> {
  const parent = new Map(codes.map((c) => [c.id, c.parentId]));
  const out = new Map<number, number[]>();
  for (const c of codes) {
    const chain = [c.id];
    if (rollUp) for (let p = parent.get(c.id) ?? null; p !== null; p = parent.get(p) ?? null) chain.push(p);
    out.set(c.id, chain);
  }
  return out;
}

/** Orders attribute values as their type does: numbers by size, yes before no, text and dates as text. */
function compareValues(a: AttributeValue, b: AttributeValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? -1 : 1;
  return String(a).localeCompare(String(b));
}

interface Grouping {
  groups: CountGroup[];
  groupOf: (articleId: number) => string | null;
}

function grouping(project: Project, by: CountsGrouping, attribute: string | undefined, words: Map<number, number>): Grouping {
  const articles = project.analysis.articleSummaries();
  const wordsOf = (id: number) => words.get(id) ?? 0;
  if (by === 'none') {
    const total = articles.reduce((n, a) => n + wordsOf(a.id), 0);
    return { groups: [{ key: null, label: 'All articles', articleId: null, articles: articles.length, words: total }], groupOf: () => null };
  }
  if (by === 'article') {
    return {
      groups: articles.map((a) => ({ key: String(a.id), label: a.title, articleId: a.id, articles: 1, words: wordsOf(a.id) })),
      groupOf: (id) => String(id),
    };
  }
  if (!attribute) throw new GlossError('invalid_request', 'Name the attribute to group by.');
  const { values } = project.attributes.valuesOf(attribute);
  const byKey = new Map<string | null, { value: AttributeValue | null; group: CountGroup }>();
  for (const a of articles) {
    const value = values.get(a.id) ?? null;
    const key = value === null ? null : attributeValueText(value);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { value, group: { key, label: key ?? '(no value)', articleId: null, articles: 0, words: 0 } };
      byKey.set(key, entry);
    }
    entry.group.articles++;
    entry.group.words += wordsOf(a.id);
  }
  const ordered = [...byKey.values()].sort((x, y) => (x.value === null ? 1 : y.value === null ? -1 : compareValues(x.value, y.value)));
  return {
    groups: ordered.map((e) => e.group),
    groupOf: (id) => {
      const v = values.get(id);
      return v === undefined ? null : attributeValueText(v);
    },
  };
}

export function codeCounts(project: Project, options: { rollUp: boolean; by?: CountsGrouping; attribute?: string; coder?: string }): CodeCounts {
  const by = options.by ?? 'none';
  const codes = project.codes.list();
  const chains = countsFor(codes, options.rollUp);
  const words = project.analysis.wordCounts();
  const { groups, groupOf } = grouping(project, by, options.attribute, words);
  const cells = new Map<string, { codings: number; articles: Set<number> }>();
  const cellKey = (codeId: number, group: string | null) => `${codeId}\u0000${group ?? '\u0001'}`;
  for (const k of project.analysis.codingSpans(undefined, options.coder)) {
    const group = groupOf(k.articleId);
    for (const codeId of chains.get(k.codeId) ?? [k.codeId]) {
      const key = cellKey(codeId, group);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { codings: 0, articles: new Set() }));
      cell.codings++;
      cell.articles.add(k.articleId);
    }
  }
  const rows: CodeCountRow[] = [];
  for (const group of groups) {
    for (const c of codes) {
      const cell = cells.get(cellKey(c.id, group.key));
      if (!cell && by !== 'none') continue;
      const n = cell?.codings ?? 0;
      rows.push({
        codeId: c.id,
        codePath: c.path,
        color: c.color,
        group: group.key,
        codings: n,
        articles: cell?.articles.size ?? 0,
        per1000Words: group.words > 0 ? (n * 1000) / group.words : null,
      });
    }
  }
  return { rollUp: options.rollUp, by, attribute: by === 'attribute' ? (options.attribute ?? null) : null, groups, rows };
}

/** Four decimals are plenty for a rate per 1,000 words, and spare spreadsheets 3.3333333333333335. */
const rate = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);

export const COUNTS_CSV_COLUMNS = ['group', 'group_label', 'code_path', 'codings', 'articles', 'words', 'per_1000_words'] as const;

function countsTable(counts: CodeCounts): TableCell[][] {
  const groups = new Map(counts.groups.map((g) => [g.key, g]));
  return counts.rows.map((r) => {
    const g = groups.get(r.group)!;
    return [r.group, g.label, r.codePath, r.codings, r.articles, g.words, rate(r.per1000Words)];
  });
}

export async function exportCountsCsv(project: Project, counts: CodeCounts, target: string, options: TableWriteOptions = {}): Promise<ExportResult> {
  checkExportTarget(project, target);
  return writeTable(target, [...COUNTS_CSV_COLUMNS], countsTable(counts), {
    format: options.format,
    formulaGuard: options.formulaGuard,
    sheetName: 'Code counts',
    articles: project.articles.count(),
    codings: project.codings.count(),
  });
}

/** The frequency table as CSV text (for standard output: no BOM). */
export function countsCsvText(counts: CodeCounts, options: CsvWriteOptions = {}): string {
  return tableCsvText([...COUNTS_CSV_COLUMNS], countsTable(counts), options);
}

/**
 * The CLI's frequency table: codings per code path, per article id, or per value of an attribute (null: articles
 * without a value). Every code and every article is listed, with 0 where there are none.
 */
export function frequencyTable(project: Project, by: string, rollUp = false, coder?: string): { key: string | number | null; count: number }[] {
  if (by === 'code') return codeCounts(project, { rollUp, by: 'none', coder }).rows.map((r) => ({ key: r.codePath, count: r.codings }));
  const perArticle = new Map<number, number>();
  for (const k of project.analysis.codingSpans(undefined, coder)) perArticle.set(k.articleId, (perArticle.get(k.articleId) ?? 0) + 1);
  if (by === 'article') return project.analysis.articleSummaries().map((a) => ({ key: a.id, count: perArticle.get(a.id) ?? 0 }));
  const counts = codeCounts(project, { rollUp: false, by: 'attribute', attribute: by, coder });
  const totals = new Map<string | null, number>(counts.groups.map((g) => [g.key, 0]));
  for (const r of counts.rows) totals.set(r.group, (totals.get(r.group) ?? 0) + r.codings);
  return counts.groups.map((g) => ({ key: g.key, count: totals.get(g.key) ?? 0 }));
}

/** The code ids a selected code stands for: itself, and with rollUp its sub-codes. */
function members(project: Project, codeId: number, rollUp: boolean): number[] {
  project.codes.get(codeId);
  return rollUp ? [codeId, ...project.codes.descendants(codeId)] : [codeId];
}

const DAY_MS = 86_400_000;

function periodOf(date: string, interval: Coverage['interval']): string {
  if (interval === 'day') return date;
  if (interval === 'month') return date.slice(0, 7);
  const t = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6 (ISO weeks start on Monday)
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10);
}

function nextPeriod(period: string, interval: Coverage['interval']): string {
  if (interval === 'month') {
    const [y = 0, m = 0] = period.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return new Date(Date.parse(`${period}T00:00:00Z`) + (interval === 'week' ? 7 : 1) * DAY_MS).toISOString().slice(0, 10);
}

/** At most this many periods (27 years of days): a date typo such as 2204 must not allocate a century of zeros. */
const MAX_PERIODS = 10_000;

/** Codings per period for each code, dated by an article attribute of type date. */
export function coverage(
  project: Project,
  options: { codeIds: number[]; interval: Coverage['interval']; dateAttribute?: string; rollUp?: boolean; coder?: string },
): Coverage {
  const dateAttribute = options.dateAttribute ?? 'publication date';
  const { attribute, values } = project.attributes.valuesOf(dateAttribute);
  if (attribute.type !== 'date') throw new GlossError('invalid_request', `"${attribute.name}" holds ${attribute.type} values, not dates.`);
  const codes = new Map(project.codes.list().map((c) => [c.id, c]));
  const perCode = options.codeIds.map((id) => {
    const spans = project.analysis.codingSpans(members(project, id, options.rollUp ?? false), options.coder);
    const perPeriod = new Map<string, number>();
    let undated = 0;
    for (const k of spans) {
      const date = values.get(k.articleId);
      if (typeof date !== 'string') undated++;
      else {
        const p = periodOf(date, options.interval);
        perPeriod.set(p, (perPeriod.get(p) ?? 0) + 1);
      }
    }
    return { id, perPeriod, undated };
  });
  const all = perCode.flatMap((c) => [...c.perPeriod.keys()]).sort();
  const periods: string[] = [];
  const [first, last] = [all[0], all.at(-1)];
  if (first !== undefined && last !== undefined) {
    for (let p = first; p <= last; p = nextPeriod(p, options.interval)) {
      periods.push(p);
      if (periods.length > MAX_PERIODS) {
        throw new GlossError('invalid_request', `The dates span more than ${MAX_PERIODS} ${options.interval}s (${first} to ${last}); check them, or use a longer interval.`);
      }
    }
  }
  return {
    interval: options.interval,
    dateAttribute: attribute.name,
    periods,
    series: perCode.map((c) => {
      const code = codes.get(c.id)!;
      return { codeId: c.id, codePath: code.path, color: code.color, counts: periods.map((p) => c.perPeriod.get(p) ?? 0), undated: c.undated };
    }),
  };
}

/** The selected codes each coding counts for, as indices into `selected`. */
function membership(project: Project, selected: number[], rollUp: boolean): Map<number, number[]> {
  const out = new Map<number, number[]>();
  selected.forEach((id, i) => {
    for (const m of members(project, id, rollUp)) out.set(m, [...(out.get(m) ?? []), i]);
  });
  return out;
}

/** Paragraph spans of an article, found by binary search for a coding's first overlapping paragraph. */
/** Counts one more co-occurrence in cell (i, j) of the matrix. */
function bump(matrix: number[][], i: number, j: number): void {
  const row = at(matrix, i);
  row[j] = at(row, j) + 1;
}

function paragraphsOverlapping(paragraphs: { start: number; end: number }[], start: number, end: number): number[] {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(paragraphs, mid).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let p = lo; p < paragraphs.length && at(paragraphs, p).start < end; p++) out.push(p);
  return out;
}

function byArticle(spans: CodingSpan[]): Map<number, CodingSpan[]> {
  const out = new Map<number, CodingSpan[]>();
  for (const k of spans) out.set(k.articleId, [...(out.get(k.articleId) ?? []), k]);
  return out;
}

/**
 * Visits every co-occurrence unit: for 'overlap', each pair of distinct overlapping codings; for 'paragraph' and
 * 'article', each paragraph or article with the codings in it. Shared by the matrix and the passages behind a cell.
 */
function forEachUnit(
  project: Project,
  spans: CodingSpan[],
  unit: CooccurrenceUnit,
  visit: (articleId: number, unit: { start: number; end: number } | null, codings: CodingSpan[]) => void,
): void {
  for (const [articleId, list] of byArticle(spans)) {
    if (unit === 'article') {
      visit(articleId, null, list);
    } else if (unit === 'paragraph') {
      const text = project.analysis.article(articleId)?.text ?? '';
      const paragraphs = paragraphSpans(text);
      const inParagraph = new Map<number, CodingSpan[]>();
      for (const k of list) for (const p of paragraphsOverlapping(paragraphs, k.start, k.end)) inParagraph.set(p, [...(inParagraph.get(p) ?? []), k]);
      for (const [p, codings] of [...inParagraph].sort((a, b) => a[0] - b[0])) visit(articleId, at(paragraphs, p), codings);
    } else {
      // Sorted by start: a coding can only overlap the ones after it that start before it ends.
      for (const [i, first] of list.entries()) {
        for (let j = i + 1; j < list.length; j++) {
          const second = at(list, j);
          if (second.start >= first.end) break;
          const span = { start: Math.min(first.start, second.start), end: Math.max(first.end, second.end) };
          visit(articleId, span, [first, second]);
        }
      }
    }
  }
}

export function cooccurrence(project: Project, options: { codeIds?: number[]; unit: CooccurrenceUnit; rollUp?: boolean; coder?: string }): Cooccurrence {
  const all = project.codes.list();
  const selected = options.codeIds ?? all.map((c) => c.id);
  const codes = new Map(all.map((c) => [c.id, c]));
  const member = membership(project, selected, options.rollUp ?? false);
  const n = selected.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const spans = project.analysis.codingSpans([...member.keys()], options.coder);
  if (options.unit === 'overlap') {
    for (const k of spans) for (const i of new Set(member.get(k.codeId))) bump(matrix, i, i);
  }
  forEachUnit(project, spans, options.unit, (_articleId, _span, codings) => {
    if (options.unit === 'overlap') {
      // An overlap unit is a pair of codings.
      const [a, b] = [must(codings[0], 'the first coding of an overlap'), must(codings[1], 'the second coding of an overlap')];
      // A pair of codings counts once for each pair of different selected codes they stand for.
      for (const i of new Set(member.get(a.codeId))) {
        for (const j of new Set(member.get(b.codeId))) {
          if (i === j) continue;
          bump(matrix, i, j);
          bump(matrix, j, i);
        }
      }
      return;
    }
    const present = [...new Set(codings.flatMap((k) => member.get(k.codeId) ?? []))];
    for (const i of present) bump(matrix, i, i);
    for (const [x, i] of present.entries()) {
      for (const j of present.slice(x + 1)) {
        bump(matrix, i, j);
        bump(matrix, j, i);
      }
    }
  });
  return {
    unit: options.unit,
    codes: selected.map((id) => {
      const c = codes.get(id);
      if (!c) throw new GlossError('not_found', `There is no code ${id} in this codebook.`);
      return { codeId: id, codePath: c.path, color: c.color };
    }),
    matrix,
  };
}

/** The units behind one cell of the co-occurrence matrix (codeA = codeB: the diagonal), in article then text order. */
export function cooccurrencePassages(
  project: Project,
  options: { codeA: number; codeB: number; unit: CooccurrenceUnit; rollUp?: boolean; offset?: number; limit?: number; coder?: string },
): { total: number; items: CooccurrencePassage[] } {
  const rollUp = options.rollUp ?? false;
  const a = new Set(members(project, options.codeA, rollUp));
  const b = new Set(members(project, options.codeB, rollUp));
  const diagonal = options.codeA === options.codeB;
  const spans = project.analysis.codingSpans([...new Set([...a, ...b])], options.coder);
  const units: { articleId: number; span: { start: number; end: number } | null; codingsA: CodingSpan[]; codingsB: CodingSpan[] }[] = [];
  if (diagonal && options.unit === 'overlap') {
    for (const k of spans) units.push({ articleId: k.articleId, span: { start: k.start, end: k.end }, codingsA: [k], codingsB: [] });
  } else {
    forEachUnit(project, spans, options.unit, (articleId, span, codings) => {
      if (options.unit === 'overlap') {
        // An overlap unit is a pair of codings.
        const [x, y] = [must(codings[0], 'the first coding of an overlap'), must(codings[1], 'the second coding of an overlap')];
        if (a.has(x.codeId) && b.has(y.codeId)) units.push({ articleId, span, codingsA: [x], codingsB: [y] });
        else if (a.has(y.codeId) && b.has(x.codeId)) units.push({ articleId, span, codingsA: [y], codingsB: [x] });
        return;
      }
      const inA = codings.filter((k) => a.has(k.codeId));
      const inB = diagonal ? [] : codings.filter((k) => b.has(k.codeId));
      if (inA.length && (diagonal || inB.length)) units.push({ articleId, span, codingsA: inA, codingsB: inB });
    });
  }
  const offset = options.offset ?? 0;
  const page = units.slice(offset, offset + (options.limit ?? 200));
  const texts = project.analysis.codingTexts(page.flatMap((u) => [...u.codingsA, ...u.codingsB].map((k) => k.id)));
  const articles = new Map<number, { title: string; text: string; index: OffsetIndex; length: number }>();
  const articleOf = (id: number) => {
    let x = articles.get(id);
    if (!x) {
      const row = project.analysis.article(id)!;
      verifyArticleText(row);
      x = { title: row.title, text: row.text, index: new OffsetIndex(row.text), length: row.length };
      articles.set(id, x);
    }
    return x;
  };
  const ref = (k: CodingSpan) => ({ codingId: k.id, start: k.start, end: k.end, text: texts.get(k.id) ?? '' });
  return {
    total: units.length,
    items: page.map((u) => {
      const article = articleOf(u.articleId);
      const span = u.span ?? { start: 0, end: article.length };
      const text = u.span ? article.text.slice(article.index.toUtf16(span.start), article.index.toUtf16(span.end)) : '';
      return { articleId: u.articleId, articleTitle: article.title, ...span, text, codingsA: u.codingsA.map(ref), codingsB: u.codingsB.map(ref) };
    }),
  };
}
