// Field values as databases write them, tidied into what the attributes hold.

const LANGUAGES: [string, string[]][] = [
  ['English', ['english', 'englisch', 'anglais', 'engels', 'en', 'eng', 'inglés', 'ingles']],
  ['German', ['german', 'deutsch', 'allemand', 'duits', 'de', 'ger', 'deu', 'alemán']],
  ['French', ['french', 'français', 'francais', 'française', 'francaise', 'französisch', 'frans', 'fr', 'fre', 'fra']],
  ['Dutch', ['dutch', 'nederlands', 'niederländisch', 'néerlandais', 'neerlandais', 'nl', 'dut', 'nld']],
  ['Spanish', ['spanish', 'español', 'espanol', 'spanisch', 'espagnol', 'spaans', 'es', 'spa']],
  ['Italian', ['italian', 'italiano', 'italienisch', 'italien', 'italiaans', 'it', 'ita']],
  ['Portuguese', ['portuguese', 'português', 'portugues', 'portugais', 'pt', 'por']],
  ['Russian', ['russian', 'russisch', 'russe', 'ru', 'rus']],
  ['Arabic', ['arabic', 'arabisch', 'arabe', 'ar', 'ara']],
  ['Chinese', ['chinese', 'chinesisch', 'chinois', 'zh', 'chi', 'zho']],
  ['Japanese', ['japanese', 'japanisch', 'japonais', 'ja', 'jpn']],
];
const LANGUAGE_BY_NAME = new Map<string, string>();
for (const [name, spellings] of LANGUAGES) for (const s of spellings) LANGUAGE_BY_NAME.set(s, name);

/** "ENGLISH", "GERMAN; DEUTSCH", "Français", "Dutch / Nederlands", "EN" → the language's English name. */
export function languageName(raw: string): string | undefined {
  const first = raw.trim().split(/\s*[;,/|]\s*/)[0]?.trim();
  if (!first) return undefined;
  const known = LANGUAGE_BY_NAME.get(first.toLowerCase());
  if (known) return known;
  return first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
}

/** "355 words", "2,968 words", "543 mots", "382 Woerter", "295 mots", "942" → the number of words. */
export function wordCount(raw: string): number | undefined {
  const m = /^\s*(\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d+)(?=\s|$)/.exec(raw);
  if (!m) return undefined;
  const n = Number(m[1].replace(/[,.\u00a0 ]/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A length line standing alone: "184 words", "353 woorden", "876 mots", "382 Wörter". */
export const LENGTH_LINE = /^\d{1,3}(?:[,.]\d{3})*\d*\s+(?:words?|woorden|mots|w(?:ö|oe)rter|worte|palabras|parole)\s*$/i;

/** "By JANE DOE", "BY STEPHEN POLLARD", "Von Max Muster", "Par Jean Dupont" → the name(s). */
export function authorName(raw: string): string | undefined {
  const s = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:by|von|par|door)\s+/i, '')
    .trim();
  return s.length > 0 ? s : undefined;
}

/** White space runs become one space; the ends are trimmed. */
export function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/[\s\u00a0]+/g, ' ').trim();
  return t.length > 0 ? t : undefined;
}

/** Copyright and rights lines, which are never part of the coded text. */
export const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s|all rights reserved|alle rechte vorbehalten|tous droits réservés|alle rechten voorbehouden|rights reserved)/i;

/**
 * Joins the lines of one paragraph of a hard-wrapped text file: a line that ran to the wrap margin continues on the
 * next (joined with a space); a short line ends where it ends (a list, a table row, a signature).
 */
export function reflow(lines: string[]): string {
  let out = '';
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (i === 0) out = line;
    else out += (lines[i - 1].trimEnd().length >= 60 ? ' ' : '\n') + line;
  });
  return out;
}
