// Generated inputs and child-process plumbing for the trust tests (crash safety, hostile input, locking). Everything
// is deterministic from a seed, so a failure can be replayed: the seed is in every assertion message that needs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtCli } from './helpers';
import { pick, seeded } from './seeded';

export { seeded };

const LATIN = (
  'the ceasefire talks resumed in cairo on tuesday as negotiators sought agreement on aid corridors and the release of ' +
  'detainees officials said the convoy waited at the crossing for hours while ministers traded blame over the delays ' +
  'humanitarian groups warned of shortages of fuel water and medicine in the north analysts described the proposal as ' +
  'fragile but the first in months the spokesman declined to comment on reports that the mediators had left the capital'
).split(' ');
// Already in NFC (precomposed letters, no combining sequences that NFC would change), so the stored text is exactly
// what was written: a test that compares stored text to the file needs no normaliser of its own.
const NON_LATIN = [
  '\u0645\u0641\u0627\u0648\u0636\u0627\u062a \u0648\u0642\u0641 \u0625\u0637\u0644\u0627\u0642 \u0627\u0644\u0646\u0627\u0631 \u0641\u064a \u0627\u0644\u0642\u0627\u0647\u0631\u0629', // Arabic
  '\u05e9\u05d9\u05d7\u05d5\u05ea \u05d4\u05e4\u05e1\u05e7\u05ea \u05d0\u05e9 \u05d1\u05e7\u05d4\u05d9\u05e8', // Hebrew
  '\u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043e \u043f\u0440\u0435\u043a\u0440\u0430\u0449\u0435\u043d\u0438\u0438 \u043e\u0433\u043d\u044f', // Russian
  '\u505c\u706b\u8c08\u5224\u5728\u5f00\u7f57\u6062\u590d', // Chinese
  '\u03b4\u03b9\u03b1\u03c0\u03c1\u03b1\u03b3\u03bc\u03b1\u03c4\u03b5\u03cd\u03c3\u03b5\u03b9\u03c2 \u03b3\u03b9\u03b1 \u03b5\u03ba\u03b5\u03c7\u03b5\u03b9\u03c1\u03af\u03b1', // Greek
  'caf\u00e9 r\u00e9sum\u00e9 na\u00efve \u00fcber Stra\u00dfe', // Latin with precomposed accents
  'flag \u{1F1F1}\u{1F1E7} family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} dove \u{1F54A}\uFE0F', // emoji sequences
  '\u0915\u0941\u091b \u0938\u092e\u093e\u091a\u093e\u0930', // Devanagari
];

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rand() < 0.06 ? pick(rand, NON_LATIN) : pick(rand, LATIN));
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function paragraph(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 5);
  return Array.from({ length: n }, () => sentence(rand)).join(' ');
}

export interface CorpusFile {
  path: string;
  /** What Gloss must store for this file: the decoded, LF, NFC text. */
  expected: string;
  /** A word that occurs in this file's text only (duplicates share their original's). */
  token: string;
}

/**
 * `count` news-like files below `dir` (a few subfolders), with a unique token each, some non-Latin text, some CRLF
 * or a UTF-8 BOM, and every `duplicateEvery`-th file a byte-identical copy of an earlier one.
 */
export function writeNewsCorpus(dir: string, count: number, seed: number, options: { duplicateEvery?: number; bigEvery?: number } = {}): CorpusFile[] {
  const rand = seeded(seed);
  const files: CorpusFile[] = [];
  const duplicateEvery = options.duplicateEvery ?? 25;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `batch-${String(i % 7)}`);
    const path = join(folder, `article-${String(i).padStart(5, '0')}.txt`);
    mkdirSync(dirname(path), { recursive: true });
    if (i > 0 && i % duplicateEvery === 0) {
      const original = pick(rand, files);
      files.push({ path, expected: original.expected, token: original.token });
      writeFileSync(path, fileBytesOf(original));
      continue;
    }
    const token = `glossdoc${String(i).padStart(5, '0')}x`;
    const paragraphs = options.bigEvery && i % options.bigEvery === 1 ? 1600 : 3 + Math.floor(rand() * 8);
    // Cut by code points: a cut inside a surrogate pair would write U+FFFD, not the generated text.
    const title = `${[...sentence(rand)].slice(0, 70).join('')} ${token}`;
    const body = Array.from({ length: paragraphs }, () => paragraph(rand));
    const expected = [title, '', ...body.flatMap((p) => [p, ''])].join('\n').normalize('NFC');
    const style = rand();
    const file: CorpusFile & { bytes?: Buffer } = { path, expected, token };
    if (style < 0.1) file.bytes = Buffer.from(expected.replace(/\n/g, '\r\n'), 'utf8');
    else if (style < 0.15) file.bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(expected, 'utf8')]);
    else file.bytes = Buffer.from(expected, 'utf8');
    writeFileSync(path, file.bytes);
    files.push(file);
  }
  return files.map(({ path, expected, token }) => ({ path, expected, token }));
}

function fileBytesOf(file: CorpusFile & { bytes?: Buffer }): Buffer {
  return file.bytes ?? Buffer.from(file.expected, 'utf8');
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Every child the trust tests start, so none outlives the test process whatever happens. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export interface Started {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Starts `node out/main/cli.js …` (or any node script) with a hard time limit: past it the child is killed. */
export function startNode(args: string[], options: { timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Started {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  const done = new Promise<CliResult>((resolveDone) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolveDone({ code, signal, stdout, stderr, timedOut });
    });
  });
  return { child, done };
}

export function cli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return startNode([builtCli, ...args], options).done;
}

/** Starts the CLI and SIGKILLs it after `delayMs` (if it is still running then). */
export async function cliKilledAfter(args: string[], delayMs: number): Promise<CliResult & { killed: boolean }> {
  const { child, done } = startNode([builtCli, ...args], { timeoutMs: 120_000 });
  let killed = false;
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = child.kill('SIGKILL');
    }
  }, delayMs);
  const result = await done;
  clearTimeout(timer);
  return { ...result, killed: killed && result.signal === 'SIGKILL' };
}

/**
 * Starts the CLI and SIGKILLs it the moment `committed()` (read from the project by another connection, as any
 * reader would see it) says the run is part way: so a kill lands between two commits however slow or fast the
 * machine is, instead of at a guessed time.
 */
export async function cliKilledWhen(args: string[], partWay: () => boolean, pollMs = 1): Promise<CliResult & { killed: boolean }> {
  const { child, done } = startNode([builtCli, ...args], { timeoutMs: 120_000 });
  let killed = false;
  let running = true;
  void done.then(() => (running = false));
  while (running && !killed) {
    let seen = false;
    try {
      seen = partWay();
    } catch {
      // The file may be mid-creation or locked for a moment; look again.
    }
    if (seen && child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
    else await new Promise((r) => setTimeout(r, pollMs));
  }
  const result = await done;
  return { ...result, killed: killed && result.signal === 'SIGKILL' };
}
