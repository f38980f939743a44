// Helpers for the import, encoding, re-import, property and corpus tests: real project files and real source files
// in temp folders (on /dev/shm when there is one, so thousands of fsyncs cost nothing), and the shared corpus.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WireError } from '../../src-main/contract/errors';
import type { ImportReport } from '../../src-main/contract/types';
import { AppState } from '../../src-main/core/appState';
import { dispatch } from '../../src-main/core/dispatch';
import { importSources } from '../../src-main/core/import/importer';
import { Session } from '../../src-main/core/session';
import { Project } from '../../src-main/core/store/Project';
import { testHostAdapter, writeFile } from './helpers';

export const repoRoot = resolve(__dirname, '..', '..');
/** The shared test corpus; never copied into the repository (see its README). */
export const corpusDir = join(repoRoot, '..', 'shared', 'corpus');
export const builtCli = join(repoRoot, 'out', 'main', 'cli.js');

const made: string[] = [];
process.on('exit', () => {
  if (process.env.GLOSS_KEEP_TEMP) return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const fastTemp = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export function tempDir(prefix = 'gloss-import-'): string {
  const dir = mkdtempSync(join(fastTemp, prefix));
  made.push(dir);
  return dir;
}

export function newProject(): { project: Project; dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'test.gloss');
  return { project: Project.create(path), dir, path };
}

export { writeFile };

/** Imports files from disk through the real importer. */
export function importPaths(project: Project, paths: string[]): Promise<ImportReport> {
  return importSources(
    project,
    paths.map((path) => ({ kind: 'path' as const, path })),
  );
}

/** Writes `bytes` as a file named `name` in a fresh folder and imports it; returns the report. */
export async function importBytes(project: Project, name: string, bytes: string | Uint8Array): Promise<ImportReport> {
  const path = writeFile(tempDir('gloss-src-'), name, bytes);
  return importPaths(project, [path]);
}

/** Code points, the unit of every stored and exported offset. */
export const cpSlice = (s: string, start: number, end: number): string => [...s].slice(start, end).join('');

/** Message for a test skipped because the shared corpus is absent on this machine. */
export function corpusMissing(sub: string): string | false {
  const dir = join(corpusDir, sub);
  return existsSync(dir) ? false : `shared corpus not found at ${dir} (tests that read real text skip without it)`;
}

/** A headless host: no dialogs (every "choose" declines), projects and state in a temp folder. */
export function newSession(): { dir: string; session: Session; call: <T>(name: string, payload?: unknown) => Promise<T>; fail: (name: string, payload?: unknown) => Promise<WireError> } {
  const dir = tempDir('gloss-session-');
  const session = new Session(new AppState(join(dir, 'state')), testHostAdapter(dir));
  const call = async <T>(name: string, payload: unknown = {}): Promise<T> => {
    const reply = await dispatch(session, name, payload);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };
  const fail = async (name: string, payload: unknown = {}): Promise<WireError> => {
    const reply = await dispatch(session, name, payload);
    if (reply.ok) throw new Error(`${name} should have failed but returned ${JSON.stringify(reply.result).slice(0, 300)}`);
    return reply.error;
  };
  return { dir, session, call, fail };
}
