// The request shapes several calls share, as zod schemas. calls.ts builds every call's request from them, and
// types.ts derives the matching TypeScript types from them (z.output), so a shape is written once. Imported at run
// time only by main (the renderer imports types alone, and ships no zod).
import { z } from 'zod';
import { cleanText } from './text';
import { codePathProblem } from './codePath';

export const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** Code-point offset into an article's stored text. */
export const offset = z.int().min(0).max(2 ** 31 - 1);
export const path = z.string().min(1).max(4096);
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
/** Text a person types: control characters other than tab and LF removed (contract/text.ts), for every call. */
export const typed = () => z.string().overwrite(cleanText);
/** One code's name: any text (a "/" in it is escaped as "\\/" where the name is written in a path, codePath.ts). */
export const codeName = typed().trim().min(1, 'A code needs a name.').max(200, 'A code name can be at most 200 characters.');
export const memo = typed().max(1_000_000);
/**
 * A code path: names separated by "/", a "/" inside a name written "\\/" and a backslash "\\\\" (the one rule,
 * contract/codePath.ts); missing levels are created. The message is the plain words the app shows by the field.
 */
export const codePath = typed()
  .trim()
  .max(10_000)
  .superRefine((p, ctx) => {
    const problem = codePathProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const empty = z.strictObject({});
/** A file the browser uploaded to the web host (POST /api/upload), named by the id the host gave back. */
export const uploadId = z.string().regex(/^[a-f0-9]{32}$/, 'an upload is named by the id the web host gave for it');

// Shapes shared by the toolkit's calls (retrieval, search, memos, attributes, counts).
export const attributeName = typed().trim().min(1).max(100);
export const attributeType = z.enum(['text', 'number', 'date', 'boolean']);
export const attributeValue = z.union([typed().max(10_000), z.number().refine(Number.isFinite, 'a number must be finite'), z.boolean()]);
export const attributeFilterOp = z.enum(['eq', 'contains', 'lt', 'gt', 'between', 'empty']);
/**
 * One condition on an article attribute. `eq` compares exactly (text ignoring ASCII case); `contains` is for text;
 * `lt`/`gt` are strict and `between` is inclusive ([from, to]), for numbers, dates and text; `empty` selects
 * articles without a value (no `value`). Several filters must all hold.
 */
export const attributeFilter = z.strictObject({
  name: attributeName,
  op: attributeFilterOp,
  value: z.union([attributeValue, z.tuple([attributeValue, attributeValue])]).optional(),
});
export const attributeFilters = z.array(attributeFilter).max(50);
export const retrieveQuery = z.strictObject({
  codeIds: z.array(id).min(1).max(1000),
  /** Also passages coded with any sub-code of the given codes. */
  includeSubcodes: z.boolean().optional(),
  attributes: attributeFilters.optional(),
  /** Only this coder's codings (exact name). */
  coder: typed().max(200).optional(),
  /** Only passages containing this text (ignoring case and Arabic/Hebrew marks). */
  text: z.string().max(1000).optional(),
});
/** Milliseconds a regular expression may run before it is stopped (default 2,000). */
export const timeLimit = z.int().min(50).max(60_000);
export const searchMode = z.enum(['fts', 'regex']);
export const searchSpec = z.strictObject({
  query: z.string().min(1).max(10_000),
  mode: searchMode,
  caseSensitive: z.boolean().optional(),
  wholeWords: z.boolean().optional(),
  /** Regex mode: match as if Arabic and Hebrew vowel marks, cantillation and tatweel were not there. */
  ignoreMarks: z.boolean().optional(),
  /** Regex mode: stop a regular expression that runs longer than this (default 2,000 ms). */
  timeLimitMs: timeLimit.optional(),
});
export const memoTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['coding', 'article', 'code']), id }),
  z.strictObject({ kind: z.literal('project') }),
]);
/** Only this coder's codings (the name, ignoring case). A blind window (team.blind) always reads its own coder's. */
export const coderFilter = typed().trim().min(1).max(200);
export const countsGrouping = z.enum(['none', 'article', 'attribute']);
export const countsRequest = z.strictObject({
  rollUp: z.boolean(),
  by: countsGrouping.optional(),
  attribute: attributeName.optional(),
  coder: coderFilter.optional(),
});
export const cooccurrenceUnit = z.enum(['overlap', 'paragraph', 'article']);

