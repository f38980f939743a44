// What merging an incoming project into the open one would do, worked out from both without writing anything
// (the preview), and then done (inside the caller's one recorded transaction). Articles are matched by the SHA-256
// of their text; codes by GUID, then by path (names compared as the codebook compares them); codings are added with
// their own coder, exact duplicates (same article, code, start, end and coder) skipped and counted. Nothing of the
// open project is removed or overwritten except where the user chose "take theirs" for a conflicting code.
import { OffsetIndex } from '../../../contract/offsets';
import type { AttributeType, AttributeValue, Code } from '../../../contract/types';
import type { MergeCodeConflict, MergeCoderCounts, MergeDecision, MergePreview, MergeReport, MergeUnfitCoding } from '../../../contract/merge';
import { storedTextOf } from '../../import/newArticle';
import { coerceAttributeValue } from '../../store/AttributeStore';
import { foldName } from '../../store/CodeStore';
import type { Project } from '../../store/Project';
import { prepared } from '../../store/statementCache';
import type { IncomingCode, IncomingMemo, IncomingProject } from './incoming';
import { pathKey } from './incoming';

export interface MergeChoices {
  /** By the teammate's code path (as the preview lists conflicts). */
  decisions?: Record<string, MergeDecision>;
  /** For conflicts `decisions` does not name (default "ours"). */
  defaultDecision?: MergeDecision;
}

/** A code in the plan: an existing one (id > 0) or one the merge creates (negative placeholder). */
type CodeRef = number;
type ArticleRef = number;

interface PlannedCode {
  ref: CodeRef;
  parent: CodeRef | null;
  name: string;
  color: string;
  description: string;
  codable: boolean;
  guid: string | null;
}

interface PlannedCoding {
  article: ArticleRef;
  code: CodeRef;
  start: number;
  end: number;
  text: string;
  memo: string;
  memoRich: string | null;
  coder: string;
  createdAt: string;
  updatedAt: string;
  guid: string | null;
}

interface PlannedMemo {
  target: { kind: 'article'; ref: ArticleRef } | { kind: 'code'; ref: CodeRef } | { kind: 'project' };
  plain: string;
  rich: string | null;
  /** Who wrote it: theirs for a memo the project lacked (an appended memo stays ours). */
  coder?: string | null;
}

export interface MergePlan {
  preview: MergePreview;
  newArticles: { ref: ArticleRef; index: number }[];
  newCodes: PlannedCode[];
  /** Existing codes that take the teammate's look, or move to the teammate's path. */
  codeUpdates: { id: number; color: string; description: string; name?: string; parent?: CodeRef | null }[];
  codings: PlannedCoding[];
  memos: PlannedMemo[];
  attributes: { define: { name: string; type: AttributeType }[]; values: { article: ArticleRef; name: string; value: AttributeValue }[] };
  /** Coders the project gains, with the teammate's colour and GUID where the source has them. */
  newCoders: { name: string; color: string | null; guid: string | null }[];
  incoming: IncomingProject;
}

type TargetCode = Pick<Code, 'id' | 'parentId' | 'name' | 'path' | 'color' | 'description'> & { guid: string | null };

function hasTable(project: Project, name: string): boolean {
  return project.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Whether the project keeps one coding per article, code and span whatever the coder (before coders were people). */
function oneCodingPerSpan(project: Project): boolean {
  const db = project.db;
  const indexes = db.prepare("SELECT name FROM pragma_index_list('codings') WHERE \"unique\" = 1").pluck().all() as string[];
  return indexes.some((index) => {
    const cols = db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(index) as string[];
    return cols.length === 4 && ['article_id', 'code_id', 'start', 'end'].every((c) => cols.includes(c));
  });
}

const lookDiffers = (a: { color: string; description: string }, b: { color: string; description: string }) =>
  a.color.toLowerCase() !== b.color.toLowerCase() || a.description.trim() !== b.description.trim();

export function planMerge(project: Project, incoming: IncomingProject, choices: MergeChoices = {}): MergePlan {
  const db = project.db;
  const notes = [...incoming.notes];
  const perSpan = oneCodingPerSpan(project);

  // ---- Codes ----------------------------------------------------------------------------------------------------
  const guidRows = db.prepare('SELECT id, guid FROM codes').all() as { id: number; guid: string | null }[];
  const guidOf = new Map(guidRows.map((r) => [r.id, r.guid]));
  const target: TargetCode[] = project.codes.list().map((c) => ({ ...c, guid: guidOf.get(c.id) ?? null }));
  const byId = new Map(target.map((c) => [c.id, c]));
  const byGuid = new Map(target.filter((c) => c.guid).map((c) => [c.guid!.toUpperCase(), c]));
  const usedGuids = new Set(byGuid.keys());
  // Children of each code (existing or planned), by folded name.
  const children = new Map<CodeRef | null, Map<string, CodeRef>>();
  const childrenOf = (parent: CodeRef | null) => {
    let m = children.get(parent);
    if (!m) children.set(parent, (m = new Map()));
    return m;
  };
  for (const c of target) childrenOf(c.parentId).set(foldName(c.name), c.id);
  const isUnder = (ref: CodeRef | null, ancestor: number): boolean => {
    for (let r = ref; r !== null && r > 0; r = byId.get(r)?.parentId ?? null) if (r === ancestor) return true;
    return false;
  };
  const plannedPath = new Map<CodeRef, string>();
  const pathOfRef = (ref: CodeRef): string => plannedPath.get(ref) ?? byId.get(ref)?.path ?? '?';

  let nextRef = -1;
  const newCodes: PlannedCode[] = [];
  const codeUpdates: MergePlan['codeUpdates'] = [];
  const codeRef = new Map<string, CodeRef>();
  const preview: MergePreview = {
    source: { kind: incoming.kind, name: incoming.name },
    articles: { new: [], matched: [] },
    codes: { new: [], matched: [], conflicts: [] },
    codings: { add: 0, duplicates: 0, sameSpanOtherCoder: 0, byCoder: [], unfit: [] },
    memos: { add: 0, keptOurs: 0 },
    attributes: { define: [], values: 0, keptOurs: 0 },
    coders: { new: [], known: [] },
    notes,
  };
  const freeName = (parent: CodeRef | null, name: string) => {
    const taken = childrenOf(parent);
    for (let n = 2; ; n++) {
      const candidate = `${name} (${n})`;
      if (!taken.has(foldName(candidate))) return candidate;
    }
  };
  const create = (c: IncomingCode, parent: CodeRef | null, name: string): CodeRef => {
    const ref = nextRef--;
    const guid = c.guid && !usedGuids.has(c.guid.toUpperCase()) ? c.guid.toUpperCase() : null;
    if (guid) usedGuids.add(guid);
    newCodes.push({ ref, parent, name, color: c.color, description: c.description, codable: c.codable, guid });
    childrenOf(parent).set(foldName(name), ref);
    const path = parent === null ? name : `${pathOfRef(parent)}/${name}`;
    plannedPath.set(ref, path);
    preview.codes.new.push({ path, color: c.color });
    return ref;
  };

  for (const c of incoming.codes) {
    const parent = c.parentKey === null ? null : (codeRef.get(c.parentKey) ?? null);
    const byG = c.guid ? byGuid.get(c.guid.toUpperCase()) : undefined;
    const siblingRef = childrenOf(parent).get(foldName(c.name));
    const byP = byG ? undefined : siblingRef !== undefined ? (siblingRef > 0 ? byId.get(siblingRef) : undefined) : undefined;
    if (!byG && siblingRef !== undefined && siblingRef < 0) {
      // Two incoming codes land on one new code (names that fold alike): one code.
      codeRef.set(c.key, siblingRef);
      continue;
    }
    const ours = byG ?? byP;
    if (!ours) {
      codeRef.set(c.key, create(c, parent, c.name));
      continue;
    }
    const pathConflict = byG !== undefined && pathKey(ours.path) !== pathKey(c.path);
    const look = lookDiffers(ours, c);
    if (!pathConflict && !look) {
      codeRef.set(c.key, ours.id);
      preview.codes.matched.push({ path: c.path, targetId: ours.id, by: byG ? 'guid' : 'path' });
      continue;
    }
    const decision = choices.decisions?.[c.path] ?? choices.defaultDecision ?? 'ours';
    const conflict: MergeCodeConflict = {
      path: c.path,
      kind: pathConflict ? 'path' : 'look',
      ours: { id: ours.id, path: ours.path, color: ours.color, description: ours.description },
      theirs: { path: c.path, color: c.color, description: c.description },
      decision,
      outcome: '',
    };
    if (decision === 'ours') {
      codeRef.set(c.key, ours.id);
      conflict.outcome = `kept ours: their codings go to ${ours.path}`;
    } else if (decision === 'theirs') {
      codeRef.set(c.key, ours.id);
      if (!pathConflict) {
        codeUpdates.push({ id: ours.id, color: c.color, description: c.description });
        conflict.outcome = `took theirs: ${ours.path} gets their colour and description`;
      } else {
        const clash = childrenOf(parent).get(foldName(c.name));
        if ((clash !== undefined && clash !== ours.id) || isUnder(parent, ours.id)) {
          codeUpdates.push({ id: ours.id, color: c.color, description: c.description });
          conflict.outcome = `took their colour and description; ${ours.path} stays where it is, since ${c.path} is ${clash !== undefined ? 'another code' : 'inside it'}`;
        } else {
          codeUpdates.push({ id: ours.id, color: c.color, description: c.description, name: c.name, parent });
          childrenOf(ours.parentId).delete(foldName(ours.name));
          childrenOf(parent).set(foldName(c.name), ours.id);
          plannedPath.set(ours.id, parent === null ? c.name : `${pathOfRef(parent)}/${c.name}`);
          conflict.outcome = `took theirs: ${ours.path} becomes ${plannedPath.get(ours.id)}`;
        }
      }
    } else {
      const name = freeName(parent, c.name);
      const ref = create(c, parent, name);
      preview.codes.new.pop();
      codeRef.set(c.key, ref);
      conflict.outcome = `kept both: their code is added as ${pathOfRef(ref)}`;
    }
    preview.codes.conflicts.push(conflict);
  }

  // ---- Articles ---------------------------------------------------------------------------------------------------
  const findByHash = db.prepare('SELECT id, title FROM articles WHERE content_hash = ?');
  const articleRef = new Map<string, ArticleRef>();
  const newArticles: MergePlan['newArticles'] = [];
  const seenHash = new Map<string, ArticleRef>();
  const articleTitle = new Map<ArticleRef, string>();
  const articleText = new Map<ArticleRef, { text: string; length: number; index?: OffsetIndex }>();
  let nextArticle = -1;
  const codingsPerArticle = new Map<string, number>();
  for (const k of incoming.codings) codingsPerArticle.set(k.articleKey, (codingsPerArticle.get(k.articleKey) ?? 0) + 1);
  incoming.articles.forEach((a, index) => {
    const again = seenHash.get(a.hash);
    if (again !== undefined) {
      articleRef.set(a.key, again);
      return;
    }
    const existing = findByHash.get(a.hash) as { id: number; title: string } | undefined;
    const ref = existing?.id ?? nextArticle--;
    seenHash.set(a.hash, ref);
    articleRef.set(a.key, ref);
    articleTitle.set(ref, existing?.title ?? a.title);
    articleText.set(ref, { text: a.text, length: a.length });
    if (existing) preview.articles.matched.push({ title: a.title, targetId: existing.id, targetTitle: existing.title, codings: codingsPerArticle.get(a.key) ?? 0 });
    else {
      newArticles.push({ ref, index });
      preview.articles.new.push({ title: a.title, codings: codingsPerArticle.get(a.key) ?? 0 });
    }
  });

  // ---- Codings ----------------------------------------------------------------------------------------------------
  const existingKeys = new Set<string>();
  const existingSpans = new Set<string>();
  const matchedIds = [...new Set([...articleRef.values()].filter((r) => r > 0))];
  const rowsOf = db.prepare('SELECT code_id AS codeId, start, "end", coder FROM codings WHERE article_id = ?');
  for (const id of matchedIds) {
    for (const r of rowsOf.all(id) as { codeId: number; start: number; end: number; coder: string }[]) {
      existingKeys.add(`${id}|${r.codeId}|${r.start}|${r.end}|${r.coder.replace(/[A-Z]/g, (c) => c.toLowerCase())}`);
      existingSpans.add(`${id}|${r.codeId}|${r.start}|${r.end}`);
    }
  }
  // Coder names compare ignoring ASCII case, as the coders table (and its NOCASE foreign key) compares them.
  const fold = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const coderTable = hasTable(project, 'coders');
  const knownCoders = new Set(
    (db.prepare(coderTable ? 'SELECT name FROM coders UNION SELECT DISTINCT coder FROM codings' : 'SELECT DISTINCT coder FROM codings').pluck().all() as string[]).map(fold),
  );
  const byCoder = new Map<string, MergeCoderCounts>();
  const countsOf = (coder: string) => {
    let c = byCoder.get(coder);
    if (!c) byCoder.set(coder, (c = { coder, add: 0, duplicates: 0, sameSpanOtherCoder: 0 }));
    return c;
  };
  const unfit: MergeUnfitCoding[] = [...incoming.unfit];
  const codings: PlannedCoding[] = [];
  const codeGuids = new Set<string>();
  const codingGuidStmt = db.prepare('SELECT 1 FROM codings WHERE guid = ?');
  const usedCodingGuids = (guid: string) => codingGuidStmt.get(guid) !== undefined;
  const now = new Date().toISOString();
  for (const k of incoming.codings) {
    const article = articleRef.get(k.articleKey);
    const code = codeRef.get(k.codeKey);
    const codePath = code !== undefined ? pathOfRef(code) : '(unknown code)';
    const title = article !== undefined ? (articleTitle.get(article) ?? '') : `(article ${k.articleKey})`;
    const miss = (reason: string) => unfit.push({ article: title, code: codePath, start: k.start, end: k.end, coder: k.coder, reason });
    if (article === undefined) {
      miss('its article is not in the file');
      continue;
    }
    if (code === undefined) {
      miss('its code is not in the file');
      continue;
    }
    const text = articleText.get(article)!;
    if (!(Number.isInteger(k.start) && Number.isInteger(k.end) && k.start >= 0 && k.start < k.end && k.end <= text.length)) {
      miss(`its span ${k.start}–${k.end} does not fit the text (0–${text.length} code points)`);
      continue;
    }
    const coder = k.coder.trim() || 'unknown';
    const key = `${article}|${code}|${k.start}|${k.end}|${fold(coder)}`;
    const span = `${article}|${code}|${k.start}|${k.end}`;
    if (existingKeys.has(key)) {
      countsOf(coder).duplicates++;
      preview.codings.duplicates++;
      continue;
    }
    if (perSpan && existingSpans.has(span)) {
      countsOf(coder).sameSpanOtherCoder++;
      preview.codings.sameSpanOtherCoder++;
      continue;
    }
    existingKeys.add(key);
    existingSpans.add(span);
    text.index ??= new OffsetIndex(text.text);
    const guid = k.guid && !codeGuids.has(k.guid) && !usedCodingGuids(k.guid) ? k.guid : null;
    if (guid) codeGuids.add(guid);
    codings.push({
      article,
      code,
      start: k.start,
      end: k.end,
      text: text.text.slice(text.index.toUtf16(k.start), text.index.toUtf16(k.end)),
      memo: k.memo,
      memoRich: k.memoRich,
      coder,
      createdAt: k.createdAt ?? now,
      updatedAt: k.updatedAt ?? k.createdAt ?? now,
      guid,
    });
    countsOf(coder).add++;
    preview.codings.add++;
  }
  preview.codings.byCoder = [...byCoder.values()].sort((a, b) => a.coder.localeCompare(b.coder));
  preview.codings.unfit = unfit;
  // A coder is new when the merge adds codings of theirs and the project had none; known when the project has some.
  const added = new Map(codings.map((c) => [fold(c.coder), c.coder]));
  preview.coders.new = [...added].filter(([f]) => !knownCoders.has(f)).map(([, c]) => c).sort();
  preview.coders.known = [...byCoder.keys()].filter((c) => knownCoders.has(fold(c))).sort();
  const theirCoders = new Map(incoming.coders.map((c) => [fold(c.name), c]));
  const newCoders = coderTable
    ? preview.coders.new.map((name) => {
        const theirs = theirCoders.get(fold(name));
        return { name, color: theirs?.color ?? null, guid: theirs?.guid ?? null };
      })
    : [];

  // ---- Memos: a target without a memo gets theirs; a plain memo of ours gains theirs below it ----------------------
  const memos: PlannedMemo[] = [];
  const plannedMemos = new Map<string, PlannedMemo>();
  const memoRow = db.prepare('SELECT plain, rich FROM memos WHERE kind = ? AND ifnull(article_id, 0) = ? AND ifnull(code_id, 0) = ?');
  const planMemo = (target: PlannedMemo['target'], theirs: IncomingMemo | null) => {
    if (!theirs || !theirs.plain.trim()) return;
    const ref = target.kind === 'project' ? 0 : target.ref;
    const ours = ref < 0 ? undefined : (memoRow.get(target.kind, target.kind === 'article' ? ref : 0, target.kind === 'code' ? ref : 0) as { plain: string; rich: string | null } | undefined);
    const targetKey = target.kind === 'project' ? 'project' : `${target.kind}:${target.ref}`;
    const prior = plannedMemos.get(targetKey);
    const base = prior ? { plain: prior.plain, rich: prior.rich } : ours;
    if (!base || !base.plain.trim()) {
      if (prior) Object.assign(prior, theirs);
      else {
        const memo = { target, ...theirs };
        memos.push(memo);
        plannedMemos.set(targetKey, memo);
      }
      if (!prior) preview.memos.add++;
      return;
    }
    if (base.plain.includes(theirs.plain.trim())) return;
    // Appending to a formatted memo would drop its formatting: ours is kept whole, theirs counted as not merged.
    if (base.rich !== null) {
      preview.memos.keptOurs++;
      return;
    }
    const plain = `${base.plain}\n\n${theirs.plain}`;
    if (prior) prior.plain = plain;
    else {
      const memo = { target, plain, rich: null };
      memos.push(memo);
      plannedMemos.set(targetKey, memo);
      preview.memos.add++;
    }
  };
  for (const c of incoming.codes) {
    const ref = codeRef.get(c.key);
    if (ref !== undefined) planMemo({ kind: 'code', ref }, c.memo);
  }
  for (const a of incoming.articles) planMemo({ kind: 'article', ref: articleRef.get(a.key)! }, a.memo);
  planMemo({ kind: 'project' }, incoming.projectMemo);

  // ---- Attributes: values an article lacks; ours kept where both have one ----------------------------------------
  const attributes: MergePlan['attributes'] = { define: [], values: [] };
  const defined = new Map(project.attributes.list().map((a) => [a.name.toLowerCase(), a]));
  const ourValue = db.prepare(
    'SELECT v.value FROM article_attribute_values v JOIN attributes a ON a.id = v.attribute_id WHERE v.article_id = ? AND a.name = ? COLLATE NOCASE',
  );
  const setSoFar = new Set<string>();
  for (const a of incoming.articles) {
    const ref = articleRef.get(a.key)!;
    for (const v of a.attributes) {
      const name = v.name.trim().slice(0, 100).trim();
      if (!name) continue;
      const key = `${ref}|${name.toLowerCase()}`;
      if (setSoFar.has(key)) continue;
      let type = defined.get(name.toLowerCase())?.type;
      if (!type) {
        type = v.type;
        attributes.define.push({ name, type });
        defined.set(name.toLowerCase(), { id: 0, name, type, builtIn: false, sortOrder: 0 } as never);
        preview.attributes.define.push(name);
      }
      let value: AttributeValue | null;
      try {
        value = coerceAttributeValue(type, v.value, name);
      } catch (err) {
        notes.push(`"${name}" of "${a.title}" was not merged: ${(err as Error).message}`);
        continue;
      }
      if (value === null) continue;
      if (ref > 0 && ourValue.get(ref, name) !== undefined) {
        preview.attributes.keptOurs++;
        continue;
      }
      setSoFar.add(key);
      attributes.values.push({ article: ref, name, value });
      preview.attributes.values++;
    }
  }

  return { preview, newArticles, newCodes, codeUpdates, codings, memos, attributes, newCoders, incoming };
}

/** The id range of each table before the merge: rows above it are the merge's, for the undo step. */
export interface MergeMarks {
  articles: number;
  codes: number;
  codings: number;
  memos: number;
  attributes: number;
  attributeValues: number;
  /** 0 where the project has no coders table. */
  coders: number;
}

export function marks(project: Project): MergeMarks {
  const max = (table: string) => project.db.prepare(`SELECT ifnull(max(id), 0) FROM ${table}`).pluck().get() as number;
  return {
    articles: max('articles'),
    codes: max('codes'),
    codings: max('codings'),
    memos: max('memos'),
    attributes: max('attributes'),
    attributeValues: max('article_attribute_values'),
    coders: hasTable(project, 'coders') ? max('coders') : 0,
  };
}

/** Writes a plan (inside the caller's transaction) and reports what it did. */
export function applyMerge(project: Project, plan: MergePlan): MergeReport {
  const db = project.db;
  const incoming = plan.incoming;
  const articleId = new Map<number, number>();
  const codeId = new Map<number, number>();
  const real = (map: Map<number, number>, ref: number) => (ref > 0 ? ref : map.get(ref)!);
  const setGuid = (table: 'articles' | 'codes' | 'codings', guid: string | null, id: number) => {
    if (guid && prepared(db, `SELECT 1 FROM ${table} WHERE guid = ?`).get(guid) === undefined) prepared(db, `UPDATE ${table} SET guid = ? WHERE id = ?`).run(guid, id);
  };

  for (const { ref, index } of plan.newArticles) {
    const a = incoming.articles[index]!;
    const id = project.articles.insert({
      title: a.title,
      sourceFile: a.sourceFile,
      ...storedTextOf(a),
      length: a.length,
      ...(a.importedAt ? { importedAt: a.importedAt } : {}),
      encodingBasis: 'export',
      encodingConfidence: null,
    });
    setGuid('articles', a.guid ? a.guid.toUpperCase() : null, id);
    articleId.set(ref, id);
  }

  const setCodable = db.prepare('UPDATE codes SET codable = ? WHERE id = ?');
  for (const c of plan.newCodes) {
    const id = project.codes.createKnownFree(c.parent === null ? null : real(codeId, c.parent), c.name, c.color, c.description);
    codeId.set(c.ref, id);
    setGuid('codes', c.guid, id);
    if (!c.codable) setCodable.run(0, id);
  }
  for (const u of plan.codeUpdates) {
    project.codes.update(u.id, { color: u.color, description: u.description, ...(u.name !== undefined ? { name: u.name } : {}) });
    if (u.parent !== undefined) {
      const parent = u.parent === null ? null : real(codeId, u.parent);
      const index = db.prepare('SELECT count(*) FROM codes WHERE parent_id IS ? AND id <> ?').pluck().get(parent, u.id) as number;
      project.codes.move(u.id, parent, index);
    }
  }
  project.codes.invalidate();

  // The teammate's coders keep their colour and GUID (a trigger would otherwise give a new coder the next colour).
  for (const c of plan.newCoders) {
    const coder = project.coders.ensure(c.name);
    if (c.color && /^#[0-9A-Fa-f]{6}$/.test(c.color)) db.prepare('UPDATE coders SET color = ? WHERE id = ?').run(c.color.toUpperCase(), coder.id);
    if (c.guid && db.prepare('SELECT 1 FROM coders WHERE guid = ?').get(c.guid) === undefined) db.prepare('UPDATE coders SET guid = ? WHERE id = ?').run(c.guid, coder.id);
  }

  const insertCoding = db.prepare(`INSERT INTO codings (article_id, code_id, start, "end", text, memo, memo_rich, coder, created_at, updated_at, guid)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const k of plan.codings) {
    insertCoding.run(real(articleId, k.article), real(codeId, k.code), k.start, k.end, k.text, k.memo, k.memoRich, k.coder, k.createdAt, k.updatedAt, k.guid);
  }

  for (const m of plan.memos) {
    const target = m.target.kind === 'project' ? { kind: 'project' as const } : m.target.kind === 'article' ? { kind: 'article' as const, id: real(articleId, m.target.ref) } : { kind: 'code' as const, id: real(codeId, m.target.ref) };
    project.memos.set(target, m.plain, m.rich, m.coder ?? undefined);
  }

  for (const d of plan.attributes.define) project.attributes.define(d.name, d.type);
  for (const v of plan.attributes.values) project.attributes.set(real(articleId, v.article), v.name, v.value);

  return reportOfPlan(plan);
}

/** Whether applying the plan would change nothing (a second merge of the same file). */
export function changesNothing(plan: MergePlan): boolean {
  return (
    plan.newArticles.length + plan.newCoders.length + plan.newCodes.length + plan.codeUpdates.length + plan.codings.length + plan.memos.length + plan.attributes.define.length + plan.attributes.values.length ===
    0
  );
}

/** The report of a plan: what it adds, matches and skips, and how each conflict was decided. */
export function reportOfPlan(plan: MergePlan): MergeReport {
  const p = plan.preview;
  return {
    source: p.source,
    added: {
      articles: p.articles.new.length,
      codes: plan.newCodes.length,
      codings: plan.codings.length,
      memos: p.memos.add,
      coders: p.coders.new.length,
      attributeValues: p.attributes.values,
    },
    matched: { articles: p.articles.matched.length, codes: p.codes.matched.length + p.codes.conflicts.length, coders: p.coders.known.length },
    skipped: {
      duplicates: p.codings.duplicates,
      sameSpanOtherCoder: p.codings.sameSpanOtherCoder,
      unfit: p.codings.unfit.length,
      memosKeptOurs: p.memos.keptOurs,
      attributeValuesKeptOurs: p.attributes.keptOurs,
    },
    conflicts: p.codes.conflicts,
    byCoder: p.codings.byCoder,
    unfit: p.codings.unfit,
    notes: p.notes,
  };
}
