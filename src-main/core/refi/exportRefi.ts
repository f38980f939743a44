// Gloss → REFI-QDA: a project (.qdpx: project.qde + sources/<GUID>.txt in a zip) or a codebook (.qdc). Positions
// are Unicode code points, end exclusive, over exactly the UTF-8 text files written beside project.qde (the stored
// text: LF line endings, NFC, no BOM) — what the standard says and what Gloss stores, so nothing is converted.
// GUIDs come from the rows (migration 007), so every export of a project names things the same way.
import { zipSync, strToU8 } from 'fflate';
import type { Code } from '../../contract/types';
import type { Project } from '../store/Project';
import { writeFileAtomically } from '../export/atomicFile';
import { derivedGuid } from './guid';
import { attrs, xmlText } from './xml';
import { memoToDocx } from './richNote';

import type { RefiFormat } from '../../contract/fileTypes';

/** `codable` is SQLite's 0/1. */
type CodeRow = Pick<Code, 'id' | 'parentId' | 'name' | 'color' | 'description'> & { guid: string; codable: number };

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/** The GUID Gloss uses for a coder: the one an imported file gave that name, else one derived from the name. */
export function coderGuid(project: Project, name: string): string {
  // The coder's own GUID (migration 010 gave every coder the one REFI-QDA files used for them).
  const own = project.db.prepare('SELECT guid FROM coders WHERE name = ?').pluck().get(name) as string | undefined;
  const row = own ?? (project.db.prepare("SELECT guid FROM refi_guids WHERE kind = 'coder' AND key = ?").pluck().get(name) as string | undefined);
  return row ?? derivedGuid(`coder:${name}`);
}

function attributeGuid(project: Project, id: number, createdAt: string): string {
  const row = project.db.prepare("SELECT guid FROM refi_guids WHERE kind = 'attribute' AND key = ?").pluck().get(String(id)) as string | undefined;
  return row ?? derivedGuid(`attribute:${id}:${createdAt}`);
}

/** xsd:dateTime in UTC with milliseconds (fractional seconds are allowed), so a round trip keeps Gloss's timestamps. */
function dateTime(s: string | null | undefined): string | undefined {
  return s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined;
}

function color(c: string): string | undefined {
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toUpperCase();
  return undefined;
}

function codeRows(project: Project): CodeRow[] {
  return project.db
    .prepare('SELECT id, parent_id AS parentId, name, color, description, guid, codable FROM codes ORDER BY sort_order, id')
    .all() as CodeRow[];
}

/** The <Codes> tree; code memos become NoteRefs to the notes in `codeNotes`. */
function codesXml(codes: CodeRow[], codeNotes: Map<number, string>, indent: string): string {
  const children = new Map<number | null, CodeRow[]>();
  for (const c of codes) {
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  const one = (c: CodeRow, pad: string): string => {
    const inner: string[] = [];
    if (c.description) inner.push(`${pad}  <Description>${xmlText(c.description)}</Description>`);
    const note = codeNotes.get(c.id);
    if (note) inner.push(`${pad}  <NoteRef${attrs({ targetGUID: note })}/>`);
    for (const child of children.get(c.id) ?? []) inner.push(one(child, `${pad}  `));
    const head = `${pad}<Code${attrs({ guid: c.guid, name: c.name, isCodable: c.codable !== 0, color: color(c.color) })}`;
    return inner.length ? `${head}>\n${inner.join('\n')}\n${pad}</Code>` : `${head}/>`;
  };
  return (children.get(null) ?? []).map((c) => one(c, indent)).join('\n');
}

/**
 * Code sets as <Sets>. A project's <MemberCode> points with `targetGUID` (Project.xsd's CodeRefType), a codebook's
 * carries `guid` (Codebook.xsd's MemberCodeType): the two schemas differ, and each file follows its own.
 */
function setsXml(project: Project, codeGuid: Map<number, string>, memberAttribute: 'targetGUID' | 'guid', indent: string): string | null {
  const sets = project.codeSets.list();
  if (!sets.length) return null;
  const one = (s: (typeof sets)[number]) => {
    const inner: string[] = [];
    if (s.description) inner.push(`${indent}    <Description>${xmlText(s.description)}</Description>`);
    for (const id of s.codeIds) {
      const guid = codeGuid.get(id);
      if (guid) inner.push(`${indent}    <MemberCode${attrs({ [memberAttribute]: guid })}/>`);
    }
    const head = `${indent}  <Set${attrs({ guid: s.guid, name: s.name })}`;
    return inner.length ? `${head}>\n${inner.join('\n')}\n${indent}  </Set>` : `${head}/>`;
  };
  return `${indent}<Sets>\n${sets.map(one).join('\n')}\n${indent}</Sets>`;
}

/** The .qdc codebook: codes and code sets (code memos have no place in a codebook; descriptions travel). */
export function buildCodebook(project: Project): string {
  const codes = codeRows(project);
  const sets = setsXml(project, new Map(codes.map((c) => [c.id, c.guid])), 'guid', '  ');
  const body = codes.length ? `  <Codes>\n${codesXml(codes, new Map(), '    ')}\n  </Codes>\n${sets ? `${sets}\n` : ''}` : '';
  // Codebook.xsd requires <Codes> with at least one <Code>; an empty codebook has no valid form, so it is refused.
  if (!body) throw new Error('the project has no codes, and a REFI-QDA codebook needs at least one');
  return `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="${CODEBOOK_NS}" origin="Gloss">\n${body}</CodeBook>\n`;
}

export interface BuiltProject {
  qde: string;
  /** File name inside sources/ → text. */
  sources: Map<string, string>;
  /** File name inside sources/ → a rich note's .docx. */
  richNotes: Map<string, Uint8Array>;
  articles: number;
  codings: number;
}

/** Reads the whole project in one read transaction (a consistent snapshot beside a writer) and builds the files. */
export function buildProject(project: Project, origin: string): BuiltProject {
  return project.db.transaction(() => buildProjectNow(project, origin))();
}

function buildProjectNow(project: Project, origin: string): BuiltProject {
  const db = project.db;
  const codes = codeRows(project);
  const codeGuid = new Map(codes.map((c) => [c.id, c.guid]));
  const memos = db.prepare('SELECT kind, article_id AS articleId, code_id AS codeId, plain, rich, guid, updated_at AS updatedAt FROM memos').all() as {
    kind: 'article' | 'code' | 'project';
    articleId: number | null;
    codeId: number | null;
    plain: string;
    rich: string | null;
    guid: string;
    updatedAt: string;
  }[];
  const notes: string[] = [];
  const richNotes = new Map<string, Uint8Array>();
  // A memo with a rich form also goes out as a .docx (richTextPath), which NVivo, MAXQDA and ATLAS.ti show formatted.
  const note = (guid: string, name: string, text: string, when?: string, rich?: string | null) => {
    const docx = rich ? memoToDocx(rich) : null;
    const richTextPath = docx ? `internal://${guid}.docx` : undefined;
    if (docx) richNotes.set(`${guid}.docx`, docx);
    notes.push(`    <Note${attrs({ guid, name, richTextPath, creationDateTime: dateTime(when) })}>\n      <PlainTextContent>${xmlText(text)}</PlainTextContent>\n    </Note>`);
  };
  const codeNotes = new Map<number, string>();
  const articleNotes = new Map<number, string>();
  let projectNote: string | undefined;
  for (const m of memos) {
    if (!m.plain) continue;
    if (m.kind === 'code' && m.codeId !== null) codeNotes.set(m.codeId, m.guid);
    else if (m.kind === 'article' && m.articleId !== null) articleNotes.set(m.articleId, m.guid);
    else projectNote = m.guid;
    note(m.guid, m.kind === 'project' ? 'Project memo' : `Memo`, m.plain, m.updatedAt, m.rich);
  }

  const codings = db
    .prepare('SELECT id, article_id AS articleId, code_id AS codeId, start, "end", text, memo, memo_rich AS memoRich, coder, created_at AS createdAt, guid FROM codings ORDER BY article_id, start, "end", id')
    .all() as { id: number; articleId: number; codeId: number; start: number; end: number; text: string; memo: string; memoRich: string | null; coder: string; createdAt: string; guid: string }[];
  const coders = [...new Set(codings.map((c) => c.coder))].sort();
  const coderGuids = new Map(coders.map((name) => [name, coderGuid(project, name)]));

  const attributes = db.prepare('SELECT id, name, type, created_at AS createdAt FROM attributes ORDER BY sort_order, id').all() as {
    id: number;
    name: string;
    type: 'text' | 'number' | 'date' | 'boolean';
    createdAt: string;
  }[];
  const values = db.prepare('SELECT article_id AS articleId, attribute_id AS attributeId, value FROM article_attribute_values ORDER BY attribute_id').all() as {
    articleId: number;
    attributeId: number;
    value: string | number;
  }[];
  const usedAttributes = new Set(values.map((v) => v.attributeId));
  const attrById = new Map(attributes.map((a) => [a.id, { ...a, guid: attributeGuid(project, a.id, a.createdAt) }]));
  // Numbers are Float unless every value is a whole number (then Integer, which other tools show without decimals).
  const variableType = new Map<number, string>();
  for (const a of attributes) {
    if (a.type === 'text') variableType.set(a.id, 'Text');
    else if (a.type === 'date') variableType.set(a.id, 'Date');
    else if (a.type === 'boolean') variableType.set(a.id, 'Boolean');
    else variableType.set(a.id, values.every((v) => v.attributeId !== a.id || Number.isInteger(v.value)) ? 'Integer' : 'Float');
  }
  const valuesByArticle = new Map<number, typeof values>();
  for (const v of values) {
    const list = valuesByArticle.get(v.articleId) ?? [];
    list.push(v);
    valuesByArticle.set(v.articleId, list);
  }

  const codingsByArticle = new Map<number, typeof codings>();
  for (const c of codings) {
    const list = codingsByArticle.get(c.articleId) ?? [];
    list.push(c);
    codingsByArticle.set(c.articleId, list);
  }

  const articleRows = db.prepare('SELECT id, guid, imported_at AS importedAt FROM articles ORDER BY id').all() as { id: number; guid: string; importedAt: string }[];
  const sources = new Map<string, string>();
  const sourceXml: string[] = [];
  for (const row of articleRows) {
    // Through the store, which checks the text against its fingerprint: a damaged article is never exported.
    const article = project.articles.get(row.id);
    const file = `${row.guid}.txt`;
    sources.set(file, article.text);
    const inner: string[] = [];
    for (const c of codingsByArticle.get(row.id) ?? []) {
      const coder = coderGuids.get(c.coder);
      const codingNote = c.memo ? derivedGuid(`coding-memo:${c.guid}`) : undefined;
      if (codingNote) note(codingNote, 'Coding memo', c.memo, c.createdAt, c.memoRich);
      inner.push(
        `      <PlainTextSelection${attrs({ guid: c.guid, name: c.text, startPosition: c.start, endPosition: c.end, creatingUser: coder, creationDateTime: dateTime(c.createdAt) })}>\n` +
          `        <Coding${attrs({ guid: derivedGuid(`coding:${c.guid}`), creatingUser: coder, creationDateTime: dateTime(c.createdAt) })}>\n` +
          `          <CodeRef${attrs({ targetGUID: codeGuid.get(c.codeId) })}/>\n` +
          (codingNote ? `          <NoteRef${attrs({ targetGUID: codingNote })}/>\n` : '') +
          `        </Coding>\n      </PlainTextSelection>`,
      );
    }
    const articleNote = articleNotes.get(row.id);
    if (articleNote) inner.push(`      <NoteRef${attrs({ targetGUID: articleNote })}/>`);
    for (const v of valuesByArticle.get(row.id) ?? []) {
      const a = attrById.get(v.attributeId)!;
      inner.push(`      <VariableValue>\n        <VariableRef${attrs({ targetGUID: a.guid })}/>\n        ${variableValueXml(variableType.get(a.id)!, v.value)}\n      </VariableValue>`);
    }
    const head = `    <TextSource${attrs({ guid: row.guid, name: article.title, plainTextPath: `internal://${file}`, creationDateTime: dateTime(row.importedAt) })}`;
    sourceXml.push(inner.length ? `${head}>\n${inner.join('\n')}\n    </TextSource>` : `${head}/>`);
  }

  const parts: string[] = [];
  if (coders.length) parts.push(`  <Users>\n${coders.map((n) => `    <User${attrs({ guid: coderGuids.get(n), name: n })}/>`).join('\n')}\n  </Users>`);
  if (codes.length) parts.push(`  <CodeBook>\n    <Codes>\n${codesXml(codes, codeNotes, '      ')}\n    </Codes>\n  </CodeBook>`);
  const variables = attributes.filter((a) => usedAttributes.has(a.id));
  if (variables.length) {
    parts.push(
      `  <Variables>\n${variables.map((a) => `    <Variable${attrs({ guid: attrById.get(a.id)!.guid, name: a.name, typeOfVariable: variableType.get(a.id) })}/>`).join('\n')}\n  </Variables>`,
    );
  }
  if (sourceXml.length) parts.push(`  <Sources>\n${sourceXml.join('\n')}\n  </Sources>`);
  if (notes.length) parts.push(`  <Notes>\n${notes.join('\n')}\n  </Notes>`);
  const sets = setsXml(project, codeGuid, 'targetGUID', '  ');
  if (sets) parts.push(sets);
  if (projectNote) parts.push(`  <NoteRef${attrs({ targetGUID: projectNote })}/>`);
  const name = db.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get() as string | undefined;
  const qde =
    `<?xml version="1.0" encoding="utf-8"?>\n<Project${attrs({ xmlns: PROJECT_NS, name: name ?? project.name, origin, modifiedDateTime: dateTime(new Date().toISOString()) })}>\n` +
    `${parts.join('\n')}${parts.length ? '\n' : ''}</Project>\n`;
  return { qde, sources, richNotes, articles: articleRows.length, codings: codings.length };
}

function variableValueXml(type: string, value: string | number): string {
  if (type === 'Boolean') return `<BooleanValue>${value ? 'true' : 'false'}</BooleanValue>`;
  if (type === 'Integer') return `<IntegerValue>${value}</IntegerValue>`;
  if (type === 'Float') return `<FloatValue>${decimal(Number(value))}</FloatValue>`;
  if (type === 'Date') return `<DateValue>${xmlText(String(value))}</DateValue>`;
  return `<TextValue>${xmlText(String(value))}</TextValue>`;
}

/** xsd:decimal has no exponent: 1e21 is written out in full. */
function decimal(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(Math.min(100, Math.max(0, -Math.floor(Math.log10(Math.abs(n))) + 20))).replace(/\.?0+$/, '');
}

/** The zip of a built project: project.qde and sources/ in lowercase, which every reader finds. */
export function zipProject(built: BuiltProject): Uint8Array {
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(built.qde) };
  for (const [name, text] of built.sources) files[`sources/${name}`] = strToU8(text);
  for (const [name, docx] of built.richNotes) files[`sources/${name}`] = docx;
  return zipSync(files, { level: 6 });
}

/** Writes a .qdpx or .qdc atomically (a failed export leaves whatever stood there untouched). */
export async function exportRefi(
  project: Project,
  format: RefiFormat,
  target: string,
  origin = 'Gloss',
): Promise<{ path: string; articles: number; codings: number }> {
  let bytes: Uint8Array;
  let counts = { articles: 0, codings: 0 };
  if (format === 'qdc') {
    bytes = strToU8(buildCodebook(project));
  } else {
    const built = buildProject(project, origin);
    bytes = zipProject(built);
    counts = { articles: built.articles, codings: built.codings };
  }
  await writeFileAtomically(target, async (out) => out.writeBytes(bytes));
  return { path: target, ...counts };
}
