// Decoded text → stored text. Offsets are defined on the stored text, so every change made here happens once,
// at import, and is recorded so an analyst can tell what the source looked like.
import { at } from '../../contract/must';

export interface Normalised {
  text: string;
  originalLineEndings: 'LF' | 'CRLF' | 'CR' | 'mixed' | 'none';
  normalizedToNfc: boolean;
}

export function normalise(decoded: string): Normalised {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c === 13) {
      if (decoded.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  const kinds = [crlf && 'CRLF', cr && 'CR', lf && 'LF'].filter(Boolean) as ('CRLF' | 'CR' | 'LF')[];
  const originalLineEndings = kinds.length === 0 ? 'none' : kinds.length === 1 ? at(kinds, 0) : 'mixed';
  const lfText = crlf || cr ? decoded.replace(/\r\n?/g, '\n') : decoded;
  const nfc = lfText.normalize('NFC');
  return { text: nfc, originalLineEndings, normalizedToNfc: nfc !== lfText };
}

/** The first non-empty line, trimmed and cut to a readable length; the file name when the text has none. */
export function titleFrom(text: string, fallback: string): string {
  for (const line of text.split('\n', 200)) {
    const t = line.trim();
    if (t) return t.length > 160 ? `${[...t].slice(0, 160).join('').trimEnd()}…` : t;
  }
  return fallback;
}

/** A first line longer than this (in words or characters) is a paragraph, not a title. */
export const TITLE_MAX_WORDS = 15;
export const TITLE_MAX_CHARS = 120;

/**
 * The title of a file that names none itself: its first non-empty line when that looks like a title (at most
 * TITLE_MAX_WORDS words and TITLE_MAX_CHARS characters, not ending in a full stop — a headline, not the opening
 * sentence of a paragraph), otherwise the file's name without its folder and extension.
 */
export function titleFromText(text: string, sourceFile: string): string {
  const fileTitle = fileNameTitle(sourceFile);
  for (const line of text.split('\n', 200)) {
    const t = line.trim().replace(/\s+/g, ' ');
    if (!t) continue;
    const words = t.split(' ').length;
    // "…" and "..." end a teaser headline, so only a single full stop counts as the end of a sentence.
    const endsSentence = /[^.]\.$/.test(t) || t === '.';
    return [...t].length <= TITLE_MAX_CHARS && words <= TITLE_MAX_WORDS && !endsSentence ? t : fileTitle;
  }
  return fileTitle;
}

/** "coverage/business/001.txt" → "001"; a name that is only an extension (".txt") stays as it is. */
export function fileNameTitle(sourceFile: string): string {
  const name = sourceFile.split(/[\\/]/).pop() ?? sourceFile;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name || sourceFile;
}
