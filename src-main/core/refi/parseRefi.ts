// REFI-QDA files → a plain model, with nothing written yet. Reads files as real tools write them, not only as the
// standard says: project.qde or any single *.qde at the root; sources/ or Sources/; internal://, relative://,
// absolute:// and bare names in plainTextPath; GUIDs in any case, with or without braces; any namespace prefix.
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { decode } from '../import/decode';
import { normaliseGuid } from './guid';
import { docxToMemo } from './richNote';

/** A whole .qdpx may hold many sources; past this it is refused rather than unpacked into memory. */
export const REFI_MAX_BYTES = 512 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
const MAX_XML_BYTES = 256 * 1024 * 1024;

export class RefiError extends Error {}

export interface RefiCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  isCodable: boolean;
  noteRefs: string[];
  children: RefiCode[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string | null;
  creatingUser: string | null;
  creationDateTime: string | null;
  noteRefs: string[];
}

export interface RefiSelection {
  guid: string;
  quote: string;
  start: number;
  end: number;
  creatingUser: string | null;
  creationDateTime: string | null;
  description: string;
  noteRefs: string[];
  codings: RefiCoding[];
}

export interface RefiValue {
  variableGuid: string;
  value: string | number | boolean;
}

export interface RefiSource {
  guid: string;
  name: string;
  /** The text as the producer had it (its line endings and composition), or why there is none. */
  text: { ok: true; original: string; hadBom: boolean; encoding: string } | { ok: false; reason: string };
  description: string;
  selections: RefiSelection[];
  noteRefs: string[];
  values: RefiValue[];
}

export interface RefiModel {
  kind: 'project' | 'codebook';
  users: Map<string, string>;
  codes: RefiCode[];
  variables: Map<string, { name: string; type: string }>;
  cases: { name: string; values: RefiValue[]; sources: string[] }[];
  sources: RefiSource[];
  /** Sources with no text to import (pictures, audio, video, a PDF without its text twin). */
  noText: { name: string; reason: string }[];
  nonTextSelections: number;
  /** Notes by GUID: plain text (inline, or its plainTextPath file, or read from its .docx), and the memo editor's rich form from its richTextPath .docx. */
  notes: Map<string, { name: string; text: string; rich: string | null; richUnreadable: boolean }>;
  projectNoteRefs: string[];
  /** Sets of codes and/or sources; `codes` are member GUIDs (Project.xsd: MemberCode targetGUID; Codebook.xsd: guid). */
  sets: { guid: string | null; name: string; description: string; codes: string[]; sources: string[] }[];
  links: number;
  graphs: number;
}

type X = Record<string, unknown>;
const ARRAYS = new Set([
  'User', 'Code', 'Variable', 'Case', 'TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource', 'PlainTextSelection',
  'PictureSelection', 'PDFSelection', 'AudioSelection', 'VideoSelection', 'TranscriptSelection', 'Transcript', 'Coding', 'NoteRef',
  'VariableValue', 'SourceRef', 'SelectionRef', 'CodeRef', 'Note', 'Link', 'Set', 'MemberCode', 'MemberSource', 'MemberNote', 'Graph',
  'Representation',
]);

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => ARRAYS.has(name),
  });
}

const list = (node: unknown, key: string): X[] => {
  if (!node || typeof node !== 'object') return [];
  const v = (node as X)[key];
  return Array.isArray(v) ? (v as X[]).map((e) => (typeof e === 'object' && e !== null ? e : {})) : [];
};
const child = (node: unknown, key: string): X | undefined => {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as X)[key];
  if (Array.isArray(v)) return (v[0] as X) ?? undefined;
  return typeof v === 'object' && v !== null ? (v as X) : typeof v === 'string' ? { '#text': v } : undefined;
};
const text = (node: unknown, key: string): string => {
  if (!node || typeof node !== 'object') return '';
  const v = (node as X)[key];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as X)['#text'] === 'string') return (v as X)['#text'] as string;
  return '';
};
const attr = (node: X, key: string): string | null => (typeof node[key] === 'string' ? (node[key] as string) : null);
const refs = (node: X, key: string): string[] =>
  list(node, key)
    .map((r) => normaliseGuid(r.targetGUID))
    .filter((g): g is string => g !== null);

function parseXml(bytes: Uint8Array, what: string): X {
  if (bytes.length > MAX_XML_BYTES) throw new RefiError(`${what} is larger than ${MAX_XML_BYTES / 1024 / 1024} MB`);
  const decoded = decode(bytes);
  if (!decoded.ok) throw new RefiError(`${what} cannot be read as text (${decoded.reason})`);
  // No REFI file declares a DOCTYPE; refusing it rules out entity expansion ("billion laughs") whatever the parser does.
  if (/<!DOCTYPE/i.test(decoded.text)) throw new RefiError(`${what} declares a DOCTYPE, which REFI-QDA files never do; it was not read`);
  try {
    return parser().parse(decoded.text, true) as X;
  } catch (err) {
    throw new RefiError(`${what} is not well-formed XML (${(err as Error).message.split('\n')[0]})`);
  }
}

/** A parse that crossed a thread: the model, or why the file cannot be read (a sentence for the report). */
export type ParsedRefi = { ok: true; model: RefiModel } | { ok: false; reason: string };

export function parseRefiSafely(bytes: Uint8Array, fileName: string): ParsedRefi {
  try {
    return { ok: true, model: parseRefi(bytes, fileName) };
  } catch (err) {
    return { ok: false, reason: err instanceof RefiError ? err.message : `could not be read: ${(err as Error).message}` };
  }
}

/** Reads a .qdpx (zip) or .qdc (XML) into a model; throws RefiError with a sentence on anything unreadable. */
export function parseRefi(bytes: Uint8Array, fileName: string): RefiModel {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    if (/\.qdpx$/i.test(fileName)) throw new RefiError('not a zip archive, which a .qdpx project always is');
    const doc = parseXml(bytes, 'the codebook');
    const root = child(doc, 'CodeBook');
    if (!root) throw new RefiError('no <CodeBook> root element: not a REFI-QDA codebook');
    return { ...emptyModel('codebook'), codes: list(child(root, 'Codes'), 'Code').map(readCode), sets: list(child(root, 'Sets'), 'Set').map(readSet) };
  }
  let entries: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new RefiError(`unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`);
        return !f.name.endsWith('/');
      },
    });
  } catch (err) {
    if (err instanceof RefiError) throw err;
    throw new RefiError(`not a readable zip archive (${(err as Error).message})`);
  }
  const names = Object.keys(entries);
  const qdes = names.filter((n) => !n.includes('/') && /\.qde$/i.test(n));
  const qde = qdes.find((n) => n.toLowerCase() === 'project.qde') ?? (qdes.length === 1 ? qdes[0] : undefined);
  if (!qde) {
    throw new RefiError(qdes.length > 1 ? `holds several .qde files (${qdes.join(', ')}) and none named project.qde` : 'holds no project.qde (nor any .qde file) at its root');
  }
  const doc = parseXml(entries[qde]!, qde);
  const root = child(doc, 'Project');
  if (!root) throw new RefiError(`${qde} has no <Project> root element`);

  // Files under sources/ in any case, by their name in any case (GUID names are written in either case).
  const sourceFiles = new Map<string, Uint8Array>();
  for (const n of names) {
    const m = /^(?:sources\/)?([^/]+)$/i.exec(n);
    if (m && (n.includes('/') || !sourceFiles.has(m[1]!.toLowerCase()))) sourceFiles.set(m[1]!.toLowerCase(), entries[n]!);
  }
  const basePath = attr(root, 'basePath') ?? '';
  const findText = (path: string | null): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } => {
    if (!path) return { ok: false, reason: 'no plain-text version (plainTextPath) and no inline text' };
    const m = /^(internal|relative|absolute):\/\/(.*)$/i.exec(path);
    const scheme = m ? m[1]!.toLowerCase() : 'bare';
    const rest = m ? m[2]! : path;
    const file = rest.replace(/\\/g, '/').split('/').pop() ?? '';
    // relative:// and absolute:// name files outside the archive; a producer that also packed the file is served
    // from the archive, and Gloss never reads a path on disk an imported file names.
    const found = sourceFiles.get(file.toLowerCase());
    if (found) return { ok: true, bytes: found };
    return {
      ok: false,
      reason:
        scheme === 'internal' || scheme === 'bare'
          ? `its text file ${file} is missing from the archive`
          : `its text is outside the archive (${scheme}://${scheme === 'relative' && basePath ? ` against ${basePath}` : ''}${rest}), and Gloss reads only what the .qdpx holds`,
    };
  };

  const model = emptyModel('project');
  for (const u of list(child(root, 'Users'), 'User')) {
    const g = normaliseGuid(u.guid);
    if (g) model.users.set(g, (attr(u, 'name') ?? '').trim() || (attr(u, 'id') ?? '').trim() || g);
  }
  model.codes = list(child(child(root, 'CodeBook'), 'Codes'), 'Code').map(readCode);
  for (const v of list(child(root, 'Variables'), 'Variable')) {
    const g = normaliseGuid(v.guid);
    if (g && attr(v, 'name')) model.variables.set(g, { name: attr(v, 'name')!.trim(), type: attr(v, 'typeOfVariable') ?? 'Text' });
  }
  for (const c of list(child(root, 'Cases'), 'Case')) {
    model.cases.push({
      name: attr(c, 'name') ?? '',
      values: list(c, 'VariableValue').flatMap(readValue),
      sources: refs(c, 'SourceRef'),
    });
  }
  const sources = child(root, 'Sources');
  for (const s of list(sources, 'TextSource')) model.sources.push(readTextSource(s, attr(s, 'name'), findText));
  for (const s of list(sources, 'PDFSource')) {
    const twin = list(s, 'Representation')[0];
    model.nonTextSelections += list(s, 'PDFSelection').length;
    if (twin) model.sources.push({ ...readTextSource({ ...twin, guid: twin.guid ?? s.guid }, attr(s, 'name'), findText), noteRefs: refs(s, 'NoteRef'), values: list(s, 'VariableValue').flatMap(readValue) });
    else model.noText.push({ name: attr(s, 'name') ?? 'PDF source', reason: 'a PDF without a plain-text representation' });
  }
  for (const [tag, sel, what] of [
    ['PictureSource', 'PictureSelection', 'a picture'],
    ['AudioSource', 'AudioSelection', 'an audio recording'],
    ['VideoSource', 'VideoSelection', 'a video'],
  ] as const) {
    for (const s of list(sources, tag)) {
      model.nonTextSelections += list(s, sel).length;
      model.noText.push({ name: attr(s, 'name') ?? tag, reason: `${what}, which has no text Gloss can store` });
    }
  }
  for (const n of list(child(root, 'Notes'), 'Note')) {
    const g = normaliseGuid(n.guid);
    if (!g) continue;
    let plain = text(n, 'PlainTextContent');
    if (!plain && attr(n, 'plainTextPath')) {
      const file = findText(attr(n, 'plainTextPath'));
      const decoded = file.ok ? decode(file.bytes) : null;
      if (decoded?.ok) plain = decoded.text.replace(/\r\n?/g, '\n');
    }
    let rich: string | null = null;
    let richUnreadable = false;
    if (attr(n, 'richTextPath')) {
      const file = findText(attr(n, 'richTextPath'));
      const converted = file.ok ? docxToMemo(file.bytes) : null;
      if (converted) {
        rich = converted.rich;
        if (!plain) plain = converted.plain;
      } else richUnreadable = true;
    }
    model.notes.set(g, { name: attr(n, 'name') ?? '', text: plain, rich, richUnreadable });
  }
  model.projectNoteRefs = refs(root, 'NoteRef');
  for (const s of list(child(root, 'Sets'), 'Set')) {
    model.sets.push(readSet(s));
  }
  model.links = list(child(root, 'Links'), 'Link').length;
  model.graphs = list(child(root, 'Graphs'), 'Graph').length;
  return model;

  function readTextSource(s: X, name: string | null, find: typeof findText): RefiSource {
    const inline = child(s, 'PlainTextContent');
    let sourceText: RefiSource['text'];
    if (inline !== undefined) {
      sourceText = { ok: true, original: text(s, 'PlainTextContent'), hadBom: false, encoding: 'UTF-8' };
    } else {
      const file = find(attr(s, 'plainTextPath'));
      if (!file.ok) sourceText = file;
      else {
        // UTF-8 per the standard; anything else is detected as for a .txt.
        const decoded = decode(file.bytes);
        sourceText = decoded.ok ? { ok: true, original: decoded.text, hadBom: decoded.hadBom, encoding: decoded.encoding } : { ok: false, reason: decoded.reason };
      }
    }
    const guid = normaliseGuid(s.guid) ?? '';
    return {
      guid,
      name: (name ?? '').trim() || guid || 'source',
      text: sourceText,
      description: text(s, 'Description'),
      selections: list(s, 'PlainTextSelection').map((p) => ({
        guid: normaliseGuid(p.guid) ?? String(p.guid ?? ''),
        quote: attr(p, 'name') ?? '',
        start: Number(attr(p, 'startPosition')),
        end: Number(attr(p, 'endPosition')),
        creatingUser: normaliseGuid(p.creatingUser),
        creationDateTime: attr(p, 'creationDateTime'),
        description: text(p, 'Description'),
        noteRefs: refs(p, 'NoteRef'),
        codings: list(p, 'Coding').map((c) => ({
          guid: normaliseGuid(c.guid) ?? '',
          codeGuid: normaliseGuid(child(c, 'CodeRef')?.targetGUID),
          creatingUser: normaliseGuid(c.creatingUser),
          creationDateTime: attr(c, 'creationDateTime'),
          noteRefs: refs(c, 'NoteRef'),
        })),
      })),
      noteRefs: refs(s, 'NoteRef'),
      values: list(s, 'VariableValue').flatMap(readValue),
    };
  }
}

function emptyModel(kind: RefiModel['kind']): RefiModel {
  return {
    kind,
    users: new Map(),
    codes: [],
    variables: new Map(),
    cases: [],
    sources: [],
    noText: [],
    nonTextSelections: 0,
    notes: new Map(),
    projectNoteRefs: [],
    sets: [],
    links: 0,
    graphs: 0,
  };
}

function readSet(s: X): RefiModel['sets'][number] {
  // A codebook's MemberCode carries `guid`, a project's `targetGUID`; producers mix them up, so either is read.
  const members = list(s, 'MemberCode')
    .map((m) => normaliseGuid(m.targetGUID ?? m.guid))
    .filter((g): g is string => g !== null);
  return { guid: normaliseGuid(s.guid), name: (attr(s, 'name') ?? '').trim(), description: text(s, 'Description'), codes: members, sources: refs(s, 'MemberSource') };
}

function readCode(c: X): RefiCode {
  return {
    guid: normaliseGuid(c.guid) ?? '',
    name: (attr(c, 'name') ?? '').trim(),
    color: attr(c, 'color'),
    description: text(c, 'Description'),
    isCodable: attr(c, 'isCodable') !== 'false' && attr(c, 'isCodable') !== '0',
    noteRefs: refs(c, 'NoteRef'),
    children: list(c, 'Code').map(readCode),
  };
}

function readValue(v: X): RefiValue[] {
  const variableGuid = normaliseGuid(child(v, 'VariableRef')?.targetGUID);
  if (!variableGuid) return [];
  for (const key of ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']) {
    if (!(key in v)) continue;
    const raw = text(v, key);
    if (key === 'BooleanValue') return [{ variableGuid, value: raw.trim() === 'true' || raw.trim() === '1' }];
    if (key === 'IntegerValue' || key === 'FloatValue') {
      const n = Number(raw.trim());
      return Number.isFinite(n) && raw.trim() !== '' ? [{ variableGuid, value: n }] : [];
    }
    if (key === 'DateValue' || key === 'DateTimeValue') return raw.trim() ? [{ variableGuid, value: raw.trim().slice(0, 10) }] : [];
    return raw.trim() ? [{ variableGuid, value: raw }] : [];
  }
  return [];
}
