// Every change an analyst makes to a project's data, one command each. Scopes name rows from the request and the
// store as it is (a code's subtree, an article's codings, the memo row a target has); tests/core/commands.test.ts
// undoes and redoes every command here and compares every table, so a scope that misses a row fails there.
import { GlossError } from '../../contract/errors';
import type { Scope } from '../history';
import { applyAttributeImport, planAttributeImport, type AttributeImportPlan } from '../analysis/attributeImport';
import { allHitSpans, applyCodeHits, codeHitsLabel, planCodeHits, type CodeHitsPlan } from '../search/search';
import type { Coding } from '../../contract/types';
import { command, type CommandContext } from './command';
import { teamCommands } from './teamCommands'; // agree12
import { coderCommands } from './coderCommands';
import { mergeCommands } from './mergeCommands';
import { codeSetCommands } from './codeSetCommands';

const unique = (ids: number[]): number[] => [...new Set(ids)];

/**
 * The acting coder's row, named before (an existing coder is kept as it was) and after the change (a coding or memo by
 * a coder the project did not have yet creates the row, and undo removes it again).
 */
function coderRow({ project, coder }: CommandContext): Scope {
  const row = project.coders.byName(coder);
  return row ? { coders: [row.id] } : {};
}

export const renameArticle = command({
  name: 'articles.rename',
  label: () => 'Rename article',
  scope: (_ctx, { id }) => ({ articles: [id] }),
  run: ({ project }, { id, title }) => project.articles.rename(id, title),
  changes: ({ id }) => ({ entities: ['articles'], articleIds: [id] }),
});

export const deleteArticle = command({
  name: 'articles.delete',
  label: () => 'Delete article',
  prepare: ({ project }, { id }) => {
    project.articles.summary(id);
    return { plan: undefined };
  },
  scope: (_ctx, { id }) => ({ articles: [id], codingsOfArticles: [id] }),
  run: ({ project }, { id }) => ({ deletedCodings: project.articles.delete(id) }),
  changes: ({ id }) => ({ entities: ['articles', 'codings', 'memos', 'attributes'], articleIds: [id] }),
});

export const createCode = command({
  name: 'codes.create',
  label: () => 'Create code',
  // A path may create its missing parents too (one undo step): the codebook is small, so it is kept whole then.
  scope: (_ctx, { codePath }) => (codePath !== undefined ? { codes: 'all' } : {}),
  created: (_ctx, _req, code) => ({ codes: [code.id] }),
  run: ({ project }, { codePath, name, ...rest }) =>
    codePath !== undefined ? project.codes.createPath(codePath, rest) : project.codes.create({ name: name!, ...rest }),
  changes: (_req, code) => ({ entities: ['codes'], codeIds: [code.id] }),
});

export const updateCode = command({
  name: 'codes.update',
  label: () => 'Edit code',
  scope: (_ctx, { id }) => ({ codes: [id] }),
  run: ({ project }, { id, ...changes }) => project.codes.update(id, changes),
  // A rename changes the path of every sub-code, and the passages that show them.
  changes: ({ id }, _code) => ({ entities: ['codes', 'codings'], codeIds: [id] }),
});

export const moveCode = command({
  name: 'codes.move',
  label: () => 'Move code',
  // Moving renumbers the siblings at both ends: the codebook is small, so it is kept whole.
  scope: () => ({ codes: 'all' }),
  run: ({ project }, { id, parentId, index }) => {
    project.codes.move(id, parentId, index);
    return { codes: project.codes.list() };
  },
  changes: ({ id }) => ({ entities: ['codes', 'codings'], codeIds: [id] }),
});

export const mergeCodes = command({
  name: 'codes.merge',
  label: () => 'Merge codes',
  // The source's sub-codes move under the target: restoring the codebook re-parents them, and SQLite's cascade from
  // their old parent would take their codings along unless those are in scope too.
  scope: ({ project }, { sourceId, targetId }) => ({ codes: 'all', codingsOfCodes: [sourceId, targetId, ...project.codes.descendants(sourceId)] }),
  run: ({ project }, { sourceId, targetId }) => project.codes.merge(sourceId, targetId),
  changes: ({ sourceId, targetId }) => ({ entities: ['codes', 'codings', 'memos'], codeIds: [sourceId, targetId] }),
});

export const deleteCode = command<'codes.delete', number[]>({
  name: 'codes.delete',
  label: () => 'Delete code',
  prepare: ({ project }, { id }) => {
    project.codes.get(id);
    return { plan: [id, ...project.codes.descendants(id)] };
  },
  scope: (_ctx, _req, subtree) => ({ codes: 'all', codingsOfCodes: subtree }),
  run: ({ project }, { id }) => project.codes.delete(id),
  changes: (_req, _result, subtree) => ({ entities: ['codes', 'codings', 'memos'], codeIds: subtree }),
});

/** A code named by path is found or created along the path inside the command, so both are one undo step. */
function codeIdOf({ project }: CommandContext, request: { codeId?: number; codePath?: string }): number {
  return request.codePath !== undefined ? project.codes.ensurePath(request.codePath).id : request.codeId!;
}

export const applyCoding = command({
  name: 'codings.apply',
  label: () => 'Apply code',
  prepare: ({ project }, { articleId, codeId }) => {
    project.articles.summary(articleId);
    if (codeId !== undefined) project.codes.get(codeId);
    return { plan: undefined };
  },
  // A path may create codes: the codebook is small, so it is kept whole then.
  scope: (ctx, { codePath }) => ({ ...(codePath !== undefined ? { codes: 'all' as const } : {}), ...coderRow(ctx) }),
  created: (ctx, _req, coding) => ({ codings: [coding.id], ...coderRow(ctx) }),
  run: (ctx, { codeId: _id, codePath: _path, ...request }) => ctx.project.codings.apply({ ...request, codeId: codeIdOf(ctx, { codeId: _id, codePath: _path }), coder: ctx.coder }),
  changes: ({ articleId, codePath }, coding) => ({ entities: codePath !== undefined ? ['codings', 'codes'] : ['codings'], articleIds: [articleId], codeIds: [coding.codeId] }),
});

export const updateCoding = command<'codings.update', Coding>({
  name: 'codings.update',
  label: ({ memo, start, end, codeId }) =>
    memo !== undefined && start === undefined && end === undefined && codeId === undefined ? 'Edit memo' : codeId !== undefined ? 'Change code' : 'Adjust coding',
  prepare: ({ project }, { id }) => ({ plan: project.codings.get(id) }),
  scope: (_ctx, { id }) => ({ codings: [id] }),
  // Moving only the edges, press after press (Shift+arrows, key repeat), is one undo step per burst.
  burst: ({ id, codeId, memo }) => (codeId === undefined && memo === undefined ? `adjust-coding:${id}` : undefined),
  run: ({ project }, { id, ...changes }) => project.codings.update(id, changes),
  changes: (_req, coding, before) => ({
    entities: ['codings'],
    articleIds: [coding.articleId],
    codeIds: unique([before.codeId, coding.codeId]),
  }),
});

export const removeCoding = command<'codings.remove', Coding>({
  name: 'codings.remove',
  label: () => 'Remove coding',
  prepare: ({ project }, { id }) => {
    try {
      return { plan: project.codings.get(id) };
    } catch {
      throw new GlossError('not_found', `There is no coding ${id} in this project.`);
    }
  },
  scope: (_ctx, { id }) => ({ codings: [id] }),
  run: ({ project }, { id }) => ({ removed: project.codings.remove(id) }),
  changes: (_req, _result, coding) => ({ entities: ['codings'], articleIds: [coding.articleId], codeIds: [coding.codeId] }),
});

export const codeSearchHits = command<'search.codeHits', CodeHitsPlan>({
  name: 'search.codeHits',
  label: (_req, plan) => codeHitsLabel(plan.spans.length + plan.merged),
  prepare: async ({ project, coder }, { search, hits, codeId, codePath, widen, preview }) => {
    // A code named by a path that does not exist yet has no codings to skip; it is created when the hits are coded.
    const existing = codeId ?? (codePath !== undefined ? project.codes.findPath(codePath)?.id : undefined);
    if (existing !== undefined) project.codes.get(existing);
    const spans = hits ?? (await allHitSpans(project, search!));
    const plan = planCodeHits(project, spans, existing, widen, coder);
    const counts = { skipped: plan.skipped, collapsed: plan.collapsed, merged: plan.merged };
    // A preview reports what coding would do and records nothing.
    if (preview) return { skip: { created: plan.spans.length, ...counts, preview: true, codingIds: [], label: codeHitsLabel(plan.spans.length + plan.merged) } };
    // Nothing to create, nothing to undo: no empty step on the undo stack.
    if (plan.spans.length === 0 && plan.extend.length === 0) return { skip: { created: 0, ...counts, codingIds: [], label: codeHitsLabel(0) } };
    return { plan };
  },
  scope: (ctx, { codePath }, plan) => ({
    ...(codePath !== undefined ? { codes: 'all' as const } : {}),
    codings: plan.extend.map((e) => e.id),
    ...coderRow(ctx),
  }),
  created: (ctx, _req, result) => ({ codings: result.codingIds, ...coderRow(ctx) }),
  run: (ctx, request, plan) => {
    const codingIds = applyCodeHits(ctx.project, plan, codeIdOf(ctx, request), ctx.coder);
    return {
      created: codingIds.length,
      skipped: plan.skipped,
      collapsed: plan.collapsed,
      merged: plan.merged,
      codingIds,
      label: codeHitsLabel(plan.spans.length + plan.merged),
    };
  },
  changes: ({ codeId, codePath }, _result, plan) => ({
    entities: codePath !== undefined ? ['codings', 'codes'] : ['codings'],
    articleIds: unique([...plan.spans, ...plan.extend].map((s) => s.articleId)),
    codeIds: codeId !== undefined ? [codeId] : undefined,
  }),
});

export const saveSearch = command({
  name: 'search.saved.save',
  label: () => 'Save search',
  // Saving under an existing name (ignoring case) replaces that saved search.
  scope: ({ project }, { name }) => ({
    savedSearches: project.search
      .listSaved()
      .filter((s) => s.name.toLowerCase() === name.trim().toLowerCase())
      .map((s) => s.id),
  }),
  created: (_ctx, _req, saved) => ({ savedSearches: [saved.id] }),
  run: ({ project }, { name, ...spec }) => project.search.save(name, spec),
  changes: () => ({ entities: ['searches'] }),
});

export const deleteSavedSearch = command({
  name: 'search.saved.delete',
  label: () => 'Delete saved search',
  scope: (_ctx, { id }) => ({ savedSearches: [id] }),
  run: ({ project }, { id }) => ({ deleted: project.search.deleteSaved(id) }),
  changes: () => ({ entities: ['searches'] }),
});

/** A coding's memo lives in its codings row; the others in `memos`, whose row may be created or removed. */
function memoRows({ project }: CommandContext, target: Parameters<typeof project.memos.rowId>[0]): Scope {
  if (target.kind === 'coding') return { codings: [target.id] };
  const id = project.memos.rowId(target);
  return { memos: id === undefined ? [] : [id] };
}

export const setMemo = command({
  name: 'memos.set',
  label: () => 'Edit memo',
  scope: (ctx, { target }) => ({ ...memoRows(ctx, target), ...coderRow(ctx) }),
  created: (ctx, { target }) => ({ ...memoRows(ctx, target), ...coderRow(ctx) }),
  run: ({ project, coder }, { target, plain, rich }) => project.memos.set(target, plain, rich, coder),
  changes: ({ target }) => ({
    entities: target.kind === 'coding' ? ['memos', 'codings'] : ['memos'],
    articleIds: target.kind === 'article' ? [target.id] : undefined,
    codeIds: target.kind === 'code' ? [target.id] : undefined,
  }),
});

export const defineAttribute = command({
  name: 'attributes.define',
  label: () => 'Define attribute',
  scope: () => ({}),
  created: (_ctx, _req, definition) => ({ attributes: [definition.id] }),
  run: ({ project }, { name, type }) => project.attributes.define(name, type),
  changes: () => ({ entities: ['attributes'] }),
});

export const renameAttribute = command({
  name: 'attributes.rename',
  label: () => 'Rename attribute',
  scope: ({ project }, { name }) => ({ attributes: [project.attributes.get(name).id] }),
  run: ({ project }, { name, newName }) => project.attributes.rename(name, newName),
  changes: () => ({ entities: ['attributes', 'articles'] }),
});

export const deleteAttribute = command({
  name: 'attributes.delete',
  label: () => 'Delete attribute',
  scope: ({ project }, { name }) => ({ attributes: [project.attributes.get(name).id] }),
  run: ({ project }, { name }) => project.attributes.delete(name),
  changes: () => ({ entities: ['attributes', 'articles'] }),
});

export const setAttribute = command({
  name: 'attributes.set',
  label: () => 'Set attribute',
  scope: ({ project }, { articleId }) => ({ attributeValues: project.attributes.valueIds([articleId]) }),
  created: ({ project }, { articleId }) => ({ attributeValues: project.attributes.valueIds([articleId]) }),
  run: ({ project }, { articleId, name, value }) => project.attributes.set(articleId, name, value),
  changes: ({ articleId }) => ({ entities: ['attributes', 'articles'], articleIds: [articleId] }),
});

export const importAttributes = command<'attributes.importCsv', AttributeImportPlan>({
  name: 'attributes.importCsv',
  label: () => 'Import attributes from CSV',
  prepare: ({ project }, { csvText, matchBy, preview }) => {
    const plan = planAttributeImport(project, csvText, matchBy);
    // A preview, or a file that changes nothing, writes nothing and leaves no undo step.
    if (preview || (plan.writes.length === 0 && plan.newAttributes.length === 0)) return { skip: { ...plan.report, preview } };
    return { plan };
  },
  scope: ({ project }, _req, plan) => ({ attributeValues: project.attributes.valueIds(unique(plan.writes.map((w) => w.articleId))) }),
  created: ({ project }, _req, _result, plan) => ({
    attributeValues: project.attributes.valueIds(unique(plan.writes.map((w) => w.articleId))),
    attributes: plan.newAttributes.map((a) => project.attributes.get(a.name).id),
  }),
  run: ({ project }, _req, plan) => {
    applyAttributeImport(project, plan);
    return { ...plan.report, preview: false, applied: true };
  },
  changes: (_req, _result, plan) => ({ entities: ['attributes', 'articles'], articleIds: unique(plan.writes.map((w) => w.articleId)) }),
});

/** Every command, by the call it answers. */
export const projectCommands = {
  'articles.rename': renameArticle,
  'articles.delete': deleteArticle,
  'codes.create': createCode,
  'codes.update': updateCode,
  'codes.move': moveCode,
  'codes.merge': mergeCodes,
  'codes.delete': deleteCode,
  'codings.apply': applyCoding,
  'codings.update': updateCoding,
  'codings.remove': removeCoding,
  'search.codeHits': codeSearchHits,
  'search.saved.save': saveSearch,
  'search.saved.delete': deleteSavedSearch,
  'memos.set': setMemo,
  'attributes.define': defineAttribute,
  'attributes.rename': renameAttribute,
  'attributes.delete': deleteAttribute,
  'attributes.set': setAttribute,
  'attributes.importCsv': importAttributes,
  ...teamCommands, // agree12: consensus decisions
  ...coderCommands,
  ...mergeCommands,
  ...codeSetCommands,
} as const;
