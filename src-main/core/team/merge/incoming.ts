// A teammate's work, read into one shape whatever it came in: another Gloss project (.gloss), a Gloss JSON export,
// or a REFI-QDA project (.qdpx). Everything the merge planner needs, with positions already in the stored form
// (code points over LF/NFC text); nothing here touches the open project. A source that cannot be read throws a
// GlossError whose message names the file and what is wrong with it.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GlossError } from '../../../contract/errors';
import { OffsetIndex } from '../../../contract/offsets';
import type { AttributeType, AttributeValue } from '../../../contract/types';
import type { MergeSourceKind } from '../../../contract/merge';
import { parseGlossExport, GLOSS_JSON_MAX_BYTES } from '../../import/glossJson';
import { normalise } from '../../import/normalise';
import { parseRefiSafely, REFI_MAX_BYTES, type RefiCode, type RefiModel } from '../../refi/parseRefi';
import { attributeTypeOf, iso, refiColor, refiSourceForm } from '../../refi/applyRefi';
import { preflightProjectFile } from '../../store/database';
import { Project } from '../../store/Project';
import { normaliseGuid } from '../../refi/guid';

/** An article, code or project memo; `coder` who wrote it, where the source records that. */
export interface IncomingMemo {
  plain: string;
  rich: string | null;
  coder?: string | null;
}

export interface IncomingArticle {
  key: string;
  guid: string | null;
  title: string;
  sourceFile: string;
  encoding: string;
  importedAt: string | null;
  hadBom: boolean;
  originalLineEndings: string;
  normalizedToNfc: boolean;
  /** Stored form: LF, NFC. */
  text: string;
  /** Code points. */
  length: number;
  /** SHA-256 of the text: the fingerprint articles are matched by. */
  hash: string;
  memo: IncomingMemo | null;
  attributes: { name: string; type: AttributeType; value: AttributeValue }[];
}

export interface IncomingCode {
  key: string;
  parentKey: string | null;
  guid: string | null;
  name: string;
  /** The teammate's path ("Frames/Humanitarian"). */
  path: string;
  color: string;
  description: string;
  codable: boolean;
  memo: IncomingMemo | null;
}

export interface IncomingCoding {
  articleKey: string;
  codeKey: string;
  guid: string | null;
  start: number;
  end: number;
  coder: string;
  memo: string;
  memoRich: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface IncomingProject {
  kind: MergeSourceKind;
  name: string;
  articles: IncomingArticle[];
  /** Parents before their children. */
  codes: IncomingCode[];
  codings: IncomingCoding[];
  projectMemo: IncomingMemo | null;
  /** The teammate's coders as people (a project with a coders table, REFI-QDA users): colour and GUID kept. */
  coders: { name: string; color: string | null; guid: string | null }[];
  /** Selections the reader could not place on the text (REFI-QDA), with why. */
  unfit: { article: string; code: string; start: number; end: number; coder: string; reason: string }[];
  notes: string[];
}

/** The largest teammate's project the web host takes as an upload for a merge. */
export const MERGE_PROJECT_MAX_BYTES = 2 * 1024 * 1024 * 1024;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function fail(name: string, reason: string): never {
  throw new GlossError('invalid_request', `${name} cannot be merged: ${reason}.`);
}

function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the file at `file` (shown to the user as `name`) as whatever it is, told by its content: an SQLite file is
 * a Gloss project, a zip a REFI-QDA project, JSON a Gloss export. `fallbackCoder` codes REFI-QDA selections whose
 * creator the file does not name.
 */
export function readIncoming(file: string, name: string, fallbackCoder: string): IncomingProject {
  let start: Buffer;
  try {
    start = head(file, 16);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') fail(name, 'the file does not exist');
    if (code === 'EISDIR') fail(name, 'it is a folder, not a file');
    throw err;
  }
  if (start.length === 0) fail(name, 'the file is empty');
  if (start.length === 16 && start.equals(SQLITE_MAGIC)) return readGlossProject(file, name);
  if (start[0] === 0x50 && start[1] === 0x4b) return readQdpx(file, name, fallbackCoder);
  const firstChar = start.toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
  if (firstChar === '{') return readGlossJson(file, name);
  return fail(name, 'it is not a Gloss project (.gloss), a Gloss JSON export or a REFI-QDA project (.qdpx)');
}

// ---- Another Gloss project ------------------------------------------------------------------------------------

/**
 * The source is copied with SQLite's VACUUM INTO from a read-only connection (one consistent snapshot, even while
 * its owner has it open), and the copy is opened: an older project is upgraded in the copy, never in the file.
 */
function readGlossProject(file: string, name: string): IncomingProject {
  try {
    preflightProjectFile(file, { readOnly: true });
  } catch (err) {
    fail(name, (err as Error).message.replace(/\.$/, ''));
  }
  const dir = mkdtempSync(join(tmpdir(), 'gloss-merge-'));
  const copy = join(dir, `${randomBytes(6).toString('hex')}.gloss`);
  try {
    let source: Database.Database;
    try {
      source = new Database(file, { readonly: true, fileMustExist: true });
    } catch (err) {
      return fail(name, `it cannot be opened (${(err as Error).message})`);
    }
    try {
      source.prepare('VACUUM INTO ?').run(copy);
    } catch (err) {
      return fail(name, `it cannot be read as an SQLite database (${(err as Error).message})`);
    } finally {
      source.close();
    }
    let project: Project;
    try {
      project = Project.open(copy, { holder: 'Gloss merge', beforeUpgrade: () => undefined });
    } catch (err) {
      return fail(name, (err as Error).message.split(copy).join(name).replace(/\.$/, ''));
    }
    try {
      return projectAsIncoming(project, name);
    } finally {
      project.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function projectAsIncoming(project: Project, name: string): IncomingProject {
  const db = project.db;
  const memoCoder = db.prepare("SELECT 1 FROM pragma_table_info('memos') WHERE name = 'coder'").get() !== undefined;
  const memos = db.prepare(`SELECT kind, article_id AS articleId, code_id AS codeId, plain, rich, ${memoCoder ? 'coder' : 'NULL'} AS coder FROM memos`).all() as {
    kind: string;
    articleId: number | null;
    codeId: number | null;
    plain: string;
    rich: string | null;
    coder: string | null;
  }[];
  const memoKey = (kind: string, id: number | null) => `${kind}:${kind === 'project' ? 0 : (id ?? 0)}`;
  const memoByTarget = new Map(memos.map((m) => [memoKey(m.kind, m.kind === 'article' ? m.articleId : m.codeId), m]));
  const memoOf = (kind: string, id: number | null) => {
    const m = memoByTarget.get(memoKey(kind, id));
    return m && m.plain.trim() !== '' ? { plain: m.plain, rich: m.rich, coder: m.coder } : null;
  };
  const types = new Map(project.attributes.list().map((a) => [a.name, a.type]));
  const values = project.attributes.valuesByArticle();
  const articleRows = db
    .prepare(
      `SELECT id, guid, title, source_file AS sourceFile, encoding, imported_at AS importedAt, had_bom AS hadBom,
        original_line_endings AS ole, normalized_to_nfc AS nfc, text, length FROM articles ORDER BY id`,
    )
    .all() as { id: number; guid: string | null; title: string; sourceFile: string; encoding: string; importedAt: string; hadBom: number; ole: string; nfc: number; text: string; length: number }[];
  const articles: IncomingArticle[] = articleRows.map((a) => ({
    key: String(a.id),
    guid: a.guid,
    title: a.title,
    sourceFile: a.sourceFile,
    encoding: a.encoding,
    importedAt: a.importedAt,
    hadBom: a.hadBom === 1,
    originalLineEndings: a.ole,
    normalizedToNfc: a.nfc === 1,
    text: a.text,
    length: a.length,
    hash: sha256(a.text),
    memo: memoOf('article', a.id),
    attributes: Object.entries(values.get(a.id) ?? {}).map(([n, value]) => ({ name: n, type: types.get(n) ?? 'text', value })),
  }));
  const guids = new Map((db.prepare('SELECT id, guid, codable FROM codes').all() as { id: number; guid: string | null; codable: number }[]).map((r) => [r.id, r]));
  const codes: IncomingCode[] = parentsFirst(project.codes.list()).map((c) => ({
    key: String(c.id),
    parentKey: c.parentId === null ? null : String(c.parentId),
    guid: guids.get(c.id)?.guid ?? null,
    name: c.name,
    path: c.path,
    color: c.color,
    description: c.description,
    codable: (guids.get(c.id)?.codable ?? 1) === 1,
    memo: memoOf('code', c.id),
  }));
  const codings = (
    db
      .prepare(
        `SELECT article_id AS articleId, code_id AS codeId, guid, start, "end", memo, memo_rich AS memoRich, coder,
          created_at AS createdAt, updated_at AS updatedAt FROM codings ORDER BY id`,
      )
      .all() as { articleId: number; codeId: number; guid: string | null; start: number; end: number; memo: string; memoRich: string | null; coder: string; createdAt: string; updatedAt: string }[]
  ).map((k) => ({ ...k, articleKey: String(k.articleId), codeKey: String(k.codeId) }));
  const hasCoders = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'coders'").get() !== undefined;
  const coders = hasCoders ? (db.prepare('SELECT name, color, guid FROM coders ORDER BY id').all() as IncomingProject['coders']) : [];
  return { kind: 'gloss', name, articles, codes, codings, projectMemo: memoOf('project', null), coders, unfit: [], notes: [] };
}

function parentsFirst<T extends { id: number; parentId: number | null }>(codes: T[]): T[] {
  const byParent = new Map<number | null, T[]>();
  for (const c of codes) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const out: T[] = [];
  const visit = (parent: number | null) => {
    for (const c of byParent.get(parent) ?? []) {
      out.push(c);
      visit(c.id);
    }
  };
  visit(null);
  return out;
}

// ---- A Gloss JSON export ----------------------------------------------------------------------------------------

function readGlossJson(file: string, name: string): IncomingProject {
  const bytes = readFileSync(file);
  if (bytes.length > GLOSS_JSON_MAX_BYTES) fail(name, `it is larger than ${GLOSS_JSON_MAX_BYTES / 1024 / 1024} MB`);
  const parsed = parseGlossExport(bytes);
  if (!parsed.ok) return fail(name, parsed.reason);
  const plan = parsed.plan;
  // The toolkit's additions (memos, rich memos, attribute values) are optional fields the checked plan leaves out.
  const raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as {
    project?: { memo?: unknown; memoRich?: unknown };
    codes?: { path?: unknown; memo?: unknown; memoRich?: unknown }[];
    articles?: { id?: unknown; memo?: unknown; memoRich?: unknown; attributes?: unknown }[];
    codings?: { memoRich?: unknown }[];
  };
  const memoOf = (m: { memo?: unknown; memoRich?: unknown } | undefined) =>
    m && typeof m.memo === 'string' && m.memo.trim() !== '' ? { plain: m.memo, rich: m.memoRich === undefined || m.memoRich === null ? null : JSON.stringify(m.memoRich) } : null;
  const rawArticles = new Map((raw.articles ?? []).map((a) => [a.id, a]));
  const rawCodes = new Map((raw.codes ?? []).map((c) => [typeof c.path === 'string' ? pathKey(c.path) : '', c]));

  // Codes: every path the file lists or a coding names, with every level, parents first.
  const codes = new Map<string, IncomingCode>();
  const looks = new Map(plan.codes.map((c) => [pathKey(c.path), c]));
  const ensure = (path: string): string => {
    const parts = path.split('/').map((p) => p.trim());
    let parentKey: string | null = null;
    for (let depth = 1; depth <= parts.length; depth++) {
      const full = parts.slice(0, depth).join('/');
      const key = pathKey(full);
      if (!codes.has(key)) {
        const look = looks.get(key);
        codes.set(key, {
          key,
          parentKey,
          guid: null,
          name: parts[depth - 1]!,
          path: full,
          color: (look?.color ?? '#9e9e9e').toLowerCase(),
          description: look?.description ?? '',
          codable: true,
          memo: memoOf(rawCodes.get(key)),
        });
      }
      parentKey = key;
    }
    return parentKey!;
  };
  for (const c of plan.codes) ensure(c.path);
  const articles: IncomingArticle[] = plan.articles.map((a) => {
    const extra = rawArticles.get(a.id);
    const attrs = extra && typeof extra.attributes === 'object' && extra.attributes !== null ? Object.entries(extra.attributes as Record<string, unknown>) : [];
    return {
      key: String(a.id),
      guid: null,
      title: a.title,
      sourceFile: a.sourceFile,
      encoding: a.encoding,
      importedAt: a.importedAt,
      hadBom: false,
      originalLineEndings: a.text.includes('\n') ? 'LF' : 'none',
      normalizedToNfc: false,
      text: a.text,
      length: a.length,
      hash: a.hash,
      memo: memoOf(extra),
      attributes: attrs
        .filter((e): e is [string, AttributeValue] => ['string', 'number', 'boolean'].includes(typeof e[1]))
        .map(([n, value]) => ({ name: n, type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'text', value })),
    };
  });
  const codings: IncomingCoding[] = plan.codings.map((c, i) => {
    const rich = raw.codings?.[i]?.memoRich;
    return {
      articleKey: String(c.articleId),
      codeKey: ensure(c.codePath),
      guid: null,
      start: c.start,
      end: c.end,
      coder: c.coder,
      memo: c.memo,
      memoRich: rich === undefined || rich === null ? null : JSON.stringify(rich),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  });
  return { kind: 'json', name, articles, codes: [...codes.values()], codings, projectMemo: memoOf(raw.project), coders: [], unfit: [], notes: [] };
}

/** Code names are unique per level ignoring case, so paths are compared folded the same way. */
export function pathKey(path: string): string {
  return path
    .split('/')
    .map((p) => p.trim().normalize('NFC').toLowerCase())
    .join('/');
}

// ---- A REFI-QDA project -----------------------------------------------------------------------------------------


/** Positions are mapped as the REFI-QDA import maps them: per source, in the unit its producer counted. */
function readQdpx(file: string, name: string, fallbackCoder: string): IncomingProject {
  const bytes = readFileSync(file);
  if (bytes.length > REFI_MAX_BYTES) fail(name, `it is larger than ${REFI_MAX_BYTES / 1024 / 1024} MB`);
  const parsed = parseRefiSafely(bytes, name.endsWith('.qdpx') ? name : `${name}.qdpx`);
  if (!parsed.ok) return fail(name, parsed.reason);
  const model = parsed.model;
  if (model.kind !== 'project') fail(name, 'it is a REFI-QDA codebook, not a project');
  return refiAsIncoming(model, name, fallbackCoder);
}

function refiAsIncoming(model: RefiModel, name: string, fallbackCoder: string): IncomingProject {
  const out: IncomingProject = {
    kind: 'qdpx',
    name,
    articles: [],
    codes: [],
    codings: [],
    projectMemo: null,
    coders: [...model.users].map(([guid, user]) => ({ name: user, color: null, guid: normaliseGuid(guid) })),
    unfit: [],
    notes: [],
  };
  const noteText = (guids: string[]) =>
    guids
      .map((g) => model.notes.get(g)?.text ?? '')
      .filter((t) => t.trim() !== '')
      .join('\n\n');
  const memo = (plain: string) => (plain.trim() ? { plain, rich: null } : null);
  const coderOf = (...guids: (string | null)[]) => {
    for (const g of guids) if (g && model.users.has(g)) return model.users.get(g)!;
    return fallbackCoder;
  };
  const codePaths = new Map<string, string>();
  let unnamed = 0;
  const walk = (code: RefiCode, parent: IncomingCode | null) => {
    const cleaned = code.name.replace(/\//g, '\u2215').slice(0, 200).trim() || 'Unnamed code';
    const path = parent ? `${parent.path}/${cleaned}` : cleaned;
    const key = code.guid || `unnamed-${unnamed++}`;
    const entry: IncomingCode = {
      key,
      parentKey: parent?.key ?? null,
      guid: code.guid || null,
      name: cleaned,
      path,
      color: refiColor(code.color) ?? '#9e9e9e',
      description: code.description,
      codable: code.isCodable,
      memo: memo(noteText(code.noteRefs)),
    };
    out.codes.push(entry);
    codePaths.set(key, path);
    for (const c of code.children) walk(c, entry);
  };
  for (const c of model.codes) walk(c, null);

  const variables = model.variables;
  const valuesOf = (values: { variableGuid: string; value: string | number | boolean }[]) =>
    values.flatMap((v) => {
      const variable = variables.get(v.variableGuid);
      return variable ? [{ name: variable.name.slice(0, 100).trim() || 'Variable', type: attributeTypeOf(variable.type), value: v.value }] : [];
    });
  for (const source of model.sources) {
    if (!source.text.ok) {
      out.notes.push(`Source "${source.name}" was not merged: ${source.text.reason}.`);
      continue;
    }
    const norm = normalise(source.text.original);
    if (norm.text.trim() === '' || norm.text.includes('\u0000')) {
      out.notes.push(`Source "${source.name}" was not merged: its text is empty or holds NUL characters.`);
      continue;
    }
    const key = source.guid || `source-${out.articles.length}`;
    const attributes = [...valuesOf(source.values), ...model.cases.filter((c) => c.sources.includes(source.guid)).flatMap((c) => valuesOf(c.values))];
    for (const s of model.sets) if (s.sources.includes(source.guid)) attributes.push({ name: `Set: ${s.name || 'unnamed'}`.slice(0, 100).trim(), type: 'boolean', value: true });
    out.articles.push({
      key,
      guid: source.guid || null,
      title: source.name.slice(0, 1000) || 'Untitled source',
      sourceFile: `${name} › ${source.name}`,
      encoding: source.text.encoding,
      importedAt: null,
      hadBom: source.text.hadBom,
      originalLineEndings: norm.originalLineEndings,
      normalizedToNfc: norm.normalizedToNfc,
      text: norm.text,
      length: [...norm.text].length,
      hash: sha256(norm.text),
      memo: memo([source.description, noteText(source.noteRefs)].filter((t) => t.trim()).join('\n\n')),
      attributes,
    });
    const { map, choice } = refiSourceForm(source.text, source.selections);
    for (const sel of source.selections) {
      const codingsOf = sel.codings.length ? sel.codings : [{ guid: sel.guid, codeGuid: null, creatingUser: null, creationDateTime: null, noteRefs: [] }];
      const unfit = (codeGuid: string | null, coder: string, reason: string) =>
        out.unfit.push({ article: source.name, code: (codeGuid && codePaths.get(codeGuid)) ?? '(none)', start: sel.start, end: sel.end, coder, reason });
      const span = Number.isInteger(sel.start) && Number.isInteger(sel.end) && sel.start >= 0 ? map.toStored(sel.start, sel.end, choice.form) : null;
      for (const coding of codingsOf) {
        const coder = coderOf(coding.creatingUser, sel.creatingUser);
        if (!span) unfit(coding.codeGuid, coder, 'its startPosition/endPosition are not whole numbers');
        else if (!span.ok) unfit(coding.codeGuid, coder, span.reason);
        else if (span.end <= span.start) unfit(coding.codeGuid, coder, `an empty selection (${sel.start}–${sel.end})`);
        else if (!coding.codeGuid || !codePaths.has(coding.codeGuid)) unfit(coding.codeGuid, coder, 'its code is not in the codebook');
        else {
          const when = iso(coding.creationDateTime) ?? iso(sel.creationDateTime);
          out.codings.push({
            articleKey: key,
            codeKey: coding.codeGuid,
            guid: normaliseGuid(sel.codings.length === 1 ? sel.guid : coding.guid),
            start: span.start,
            end: span.end,
            coder,
            memo: [sel.description, noteText(sel.noteRefs), noteText(coding.noteRefs)].filter((t) => t.trim()).join('\n\n'),
            memoRich: null,
            createdAt: when,
            updatedAt: when,
          });
        }
      }
    }
  }
  for (const x of model.noText) out.notes.push(`Source "${x.name}" was not merged: ${x.reason}.`);
  out.projectMemo = memo(noteText(model.projectNoteRefs));
  if (model.links || model.graphs) out.notes.push(`${model.links} link(s) and ${model.graphs} graph(s) are not merged (Gloss has no home for them).`);
  return out;
}

/** The text of a span, in code points, for checks against a coding's stored passage. */
export function sliceOf(text: string, index: OffsetIndex, start: number, end: number): string {
  return text.slice(index.toUtf16(start), index.toUtf16(end));
}
