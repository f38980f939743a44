import { Worker } from 'node:worker_threads';
import { GlossError } from '../../contract/errors';

export const DEFAULT_REGEX_TIME_LIMIT_MS = 2000;

/**
 * The worker's whole program. A regular expression with nested quantifiers — (a+)+$ on "aaaa…b" — backtracks for
 * longer than the universe has existed, and nothing can interrupt a RegExp running on the thread that started it.
 * On a worker thread it can be: terminate() stops it at once, and the host's thread (the app's main process, the
 * web host, the CLI) never stops answering. The program is inline source rather than a file so that it runs the
 * same from the built app, the CLI and the TypeScript sources under test, with no entry to bundle or resolve.
 *
 * It reports, for each text, how many matches there are, and the first `maxHits` matches as UTF-16 [text, start,
 * end] triples. Empty matches are skipped (they cannot be coded), stepping over whole code points.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { source, flags, texts, maxHits } = workerData;
const re = new RegExp(source, flags);
const counts = new Array(texts.length).fill(0);
const hits = [];
for (let t = 0; t < texts.length; t++) {
  const text = texts[t];
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      const c = text.charCodeAt(start);
      re.lastIndex = start + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      if (re.lastIndex > text.length) break;
      continue;
    }
    counts[t]++;
    if (hits.length < maxHits * 3) hits.push(t, start, end);
  }
}
parentPort.postMessage({ counts, hits });
`;

export interface RegexMatches {
  /** Matches per text. */
  counts: number[];
  /** The first matches, as [textIndex, start, end] triples flattened (UTF-16 offsets). */
  hits: number[];
}

/**
 * Runs a compiled-and-checked regular expression (global flag set) over `texts` on a worker thread, and stops it
 * after `timeLimitMs` with a `timeout` error. The pattern has already compiled on the caller's thread, so a
 * syntax error never gets this far.
 */
export async function runRegexIsolated(
  source: string,
  flags: string,
  texts: string[],
  options: { maxHits: number; timeLimitMs?: number },
): Promise<RegexMatches> {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_REGEX_TIME_LIMIT_MS;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, flags, texts, maxHits: options.maxHits } });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<RegexMatches>((resolve, reject) => {
      timer = setTimeout(() => {
        const seconds = timeLimitMs >= 1000 ? `${+(timeLimitMs / 1000).toFixed(1)} s` : `${timeLimitMs} ms`;
        reject(
          new GlossError(
            'timeout',
            `The regular expression was stopped after ${seconds}: it takes too long on this text, most likely because it ` +
              'backtracks catastrophically (nested repetition such as (a+)+ or (\\w*)*). Simplify it: repeat each part once ' +
              '(a+ rather than (a+)+), or anchor it to a word you expect.',
          ),
        );
      }, timeLimitMs);
      worker.once('message', (result: RegexMatches) => resolve(result));
      worker.once('error', (err) => reject(new GlossError('internal', `The search stopped unexpectedly: ${err.message}`)));
      worker.once('exit', (code) => reject(new GlossError('internal', `The search stopped unexpectedly (exit ${code}).`)));
    });
  } finally {
    clearTimeout(timer);
    // Ends a runaway expression mid-match; after a normal finish it just releases the thread.
    await worker.terminate();
  }
}
