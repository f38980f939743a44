// Shared helpers for the core tests: real project files in temp folders, real sessions, and the texts that make
// offsets hard. Nothing here stands in for Gloss code; the only invented piece is the HostAdapter, which is the part
// every host (Electron, web, CLI) supplies itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { AppState } from '../../src-main/core/appState';
import { dispatch, type WireResult } from '../../src-main/core/dispatch';
import { importSources } from '../../src-main/core/import/importer';
import { Session, type HostAdapter } from '../../src-main/core/session';
import { Project } from '../../src-main/core/store/Project';
import { nth } from './present';

// The presence assertions live in a module of their own so renderer tests and benches can use them without loading the core.
export { nth, present } from './present';

export const repoRoot = resolve(__dirname, '..', '..');
export const seedsDir = join(repoRoot, '..', 'shared', 'seeds');
export const builtCli = join(repoRoot, 'out', 'main', 'cli.js');
export const builtPreload = join(repoRoot, 'out', 'preload', 'index.cjs');
export const exportSchemaPath = join(repoRoot, 'src-main', 'core', 'export', 'gloss-export.schema.json');

const made: string[] = [];
process.on('exit', () => {
  if (process.env.GLOSS_KEEP_TEMP) return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed when the test process exits. */
export function tempDir(prefix = 'gloss-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes one file (string → UTF-8, or raw bytes) at `name` below `dir`, creating folders; returns its full path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Writes files below `dir` as `writeFile` does; returns their full paths, in order. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): string[] {
  return Object.entries(files).map(([name, content]) => writeFile(dir, name, content));
}

/** A new, empty project file in its own temp folder. Close it with `project.close()` (or leave it to exit). */
export function newProject(name?: string): { project: Project; dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'test.gloss');
  return { project: Project.create(path, name), dir, path };
}

/** Imports `text` as a UTF-8 file named `fileName` and returns the new article's id (fails if it was not imported). */
export async function importText(project: Project, text: string | Uint8Array, fileName = 'article.txt'): Promise<number> {
  const dir = tempDir('gloss-src-');
  const path = writeFile(dir, fileName, text);
  const report = await importSources(project, [{ kind: 'path', path }]);
  const [imported] = report.imported;
  if (!imported || report.imported.length !== 1) throw new Error(`import of ${fileName} failed: ${JSON.stringify(report)}`);
  return imported.articleId;
}

/** Code points of a string, the unit of every offset Gloss stores and exports. */
export const cps = (s: string): string[] => [...s];
export const cpSlice = (s: string, start: number, end: number): string => cps(s).slice(start, end).join('');

/** Code-point offsets of the first occurrence of `needle` in `text` (throws when absent). */
export function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const start = cps(text.slice(0, at)).length;
  return { start, end: start + cps(needle).length };
}

// Texts whose code points, UTF-16 units and graphemes all disagree. Written with escapes so no editor normalises them.
export const FLAG_LB = '\u{1F1F1}\u{1F1E7}'; // 🇱🇧: two regional indicators, one grapheme
export const THUMBS_DARK = '\u{1F44D}\u{1F3FF}'; // 👍🏿: emoji + skin tone modifier
export const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦: ZWJ sequence, 7 code points
export const E_ACUTE_COMBINING = 'e\u0301'; // é as e + COMBINING ACUTE (kept: NFC would compose it, see below)
export const ARABIC_HARAKAT = '\u0643\u064E\u062A\u064E\u0628\u064E'; // كَتَبَ: letters with fatha marks
export const HEBREW = '\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD'; // שָׁלוֹם with points, in canonical order
export const HEBREW_PLAIN = '\u05E9\u05DC\u05D5\u05DD'; // שלום
export const ARABIC_PLAIN = '\u063A\u0632\u0629'; // غزة

/** Lines of hard text; stored as-is by import (already NFC, LF). Combining marks that have no precomposed form stay. */
export const TRICKY_LINES = [
  'Ceasefire talks \u{1F54A}\uFE0F resume in Cairo',
  `Flag ${FLAG_LB} and skin tone ${THUMBS_DARK} and family ${FAMILY} in one line.`,
  `Arabic with harakat: ${ARABIC_HARAKAT} \u2014 \u0627\u0644\u0633\u064E\u0651\u0644\u0627\u0645\u064F \u0639\u064E\u0644\u064E\u064A\u0652\u0643\u064F\u0645\u0652`,
  `Hebrew: ${HEBREW} and ${HEBREW_PLAIN}; mixed RTL ${ARABIC_PLAIN} (Gaza).`,
  'Combining marks with no precomposed form: q\u0323\u0307 and x\u0302 and x\u0328\u0301.',
  'Math \u{1D400}\u{1D401} and CJK \u{20000} outside the BMP; quote "x", comma, semicolon;',
];
export const TRICKY_TEXT = TRICKY_LINES.join('\n');

/** Passages of TRICKY_TEXT to code: each is hard at one of its edges. */
export const TRICKY_PASSAGES = [
  'Ceasefire',
  '\u{1F54A}\uFE0F',
  FLAG_LB,
  THUMBS_DARK,
  FAMILY,
  `${FAMILY} in one`,
  ARABIC_HARAKAT,
  '\u0627\u0644\u0633\u064E\u0651\u0644\u0627\u0645\u064F',
  HEBREW,
  `${HEBREW_PLAIN}; mixed RTL ${ARABIC_PLAIN}`,
  'q\u0323\u0307',
  'x\u0328\u0301.',
  '\u{1D400}\u{1D401} and CJK \u{20000}',
  'quote "x", comma',
];

/** The HostAdapter a headless host would supply: no dialogs (every "choose" declines), projects in `dir`. */
export function testHostAdapter(dir: string): HostAdapter {
  return {
    kind: 'cli',
    version: 'test',
    sampleDir: join(repoRoot, 'resources', 'sample'),
    sampleProjectPath: join(dir, 'sample.gloss'),
    chooseNewProjectPath: async (name) => join(dir, `${name ?? 'Untitled'}.gloss`),
    chooseProjectToOpen: async () => null,
    chooseImportPaths: async () => null,
    chooseExportPath: async () => null,
  };
}

export function newSession(): { dir: string; session: Session } {
  const dir = tempDir('gloss-session-');
  return { dir, session: new Session(new AppState(join(dir, 'state')), testHostAdapter(dir)) };
}

/** Calls through the dispatcher and returns the result, or throws with the typed error. */
export async function callOk<T = unknown>(call: Transport, name: string, payload: unknown = {}): Promise<T> {
  const reply = await call(name, payload);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.result as T;
}

/** Runs the built CLI (out/main/cli.js) in `cwd`; its exit status and output. */
export function runBuiltCli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export type Transport = (name: string, payload: unknown) => Promise<WireResult>;

export const directTransport =
  (session: Session): Transport =>
  (name, payload) =>
    dispatch(session, name, payload);

/** The built app's worker files (out/main) for a web host a test starts, where there is a build; see HostAdapter. */
export function builtWorkerFiles(): { importWriterFile?: string; exportWorkerFile?: string } {
  const built = (name: string) => (existsSync(join(repoRoot, 'out', 'main', name)) ? join(repoRoot, 'out', 'main', name) : undefined);
  return { importWriterFile: built('importWriter.js'), exportWorkerFile: built('exportWorker.js') };
}

/** A running web host's call endpoint as a Transport, sending the host's token; any HTTP status but 200 fails. */
export function httpTransport(host: { url: string; token: string }): Transport {
  return async (name, payload) => {
    const res = await fetch(`${host.url}/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': host.token },
      body: JSON.stringify(payload),
    });
    assert.equal(res.status, 200, `${name}: HTTP ${res.status}`);
    return (await res.json()) as WireResult;
  };
}

export interface OpenProject {
  dir: string;
  session: Session;
  call: Transport;
  /** The project file. */
  path: string;
}

/**
 * A new headless session with a new project open, created through project.create as a host does: `fileName` in the
 * session's folder, or in `options.dir`; `options.name` is the project's name.
 */
export async function openNewProject(fileName: string, options: { dir?: string; name?: string } = {}): Promise<OpenProject> {
  const { dir, session } = newSession();
  const call = directTransport(session);
  const path = join(options.dir ?? dir, fileName);
  await callOk(call, 'project.create', { path, name: options.name });
  return { dir: options.dir ?? dir, session, call, path };
}

/** Imports texts (file name → text) into the open project through articles.importFiles; the new ids, in order. */
export async function importArticles(call: Transport, texts: Record<string, string>): Promise<number[]> {
  const files = Object.entries(texts).map(([name, text]) => ({ name, base64: Buffer.from(text).toString('base64') }));
  const report = await callOk<{ imported: { articleId: number }[] }>(call, 'articles.importFiles', { files });
  if (report.imported.length !== files.length) throw new Error(`import of ${files.map((f) => f.name).join(', ')} failed: ${JSON.stringify(report)}`);
  return report.imported.map((i) => i.articleId);
}

/**
 * Frames (Humanitarian, Security (Border)) and Actors, each with a description: a tree deep enough that deleting,
 * merging and moving codes reach sub-codes of sub-codes. Returns the ids, and `apply` to code a span with one of them.
 */
export async function createFramesTree(call: Transport) {
  const code = async (name: string, parentId?: number) => (await callOk<{ id: number }>(call, 'codes.create', { name, parentId, description: `about ${name}` })).id;
  const frames = await code('Frames');
  const humanitarian = await code('Humanitarian', frames);
  const security = await code('Security', frames);
  const border = await code('Border', security);
  const actors = await code('Actors');
  const apply = (articleId: number, codeId: number, span: { start: number; end: number }, memo = '') =>
    callOk<{ id: number }>(call, 'codings.apply', { articleId, codeId, ...span, memo });
  return { frames, humanitarian, security, border, actors, apply };
}

/** Imports one text as `fileName` through articles.importFiles; the new article's id. */
export async function importArticle(call: Transport, fileName: string, text: string): Promise<number> {
  return nth(await importArticles(call, { [fileName]: text }), 0, `the article imported from ${fileName}`);
}

/**
 * The CSV export's header record exactly as README.md documents it (section "CSV"); a test checks the README still
 * says so. Tests compare with this literal, never with the exporter's own column list, so reordering or renaming a
 * column fails them.
 */
export const DOCUMENTED_CSV_HEADER = 'coding_id,article_id,article_title,source_file,code,code_path,start,end,text,memo,coder,created_at,updated_at';

type Row = Record<string, unknown>;

/**
 * Every table, index, trigger and view of a database by type and name. An upgraded project must end up with exactly
 * what a project created today has, which a bare version number cannot show.
 */
export function schemaObjects(db: Database.Database): string[] {
  return db.prepare("SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1").pluck().all() as string[];
}

/** `schemaObjects` of a project created now, at the latest format. */
export function newProjectSchemaObjects(): string[] {
  const { project } = newProject();
  try {
    return schemaObjects(project.db);
  } finally {
    project.close();
  }
}

/** Every row of every table a user's work lives in, for "nothing changed" comparisons. */
export function snapshot(db: Database.Database): Record<string, Row[]> {
  const tables = ['project_meta', 'articles', 'codes', 'codings'];
  const out: Record<string, Row[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Row[];
  return out;
}

/** Row counts, for messages that say what changed when a snapshot differs. */
export function counts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['articles', 'codes', 'codings']) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

/**
 * The fixture the contract tests attack: one article of TRICKY_TEXT, a small codebook (Frames/Humanitarian,
 * Frames/Security, Actors) and two codings. Built through the given transport, so it works over HTTP and IPC alike.
 */
export async function buildContractFixture(call: Transport, projectPath: string) {
  await callOk(call, 'project.create', { path: projectPath, name: 'Contract' });
  const report = await callOk<{ imported: { articleId: number }[] }>(call, 'articles.importFiles', {
    files: [{ name: 'tricky.txt', base64: Buffer.from(TRICKY_TEXT, 'utf8').toString('base64') }],
  });
  const articleId = nth(report.imported, 0, 'the imported contract article').articleId;
  const frames = await callOk<{ id: number }>(call, 'codes.create', { name: 'Frames' });
  const humanitarian = await callOk<{ id: number }>(call, 'codes.create', { name: 'Humanitarian', parentId: frames.id });
  const security = await callOk<{ id: number }>(call, 'codes.create', { name: 'Security', parentId: frames.id });
  const actors = await callOk<{ id: number }>(call, 'codes.create', { name: 'Actors' });
  // Same name as Frames/Humanitarian but at the top level, so moving that one up must clash.
  const topHumanitarian = await callOk<{ id: number }>(call, 'codes.create', { name: 'humanitarian' });
  const flag = spanOf(TRICKY_TEXT, FLAG_LB);
  const family = spanOf(TRICKY_TEXT, FAMILY);
  const c1 = await callOk<{ id: number; text: string }>(call, 'codings.apply', { articleId, codeId: humanitarian.id, ...flag });
  const c2 = await callOk<{ id: number; text: string }>(call, 'codings.apply', { articleId, codeId: security.id, ...family, memo: 'family' });
  return {
    articleId,
    length: cps(TRICKY_TEXT).length,
    codes: { frames: frames.id, humanitarian: humanitarian.id, security: security.id, actors: actors.id, topHumanitarian: topHumanitarian.id },
    codings: [c1, c2],
    flag,
    family,
  };
}

export type ContractFixture = Awaited<ReturnType<typeof buildContractFixture>>;

export interface BadCall {
  what: string;
  name: string;
  payload: unknown;
  code: 'invalid_request' | 'not_found' | 'unknown_call' | 'conflict' | 'no_project' | 'project_error';
}

/** Malformed, out-of-range and conflicting calls, each with the typed error the user must get back. */
export function badCalls(f: ContractFixture, dir: string): BadCall[] {
  writeFileSync(join(dir, 'not-a-project.gloss'), 'Just some notes, not an SQLite file.\n'.repeat(100));
  const { articleId, length } = f;
  const { frames, humanitarian, security, actors } = f.codes;
  const c1 = nth(f.codings, 0, 'the fixture\'s first coding');
  const c2 = nth(f.codings, 1, 'the fixture\'s second coding');
  const huge = 'x'.repeat(2_000_001);
  const missing = 987_654;
  return [
    // Unknown names, including ones that exist on every object.
    { what: 'an unknown call', name: 'articles.drop', payload: {}, code: 'unknown_call' },
    { what: 'an empty call name', name: '', payload: {}, code: 'unknown_call' },
    { what: '__proto__ as a call name', name: '__proto__', payload: {}, code: 'unknown_call' },
    { what: 'constructor as a call name', name: 'constructor', payload: {}, code: 'unknown_call' },
    { what: 'toString as a call name', name: 'toString', payload: {}, code: 'unknown_call' },
    // Payloads of the wrong shape.
    { what: 'a string payload', name: 'articles.get', payload: 'id=1', code: 'invalid_request' },
    { what: 'an array payload', name: 'codes.create', payload: ['Frames'], code: 'invalid_request' },
    { what: 'an id as a string', name: 'articles.get', payload: { id: String(articleId) }, code: 'invalid_request' },
    { what: 'a fractional id', name: 'articles.get', payload: { id: 1.5 }, code: 'invalid_request' },
    { what: 'id 0', name: 'articles.delete', payload: { id: 0 }, code: 'invalid_request' },
    { what: 'a negative id', name: 'articles.delete', payload: { id: -1 }, code: 'invalid_request' },
    { what: 'an id beyond the safe integers', name: 'articles.delete', payload: { id: 2 ** 60 }, code: 'invalid_request' },
    { what: 'a missing id', name: 'articles.delete', payload: {}, code: 'invalid_request' },
    { what: 'an unknown extra field', name: 'articles.delete', payload: { id: articleId, cascade: true }, code: 'invalid_request' },
    { what: 'an extra field on an empty request', name: 'codes.list', payload: { all: true }, code: 'invalid_request' },
    { what: 'an empty title', name: 'articles.rename', payload: { id: articleId, title: '   ' }, code: 'invalid_request' },
    { what: 'a huge title', name: 'articles.rename', payload: { id: articleId, title: huge }, code: 'invalid_request' },
    { what: 'a null title', name: 'articles.rename', payload: { id: articleId, title: null }, code: 'invalid_request' },
    { what: 'an unknown sort', name: 'articles.list', payload: { sort: 'random' }, code: 'invalid_request' },
    { what: 'a zero limit', name: 'articles.list', payload: { limit: 0 }, code: 'invalid_request' },
    { what: 'a huge filter', name: 'articles.list', payload: { filter: huge }, code: 'invalid_request' },
    { what: 'an empty import list', name: 'articles.importFiles', payload: { files: [] }, code: 'invalid_request' },
    { what: 'an import file without a name', name: 'articles.importFiles', payload: { files: [{ base64: 'eA==' }] }, code: 'invalid_request' },
    { what: 'an empty path', name: 'articles.importPaths', payload: { paths: [''] }, code: 'invalid_request' },
    { what: 'a job id with a path in it', name: 'jobs.cancel', payload: { jobId: '../../etc' }, code: 'invalid_request' },
    // Codes.
    { what: 'an empty code name', name: 'codes.create', payload: { name: ' ' }, code: 'invalid_request' },
    { what: 'a huge code name', name: 'codes.create', payload: { name: huge }, code: 'invalid_request' },
    { what: 'a colour that is not #rrggbb', name: 'codes.create', payload: { name: 'New', color: 'red' }, code: 'invalid_request' },
    { what: 'a huge description', name: 'codes.create', payload: { name: 'New', description: 'd'.repeat(100_001) }, code: 'invalid_request' },
    { what: 'a sibling name that exists', name: 'codes.create', payload: { name: 'Frames' }, code: 'conflict' },
    { what: 'a sibling name differing only in case', name: 'codes.create', payload: { name: 'hUMANITARIAN', parentId: frames }, code: 'conflict' },
    { what: 'an unknown parent', name: 'codes.create', payload: { name: 'New', parentId: missing }, code: 'not_found' },
    { what: 'renaming onto a sibling', name: 'codes.update', payload: { id: security, name: 'humanitarian' }, code: 'conflict' },
    { what: 'updating an unknown code', name: 'codes.update', payload: { id: missing, name: 'X' }, code: 'not_found' },
    { what: 'moving a code into itself', name: 'codes.move', payload: { id: frames, parentId: frames, index: 0 }, code: 'conflict' },
    { what: 'moving a code under its sub-code', name: 'codes.move', payload: { id: frames, parentId: humanitarian, index: 0 }, code: 'conflict' },
    { what: 'moving next to a same-named code', name: 'codes.move', payload: { id: humanitarian, parentId: null, index: 0 }, code: 'conflict' },
    { what: 'moving without an index', name: 'codes.move', payload: { id: actors, parentId: null }, code: 'invalid_request' },
    { what: 'moving under an unknown parent', name: 'codes.move', payload: { id: actors, parentId: missing, index: 0 }, code: 'not_found' },
    { what: 'merging a code into itself', name: 'codes.merge', payload: { sourceId: actors, targetId: actors }, code: 'conflict' },
    { what: 'merging into a sub-code', name: 'codes.merge', payload: { sourceId: frames, targetId: security }, code: 'conflict' },
    { what: 'merging an unknown code', name: 'codes.merge', payload: { sourceId: missing, targetId: actors }, code: 'not_found' },
    { what: 'deleting an unknown code', name: 'codes.delete', payload: { id: missing }, code: 'not_found' },
    { what: 'the impact of an unknown code', name: 'codes.impact', payload: { id: missing }, code: 'not_found' },
    // Codings.
    { what: 'a negative start', name: 'codings.apply', payload: { articleId, codeId: actors, start: -1, end: 3 }, code: 'invalid_request' },
    { what: 'reversed offsets', name: 'codings.apply', payload: { articleId, codeId: actors, start: 9, end: 3 }, code: 'invalid_request' },
    { what: 'an empty span', name: 'codings.apply', payload: { articleId, codeId: actors, start: 3, end: 3 }, code: 'invalid_request' },
    { what: 'a fractional offset', name: 'codings.apply', payload: { articleId, codeId: actors, start: 0.5, end: 3 }, code: 'invalid_request' },
    { what: 'an offset as a string', name: 'codings.apply', payload: { articleId, codeId: actors, start: '0', end: 3 }, code: 'invalid_request' },
    { what: 'an end one past the article', name: 'codings.apply', payload: { articleId, codeId: actors, start: 0, end: length + 1 }, code: 'invalid_request' },
    { what: 'a span wholly past the article', name: 'codings.apply', payload: { articleId, codeId: actors, start: length + 5, end: length + 9 }, code: 'invalid_request' },
    { what: 'an offset beyond 2^31', name: 'codings.apply', payload: { articleId, codeId: actors, start: 0, end: 2 ** 31 }, code: 'invalid_request' },
    { what: 'a coding with a coder field', name: 'codings.apply', payload: { articleId, codeId: actors, start: 0, end: 3, coder: 'mallory' }, code: 'invalid_request' },
    { what: 'a huge memo', name: 'codings.apply', payload: { articleId, codeId: actors, start: 0, end: 3, memo: 'm'.repeat(1_000_001) }, code: 'invalid_request' },
    { what: 'a coding of an unknown article', name: 'codings.apply', payload: { articleId: missing, codeId: actors, start: 0, end: 3 }, code: 'not_found' },
    { what: 'a coding with an unknown code', name: 'codings.apply', payload: { articleId, codeId: missing, start: 0, end: 3 }, code: 'not_found' },
    { what: 'the same code on the same span again', name: 'codings.apply', payload: { articleId, codeId: humanitarian, ...f.flag }, code: 'conflict' },
    { what: 'moving a coding past the end', name: 'codings.update', payload: { id: c1.id, end: length + 1 }, code: 'invalid_request' },
    { what: 'a start moved after the end', name: 'codings.update', payload: { id: c1.id, start: f.flag.end + 1 }, code: 'invalid_request' },
    { what: 'reversed offsets in an update', name: 'codings.update', payload: { id: c1.id, start: 5, end: 2 }, code: 'invalid_request' },
    { what: 'an update onto an existing coding', name: 'codings.update', payload: { id: c2.id, codeId: humanitarian, ...f.flag }, code: 'conflict' },
    { what: 'an update to an unknown code', name: 'codings.update', payload: { id: c1.id, codeId: missing }, code: 'not_found' },
    { what: 'updating an unknown coding', name: 'codings.update', payload: { id: missing, memo: 'x' }, code: 'not_found' },
    { what: 'removing an unknown coding', name: 'codings.remove', payload: { id: missing }, code: 'not_found' },
    { what: 'listing codings of an unknown article', name: 'codings.listForArticle', payload: { articleId: missing }, code: 'not_found' },
    // Articles.
    { what: 'getting an unknown article', name: 'articles.get', payload: { id: missing }, code: 'not_found' },
    { what: 'renaming an unknown article', name: 'articles.rename', payload: { id: missing, title: 'x' }, code: 'not_found' },
    { what: 'deleting an unknown article', name: 'articles.delete', payload: { id: missing }, code: 'not_found' },
    // Projects: a failed open or create must leave the open project open and untouched.
    { what: 'an over-long project path', name: 'project.open', payload: { path: 'p'.repeat(5000) }, code: 'invalid_request' },
    { what: 'opening a file that does not exist', name: 'project.open', payload: { path: join(dir, 'nope.gloss') }, code: 'project_error' },
    { what: 'opening a text file as a project', name: 'project.open', payload: { path: join(dir, 'not-a-project.gloss') }, code: 'project_error' },
    { what: 'creating a project in a missing folder', name: 'project.create', payload: { path: join(dir, 'no', 'such', 'x.gloss') }, code: 'project_error' },
    { what: 'an export path that is a number', name: 'export.json', payload: { path: 5 }, code: 'invalid_request' },
    { what: 'formulaGuard as a string', name: 'export.csv', payload: { path: join(dir, 'x.csv'), formulaGuard: 'yes' }, code: 'invalid_request' },
    { what: 'an unknown table format', name: 'export.csv', payload: { path: join(dir, 'x.csv'), format: 'ods' }, code: 'invalid_request' },
    { what: 'rawCells, which exact cells replaced', name: 'export.csv', payload: { path: join(dir, 'x.csv'), rawCells: true }, code: 'invalid_request' },
    { what: 'an empty coder name', name: 'settings.update', payload: { coderName: '' }, code: 'invalid_request' },
  ];
}

/** Calls that need a project, each valid in itself, for a session where none is open. */
export const callsNeedingAProject: [string, unknown][] = [
  ['articles.list', {}],
  ['articles.get', { id: 1 }],
  ['articles.importFiles', { files: [{ name: 'a.txt', base64: Buffer.from('hello').toString('base64') }] }],
  ['codes.create', { name: 'Frames' }],
  ['codings.apply', { articleId: 1, codeId: 1, start: 0, end: 1 }],
  ['export.json', { path: '/tmp/never-written.json' }],
];

/**
 * Sends every bad call, and after each checks the typed error, that the reply does not echo huge input, that the
 * project is still the open one and that not one row changed. Returns the problems found (empty when all is well),
 * so a failure lists every offending call at once.
 */
export async function runBadCalls(
  call: Transport,
  fixture: ContractFixture,
  dir: string,
  projectPath: string,
  db: () => Database.Database | undefined,
  /** A host may answer some cases with a different, stricter error (the web host refuses paths outside its folder). */
  expectedCode: (bad: { name: string; what: string; code: string; payload: unknown }) => string = (bad) => bad.code,
): Promise<{ problems: string[]; checked: number }> {
  const problems: string[] = [];
  const current = db();
  if (!current) return { problems: ['no project is open before the bad calls'], checked: 0 };
  const before = snapshot(current);
  const cases = badCalls(fixture, dir);
  for (const bad of cases) {
    const reply = await call(bad.name, bad.payload);
    if (reply.ok) problems.push(`${bad.what} (${bad.name}): succeeded with ${JSON.stringify(reply.result).slice(0, 200)}`);
    else if (reply.error.code !== expectedCode(bad)) problems.push(`${bad.what} (${bad.name}): ${reply.error.code} "${reply.error.message}", expected ${expectedCode(bad)}`);
    else if (typeof reply.error.message !== 'string' || reply.error.message.length === 0) problems.push(`${bad.what}: no message`);
    if (JSON.stringify(reply).length > 10_000) problems.push(`${bad.what}: the reply echoes the request (${JSON.stringify(reply).length} characters)`);
    const open = await call('project.current', {});
    if (!open.ok || (open.result as { path?: string } | null)?.path !== projectPath) {
      problems.push(`${bad.what}: the project is no longer open (${JSON.stringify(open).slice(0, 200)})`);
      break;
    }
    const now = db();
    if (!now || !isDeepStrictEqual(snapshot(now), before)) problems.push(`${bad.what} (${bad.name}): changed the project`);
  }
  return { problems, checked: cases.length };
}

/** True if `path` exists; a tiny alias that reads better in assertions about leftovers. */
export const exists = (path: string): boolean => existsSync(path);

/** Every row of every table that holds the analyst's work (not search indexes, not caches rebuilt on demand). */
export function allRows(db: Database.Database): Record<string, Record<string, unknown>[]> {
  const virtual = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
  // Tombstones are a log of deletions kept outside the undo history on purpose (history.ts, migration 010).
  const caches = ['article_word_counts', 'tombstones'];
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !caches.includes(t) && !virtual.some((v) => t === v || t.startsWith(`${v}_`)),
  );
  return Object.fromEntries(
    tables.map((t) => {
      const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as { cid: number }[]).map((c) => c.cid + 1);
      return [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${columns.join(', ')}`).all() as Record<string, unknown>[]];
    }),
  );
}
