// Re-importing a Gloss JSON export: its articles, codebook and codings, exactly. A file is checked whole before
// anything is written — its header, its shape, and that every coding's text is its code-point slice of its article
// — and is then applied in one transaction, so a file is either imported completely or not at all.
//
// Articles are matched by the SHA-256 of their text (the key the importer uses for duplicates): an article already
// in the project is not duplicated, and only the codings it does not yet have are added. Codes are matched by path,
// case-insensitively as code names are; a code the project lacks is created with the export's colour and
// description, one it has keeps the project's. Importing the same export twice therefore adds nothing the second time.
import { createHash } from 'node:crypto';
import { cleanText } from '../../contract/text';
import { joinCodePath, splitCodePath } from '../../contract/codePath';
import { z } from 'zod';
import { OffsetIndex } from '../../contract/offsets';
import type { ImportReport } from '../../contract/types';
import type { Project } from '../store/Project';
import { foldName, paletteColor } from '../store/CodeStore';
import { decode } from './decode';
import { at, must } from '../../contract/must';

export const GLOSS_JSON_MAX_BYTES = 256 * 1024 * 1024;

/**
 * What one Gloss JSON file may hold (README, "Keeping the project safe"). Far above any real project, and low enough
 * that a hostile file cannot make the import run for hours: a 20 KB file with one code path 5,000 levels deep took
 * nearly a minute to apply, every level a code of its own.
 */
export const GLOSS_JSON_LIMITS = {
  /** Levels in one code path ("Frames/Humanitarian" has 2). */
  codeDepth: 64,
  codes: 10_000,
  articles: 100_000,
  codings: 1_000_000,
  /** One article's text, in UTF-8 bytes: the size of the largest text file Gloss imports. */
  articleBytes: 64 * 1024 * 1024,
} as const;

const codePath = z
  .string()
  .overwrite(cleanText)
  .min(1)
  .max(10_000)
  .refine((p) => splitCodePath(p).every((part) => part.length > 0 && part.length <= 200), 'is not a code path (an empty or over-long level)');
const isoish = z.string().min(1).max(100);

const exportSchema = z.object({
  format: z.literal('gloss'),
  version: z.literal(1),
  offsetUnit: z.literal('codepoint'),
  codes: z.array(
    z.object({
      path: codePath,
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'is not a #rrggbb colour'),
      description: z.string().max(100_000).overwrite(cleanText),
    }),
  ),
  articles: z.array(
    z.object({
      id: z.int().min(1),
      title: z.string().trim().min(1).max(10_000),
      sourceFile: z.string().max(4096),
      encoding: z.string().min(1).max(100),
      importedAt: isoish,
      text: z.string().min(1),
    }),
  ),
  codings: z.array(
    z.object({
      id: z.int().optional(),
      articleId: z.int().min(1),
      codePath,
      start: z.int().min(0),
      end: z.int().min(1),
      text: z.string().min(1),
      memo: z.string().max(1_000_000).overwrite(cleanText),
      coder: z.string().max(1000).overwrite(cleanText),
      createdAt: isoish,
      updatedAt: isoish,
    }),
  ),
});

type ExportFile = z.infer<typeof exportSchema>;

export interface GlossExportPlan {
  codes: ExportFile['codes'];
  articles: (ExportFile['articles'][number] & { hash: string; length: number })[];
  codings: ExportFile['codings'];
}

export type ParsedExport = { ok: true; plan: GlossExportPlan } | { ok: false; reason: string };

/** Reads and checks a whole export; the reason says exactly what is wrong and where. */
export function parseGlossExport(bytes: Uint8Array): ParsedExport {
  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, reason: `not a Gloss export: ${decoded.reason}` };
  if (decoded.encoding !== 'UTF-8') return { ok: false, reason: `not a Gloss export: JSON must be UTF-8, this file is ${decoded.encoding}` };
  let doc: unknown;
  try {
    doc = JSON.parse(decoded.text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
  }
  const header = headerProblem(doc);
  if (header) return { ok: false, reason: header };
  const overLimit = limitProblem(doc as Record<string, unknown>);
  if (overLimit) return { ok: false, reason: `not imported: ${overLimit}` };
  const parsed = exportSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = must(parsed.error.issues[0], 'the first validation issue');
    return { ok: false, reason: `not a valid Gloss export: ${issue.path.map(String).join('.') || 'the file'} ${issue.message}` };
  }
  const file = parsed.data;

  const articles = new Map<number, GlossExportPlan['articles'][number]>();
  const indexes = new Map<number, OffsetIndex>();
  for (const a of file.articles) {
    if (articles.has(a.id)) return { ok: false, reason: `not a valid Gloss export: article id ${a.id} appears twice` };
    if (!a.text.isWellFormed()) return { ok: false, reason: `not a valid Gloss export: article ${a.id}'s text has an unpaired surrogate` };
    if (a.text.includes('\u0000')) return { ok: false, reason: `not a valid Gloss export: article ${a.id}'s text contains a NUL character` };
    if (a.text.includes('\r')) {
      return { ok: false, reason: `not a valid Gloss export: article ${a.id}'s text contains a carriage return (Gloss stores LF line endings)` };
    }
    const hash = createHash('sha256').update(a.text, 'utf8').digest('hex');
    // One offset index per article, not one per coding: rebuilding it for each of 3,000 codings on a 300,000
    // character article took seconds.
    const index = new OffsetIndex(a.text);
    indexes.set(a.id, index);
    articles.set(a.id, { ...a, hash, length: index.codePointLength });
  }
  for (const [k, c] of file.codings.entries()) {
    const name = c.id !== undefined ? `coding ${c.id}` : `codings[${k}]`;
    const article = articles.get(c.articleId);
    if (!article) return { ok: false, reason: `not a valid Gloss export: ${name} refers to article ${c.articleId}, which is not in the file` };
    if (!(c.start < c.end && c.end <= article.length)) {
      return { ok: false, reason: `not a valid Gloss export: ${name} spans ${c.start}–${c.end}, outside article ${c.articleId} (0–${article.length} code points)` };
    }
    const index = indexes.get(c.articleId)!;
    if (article.text.slice(index.toUtf16(c.start), index.toUtf16(c.end)) !== c.text) {
      return {
        ok: false,
        reason: `not a valid Gloss export: ${name}'s text does not match article ${c.articleId} at code points ${c.start}–${c.end} (the offsets or the text were changed)`,
      };
    }
  }
  return { ok: true, plan: { codes: file.codes, articles: [...articles.values()], codings: file.codings } };
}

/**
 * The file's size limits, checked on the parsed JSON before anything else looks at its contents; the reason names the
 * limit. Shapes are left to the schema: only what is countable here is counted.
 */
function limitProblem(d: Record<string, unknown>): string | undefined {
  const L = GLOSS_JSON_LIMITS;
  const n = (x: number) => x.toLocaleString('en-US');
  for (const [key, limit, what] of [
    ['codes', L.codes, 'codes'],
    ['articles', L.articles, 'articles'],
    ['codings', L.codings, 'codings'],
  ] as const) {
    const list = d[key];
    if (Array.isArray(list) && list.length > limit) {
      return `the file has ${n(list.length)} ${what}; a Gloss JSON file may hold at most ${n(limit)} (the ${what} limit)`;
    }
  }
  const depthOf = (path: unknown) => (typeof path === 'string' ? splitCodePath(path).length : 0);
  const tooDeep = (where: string, path: unknown) =>
    depthOf(path) > L.codeDepth
      ? `${where} is a code path ${n(depthOf(path))} levels deep; Gloss allows at most ${L.codeDepth} levels (the code depth limit)`
      : undefined;
  const entries = (list: unknown) => (Array.isArray(list) ? (list as unknown[]).entries() : []);
  for (const [k, c] of entries(d.codes)) {
    const problem = tooDeep(`codes[${k}].path`, (c as { path?: unknown } | null)?.path);
    if (problem) return problem;
  }
  for (const [k, c] of entries(d.codings)) {
    const problem = tooDeep(`codings[${k}].codePath`, (c as { codePath?: unknown } | null)?.codePath);
    if (problem) return problem;
  }
  for (const [k, a] of entries(d.articles)) {
    const text = (a as { text?: unknown } | null)?.text;
    // UTF-8 takes at most three bytes per UTF-16 unit: that cheap bound first, the exact count only near the limit.
    if (typeof text === 'string' && text.length * 3 > L.articleBytes && Buffer.byteLength(text, 'utf8') > L.articleBytes) {
      return `articles[${k}].text is ${(Buffer.byteLength(text, 'utf8') / 1024 / 1024).toFixed(1)} MB; Gloss allows at most ${L.articleBytes / 1024 / 1024} MB per article (the article size limit)`;
    }
  }
  return undefined;
}

/** The header fields, checked first so a file from elsewhere or from a newer Gloss gets a plain answer. */
function headerProblem(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'not a Gloss export (the JSON is not an object)';
  const d = doc as Record<string, unknown>;
  if (d.format !== 'gloss') return `not a Gloss export (format is ${JSON.stringify(d.format ?? null)}, expected "gloss")`;
  if (typeof d.version === 'number' && d.version > 1) {
    return `a Gloss export of version ${d.version}, newer than this Gloss reads (version 1); update Gloss`;
  }
  if (d.version !== 1) return `not a Gloss export Gloss can read (version ${JSON.stringify(d.version ?? null)}, expected 1)`;
  if (d.offsetUnit !== 'codepoint') {
    return `not a Gloss export Gloss can read (offsetUnit is ${JSON.stringify(d.offsetUnit ?? null)}, expected "codepoint")`;
  }
  return undefined;
}

/**
 * Writes a checked export into the project in one transaction and reports it: each new article as imported, each
 * matched one as skipped with how many codings it gained. Throws (rolling everything back) if the database refuses.
 */
export function applyGlossExport(project: Project, plan: GlossExportPlan, file: string, report: ImportReport): void {
  const db = project.db;
  const insertCoding = db.prepare(`INSERT OR IGNORE INTO codings (article_id, code_id, start, "end", text, memo, coder, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const entries = db.transaction(() => {
    // Codes first, in the export's order (parents before children), so new codes keep its order among siblings.
    // Each level is looked up by its folded name among its parent's children (as the codebook compares names), in
    // an index read once per parent; a code the project lacks is created with the export's look where the export
    // lists it, with the next palette colour where it only appears as a parent or in a coding.
    const looks = new Map(plan.codes.map((c) => [pathKey(c.path), c]));
    const children = new Map<number | null, Map<string, number>>();
    const idOfPath = new Map<string, number>();
    const created = new Set<number>();
    let colours = project.codes.count();
    const codeIdOf = (path: string): number => {
      const key = pathKey(path);
      const known = idOfPath.get(key);
      if (known !== undefined) return known;
      const parts = splitCodePath(path);
      let parentId: number | null = null;
      for (let depth = 1; depth <= parts.length; depth++) {
        let siblings = children.get(parentId);
        if (!siblings) children.set(parentId, (siblings = project.codes.siblingNames(parentId)));
        const part = at(parts, depth - 1);
        const folded = foldName(part);
        let id = siblings.get(folded);
        if (id === undefined) {
          const look = looks.get(pathKey(joinCodePath(parts.slice(0, depth))));
          id = project.codes.createKnownFree(parentId, part, look?.color ?? paletteColor(colours), look?.description ?? '');
          colours++;
          siblings.set(folded, id);
          created.add(id);
        }
        parentId = id;
      }
      idOfPath.set(key, parentId!);
      return parentId!;
    };
    for (const c of plan.codes) codeIdOf(c.path);
    for (const c of plan.codings) codeIdOf(c.codePath);
    const newCodes = created.size;

    const articleIds = new Map<number, { id: number; title: string; matched: boolean }>();
    for (const a of plan.articles) {
      const existing = project.articles.findByHash(a.hash);
      if (existing) {
        articleIds.set(a.id, { id: existing.id, title: existing.title, matched: true });
        continue;
      }
      const id = project.articles.insert({
        title: a.title,
        sourceFile: a.sourceFile,
        contentHash: a.hash,
        encoding: a.encoding,
        hadBom: false,
        originalLineEndings: a.text.includes('\n') ? 'LF' : 'none',
        normalizedToNfc: false,
        text: a.text,
        length: a.length,
        importedAt: a.importedAt,
        encodingBasis: 'export',
        encodingConfidence: null,
      });
      articleIds.set(a.id, { id, title: a.title, matched: false });
    }

    const added = new Map<number, number>();
    for (const c of plan.codings) {
      const target = articleIds.get(c.articleId)!;
      const changes = insertCoding.run(target.id, codeIdOf(c.codePath), c.start, c.end, c.text, c.memo, c.coder, c.createdAt, c.updatedAt).changes;
      added.set(c.articleId, (added.get(c.articleId) ?? 0) + changes);
    }
    return { articleIds, added, newCodes };
  }).immediate();

  project.codes.invalidate();
  for (const a of plan.articles) {
    const target = entries.articleIds.get(a.id)!;
    const n = entries.added.get(a.id) ?? 0;
    if (target.matched) {
      report.skipped.push({
        file: `${file} (article ${a.id})`,
        reason: `already in the project as article ${target.id} ("${target.title}"); ${n} coding${n === 1 ? '' : 's'} added`,
        articleId: target.id,
      });
    } else {
      report.imported.push({ file: `${file} (article ${a.id})`, articleId: target.id, title: target.title, encoding: a.encoding });
    }
  }
  if (plan.articles.length === 0) {
    report.skipped.push({ file, reason: `a Gloss export with no articles; ${entries.newCodes} new code${entries.newCodes === 1 ? '' : 's'} added to the codebook` });
  }
}

/**
 * Imports one Gloss JSON file's bytes: parses, checks, applies. Run on the import writer's worker thread by the app
 * and the web host (parsing and applying a large or hostile file must not hold up the window), inline by the CLI.
 * Everything lands in the returned report lists; nothing throws.
 */
export function importGlossJson(project: Project, file: string, bytes: Uint8Array): Pick<ImportReport, 'imported' | 'skipped' | 'rejected'> {
  const report: ImportReport = { imported: [], skipped: [], rejected: [], cancelled: false };
  const parsed = parseGlossExport(bytes);
  if (!parsed.ok) report.rejected.push({ file, reason: parsed.reason });
  else {
    try {
      applyGlossExport(project, parsed.plan, file, report);
    } catch (err) {
      report.rejected.push({ file, reason: `could not be stored, nothing from it was imported: ${(err as Error).message}` });
    }
  }
  return { imported: report.imported, skipped: report.skipped, rejected: report.rejected };
}

/** Code names are unique per level ignoring ASCII case (SQLite's NOCASE), so paths are compared the same way. */
function pathKey(path: string): string {
  return joinCodePath(splitCodePath(path).map((p) => p.replace(/[A-Z]/g, (c) => c.toLowerCase())));
}
