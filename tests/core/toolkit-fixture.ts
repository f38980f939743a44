// The corpus the toolkit tests work on: a few short news texts where every offset is a trap — Arabic with harakat
// and shadda, Hebrew with niqqud and shin dots, a flag and a ZWJ family emoji before the words being searched —
// imported into a real project file through a real session. Attributes put the articles in different weeks and
// months and in different outlets.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cps, callOk, directTransport, newSession, spanOf, tempDir, writeFiles, type Transport } from './helpers';
import type { Session } from '../../src-main/core/session';

export const GAZA_AID = [
  // First lines are headlines (no final full stop): Gloss titles an article by its first line only when it looks like one.
  'Aid convoy reaches Gaza \u{1F1F5}\u{1F1F8} after delays',
  'The ceasefire talks resumed in Cairo. Officials said the ceasefire could hold!',
  'Families \u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} waited at the Rafah crossing.',
].join('\n');

/** غَزَّة (fatha; fatha and shadda, in canonical order) and وَقْف carry marks; the second غزة has none. */
export const GAZA_VOWELLED = '\u063A\u064E\u0632\u064E\u0651\u0629';
export const ARABIC = [
  `${GAZA_VOWELLED} \u062A\u062D\u062A \u0627\u0644\u0642\u0635\u0641. \u0648\u0642\u0627\u0644 \u0627\u0644\u0645\u0633\u0624\u0648\u0644\u0648\u0646 \u0625\u0646 \u0648\u064E\u0642\u0652\u0641 \u0625\u0637\u0644\u0627\u0642 \u0627\u0644\u0646\u0627\u0631 \u0645\u0645\u0643\u0646\u061F \u0646\u0639\u0645.`,
  '\u0628\u064A\u0631\u0648\u062A: \u063A\u0632\u0629 \u0641\u064A \u0627\u0644\u0623\u062E\u0628\u0627\u0631',
].join('\n');
export const GAZA_PLAIN = '\u063A\u0632\u0629';
export const BEIRUT = '\u0628\u064A\u0631\u0648\u062A';

/** שָׁלוֹם (qamats, shin dot, holam) and the plain שלום, and ושלום with a prefix letter. */
export const SHALOM_POINTED = '\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD';
export const SHALOM = '\u05E9\u05DC\u05D5\u05DD';
export const HEBREW = [`${SHALOM_POINTED} \u05DC\u05DB\u05D5\u05DC\u05DD. \u05D4\u05B7\u05E4\u05B0\u05E1\u05B8\u05E7\u05B7\u05EA \u05D0\u05B5\u05E9\u05C1 \u05D1\u05E2\u05D6\u05D4.`, `${SHALOM} \u05D5${SHALOM}.`].join('\n');

export const LEBANON = ['Ceasefire in Lebanon. CEASEFIRE violated again; ceasefires are fragile', 'No aid arrived.'].join('\n');

export const TEXTS = { 'gaza-aid.txt': GAZA_AID, 'arabic.txt': ARABIC, 'hebrew.txt': HEBREW, 'lebanon.txt': LEBANON };

/** Code-point span of the n-th (0-based) occurrence of `needle` in `text`. */
export function nthSpan(text: string, needle: string, n = 0): { start: number; end: number } {
  let from = 0;
  for (let i = 0; i < n; i++) from = text.indexOf(needle, from) + needle.length;
  return spanOf(text, needle, from);
}

/** Whitespace-separated words, counted independently of the core's counter. */
export const words = (text: string): number => text.split(/\s+/u).filter(Boolean).length;

export interface Corpus {
  session: Session;
  call: Transport;
  dir: string;
  path: string;
  ids: { gaza: number; arabic: number; hebrew: number; lebanon: number };
  ok: <T = unknown>(name: string, payload?: unknown) => Promise<T>;
  /** Calls and expects a typed error; returns it. */
  fails: (name: string, payload: unknown, code: string) => Promise<{ code: string; message: string }>;
}

/** The corpus imported into a new project through a session (nothing else: no codes, no attributes). */
export async function corpus(): Promise<Corpus> {
  const { dir, session } = newSession();
  const call = directTransport(session);
  const path = join(dir, 'toolkit.gloss');
  await callOk(call, 'project.create', { path, name: 'Toolkit' });
  const src = tempDir('gloss-toolkit-src-');
  writeFiles(src, TEXTS);
  const report = await callOk<{ imported: { file: string; articleId: number }[] }>(call, 'articles.importPaths', {
    paths: Object.keys(TEXTS).map((f) => join(src, f)),
  });
  const id = (name: string) => report.imported.find((i) => i.file.endsWith(name))!.articleId;
  const ids = { gaza: id('gaza-aid.txt'), arabic: id('arabic.txt'), hebrew: id('hebrew.txt'), lebanon: id('lebanon.txt') };
  // The importer stores these texts as they are (NFC, LF): every expected offset below is computed on them.
  for (const [file, text] of Object.entries(TEXTS)) {
    const article = await callOk<{ text: string; length: number }>(call, 'articles.get', { id: id(file) });
    assert.equal(article.text, text, `${file} is stored unchanged`);
    assert.equal(article.length, cps(text).length);
  }
  return {
    session,
    call,
    dir,
    path,
    ids,
    ok: (name, payload = {}) => callOk(call, name, payload),
    fails: async (name, payload, code) => {
      const reply = await call(name, payload);
      assert.equal(reply.ok, false, `${name} should fail with ${code}`);
      if (reply.ok) throw new Error('unreachable');
      assert.equal(reply.error.code, code, `${name}: ${reply.error.message}`);
      return reply.error;
    },
  };
}
